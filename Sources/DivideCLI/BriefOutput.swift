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

/// `--format` of `brief` and `render-brief`: the text renderings of ``BriefFormat`` and two files, an Excel workbook
/// (``Brief/workbook()``) and a PDF printed from the HTML by headless Chromium (``ChromiumPrinter``).
enum BriefOutputFormat: String, CaseIterable, ExpressibleByArgument, InferableFormat {
    case text, markdown, csv, json, html, xlsx, pdf

    /// The text rendering; nil for the workbook and the PDF.
    var rendering: BriefFormat? { BriefFormat(rawValue: rawValue) }

    /// The usual file extension.
    var fileExtension: String { rendering?.fileExtension ?? rawValue }

    /// The brief as the bytes of a file: the workbook, the PDF of the HTML (`printer` required), or the text
    /// rendering in UTF-8.
    func bytes(_ brief: Brief, printer: ChromiumPrinter?) throws -> [UInt8] {
        switch self {
        case .xlsx: return [UInt8](try brief.workbook().data())
        case .pdf: return try (printer ?? ChromiumPrinter.locate()).pdf(html: brief.html())
        default: return Array(try (rendering ?? .text).render(brief).utf8)
        }
    }

    /// Writes `brief` to `output` (complete or not at all), or text to standard output (coloured and fitted to
    /// the terminal there). ``InferableFormat/resolve(_:output:default:)`` has refused a file format without
    /// `output`.
    func write(_ brief: Brief, to output: String?, printer: ChromiumPrinter?) throws {
        if let rendering {
            let toTerminal = output == nil
            let text = try rendering.render(brief, width: toTerminal ? Terminal.width() : 100,
                                            colour: toTerminal && Terminal.useColour())
            try writeOutput(text, to: output, trusted: true)
            return
        }
        guard let output else { throw binaryToStandardOutput(rawValue) }
        try OutputFile.write(bytes: try bytes(brief, printer: printer), to: output)
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
