/// Helpers every reader shares: record checks, value and year parsing with located errors.
package enum ReaderSupport {
    /// Rejects the current record when it holds invalid UTF-8 or its field count differs from `expected`.
    /// `allowTrailingEmpty` accepts one field more or fewer when that field is empty (World Bank rows end with `,`).
    /// Returns whether the record may be used.
    @inline(__always)
    package static func checkRecord<Sink: ObservationSink>(
        _ scanner: CSVScanner, expected: Int, allowTrailingEmpty: Bool = false, into sink: Sink
    ) -> Bool {
        if let column = scanner.invalidUTF8Field {
            sink.reject(
                DivideError(
                    .invalidUTF8, at: sink.location(line: scanner.recordLine, column: column),
                    expected: "UTF-8 text", found: DivideError.quote(bytes: scanner.field(column - 1)),
                    hint: "re-save the file as UTF-8"))
            return false
        }
        if let column = scanner.textAfterQuoteField {
            sink.reject(
                DivideError(
                    .malformedQuote, at: sink.location(line: scanner.recordLine, column: column),
                    expected: "a separator (,) or the end of the line after a closing quote",
                    found: DivideError.quote(bytes: scanner.field(column - 1)),
                    hint: "quote the whole field, with any quote inside it doubled (\"\")"))
            return false
        }
        let count = scanner.fieldCount
        if count == expected { return true }
        if allowTrailingEmpty {
            if count == expected + 1 && scanner.field(count - 1).isEmpty { return true }
            if count == expected - 1 { return true }
        }
        let column = min(count, expected) + 1
        sink.reject(
            DivideError(
                .raggedRow, at: SourceLocation(file: sink.fileName, line: scanner.recordLine, column: column),
                expected: "\(expected) fields as in the header", found: "\(count) fields"))
        return false
    }

    /// Parses field `index` (0-based) as a value: a number goes to `body`; a missing marker is counted; anything
    /// else is rejected as non-numeric at the field's location.
    @inline(__always)
    package static func value<Sink: ObservationSink>(
        _ scanner: CSVScanner, field index: Int, into sink: Sink, _ body: (Double) -> Void
    ) {
        let bytes = scanner.field(index)
        switch DecimalParser.parse(bytes) {
        case .number(let value):
            body(value)
        case .invalid:
            if let marker = MissingMarker.match(bytes) {
                sink.missing(marker)
            } else {
                sink.reject(
                    DivideError(
                        .nonNumericValue, at: sink.location(line: scanner.recordLine, column: index + 1),
                        expected: "a number", found: DivideError.quote(bytes: bytes),
                        hint: "missing values may be written as empty, .., NA, n/a, - or …"))
            }
        case .overflow:
            sink.reject(
                DivideError(
                    .nonNumericValue, at: sink.location(line: scanner.recordLine, column: index + 1),
                    expected: "a finite number", found: DivideError.quote(bytes: bytes)))
        case .underflow:
            sink.reject(
                DivideError(
                    .nonNumericValue, at: sink.location(line: scanner.recordLine, column: index + 1),
                    expected: "a number a Double can hold (non-zero values of at least 4.9e-324 in size)",
                    found: DivideError.quote(bytes: bytes) + ", which would be read as 0"))
        }
    }

    /// Parses a year: digits, optionally followed by `.0…` (as pandas writes integer columns holding NaN).
    @inline(__always)
    package static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end, end - start <= 12 else { return nil }
        var year = 0
        var p = start
        var negative = false
        if bytes[p] == 0x2D {
            negative = true
            p += 1
        }
        let digitsStart = p
        while p < end {
            let d = bytes[p] &- 0x30
            if d > 9 { break }
            year = year * 10 + Int(d)
            p += 1
        }
        guard p > digitsStart else { return nil }
        if p < end && bytes[p] == 0x2E {
            p += 1
            while p < end && bytes[p] == 0x30 { p += 1 }
        }
        guard p == end else { return nil }
        return negative ? -year : year
    }

    /// Rejects field `index` as a malformed year.
    package static func rejectYear<Sink: ObservationSink>(_ scanner: CSVScanner, field index: Int, into sink: Sink) {
        sink.reject(
            DivideError(
                .yearOutOfRange, at: sink.location(line: scanner.recordLine, column: index + 1),
                expected: "a year (an integer such as 2023)",
                found: DivideError.quote(bytes: scanner.field(index))))
    }

    /// Header names normalised for matching: trimmed, lower-cased, spaces and hyphens as underscores.
    package static func normalised(_ name: String) -> String {
        String(name.trimmingSpaces().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The 0-based index of the first header field whose normalised name is one of `aliases` (in alias order).
    package static func column(_ header: [String], _ aliases: [String]) -> Int? {
        column(normalisedNames: header.map(normalised), aliases)
    }

    /// As ``column(_:_:)`` on a header already normalised (to look up several alias lists at one cost).
    package static func column(normalisedNames names: [String], _ aliases: [String]) -> Int? {
        for alias in aliases {
            if let index = names.firstIndex(of: alias) { return index }
        }
        return nil
    }

    /// Throws a located `missingColumn` error.
    package static func missingColumn(_ name: String, file: String, line: Int, header: [String]) -> DivideError {
        DivideError(
            .missingColumn, at: SourceLocation(file: file, line: line), expected: "a column \(name)",
            found: "header " + header.map { DivideError.quote($0) }.joined(separator: ","))
    }
}

extension ReaderSupport {
    /// Whether a value that is neither a number nor a missing marker is *text* (a label, a category, a note such as
    /// "Data pending" or "3/7") rather than a malformed number: it holds a byte other than digits, spaces, signs,
    /// `.`, `,`, `;`, `e`/`E` and `%`. Malformed numbers (`12,3`, `1.2.3`) are not text and stay located rejections.
    package static func isText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            switch b {
            case 0x30...0x39, 0x20, 0x2B, 0x2D, 0x2E, 0x2C, 0x3B, 0x65, 0x45, 0x25: continue
            default: return true
            }
        }
        return false
    }

    /// Like ``value(_:field:into:_:)``, but a value that ``isText(_:)`` goes to `text` instead of being rejected
    /// (for readers that set text series or columns aside, or decide at the end of the file).
    @inline(__always)
    package static func value<Sink: ObservationSink>(
        _ scanner: CSVScanner, field index: Int, into sink: Sink, text: (UnsafeBufferPointer<UInt8>) -> Void,
        _ body: (Double) -> Void
    ) {
        let bytes = scanner.field(index)
        if case .invalid = DecimalParser.parse(bytes), MissingMarker.match(bytes) == nil, isText(bytes) {
            text(bytes)
            return
        }
        value(scanner, field: index, into: sink, body)
    }
}

/// Text values met per series or column (by a small integer key), decided at the end of the file: a series or column
/// with text and *no* number is not numeric data (a label column, a categorical or policy series) and is set aside
/// as one class, counted, with its first location; text in a series that also has numbers is rejected, the first
/// ``LoadOptions/maxListedPerReason`` with their locations and the rest counted.
package struct TextValues {
    private struct Entry {
        var numbers = 0
        var texts = 0
        var first: (location: SourceLocation, text: String)?
        var errors: [DivideError] = []
    }

    private var entries: [Entry] = []
    private let keep: Int

    package init(keep: Int) { self.keep = keep }

    private mutating func grow(_ key: Int) {
        if key >= entries.count { entries.append(contentsOf: repeatElement(Entry(), count: key + 1 - entries.count)) }
    }

    /// Counts a number of `key`.
    @inline(__always)
    package mutating func number(_ key: Int) {
        if key >= entries.count { grow(key) }
        entries[key].numbers &+= 1
    }

    /// Records a text value of `key` at `location`.
    package mutating func text(_ key: Int, _ bytes: UnsafeBufferPointer<UInt8>, at location: SourceLocation) {
        grow(key)
        entries[key].texts += 1
        let text = String(decoding: bytes, as: UTF8.self)
        if entries[key].first == nil { entries[key].first = (location, text) }
        if entries[key].errors.count < keep {
            entries[key].errors.append(
                DivideError(
                    .nonNumericValue, at: location, expected: "a number", found: DivideError.quote(text),
                    hint: "missing values may be written as empty, .., NA, n/a, - or …"))
        }
    }

    /// Sets aside the all-text keys under `kind` (the example names the key with `label`) and rejects the text of
    /// the mixed ones.
    package func finish<Sink: ObservationSink>(into sink: Sink, kind: String, label: (Int) -> String) {
        for (key, entry) in entries.enumerated() where entry.texts > 0 {
            if entry.numbers == 0, let first = entry.first {
                sink.setAside(kind, count: entry.texts, at: first.location, text: label(key) + ": " + first.text)
            } else {
                for error in entry.errors { sink.reject(error) }
                sink.rejectMore(.nonNumericValue, count: entry.texts - entry.errors.count)
            }
        }
    }
}
