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

    /// `text` with every control character but `\n`, `\t` and the `\r` of a CRLF line end escaped.
    static func inert(_ text: String) -> String {
        // Every print passes here: ordinary text (C0 controls only as \n, \t or a CRLF's CR; no DEL; no C1, which
        // UTF-8 writes as 0xC2 0x80–0x9F) is returned as it is after one pass over its bytes, without a copy.
        var previous: UInt8 = 0, clean = true
        for byte in text.utf8 {
            if previous == 0x0D && byte != 0x0A { clean = false; break }
            if byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D { clean = false; break }
            if byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { clean = false; break }
            previous = byte
        }
        if clean && previous != 0x0D { return text }
        let scalars = Array(text.unicodeScalars)
        func kept(_ k: Int) -> Bool {
            // Line breaks and tabs stay; a CR stays only as the first half of a CRLF (CSV's line end): one inside
            // a line would overwrite it.
            scalars[k] == "\n" || scalars[k] == "\t" || (scalars[k] == "\r" && k + 1 < scalars.count && scalars[k + 1] == "\n")
        }
        guard scalars.indices.contains(where: { InertText.isControl(scalars[$0]) && !kept($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for k in scalars.indices {
            if InertText.isControl(scalars[k]) && !kept(k) {
                out.append(contentsOf: InertText.terminal(String(scalars[k])).unicodeScalars)
            } else {
                out.append(scalars[k])
            }
        }
        return String(out)
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
