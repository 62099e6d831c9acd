import ArgumentParser
import DigitalDivide
import Foundation

/// The output format of a command (`--format`).
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, csv, json
}

extension DataFormat: ExpressibleByArgument {}

/// A table of strings rendered as aligned text, a Markdown table or RFC 4180 CSV.
struct Table: Equatable {
    var header: [String]
    var rows: [[String]]
    /// Columns holding numbers: right-aligned in text, never neutralised in CSV.
    var numeric: Set<Int> = []

    /// Columns separated by two spaces, each padded to its widest cell (numbers right-aligned, text left-aligned),
    /// trailing spaces removed.
    func text() -> String {
        // Data text is inert on a terminal: control characters are shown escaped, before widths are measured.
        let header = self.header.map { InertText.terminal($0) }
        let rows = self.rows.map { $0.map { InertText.terminal($0) } }
        var widths = header.map(\.count)
        for row in rows {
            for (c, cell) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, (c < widths.count ? widths[c] : 0) - cell.count))
                parts.append(numeric.contains(c) ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(header) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// A GitHub-flavoured Markdown table; cells are escaped by ``InertText/markdown(_:)`` (`|`, HTML-significant
    /// `<`, `>`, `&`, and the other markup characters; control characters shown escaped).
    func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(InertText.markdown).joined(separator: " | ") + " |"
        }
        var out = line(header) + "\n"
        out += "|" + header.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// RFC 4180 CSV (CRLF line ends; fields quoted when they hold `,`, `"`, CR or LF). Text cells starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` so that spreadsheets do not run them as
    /// formulas (OWASP, "CSV Injection"); numeric columns are left alone.
    func csv() -> String {
        var out = header.map { CSVField.escape(CSVField.neutralise($0)) }.joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.enumerated().map { c, cell in
                CSVField.escape(numeric.contains(c) ? cell : CSVField.neutralise(cell))
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}

/// The CLI's name for the library's spreadsheet-safe CSV cells (one implementation for every CSV the tool writes).
enum CSVField {
    /// Prefixes `'` to text a spreadsheet would take for a formula.
    static func neutralise(_ text: String) -> String { SpreadsheetCSV.neutralise(text) }

    /// Quotes a field when RFC 4180 requires it, doubling inner quotes.
    static func escape(_ text: String) -> String { SpreadsheetCSV.escape(text) }
}

enum JSON {
    /// Pretty-printed JSON with sorted keys (stable output), ending in a newline.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A number as its shortest round-tripping decimal (`96.5`, `1e-05`), as Swift prints a `Double`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
