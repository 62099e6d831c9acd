#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one way the library reads a whole input that is not a data file (a framework, a group file, a saved brief):
/// a regular file or a pipe/FIFO (read once, as a stream), never a folder, a device or a socket; at most
/// ``maxBytes``; text must be UTF-8, and UTF-16 or binary is named as such. Every failure is a ``DivideError``
/// naming the path and the reason in plain words.
package enum InputFile {
    /// The largest input read whole: 64 MiB (a framework file has its own, smaller limit).
    package static let maxBytes = 64 << 20

    /// The bytes of the file or pipe at `path`; `what` names the expected content in messages ("a framework file").
    package static func bytes(_ path: String, what: String) throws(DivideError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: what, found: reason)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            guard Int(status.st_size) <= maxBytes else {
                throw DivideError(.limitExceeded, at: SourceLocation(file: path),
                                  expected: "\(what) of at most \(maxBytes >> 20) MiB",
                                  found: "\(Int(status.st_size) >> 20) MiB")
            }
        case S_IFIFO:
            break
        case let kind:
            let found = kind == S_IFDIR ? "a folder" : kind == S_IFSOCK ? "a socket" : "a device"
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "\(what), a pipe or a FIFO",
                              found: found)
        }
        return try readAll(path, limit: maxBytes, what: "a readable \(what)",
                           tooLarge: "\(what) of at most \(maxBytes >> 20) MiB", hint: nil)
    }

    /// The whole of what `path` holds, read to its end in 64 KiB chunks (regular file, pipe or FIFO alike), at
    /// most `limit` bytes. The one reading loop of the library's whole-input reads.
    package static func readAll(_ path: String, limit: Int, what: String, tooLarge: String,
                                hint: String?) throws(DivideError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: what,
                              found: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: what,
                                  found: String(cString: strerror(errno)))
            }
            guard bytes.count + n <= limit else {
                throw DivideError(.limitExceeded, at: SourceLocation(file: path), expected: tooLarge, found: "more",
                                  hint: hint)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The UTF-8 text of the file or pipe at `path` (a UTF-8 byte-order mark dropped).
    package static func text(_ path: String, what: String) throws(DivideError) -> String {
        var bytes = try Self.bytes(path, what: what)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let encoding = wrongEncoding(bytes) {
            throw DivideError(.invalidUTF8, at: SourceLocation(file: path, line: 1),
                              expected: "UTF-8 text", found: encoding, hint: "save the file as UTF-8")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DivideError(.invalidUTF8, at: SourceLocation(file: path), expected: "UTF-8 text",
                              found: "bytes that are not UTF-8", hint: "save the file as UTF-8")
        }
        return text
    }

    /// The first bytes (up to 512) of the regular file at `path`; `nil` for anything else or when unreadable.
    package static func head(_ path: String) -> [UInt8]? {
        readRange(path) { _ in 0..<512 }
    }

    /// The last `count` bytes (or fewer) of the regular file at `path`; `nil` when it cannot be read.
    package static func tail(_ path: String, count: Int) -> [UInt8]? {
        readRange(path) { size in max(0, size - count)..<size }
    }

    /// The bytes in `range(fileSize)` of the regular file at `path` (fewer at its end); `nil` when it cannot be read
    /// or none are there.
    private static func readRange(_ path: String, _ range: (Int) -> Range<Int>) -> [UInt8]? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let wanted = range(Int(status.st_size))
        guard !wanted.isEmpty, lseek(fd, off_t(wanted.lowerBound), SEEK_SET) >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: wanted.count)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            guard n > 0 else { break }
            filled += n
        }
        return filled > 0 ? Array(bytes[0..<filled]) : nil
    }

    /// What a file that no reader recognised looks like, from its first bytes, with the way to read it: an Excel
    /// workbook or another ZIP archive, a legacy .xls, UTF-16 text, an HTML page (a portal's error or login page
    /// saved instead of the data), JSON (an API response), XML (SDMX-ML), a PDF, or binary data; `nil` when it
    /// looks like ordinary text.
    package static func looksLike(_ bytes: some Collection<UInt8>) -> (what: String, hint: String)? {
        let head = Array(bytes.prefix(512))
        let formats = "--input-format with one of " + DataFormat.allCases.map(\.rawValue).joined(separator: ", ")
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return ("a ZIP archive that is not an Excel workbook (a zipped download?)",
                    "unzip it and read the CSV or workbook inside; if it is a workbook renamed, name it .xlsx")
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return ("a legacy Excel (.xls) or other OLE2 file that is not a readable workbook",
                    "open it in a spreadsheet program and save it again as .xlsx or CSV")
        }
        if head.starts(with: Array("%PDF".utf8)) {
            return ("a PDF document", "download the data as CSV or Excel instead")
        }
        if let encoding = wrongEncoding(head) {
            if encoding.hasPrefix("UTF-16") {
                return (encoding, "save it as UTF-8 CSV (Excel: Save As, \"CSV UTF-8\"), then read it; " + formats)
            }
            return (encoding, "read a CSV or Excel file; " + formats)
        }
        var text = head
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        let start = String(decoding: text.prefix(200), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.contains("<head>")
            || start.contains("<body") {
            return ("an HTML page (a portal's error or login page saved instead of the data?)",
                    "download the file again, choosing CSV or Excel")
        }
        if start.hasPrefix("<?xml") || start.hasPrefix("<message:") || start.hasPrefix("<structure") {
            return ("XML (SDMX-ML or another XML document), not CSV",
                    "download the data as SDMX-CSV (format=csvfilewithlabels) instead")
        }
        if start.hasPrefix("{") || start.hasPrefix("[{") || start.hasPrefix("[\n") || start.hasPrefix("[ {") {
            return ("JSON (an API response?), not CSV", "download the data as CSV instead")
        }
        return nil
    }

    /// What a file that is not UTF-8 text looks like, from its first bytes: "UTF-16 text (little-endian)",
    /// "UTF-16 text (big-endian)", "an Excel workbook or another ZIP archive", "binary data"; `nil` for text.
    package static func wrongEncoding(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(512))
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16 text (little-endian)" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16 text (big-endian)" }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "an Excel workbook or another ZIP archive" }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "a legacy Excel (.xls) or other OLE2 file" }
        guard head.contains(0) else { return nil }
        // Without a byte-order mark: ASCII text in UTF-16 has a zero in every other byte.
        let even = stride(from: 0, to: head.count, by: 2).count { head[$0] == 0 }
        let odd = stride(from: 1, to: head.count, by: 2).count { head[$0] == 0 }
        let half = head.count / 2
        if odd * 10 >= half * 8 { return "UTF-16 text (little-endian)" }
        if even * 10 >= half * 8 { return "UTF-16 text (big-endian)" }
        return "binary data"
    }
}
