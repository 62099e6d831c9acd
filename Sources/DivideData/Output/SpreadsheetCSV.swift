/// RFC 4180 CSV cells that spreadsheets open safely.
///
/// Text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` so that a spreadsheet
/// does not run them as formulas (OWASP, "CSV Injection"); numbers are written as numbers and never prefixed.
public enum SpreadsheetCSV {
    /// A CSV cell: text (neutralised) or a number (written as is).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        /// An empty cell (a missing value).
        case empty
    }

    /// Prefixes `'` to text a spreadsheet would take for a formula.
    public static func neutralise(_ text: String) -> String {
        looksLikeFormula(text) ? "'" + text : text
    }

    /// True when a spreadsheet would take `text`, typed into a cell, for a formula: it starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return.
    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// Quotes a field when RFC 4180 requires it (`,`, `"`, CR or LF), doubling inner quotes.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One field: text neutralised then quoted; numbers as their shortest round-tripping decimal.
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): escape(neutralise(text))
        case .number(let value): value.isFinite ? shortest(value) : ""
        case .integer(let value): String(value)
        case .empty: ""
        }
    }

    /// One record ending in CRLF.
    public static func record(_ cells: [Cell]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// `96.5`, `3`, `1e-05`: the shortest decimal that reads back as the same `Double`.
    package static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
