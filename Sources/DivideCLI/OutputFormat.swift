import ArgumentParser
import DigitalDivide
import Foundation

/// The output format of a command (`--format`).
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, csv, json
}

extension DataFormat: ExpressibleByArgument {}

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
