#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV tokenizer over bytes: the fast, allocation-free API for readers of large files.
///
/// The file is read in chunks (1 MiB by default), never whole. After ``nextRecord()`` returns `true`, the fields of
/// the current record are available as byte slices through ``field(_:)`` (valid until the next call), with
/// surrounding quotes removed and doubled quotes (`""`) collapsed. No `String` is made per field.
///
/// Grammar (RFC 4180, <https://www.rfc-editor.org/rfc/rfc4180>), with the leniencies publishers need:
/// - fields separated by `,`; records end with LF, CRLF or a lone CR; the last record may lack a line end;
/// - a field starting with `"` is quoted: it may hold `,`, line ends and `""` (one quote); characters between the
///   closing quote and the next separator are kept verbatim and flagged (``textAfterQuoteField``): RFC 4180
///   forbids them, and the readers reject such a record at its line and column;
/// - a `"` inside an unquoted field is an ordinary character;
/// - a UTF-8 byte order mark at the start of the file is skipped; blank lines (no bytes at all) are skipped.
///
/// Problems: a quoted field still open at the end of the file throws ``DivideError/Reason/unterminatedQuote`` at the
/// line where the quote opened. A record holding invalid UTF-8 is still returned, with ``invalidUTF8Field`` set to
/// the first bad field, so the reader can reject that record and go on. Ragged rows are detected by the reader by
/// comparing ``fieldCount`` with its header.
public final class CSVScanner {
    /// The file name used in error locations.
    public let fileName: String
    /// The 1-based physical line on which the current record starts.
    @exclusivity(unchecked) public private(set) var recordLine: Int = 0
    /// The number of fields in the current record.
    @exclusivity(unchecked) public private(set) var fieldCount: Int = 0
    /// The 1-based number of the first field of the current record holding invalid UTF-8, or `nil`.
    @exclusivity(unchecked) public private(set) var invalidUTF8Field: Int?
    /// The 1-based number of the first field of the current record with text after its closing quote
    /// (`"1"2`), or `nil`. The field keeps that text; readers reject the record (RFC 4180 forbids it, and `"1"2`
    /// must not be read as 1 or as 12 without a word).
    @exclusivity(unchecked) public private(set) var textAfterQuoteField: Int?
    /// Whether the file started with a UTF-8 byte order mark.
    @exclusivity(unchecked) public private(set) var hadByteOrderMark = false

    private let descriptor: Int32  // -1 for in-memory input
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var dataEnd = 0  // valid bytes are buffer[0..<dataEnd]
    @exclusivity(unchecked) private var position = 0  // start of the next record
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var nextLine = 1  // physical line at `position`
    @exclusivity(unchecked) private var started = false
    // Field bounds of the current record: starts[i] ..< ends[i] in `buffer`.
    @exclusivity(unchecked) private var starts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var fieldCapacity = 64

    /// Opens `path` for streaming. `name` is used in error messages (defaults to the path).
    public init(path: String, name: String? = nil, chunkSize: Int = 1 << 20) throws(DivideError) {
        fileName = name ?? path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let message = String(cString: strerror(errno))
            throw DivideError(
                .unreadableFile, at: SourceLocation(file: name ?? path), expected: "a readable file",
                found: message)
        }
        descriptor = fd
        capacity = max(chunkSize, 64)
        buffer = .allocate(capacity: capacity)
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
    }

    /// Scans bytes held in memory (small inputs and tests).
    public init(bytes: [UInt8], name: String) {
        fileName = name
        descriptor = -1
        capacity = max(bytes.count, 1)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.update(from: base, count: source.count) }
        }
        buffer = storage
        dataEnd = bytes.count
        atEOF = true
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
    }

    /// Scans the UTF-8 bytes of `text`.
    public convenience init(text: String, name: String) {
        self.init(bytes: Array(text.utf8), name: name)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    /// The bytes of field `index` (0-based) of the current record; empty when `index` is out of range.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: buffer + starts[index], count: ends[index] - starts[index])
    }

    /// Field `index` (0-based) decoded as a `String` (invalid UTF-8 is repaired); empty when out of range.
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// All fields of the current record as strings.
    public func strings() -> [String] {
        (0..<fieldCount).map { string($0) }
    }

    /// Whether the current record's field `index` equals `literal` byte for byte.
    @inline(__always)
    public func field(_ index: Int, equals literal: StaticString) -> Bool {
        let bytes = field(index)
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(bytes.baseAddress ?? UnsafePointer(literal.utf8Start), literal.utf8Start, bytes.count) == 0
    }

    /// Advances to the next record. Returns `false` at the end of the input.
    ///
    /// - Throws: ``DivideError`` `.unterminatedQuote` (located at the line where the quote opened) or
    ///   `.unreadableFile` on an I/O error.
    public func nextRecord() throws(DivideError) -> Bool {
        if !started {
            started = true
            try fill(keepingFrom: 0)
            if dataEnd >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                hadByteOrderMark = true
                position = 3
            }
        }
        while true {
            switch scanRecord() {
            case .record:
                return true
            case .blankLine:
                continue
            case .endOfInput:
                return false
            case .needMoreData:
                if atEOF {
                    // Only an open quote can leave a record incomplete at the end of the input.
                    throw DivideError(
                        .unterminatedQuote, at: SourceLocation(file: fileName, line: openQuoteLine),
                        expected: "a closing quote (\") for the field opened on this line",
                        found: "the end of the file",
                        hint: "a quote inside a quoted field must be doubled (\"\")")
                }
                try fill(keepingFrom: position)
            }
        }
    }

    /// Quoted fields with text after their closing quote, fixed up once the record is complete.
    @exclusivity(unchecked) private var tails: [(field: Int, closingQuote: Int)] = []

    private func removeClosingQuotesBeforeTails() {
        for (index, quote) in tails where index < fieldCount {
            let stop = ends[index]
            if stop - quote - 1 > 0 { memmove(buffer + quote, buffer + quote + 1, stop - quote - 1) }
            ends[index] = stop - 1
        }
    }

    private var simpleHighBits = false

    /// The fast path for a record without quotes that lies wholly in the buffer: eight bytes at a time, the
    /// positions of `,`, LF, CR and `"` come from an exact SWAR byte comparison. Returns the field count and
    /// advances `position`, or returns `nil` without changing anything (a quote, or the buffer ends first), and the
    /// general scanner takes over.
    @inline(__always)
    private func scanSimpleRecord(from start: Int) -> Int? {
        let buf = buffer
        let end = dataEnd
        var word = start
        var fieldStart = start
        var count = 0
        var high: UInt64 = 0
        while word + 8 <= end {
            let bytes = UnsafeRawPointer(buf + word).loadUnaligned(as: UInt64.self).littleEndian
            high |= bytes
            var hits = CSVScanner.equalBytes(bytes, 0x2C) | CSVScanner.equalBytes(bytes, 0x0A)
                | CSVScanner.equalBytes(bytes, 0x0D) | CSVScanner.equalBytes(bytes, 0x22)
            while hits != 0 {
                let at = word + (hits.trailingZeroBitCount >> 3)
                hits &= hits &- 1
                let byte = buf[at]
                if byte == 0x2C {
                    addField(fieldStart, at, &count)
                    fieldStart = at + 1
                    continue
                }
                if byte == 0x22 { return nil }
                // Line end: LF, CRLF or a lone CR. A CR as the buffer's last byte leaves CRLF undecided.
                if byte == 0x0D && at + 1 >= end { return nil }
                if at == start { return nil }  // blank line: the general path counts it
                addField(fieldStart, at, &count)
                position = (byte == 0x0D && buf[at + 1] == 0x0A) ? at + 2 : at + 1
                simpleHighBits = high & 0x8080_8080_8080_8080 != 0
                return count
            }
            word += 8
        }
        return nil
    }

    /// 0x80 in each byte of `word` equal to `byte`, exactly (no borrow between bytes).
    @inline(__always)
    package static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~(((v & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | v) & 0x8080_8080_8080_8080
    }

    private enum ScanResult { case record, blankLine, endOfInput, needMoreData }
    @exclusivity(unchecked) private var openQuoteLine = 0

    /// Moves the unconsumed bytes from `keep` to the start of the buffer and reads more, growing it if full.
    private func fill(keepingFrom keep: Int) throws(DivideError) {
        guard descriptor >= 0, !atEOF else { return }
        let remaining = dataEnd - keep
        if keep > 0 {
            if remaining > 0 { memmove(buffer, buffer + keep, remaining) }
            position -= keep
            dataEnd = remaining
        }
        if dataEnd == capacity {  // one record larger than the buffer: grow it
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: dataEnd)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while dataEnd < capacity {
            let count = read(descriptor, buffer + dataEnd, capacity - dataEnd)
            if count < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                throw DivideError(
                    .unreadableFile, at: SourceLocation(file: fileName), expected: "a readable file", found: message)
            }
            if count == 0 {
                atEOF = true
                break
            }
            dataEnd += count
        }
    }

    @inline(__always)
    private func addField(_ start: Int, _ end: Int, _ count: inout Int) {
        if count == fieldCapacity {
            let newCapacity = fieldCapacity * 2
            let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
            let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
            newStarts.update(from: starts, count: count)
            newEnds.update(from: ends, count: count)
            starts.deallocate()
            ends.deallocate()
            starts = newStarts
            ends = newEnds
            fieldCapacity = newCapacity
        }
        starts[count] = start
        ends[count] = end
        count += 1
    }

    /// Scans one record starting at `position`. Leaves state untouched when more data is needed, so the scan can be
    /// restarted after `fill`.
    private func scanRecord() -> ScanResult {
        let buf = buffer
        let end = dataEnd
        var p = position
        if p >= end { return atEOF ? .endOfInput : .needMoreData }
        // Blank line: skip it.
        if buf[p] == 0x0A {
            position = p + 1
            nextLine += 1
            return .blankLine
        }
        if buf[p] == 0x0D {
            if p + 1 >= end && !atEOF { return .needMoreData }
            position = (p + 1 < end && buf[p + 1] == 0x0A) ? p + 2 : p + 1
            nextLine += 1
            return .blankLine
        }
        if let fieldsFound = scanSimpleRecord(from: p) {
            fieldCount = fieldsFound
            recordLine = nextLine
            nextLine += 1
            invalidUTF8Field = nil
            textAfterQuoteField = nil
            if simpleHighBits { findInvalidUTF8() }
            return .record
        }
        var count = 0
        if !tails.isEmpty { tails.removeAll(keepingCapacity: true) }
        var extraLines = 0
        var highBits: UInt8 = 0
        var needsUnescape = false
        var unescapeMask: UInt64 = 0  // fields < 64 needing "" collapse; beyond that, checked by scanning
        while true {
            // Start of a field at p.
            if p < end && buf[p] == 0x22 {
                // Quoted field.
                openQuoteLine = nextLine + extraLines
                let contentStart = p + 1
                var q = contentStart
                var doubled = false
                var closed = -1
                while true {
                    if q >= end { return .needMoreData }
                    let byte = buf[q]
                    highBits |= byte
                    if byte == 0x22 {
                        if q + 1 >= end {
                            if !atEOF { return .needMoreData }
                            closed = q
                            q += 1
                            break
                        }
                        if buf[q + 1] == 0x22 {
                            doubled = true
                            q += 2
                            continue
                        }
                        closed = q
                        q += 1
                        break
                    }
                    if byte == 0x0A { extraLines += 1 }
                    q += 1
                }
                // Bytes after the closing quote up to the separator are kept (lenient).
                var tail = q
                while tail < end {
                    let byte = buf[tail]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    highBits |= byte
                    tail += 1
                }
                if tail >= end && !atEOF { return .needMoreData }
                if doubled {
                    needsUnescape = true
                    if count < 64 { unescapeMask |= (1 << UInt64(count)) }
                }
                if tail > q {
                    // Text after the closing quote: the field is content + tail, the quote removed at the end.
                    tails.append((field: count, closingQuote: closed))
                    closed = tail
                    q = tail
                }
                addField(contentStart, closed, &count)
                p = q
            } else {
                let fieldStart = p
                while p < end {
                    let byte = buf[p]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    highBits |= byte
                    p += 1
                }
                if p >= end && !atEOF { return .needMoreData }
                addField(fieldStart, p, &count)
            }
            // At a separator, a line end, or the end of the input.
            if p >= end {
                // End of input without a final line end.
                position = p
                break
            }
            let separator = buf[p]
            if separator == 0x2C {
                p += 1
                if p >= end {
                    if !atEOF { return .needMoreData }
                    addField(p, p, &count)  // trailing comma at EOF: one more empty field
                    position = p
                    break
                }
                continue
            }
            if separator == 0x0D {
                if p + 1 >= end && !atEOF { return .needMoreData }
                position = (p + 1 < end && buf[p + 1] == 0x0A) ? p + 2 : p + 1
            } else {
                position = p + 1
            }
            extraLines += 1
            break
        }
        recordLine = nextLine
        nextLine += extraLines
        fieldCount = count
        textAfterQuoteField = tails.first { $0.field < count }.map { $0.field + 1 }
        if !tails.isEmpty { removeClosingQuotesBeforeTails() }
        if needsUnescape { collapseDoubledQuotes(mask: unescapeMask) }
        invalidUTF8Field = nil
        if highBits & 0x80 != 0 { findInvalidUTF8() }
        return .record
    }

    /// Collapses `""` to `"` inside the quoted fields flagged in `mask` (and every field beyond 64), in place.
    private func collapseDoubledQuotes(mask: UInt64) {
        for index in 0..<fieldCount where index >= 64 || mask & (1 << UInt64(index)) != 0 {
            var read = starts[index]
            var write = read
            let stop = ends[index]
            while read < stop {
                let byte = buffer[read]
                buffer[write] = byte
                write += 1
                read += (byte == 0x22 && read + 1 < stop && buffer[read + 1] == 0x22) ? 2 : 1
            }
            ends[index] = write
        }
    }

    private func findInvalidUTF8() {
        for index in 0..<fieldCount where !UTF8Validation.isValid(field(index)) {
            invalidUTF8Field = index + 1
            return
        }
    }
}

extension CSVScanner {
    /// For a reader's fast path: the buffered bytes from the start of the next record to the end of the data read so
    /// far (`base[start..<end]`), and the physical line of that record; `nil` before the first ``nextRecord()``.
    ///
    /// A reader may parse complete, simple records (unquoted, ASCII, one physical line each, ending with LF or CRLF)
    /// straight from these bytes and then commit them with ``consumeLines(to:count:)``; anything else, and a record
    /// that runs past `end`, it leaves to ``nextRecord()``, which starts at the first uncommitted record.
    @inline(__always)
    public func bufferedRecords() -> (base: UnsafePointer<UInt8>, start: Int, end: Int, line: Int)? {
        guard started else { return nil }
        return (UnsafePointer(buffer), position, dataEnd, nextLine)
    }

    /// Commits `count` records, of one physical line each, that a fast path parsed from ``bufferedRecords()``:
    /// the next record starts at `position` (the byte after the last one's line end).
    @inline(__always)
    public func consumeLines(to newPosition: Int, count: Int) {
        position = newPosition
        nextLine += count
    }
}
