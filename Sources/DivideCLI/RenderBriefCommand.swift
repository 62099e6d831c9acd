import ArgumentParser
import DigitalDivide
import Foundation

/// `divide render-brief`: renders a brief saved as JSON (`--format json`) into another format.
struct RenderBriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-brief",
        abstract: "Render a brief saved as JSON (schema in docs/brief-schema.md) as text, Markdown, CSV, JSON, HTML, an Excel workbook or a PDF."
    )

    @Argument(help: "A brief in JSON, as written with --format json.")
    var path: String

    @Option(name: .long, help: "Output format: text, markdown, csv, json, html, xlsx or pdf (default: from --output's extension, else text).")
    var format: BriefOutputFormat?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try BriefOutputFormat.resolve(format, output: output, default: .text)
    }

    func run() throws {
        let format = try BriefOutputFormat.resolve(format, output: output, default: .text)
        let printer = try ChromiumPrinter.forFormat(format.rawValue)
        let brief = try Self.load(path)
        try format.write(brief, to: output, printer: printer)
    }

    /// Reads and decodes a brief, with the file and the failing field in the message.
    static func load(_ path: String) throws -> Brief {
        let data: Data
        do { data = Data(try InputFile.bytes(path, what: "a brief (JSON)")) } catch {
            throw ValidationError(error.description)
        }
        do { return try Brief.decode(json: data) } catch let error as DecodingError {
            // Foundation says "not valid JSON" without a place: find it.
            if case .dataCorrupted = error, let syntax = JSONSyntax.firstError(in: [UInt8](data)) {
                throw ValidationError("\(path): not valid JSON: \(syntax)")
            }
            throw ValidationError("\(path): not a brief: \(BriefDecoding.describe(error))")
        }
    }
}

enum BriefDecoding {
    /// "header.year: expected Int, found a string" style messages for decoding errors.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "(top level)" : p
        }
        switch error {
        case .typeMismatch(let type, let c): return "\(path(c)): expected \(type): \(c.debugDescription)"
        case .valueNotFound(let type, let c): return "\(path(c)): expected \(type), found null"
        case .keyNotFound(let key, let c): return "\(path(c)): missing field \"\(key.stringValue)\""
        case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
