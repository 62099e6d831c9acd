import ArgumentParser
import DigitalDivide
import Foundation

/// `divide compute`: every node × unit × year of an index, as a long table (docs/compute-output.md).
struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute an index: every node × unit × year, with ranks, coverage and what each score rests on.",
        discussion: """
            CSV (long) starts with the columns unit,year,node,level,score,rank; then, per grouping, the unit's \
            group and its rank in it; then coverage, imputed share, the counts of observed, carried and imputed \
            inputs, the oldest input year, and for indicators the value's origin, source year and raw value. \
            An empty score means "not scored" (too few inputs). Without --year/--years every year with an index \
            score is reported. With --output the file is written whole or not at all.
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: "Output format: csv, json, text or xlsx (default: from --output's extension, else csv).")
    var format: ReportFormat?

    func validate() throws {
        if format == .markdown { throw ValidationError("--format must be csv, json, text or xlsx") }
        _ = try ReportFormat.resolve(format, output: output, default: .csv)
    }

    func run() throws {
        let format = try ReportFormat.resolve(format, output: output, default: .csv)
        let run = try index.compute(dataOptions)
        let units = run.reportingGroup == nil ? nil : Set(run.reportedUnits.map { run.result.construction.units[$0] })
        try writeReport(format, to: output, text: { Self.render(run.result, format: $0, units: units, panel: run.panel) },
                        workbook: { Self.workbook(run, units: units) })
    }

    /// The report; `keep` restricts the rows to these units (`--group`).
    static func render(_ result: IndexResult, format: OutputFormat, units keep: Set<String>? = nil,
                       panel: Panel? = nil) -> String {
        switch format {
        case .json: return JSON.encode(ComputeJSON(result, units: keep, panel: panel))
        case .text, .markdown: return textSummary(result, units: keep)
        case .csv: return csv(result, units: keep, panel: panel)
        }
    }

    /// Where an indicator row's value came from (observed, or carried from its year): its own source and file:line.
    static func provenance(_ row: IndexRow, result: IndexResult, panel: Panel?) -> Provenance? {
        guard let panel, let n = result.plan.node(row.node), let i = result.plan.nodes[n].indicator,
              let year = row.origin?.sourceYear(in: row.year) else { return nil }
        return panel.provenance(unit: row.unit, indicator: result.plan.indicators[i].series, year: year)
    }

    /// The long CSV (header documented in docs/compute-output.md).
    static func csv(_ result: IndexResult, units keep: Set<String>? = nil, panel: Panel? = nil) -> String {
        let table = longTable(result, units: keep, panel: panel)
        return SpreadsheetCSV.record(table.header.map { .text($0) }) + table.rows.map(SpreadsheetCSV.record).joined()
    }

    /// The long table as typed cells, for the CSV and the workbook; `unitColumn` adds each indicator value's unit
    /// after `value` (the workbook's; the CSV's columns are documented as they are).
    static func longTable(_ result: IndexResult, units keep: Set<String>? = nil, panel: Panel? = nil,
                          unitColumn: Bool = false) -> (header: [String], rows: [[SpreadsheetCSV.Cell]]) {
        let groupings = result.construction.groupRanks.keys.sorted()
        var header = ["unit", "year", "node", "level", "score", "rank"]
        for g in groupings { header += ["group_\(g)", "rank_\(g)"] }
        header += ["coverage", "imputed_share", "inputs_observed", "inputs_carried", "inputs_imputed",
                   "oldest_input_year", "origin", "source_year", "value"] + (unitColumn ? ["value_unit"] : [])
            + ["name", "parent", "source", "source_location"]
        let plan = result.plan
        var rows: [[SpreadsheetCSV.Cell]] = []
        for row in result.rows() where keep?.contains(row.unit) ?? true {
            var cells: [SpreadsheetCSV.Cell] = [.text(row.unit), .integer(row.year), .text(row.node),
                                                .integer(row.level), .number(row.score), .integer(row.rank)]
            for (_, group, rank) in row.groupRanks { cells += [.text(group ?? ""), .integer(rank)] }
            cells += [.number(row.coverage), .number(row.imputedShare), .integer(row.observed), .integer(row.carried),
                      .integer(row.imputed), .integer(row.oldestInputYear), .text(row.origin?.label ?? ""),
                      .integer(row.origin?.sourceYear(in: row.year)), .number(row.value)]
            if unitColumn {
                let unit = plan.node(row.node).flatMap { plan.nodes[$0].indicator }.flatMap { plan.indicators[$0].unit }
                cells.append(row.value == nil ? .empty : .text(unit))
            }
            cells += [.text(row.name), .text(row.parent ?? "")]
            let p = provenance(row, result: result, panel: panel)
            cells += [.text(p?.publisher ?? ""), .text(p.map { "\($0.file.name):\($0.line)" } ?? "")]
            rows.append(cells)
        }
        return (header, rows)
    }

    /// Per reported year: the index and its pillars (the root's children) for every unit, by index rank.
    static func textSummary(_ result: IndexResult, units keep: Set<String>? = nil) -> String {
        let plan = result.plan
        let columns = [0] + plan.nodes[0].children
        var out = "\(result.framework.root.name) (\(result.framework.id))\n"
        let rows = result.rows()
        var byKey: [String: IndexRow] = [:]
        for row in rows { byKey["\(row.unit)|\(row.year)|\(row.node)"] = row }
        for year in result.years {
            let scored = result.scoredCount(node: 0, year: year)
            out += "\n\(year): \(scored) of \(result.construction.units.count) units scored\n\n"
            let units = result.construction.units.filter { keep?.contains($0) ?? true }.sorted { a, b in
                let ra = byKey["\(a)|\(year)|\(plan.nodes[0].id)"]?.rank ?? Int.max
                let rb = byKey["\(b)|\(year)|\(plan.nodes[0].id)"]?.rank ?? Int.max
                return ra == rb ? a < b : ra < rb
            }
            var table: [[String]] = []
            for unit in units {
                let root = byKey["\(unit)|\(year)|\(plan.nodes[0].id)"]
                var cells = [root?.rank.map(String.init) ?? "-", unit]
                for n in columns {
                    let score = byKey["\(unit)|\(year)|\(plan.nodes[n].id)"]?.score
                    cells.append(score.map { String(format: "%.2f", $0) } ?? "not scored")
                }
                cells.append(root?.imputedShare.map { String(format: "%.0f%%", 100 * $0) } ?? "")
                table.append(cells)
            }
            out += Table(header: ["rank", "unit"] + columns.map { plan.nodes[$0].id } + ["filled"], rows: table,
                         numeric: Set([0] + (2..<(3 + columns.count)).map { $0 })).text()
        }
        return out
    }
}

/// The JSON form of `divide compute`.
struct ComputeJSON: Encodable {
    struct Node: Encodable {
        var id: String, name: String, level: Int, parent: String?, effectiveWeight: Double

        enum CodingKeys: String, CodingKey {
            case id, name, level, parent
            case effectiveWeight = "effective_weight"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(level, forKey: .level)
            try c.encode(parent, forKey: .parent)
            try c.encode(effectiveWeight, forKey: .effectiveWeight)
        }
    }
    struct Row: Encodable {
        var unit: String, year: Int, node: String, level: Int, score: Double?, rank: Int?
        var groups: [String: String], groupRanks: [String: Int]
        var coverage: Double, imputedShare: Double?, inputsObserved: Int, inputsCarried: Int, inputsImputed: Int
        var oldestInputYear: Int?, origin: String?, sourceYear: Int?, value: Double?
        var source: String?, sourceLocation: String?

        enum CodingKeys: String, CodingKey {
            case unit, year, node, level, score, rank, groups, coverage, origin, value
            case groupRanks = "group_ranks", imputedShare = "imputed_share", inputsObserved = "inputs_observed"
            case inputsCarried = "inputs_carried", inputsImputed = "inputs_imputed"
            case oldestInputYear = "oldest_input_year", sourceYear = "source_year"
            case source, sourceLocation = "source_location"
        }

        /// Every key is written; "not scored" is an explicit null.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(year, forKey: .year)
            try c.encode(node, forKey: .node)
            try c.encode(level, forKey: .level)
            try c.encode(score, forKey: .score)
            try c.encode(rank, forKey: .rank)
            try c.encode(groups, forKey: .groups)
            try c.encode(groupRanks, forKey: .groupRanks)
            try c.encode(coverage, forKey: .coverage)
            try c.encode(imputedShare, forKey: .imputedShare)
            try c.encode(inputsObserved, forKey: .inputsObserved)
            try c.encode(inputsCarried, forKey: .inputsCarried)
            try c.encode(inputsImputed, forKey: .inputsImputed)
            try c.encode(oldestInputYear, forKey: .oldestInputYear)
            try c.encode(origin, forKey: .origin)
            try c.encode(sourceYear, forKey: .sourceYear)
            try c.encode(value, forKey: .value)
            try c.encode(source, forKey: .source)
            try c.encode(sourceLocation, forKey: .sourceLocation)
        }
    }
    var framework: String
    var name: String
    var years: [Int]
    var units: [String]
    var nodes: [Node]
    var rows: [Row]

    init(_ result: IndexResult, units keep: Set<String>? = nil, panel: Panel? = nil) {
        framework = result.framework.id
        name = result.framework.root.name
        years = result.years
        units = result.construction.units.filter { keep?.contains($0) ?? true }
        let plan = result.plan
        let effective = result.construction.effectiveWeights()
        nodes = plan.nodes.enumerated().map { n, node in
            Node(id: node.id, name: node.name, level: node.level, parent: node.parent.map { plan.nodes[$0].id },
                 effectiveWeight: effective[n])
        }
        rows = result.rows().filter { keep?.contains($0.unit) ?? true }.map { r in
            let provenance = ComputeCommand.provenance(r, result: result, panel: panel)
            var groups: [String: String] = [:], ranks: [String: Int] = [:]
            for (g, label, rank) in r.groupRanks {
                if let label { groups[g] = label }
                if let rank { ranks[g] = rank }
            }
            return Row(unit: r.unit, year: r.year, node: r.node, level: r.level, score: r.score, rank: r.rank,
                       groups: groups, groupRanks: ranks, coverage: r.coverage, imputedShare: r.imputedShare,
                       inputsObserved: r.observed, inputsCarried: r.carried, inputsImputed: r.imputed,
                       oldestInputYear: r.oldestInputYear, origin: r.origin?.label,
                       sourceYear: r.origin?.sourceYear(in: r.year), value: r.value,
                       source: provenance?.publisher,
                       sourceLocation: provenance.map { "\($0.file.name):\($0.line)" })
        }
    }
}
