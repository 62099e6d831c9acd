/// One CSV record as strings, with the physical line on which it starts.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts.
    public var line: Int
    /// The fields, unquoted.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

extension CSVScanner {
    /// The convenient API for small files: the next record as `[String]`, or `nil` at the end of the input.
    /// Text after a closing quote is kept here (``textAfterQuoteField`` says where); the data readers reject it.
    ///
    /// - Throws: ``DivideError`` `.invalidUTF8` (located at the record's line and the bad field), and the errors of
    ///   ``nextRecord()``.
    public func nextStrings() throws(DivideError) -> CSVRecord? {
        guard try nextRecord() else { return nil }
        if let column = invalidUTF8Field {
            throw DivideError(
                .invalidUTF8, at: SourceLocation(file: fileName, line: recordLine, column: column),
                expected: "UTF-8 text", found: DivideError.quote(bytes: field(column - 1)),
                hint: "re-save the file as UTF-8")
        }
        return CSVRecord(line: recordLine, fields: strings())
    }

    /// Reads every remaining record as strings (small files only).
    public func readAllStrings() throws(DivideError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try nextStrings() { records.append(record) }
        return records
    }
}
