import ArgumentParser
import DigitalDivide
import Foundation

/// The formats a brief renders to (`--format`).
enum BriefFormat: String, CaseIterable, ExpressibleByArgument, InferableFormat {
    case text, markdown, csv, json, html

    /// The usual file extension.
    var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .html: "html"
        }
    }

    /// Renders `brief`; `width` and `colour` only matter for text.
    func render(_ brief: Brief, width: Int = 100, colour: Bool = false) throws -> String {
        switch self {
        case .text: brief.text(width: width, colour: colour)
        case .markdown: brief.markdown()
        case .csv: brief.csv()
        case .json: try brief.json()
        case .html: brief.html()
        }
    }
}

/// What the terminal allows: colour and width.
enum Terminal {
    /// Colour only when standard output is a terminal and `NO_COLOR` is unset or empty (https://no-color.org).
    static func useColour(environment: [String: String] = ProcessInfo.processInfo.environment,
                          isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The text width: `COLUMNS` or the terminal's width when writing to a terminal, capped at 100; 100 otherwise.
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment,
                      isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Int {
        guard isTerminal else { return 100 }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return min(100, max(60, columns)) }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return min(100, max(60, Int(size.ws_col)))
        }
        return 100
    }
}

/// Writes `text` to `path` through the library's ``OutputFile`` (complete or not at all; parent folders created),
/// or to standard output when `path` is `nil` (errors there are caught when the command ends: `Divide.main`).
func writeOutput(_ text: String, to path: String?, trusted: Bool = false) throws {
    guard let path else {
        // Data text reaches a terminal inert unless the renderer already made it so (`trusted`: the briefs).
        StandardOutput.shared.write(text, trusted: trusted)
        return
    }
    try OutputFile.write(text, to: path)
}
