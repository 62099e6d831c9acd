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
            economies scored as in the best year, most of them on mostly observed values). --group takes a group \
            of economies (escap, a subregion, …: the index is computed on them) or an income group (low, \
            lower-middle, upper-middle, high: computed on ESCAP, listed for that income group with the rank \
            within it). Economies without enough data are listed last as "not scored".
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "index (default) or pillar.")
    var level: RankLevel = .index

    @Option(name: .long, help: "Output format: text, markdown, csv or json.")
    var format: OutputFormat = .text

    func run() throws {
        if index.years != nil { throw ValidationError("divide rank shows one year: give --year") }
        let run = try index.compute(dataOptions)
        let income = run.reportIncome
        let year = try index.year(of: run)
        let table = Self.leaderboard(run.result, year: year, level: level, income: income)
        let title = "\(run.result.framework.root.name), \(year)" + (income.map { ", \($0.rawValue)" } ?? "")
        switch format {
        case .text: print(title + "\n\n" + table.text(), terminator: "")
        case .markdown: print("## " + title + "\n\n" + table.markdown(), terminator: "")
        case .csv: print(table.csv(), terminator: "")
        case .json:
            print(JSON.encode(RankJSON(framework: run.result.framework.id, year: year, level: level.rawValue,
                                       columns: table.header, rows: table.rows)), terminator: "")
        }
    }

    /// The leaderboard: scored units by rank, then the not-scored ones.
    static func leaderboard(_ result: IndexResult, year: Int, level: RankLevel, income: IncomeGroup?) -> Table {
        let plan = result.plan
        let nodes = level == .index ? [0] : plan.nodes[0].children
        var byKey: [String: IndexRow] = [:]
        let rows = result.rows().filter { $0.year == year }
        for row in rows { byKey["\(row.unit)|\(row.node)"] = row }
        var units = result.construction.units
        if let income {
            units = units.filter { byKey["\($0)|\(plan.nodes[0].id)"]?.groupRanks
                .first { $0.grouping == UnitGroupings.income }?.group == income.rawValue }
        }
        let sortNode = plan.nodes[nodes[0]].id
        units.sort { a, b in
            let ra = byKey["\(a)|\(sortNode)"]?.rank ?? Int.max, rb = byKey["\(b)|\(sortNode)"]?.rank ?? Int.max
            return ra == rb ? a < b : ra < rb
        }
        var header = ["unit", "name"]
        for n in nodes { header += [plan.nodes[n].id, "rank"] }
        header += [income == nil ? "subregion" : "rank in group", "filled"]
        var table: [[String]] = []
        for unit in units {
            let name = CountryRegistry.standard.country(iso3: unit)?.name ?? ""
            var cells = [unit, name]
            for n in nodes {
                let row = byKey["\(unit)|\(plan.nodes[n].id)"]
                cells.append(row?.score.map { String(format: "%.2f", $0) } ?? "not scored")
                cells.append(row?.rank.map(String.init) ?? "-")
            }
            let root = byKey["\(unit)|\(plan.nodes[nodes[0]].id)"]
            if income != nil {
                cells.append(root?.groupRanks.first { $0.grouping == UnitGroupings.income }?.rank.map(String.init) ?? "-")
            } else {
                cells.append(CountryRegistry.standard.subregion(of: unit)?.abbreviation ?? "")
            }
            cells.append(root?.imputedShare.map { String(format: "%.0f%%", 100 * $0) } ?? "")
            table.append(cells)
        }
        var numeric = Set((0..<nodes.count).flatMap { [2 + 2 * $0, 3 + 2 * $0] })
        if income != nil { numeric.insert(2 + 2 * nodes.count) }
        return Table(header: header, rows: table, numeric: numeric)
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
    var columns: [String]
    var rows: [[String]]
}
