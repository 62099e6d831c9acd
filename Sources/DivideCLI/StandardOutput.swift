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

    /// Queues `text`. Unless `trusted` (a brief rendered by the library, whose data text is already inert and whose
    /// only escapes are its own colours), control characters other than line breaks and tabs are shown escaped
    /// (``InertText/terminal(_:keepLineBreaks:)``): a title, a name or a code from a data or framework file can
    /// never drive the terminal, whichever command prints it.
    func write(_ text: String, trusted: Bool = false) {
        let text = trusted ? text : Self.inert(text)
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
        // Text that went through C's stdout instead (ArgumentParser's help command prints there): flushed and
        // checked too.
        if failure == nil, Self.flushCStandardOutput() != 0 { failure = errno == 0 ? EIO : errno }
        if let failure {
            throw DivideError(.unwritableOutput, at: SourceLocation(file: "standard output"),
                              found: "cannot write (\(OutputFile.describe(errno: failure)))",
                              hint: "the output is incomplete")
        }
    }

    /// Flushes C's output streams (stdout among them); non-zero when what they held could not be written.
    private static func flushCStandardOutput() -> Int32 {
        fflush(nil)   // every C output stream: EOF when a write fails
    }

    /// `text` with every control character but `\n` and `\t` escaped.
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && InertText.isControl($0) }) else {
            return text
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { InertText.terminal(String($0)) }
                .joined(separator: "\t")
        }.joined(separator: "\n")
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
