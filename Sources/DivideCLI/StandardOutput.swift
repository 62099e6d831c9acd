import DigitalDivide
import Foundation

/// Everything the commands print goes through here rather than through C's `stdout`, so that output lost on the way
/// (a full disk, `> /dev/full`, a file-size limit) is noticed: the first failed write is kept and
/// ``StandardOutput/finish()`` turns it into an error when the command ends (exit 1, not 0).
final class StandardOutput: @unchecked Sendable {
    static let shared = StandardOutput()
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var failure: Int32?

    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flushLocked() }
    }

    /// Writes what is held; throws if any output was lost.
    func finish() throws(DivideError) {
        lock.lock()
        defer { lock.unlock() }
        flushLocked()
        if let failure {
            throw DivideError(.unwritableOutput, at: SourceLocation(file: "standard output"),
                              found: "cannot write (\(OutputFile.describe(errno: failure)))",
                              hint: "the output is incomplete")
        }
    }

    private func flushLocked() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += n
        }
    }
}

/// The commands' `print`: standard output through ``StandardOutput`` (shadows the standard library's within this
/// module).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.shared.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// `print(…, to: &stream)` as in the standard library.
func print<Target: TextOutputStream>(_ items: Any..., separator: String = " ", terminator: String = "\n",
                                     to output: inout Target) {
    output.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
