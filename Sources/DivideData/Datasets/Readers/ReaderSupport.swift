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
