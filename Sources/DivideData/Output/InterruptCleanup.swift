#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Removes the temporary files of writes in progress when the process is interrupted (SIGINT, SIGTERM, SIGHUP), so
/// that Ctrl-C during `--output` leaves the old file and nothing beside it; then the signal takes its default
/// course (the exit status still says the process was interrupted). SIGKILL cannot be caught: then at most one
/// `.partial` file is left, as documented.
///
/// The handler only calls `unlink`, `signal` and `raise` (async-signal-safe) on paths registered in a fixed table.
package enum InterruptCleanup {
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    /// Registers `path` for removal on interruption; returns the slot to ``unregister(_:)`` (nil when the table is
    /// full: the file is then only left behind on interruption, as without this).
    package static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            installed = true
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                signal(sig) { sig in
                    for k in 0..<InterruptCleanup.capacity {
                        if let path = InterruptCleanup.slots[k] { unlink(path) }
                    }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
            }
        }
        for k in 0..<capacity where slots[k] == nil {
            slots[k] = strdup(path)
            return k
        }
        return nil
    }

    /// The write at `slot` is over (committed or abandoned): its path is no longer removed on interruption.
    package static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let path = slots[slot]
        slots[slot] = nil
        free(path)
    }
}
