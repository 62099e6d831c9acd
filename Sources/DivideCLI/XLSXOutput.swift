import ArgumentParser
import DigitalDivide
import Foundation

/// `--format` of the report commands that also write Excel workbooks (compute, rank, coverage, series, compare,
/// audit): the text renderings of ``OutputFormat`` and `xlsx`.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument, InferableFormat {
    case text, markdown, csv, json, xlsx

    /// The text rendering; nil for the workbook.
    var rendering: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

/// Writes a report command's output: the workbook for xlsx (to `output`, which ``InferableFormat/resolve(_:output:default:)``
/// requires for a binary format), else the text in `rendering` through ``writeOutput(_:to:trusted:)``. Either is
/// complete or not written at all.
func writeReport(_ format: ReportFormat, to output: String?, text: (OutputFormat) throws -> String,
                 workbook: () throws -> XLSXWorkbook) throws {
    if let rendering = format.rendering {
        try writeOutput(try text(rendering), to: output)
        return
    }
    guard let output else { throw binaryToStandardOutput(format.rawValue) }
    try workbook().write(to: output)
}

extension XLSXWorkbook.Cell {
    /// The cell of a JSON table value (rank's leaderboard).
    init(_ cell: JSONCell) {
        switch cell {
        case .text(let s): self = .text(s)
        case .number(let x): self = .number(x)
        case .null: self = .empty
        }
    }

    /// Text, or an empty cell for nil.
    static func text(_ s: String?) -> Self { s.map { .text($0) } ?? .empty }
    /// A number, or an empty cell for nil.
    static func number(_ x: Double?) -> Self { x.map { .number($0) } ?? .empty }
    /// An integer, or an empty cell for nil.
    static func integer(_ n: Int?) -> Self { n.map { .integer($0) } ?? .empty }
}

/// The sheets every index report shares.
enum IndexSheets {
    /// "Sources": each indicator of the framework with its series code, name, unit, source and licence as the
    /// loaded data gives them.
    static func addSources(_ run: IndexRun, to book: inout XLSXWorkbook) {
        let plan = run.result.plan
        let info = Dictionary(run.panel.indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        book.addSheet("Sources", columns: ["indicator", "series", "name", "unit", "source", "licence"].map { .init($0) },
                      rows: plan.indicators.enumerated().map { i, spec in
                          let series = info[spec.series]
                          return [.text(plan.nodes[plan.indicatorNodes[i]].id), .text(spec.series),
                                  .text(series?.name ?? plan.nodes[plan.indicatorNodes[i]].name),
                                  .text(spec.unit ?? series?.unit), .text(series?.source), .text(series?.licence)]
                      })
    }

    /// The Notes sheet (what the index was computed over, then `notes`) and the Sources sheet.
    static func addNotesAndSources(_ run: IndexRun, notes: [(about: String, note: String)], to book: inout XLSXWorkbook) {
        var about = [("index", "\(run.result.framework.root.name) (framework \(run.result.framework.id))"),
                     ("economies", "computed over \(run.universe.label)")]
        if let group = run.reportingGroup { about.append(("reported", "the economies of \(group.label)")) }
        book.addNotes(about + notes)
        addSources(run, to: &book)
    }
}
