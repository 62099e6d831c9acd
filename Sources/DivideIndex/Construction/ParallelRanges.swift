import DivideData
import Foundation

/// Splits `0..<count` into at most `threads` contiguous ranges and runs `body` on each, on separate threads
/// when `threads > 1`. Every item is handled by exactly one call, and which thread handles it does not change
/// what is computed, so results are the same on any thread count.
package enum ParallelRanges {
    package static func run(_ count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = max(1, min(threads, count))
        guard parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body((count * part / parts)..<(count * (part + 1) / parts))
        }
    }
}

/// A pointer handed to the workers of ``ParallelRanges``; each worker writes a disjoint part of the buffer.
package struct SharedPointer<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>
    package init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
