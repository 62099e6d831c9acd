/// Where in an input file a problem was found.
///
/// `line` is the 1-based physical line on which the record starts (a quoted field may span several lines);
/// `column` is the 1-based field number within the record, and `columnName` the header name of that field.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (path or bare name).
    public var file: String
    /// 1-based physical line where the record starts; `nil` for problems about the whole file.
    public var line: Int?
    /// 1-based field number within the record.
    public var column: Int?
    /// The header name of that field, when the file has a header.
    public var columnName: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `file:line:column (columnName)`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let columnName { text += " (\(columnName))" }
        return text
    }
}

/// The one typed error of the DigitalDivide library.
///
/// Every problem with user input names where it was found, what was expected and what was found, and when possible
/// how to fix it: `data.csv:1234:3 (value): expected a number, found "n/a"`.
public struct DivideError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. Load reports count problems by reason.
    public enum Reason: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The file could not be opened or read.
        case unreadableFile
        /// The format of a file could not be recognised from its header.
        case unknownFormat
        /// The format is known but this library has no reader for it yet.
        case unsupportedFormat
        /// A required column is absent from the header.
        case missingColumn
        /// A value is neither a number nor a recognised missing marker.
        case nonNumericValue
        /// A year is not an integer or lies outside the accepted range.
        case yearOutOfRange
        /// A unit (country) name or code is not known to the resolver.
        case unknownUnit
        /// A record has more or fewer fields than the header.
        case raggedRow
        /// A quoted field is not closed before the end of the file.
        case unterminatedQuote
        /// A quoted field has text after its closing quote (`"1"2`).
        case malformedQuote
        /// A field holds bytes that are not valid UTF-8.
        case invalidUTF8
        /// Two sources give different values for the same unit, indicator and year.
        case conflictingValue
        /// A percentage share lies outside 0–100.
        case shareOutOfRange
        /// A required field (unit, indicator) is empty.
        case emptyField
        /// A flag column (e.g. a tidy file's `estimate`) holds something other than 1/0, true/false, yes/no.
        case invalidFlag
        /// An input is too large for the library's limits (e.g. more than 2³² − 1 rows in total).
        case limitExceeded
        /// A request to the library itself was invalid (e.g. an unknown unit in a query).
        case invalidArgument
        /// An output file could not be written (the destination is left as it was).
        case unwritableOutput
        /// An entry appears twice where it must be unique (a member listed twice in one group of a group file).
        case duplicateEntry
        /// A field holds a category its format does not define (an income group other than the World Bank's four).
        case unknownCategory

        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What kind of problem this is.
    public var reason: Reason
    /// Where it was found; `nil` when it is not about an input file.
    public var location: SourceLocation?
    /// What was expected, e.g. "a number".
    public var expected: String?
    /// What was found, quoted as in the file when it is file content.
    public var found: String?
    /// How to fix it, e.g. "did you mean Korea, Rep.?".
    public var hint: String?

    public init(
        _ reason: Reason, at location: SourceLocation? = nil, expected: String? = nil, found: String? = nil,
        hint: String? = nil
    ) {
        self.reason = reason
        self.location = location
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    /// `location: expected X, found Y (hint)`, e.g. `data.csv:1234:3 (value): expected a number, found "n/a"`.
    public var description: String {
        var parts: [String] = []
        if let expected { parts.append("expected \(expected)") }
        if let found { parts.append("found \(found)") }
        var text = parts.isEmpty ? reason.rawValue : parts.joined(separator: ", ")
        // An output that could not be written says what failed in plain words ("cannot write it (the disk is full)").
        if reason == .unwritableOutput, expected == nil, let found { text = found }
        if let location { text = "\(location): " + text }
        if let hint { text += "; \(hint)" }
        return text
    }

    /// Quotes file content for a message, truncated to 60 characters, with control characters escaped.
    public static func quote(_ text: String) -> String {
        var clipped = text.count > 60 ? String(text.prefix(57)) + "..." : text
        clipped = clipped.replacingOccurrencesOfControlCharacters()
        return "\"\(clipped)\""
    }

    /// Quotes raw bytes for a message (invalid UTF-8 is shown with replacement characters).
    package static func quote(bytes: UnsafeBufferPointer<UInt8>) -> String {
        quote(String(decoding: bytes, as: UTF8.self))
    }
}

extension String {
    /// Control characters shown escaped (``InertText/terminal(_:keepLineBreaks:)``) and `"` as `\"`.
    fileprivate func replacingOccurrencesOfControlCharacters() -> String {
        InertText.terminal(self).replacingOccurrences(of: "\"", with: "\\\"")
    }
}
