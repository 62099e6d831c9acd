import ArgumentParser
import DigitalDivide
import Foundation

/// `divide inequality`: Gini (with Lorenz points), Theil T and L with their between/within decomposition, Atkinson,
/// CV and S80/S20 of one indicator or node across economies in one year.
struct InequalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inequality",
        abstract: "Inequality between economies on an indicator, a pillar or the index: Gini, Theil T/L with "
            + "between/within decomposition, Atkinson, CV, S80/S20, Lorenz curve.",
        discussion: """
            --indicator takes a series code of the data (e.g. IT.NET.USER.ZS) or an indicator id of the framework \
            (its raw series); --node a node of the framework (its scores); neither = the index. Economies without \
            a value that year (or, with --weighted-by, without a weight in that year or before: the latest earlier \
            weight is used) are listed as excluded. With --by, \
            economies without a group form the group "(none)". JSON keys: gini, theil_t, theil_l, atkinson, cv, \
            quintile_ratio, lorenz, decomposition {between, within, groups}, excluded, …
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("A series code or indicator id.", valueName: "CODE"))
    var indicator: String?

    @Option(name: .long, help: ArgumentHelp("A node of the framework (pillar, sub-pillar, index).", valueName: "ID"))
    var node: String?

    @Option(name: .long, help: "Decompose Theil by: subregion or income.")
    var by: InequalityGrouping?

    @Option(name: .customLong("weighted-by"), help: ArgumentHelp(
        "Weight economies by this series (e.g. SP.POP.TOTL).", valueName: "SERIES"))
    var weightedBy: String?

    @Option(name: .long, help: "Atkinson's inequality aversion ε ≥ 0.")
    var epsilon: Double = 0.5

    @Option(name: .long, help: "Output format: text, markdown, csv or json (default: from --output's extension, else text).")
    var format: OutputFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        if indicator != nil && node != nil { throw ValidationError("give --indicator or --node, not both") }
        if index.years != nil { throw ValidationError("inequality is measured in one year: give --year, not --years") }
        if !(epsilon >= 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be ≥ 0, found \(epsilon)") }
    }

    func run() throws {
        let run = try index.compute(dataOptions, requireScores: false)
        let target = try IndexOptions.usage { try AnalysisTarget.resolve(indicator: indicator, node: node, run: run) }
        let year: Int, yearNote: String?
        if let asked = index.year {
            (year, yearNote) = (asked, nil)
        } else {
            let chosen = try IndexOptions.usage { try target.defaultYear(in: run) }
            (year, yearNote) = (chosen.year, chosen.reason + "; --year to choose")
        }
        var report = try IndexOptions.usage {
            try InequalityReport.measure(target, year: year, run: run, by: by, weightedBy: weightedBy, epsilon: epsilon)
        }
        report.yearNote = yearNote
        try writeOutput(Self.render(report, format: try OutputFormat.resolve(format, output: output, default: .text)), to: output)
    }

    static func render(_ r: InequalityReport, format: OutputFormat) -> String {
        let s = r.summary
        switch format {
        case .json:
            return JSON.encode(r)
        case .csv:
            var rows: [[String]] = [
                ["gini", formatNumber(s.gini)], ["theil_t", formatNumber(s.theilT)],
                ["theil_l", s.theilL.map(formatNumber) ?? ""], ["atkinson", s.atkinson.map(formatNumber) ?? ""],
                ["cv", formatNumber(s.cv)], ["quintile_ratio", s.quintileRatio.map(formatNumber) ?? ""],
                ["mean", formatNumber(s.mean)], ["count", String(s.count)],
            ]
            if let d = s.decomposition {
                rows += [["between_theil_t", formatNumber(d.between.theilT)],
                         ["within_theil_t", formatNumber(d.within.theilT)],
                         ["between_theil_l", d.between.theilL.map(formatNumber) ?? ""],
                         ["within_theil_l", d.within.theilL.map(formatNumber) ?? ""]]
            }
            return Table(header: ["measure", "value"], rows: rows, numeric: [1]).csv()
        case .text, .markdown:
            var measures = Table(header: ["measure", "value"], rows: [
                ["Gini", fixed(s.gini, 4)], ["Theil T", fixed(s.theilT, 4)], ["Theil L", fixed(s.theilL, 4)],
                ["Atkinson (ε = \(formatNumber(s.atkinsonEpsilon)))", fixed(s.atkinson, 4)],
                ["coefficient of variation", fixed(s.cv, 4)], ["S80/S20", fixed(s.quintileRatio, 3)],
                ["mean", fixed(s.mean, 3)], ["economies", "\(s.count)"],
            ], numeric: [1])
            if let d = s.decomposition {
                measures.rows += [
                    ["Theil T between \(r.by ?? "") / within", fixed(d.between.theilT, 4) + " / " + fixed(d.within.theilT, 4)],
                    ["Theil L between \(r.by ?? "") / within",
                     fixed(d.between.theilL, 4) + " / " + fixed(d.within.theilL, 4)],
                ]
            }
            var sections = [Section(title: "Measures", table: measures)]
            if let d = s.decomposition {
                sections.append(Section(title: "Groups (\(r.by ?? ""))", table: Table(
                    header: ["group", "economies", "population share", "mean", "value share", "Theil T", "Gini"],
                    rows: d.groups.map { g in
                        [g.group, "\(g.count)", fixed(g.populationShare, 3), fixed(g.mean, 3), fixed(g.valueShare, 3),
                         fixed(g.theilT, 4), fixed(g.gini, 4)]
                    }, numeric: [1, 2, 3, 4, 5, 6])))
            }
            // Lorenz curve at the deciles of the population (the full curve is in the JSON).
            let deciles = (0...10).map { Double($0) / 10 }
            sections.append(Section(title: "Lorenz curve (cumulative share of the total held by the poorest p)",
                                    table: Table(header: ["p", "L(p)"], rows: deciles.map { p in
                                        [fixed(p, 1), fixed(lorenz(s.lorenz, at: p), 3)]
                                    }, numeric: [0, 1])))
            if !r.excluded.isEmpty {
                sections.append(Section(title: "Excluded (\(r.excluded.count))", table: Table(
                    header: ["unit", "economy", "reason"],
                    rows: r.excluded.map { [$0.unit, unitName($0.unit), $0.reason] })))
            }
            if !s.notes.isEmpty {
                sections.append(Section(title: "Notes", table: Table(header: ["note"], rows: s.notes.map { [$0] })))
            }
            let coverage = r.coverage.map { c in
                ", \(c.economies) of \(c.of) economies"
                    + (c.populationShare.map { " holding \(fixed($0 * 100, 1))% of the population" } ?? "")
            } ?? ", \(s.count) economies"
            let heading = "Inequality of \(r.target), \(r.year)" + (r.yearNote.map { " (\($0))" } ?? "")
                + coverage
                + (r.weightedBy.map { ", weighted by \($0)" } ?? "")
                + (r.coverage?.warning.map { "\nWARNING: \($0)" } ?? "")
            return format == .text ? Section.text(sections, heading: heading)
                : Section.markdown(sections, heading: heading)
        }
    }

    /// The piecewise-linear Lorenz curve at population share `p`.
    static func lorenz(_ points: [LorenzPoint], at p: Double) -> Double {
        guard let upper = points.firstIndex(where: { $0.populationShare >= p }) else { return 1 }
        if upper == 0 { return points[0].valueShare }
        let a = points[upper - 1], b = points[upper]
        let span = b.populationShare - a.populationShare
        return span > 0 ? a.valueShare + (p - a.populationShare) / span * (b.valueShare - a.valueShare) : b.valueShare
    }
}

extension InequalityGrouping: ExpressibleByArgument {}
