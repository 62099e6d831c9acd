import ArgumentParser
import DigitalDivide
import Foundation

/// `divide rank`: the leaderboard of an index (or of its pillars) in one year.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Show the leaderboard of an index or of its pillars in one year.",
        discussion: """
            The year defaults to the latest year in which the index is meaningfully scored (at least half as many \
            economies scored as in the best year, most of them on mostly observed values). The index is computed \
            over --universe (default: the ESCAP region) and "rank" is the rank there; --group lists one group of \
            the computed economies (a subregion, LDC, ASEAN, an income group, a group of --groups, …) with the \
            rank within it, without recomputing. Economies without enough data are listed last as "not scored".
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "index (default) or pillar.")
    var level: RankLevel = .index

    @Option(name: .long, help: "Output format: text, markdown, csv, json or xlsx (default: from --output's extension, else text).")
    var format: ReportFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try ReportFormat.resolve(format, output: output, default: .text)
    }

    func run() throws {
        if index.years != nil { throw ValidationError("divide rank shows one year: give --year") }
        let format = try ReportFormat.resolve(format, output: output, default: .text)
        let run = try index.compute(dataOptions)
        let year = try index.year(of: run)
        try writeReport(format, to: output, text: { Self.render(run, year: year, level: level, format: $0) },
                        workbook: { Self.workbook(run, year: year, level: level) })
    }

    /// The leaderboard as text, Markdown, CSV or JSON.
    static func render(_ run: IndexRun, year: Int, level: RankLevel, format: OutputFormat) -> String {
        let (table, values) = Self.leaderboard(run, year: year, level: level)
        let title = Self.title(run, year: year)
        let text: String
        switch format {
        case .text: text = title + "\n\n" + table.text()
        case .markdown: text = "## " + InertText.markdown(title) + "\n\n" + table.markdown()
        case .csv: text = table.csv()
        case .json:
            text = JSON.encode(RankJSON(framework: run.result.framework.id, year: year, level: level.rawValue,
                                        universe: run.universe.label, group: run.reportingGroup?.name,
                                        columns: table.header, rows: values,
                                        units: ["filled": "share of the index's indicator values carried or imputed (0-1)"]))
        }
        return text
    }

    /// "Index, 2024 · Least developed countries · ranks among the 48 economies scored in the ESCAP region".
    static func title(_ run: IndexRun, year: Int) -> String {
        var parts = ["\(run.result.framework.root.name), \(year)"]
        if let group = run.reportingGroup { parts.append(group.label) }
        let y = run.result.construction.years.firstIndex(of: year)
        let scored = y.map { run.result.construction.scores(node: 0, year: $0).count { !$0.isNaN } } ?? 0
        parts.append("rank: among the \(scored) economies scored in \(run.universe.label)")
        return parts.joined(separator: " · ")
    }

    /// The leaderboard of the reported units: scored units by rank, then the not-scored ones. `rank` is the rank
    /// in the universe; with `--group`, `rank in GROUP` is the rank within the group.
    /// The leaderboard as shown (text, Markdown, CSV) and as values (JSON: scores and ranks as numbers, `filled`
    /// as a share 0–1, missing as null).
    static func leaderboard(_ run: IndexRun, year: Int, level: RankLevel) -> (table: Table, values: [[JSONCell]]) {
        let result = run.result, plan = result.plan
        let nodes = level == .index ? [0] : plan.nodes[0].children
        var byKey: [String: IndexRow] = [:]
        let rows = result.rows(years: [year], nodes: Set(nodes))
        for row in rows { byKey["\(row.unit)|\(row.node)"] = row }
        let reported = run.reportedUnits
        let construction = result.construction
        var groupRank: [Int: Int] = [:]
        if run.reportingGroup != nil, let y = construction.years.firstIndex(of: year) {
            for u in reported { groupRank[u] = run.rank(of: u, among: reported, node: nodes[0], y: y)?.rank }
        }
        let sortNode = plan.nodes[nodes[0]].id
        let units = reported.sorted { a, b in
            let ka = construction.units[a], kb = construction.units[b]
            let ra = byKey["\(ka)|\(sortNode)"]?.rank ?? Int.max, rb = byKey["\(kb)|\(sortNode)"]?.rank ?? Int.max
            return ra == rb ? ka < kb : ra < rb
        }
        var header = ["unit", "name"]
        for n in nodes { header += [plan.nodes[n].id, "rank"] }
        if let group = run.reportingGroup { header.append("rank in \(group.columnLabel)") }
        header += ["subregion", "filled"]
        var table: [[String]] = [], values: [[JSONCell]] = []
        for u in units {
            let unit = construction.units[u]
            var cells = [unit, unitName(unit)]
            var typed: [JSONCell] = [.text(unit), .text(unitName(unit))]
            for n in nodes {
                let row = byKey["\(unit)|\(plan.nodes[n].id)"]
                cells.append(row?.score.map { String(format: "%.2f", $0) } ?? "not scored")
                cells.append(row?.rank.map(String.init) ?? "-")
                typed += [row?.score.map(JSONCell.number) ?? .null, row?.rank.map { .number(Double($0)) } ?? .null]
            }
            if run.reportingGroup != nil {
                cells.append(groupRank[u].map(String.init) ?? "-")
                typed.append(groupRank[u].map { .number(Double($0)) } ?? .null)
            }
            let subregion = CountryRegistry.standard.subregion(of: unit)?.abbreviation
            cells.append(subregion ?? "")
            typed.append(subregion.map(JSONCell.text) ?? .null)
            let root = byKey["\(unit)|\(plan.nodes[nodes[0]].id)"]
            cells.append(root?.imputedShare.map { String(format: "%.0f%%", 100 * $0) } ?? "")
            typed.append(root?.imputedShare.map(JSONCell.number) ?? .null)
            table.append(cells)
            values.append(typed)
        }
        var numeric = Set((0..<nodes.count).flatMap { [2 + 2 * $0, 3 + 2 * $0] })
        if run.reportingGroup != nil { numeric.insert(2 + 2 * nodes.count) }
        return (Table(header: header, rows: table, numeric: numeric), values)
    }
}

/// Which level the leaderboard shows.
enum RankLevel: String, CaseIterable, ExpressibleByArgument {
    case index, pillar
}

/// Income group names on the command line: `low`, `lower-middle`, `upper-middle`, `high` (or the World Bank's
/// full names).
/// The JSON form of `divide rank`: the leaderboard's columns and rows as shown.
struct RankJSON: Encodable {
    var framework: String
    var year: Int
    var level: String
    /// The economies the index was computed over ("the ESCAP region").
    var universe: String
    /// The `--group` reported for, if any.
    var group: String?
    var columns: [String]
    /// One array per economy, in `columns` order: scores and ranks are numbers (full precision), missing is null.
    var rows: [[JSONCell]]
    /// What the numeric columns that are not scores or ranks measure.
    var units: [String: String]
}

/// A JSON value of a table cell: text, a number, or null.
enum JSONCell: Encodable, Equatable {
    case text(String)
    case number(Double)
    case null

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .number(let x): try x.isFinite ? c.encode(x) : c.encodeNil()
        case .null: try c.encodeNil()
        }
    }
}
