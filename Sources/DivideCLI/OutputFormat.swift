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

/// A command's `--format` choices, which `--output`'s file extension selects when `--format` is absent.
protocol InferableFormat: RawRepresentable<String>, CaseIterable, ExpressibleByArgument {}

extension InferableFormat {
    /// The format the extension of `path` names (`.csv`, `.json`, `.md`/`.markdown`, `.html`/`.htm`, `.txt`,
    /// `.xlsx`, `.pdf`), if any.
    static func named(byExtensionOf path: String) -> String? {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return ["csv": "csv", "json": "json", "md": "markdown", "markdown": "markdown", "html": "html", "htm": "html",
                "txt": "text", "text": "text", "xlsx": "xlsx", "pdf": "pdf"][ext]
    }

    /// `--format` when given; else the format the output's extension names; else `fallback`. An extension that
    /// names a format the command cannot write is a usage error (it would write, say, text into x.html), and so is
    /// a binary format (xlsx, pdf) without `--output`: it is never sent to a terminal or a pipe.
    static func resolve(_ explicit: Self?, output: String?, default fallback: Self) throws -> Self {
        var format = explicit ?? fallback
        if explicit == nil, let output, let name = named(byExtensionOf: output) {
            guard let named = Self(rawValue: name) else {
                throw ValidationError("cannot write \(name) (\(output)); --format takes "
                                      + allCases.map(\.rawValue).joined(separator: ", "))
            }
            format = named
        }
        if output == nil, binaryFormats.contains(format.rawValue) { throw binaryToStandardOutput(format.rawValue) }
        return format
    }
}

/// The usage error of a binary format (xlsx, pdf) asked for without `--output`.
func binaryToStandardOutput(_ format: String) -> ValidationError {
    ValidationError("--format \(format) writes a binary file, which is not sent to standard output: give "
                    + "--output FILE.\(format)")
}

/// The formats that are files rather than text (never written to standard output).
let binaryFormats: Set<String> = ["xlsx", "pdf"]

extension OutputFormat: InferableFormat {}
