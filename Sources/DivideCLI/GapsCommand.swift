import ArgumentParser
import DigitalDivide
import Foundation

/// `divide gaps`: each economy's gap to a frontier on the index, the indicators behind it, its progress on stated
/// targets of raw indicators, and the gender parity and urban–rural ratios where the data has them.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Gaps to a frontier (best in subregion, ESCAP, income group, or a target) with each indicator's "
            + "contribution, years to reach stated targets on raw indicators, gender parity and urban–rural ratios.",
        discussion: """
            The gap is I* − I on the index; contributions split it over the indicators exactly, node by node, \
            with each node's own aggregation (arithmetic, geometric, shifted geometric, harmonic, generalised: \
            additive in f-space, scaled by (y* − y)/(f(y*) − f(y)); LMDI for the geometric) and its weights \
            renormalised over the children both economies have (z* = the frontier economy's values, or the target \
            everywhere), so they add up to the gap over those indicators; a weighted median, Mazziotta–Pareto or \
            Copeland node is not split (attribution_note says so). The same analysis gives the briefs' gap lines. \
            Growth: the CAGR of the index over the window (--years, default the 5 years up to --year, from the \
            economy's own first and last year with a score), of the economy and of the frontier. No years to close \
            are extrapolated from index scores: they are relative (rescaled each year over the universe), so their \
            growth is a change of position (years_to_close is kept empty for scripts). Targets: each stated target of \
            a raw indicator (Broadband Commission 2025 Targets 3 and 4; ITU IDI 2024 goalposts; id, value, year and \
            source in the output), the latest value up to --year, its CAGR over the window and the years to reach \
            the target at that rate, t = ln(target/x)/ln(1+g): "met", or "not reached" when it moves away or not at \
            all. Gender parity: IT_MOB_OWN.FEMALE ÷ IT_MOB_OWN.MALE (mobile phone ownership; \
            parity within 0.98–1.02, ITU), latest year up to --year. Urban–rural ratio from --urban-series and \
            --rural-series when given; otherwise "no data".
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("One economy in detail (ISO3 code or name).", valueName: "ISO|NAME"))
    var country: String?

    @Option(name: .long, help: ArgumentHelp("subregion, escap (default), income, or target:VALUE.",
                                            valueName: "FRONTIER"))
    var frontier: GapFrontierChoice = .escap

    @Option(name: .customLong("female-series"), help: ArgumentHelp("Female rate series for gender parity.",
                                                                    valueName: "SERIES"))
    var femaleSeries: String = "IT_MOB_OWN.FEMALE"

    @Option(name: .customLong("male-series"), help: ArgumentHelp("Male rate series for gender parity.",
                                                                  valueName: "SERIES"))
    var maleSeries: String = "IT_MOB_OWN.MALE"

    @Option(name: .customLong("urban-series"), help: ArgumentHelp("Urban rate series.", valueName: "SERIES"))
    var urbanSeries: String?

    @Option(name: .customLong("rural-series"), help: ArgumentHelp("Rural rate series.", valueName: "SERIES"))
    var ruralSeries: String?

    @Option(name: .long, help: "Output format: text, markdown, csv or json (default: from --output's extension, else text).")
    var format: OutputFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        if (urbanSeries == nil) != (ruralSeries == nil) {
            throw ValidationError("give both --urban-series and --rural-series, or neither")
        }
    }

    func run() throws {
        let run = try index.compute(dataOptions)
        var only: String?
        if let country {
            switch CountryRegistry.standard.resolve(country) {
            case .economy(let iso3): only = iso3
            default:
                if run.result.construction.units.contains(country) { only = country } else {
                    let hint = CountryRegistry.standard.suggestions(for: country)
                    throw ValidationError("unknown economy \(DivideError.quote(country))"
                                              + (hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: ", "))?"))
                }
            }
            if let only, !run.result.construction.units.contains(only) {
                throw ValidationError("\(unitName(only)) (\(only)) is not among the economies computed; widen --group")
            }
        }
        let report = try IndexOptions.usage {
            try GapsReport.measure(run, year: index.year ?? index.years?.range.upperBound, window: index.years?.range,
                                   frontier: frontier, only: only, parity: (femaleSeries, maleSeries),
                                   urbanRural: urbanSeries.map { ($0, ruralSeries!) })
        }
        try writeOutput(Self.render(report, format: try OutputFormat.resolve(format, output: output, default: .text)), to: output)
    }

    /// "met", "about 2027 (+4.1% a year)", "not reached (−1.2% a year)", "no trend".
    static func targetStatus(_ p: TargetProgress) -> String {
        let rate = p.growth.map { (($0 >= 0 ? "+" : "") + fixed($0 * 100, 1)) + "% a year" }
        switch p.yearsToReach {
        case .closed?: return "met"
        case .never?: return "not reached" + (rate.map { " (\($0))" } ?? "")
        case .years(let t)?: return "about \(p.year + Int(t.rounded(.up)))" + (rate.map { " (\($0))" } ?? "")
        case nil: return "no trend"
        }
    }

    static func parityText(_ row: GapsReport.Row) -> String {
        guard let p = row.genderParity, let y = row.genderParityYear else { return "no data" }
        return "\(fixed(p.score, 3)) \(p.band.rawValue.replacingOccurrences(of: "_", with: " ")) (\(y))"
    }

    static func urbanRuralText(_ row: GapsReport.Row) -> String {
        guard let r = row.urbanRural, let y = row.urbanRuralYear else { return "no data" }
        return "\(fixed(r.ratio, 2)) (\(y))"
    }

    static func render(_ r: GapsReport, format: OutputFormat) -> String {
        switch format {
        case .json:
            return JSON.encode(r)
        case .csv:
            func n(_ x: Double?) -> String { x.map(formatNumber) ?? "" }
            let rows = r.rows.map { row in
                [row.unit, row.peerGroup, n(row.score), n(row.frontier), row.frontierUnit ?? "", n(row.gap),
                 n(row.relativeGap), n(row.growth?.rate), n(row.frontierGrowth), "",
                 row.contributions.max { $0.contribution < $1.contribution }?.indicator ?? "",
                 n(row.genderParity?.score), row.genderParity?.band.rawValue ?? "", n(row.urbanRural?.ratio)]
            }
            return Table(header: ["unit", "peer_group", "score", "frontier", "frontier_unit", "gap", "relative_gap",
                                  "cagr", "frontier_cagr", "years_to_close", "largest_contributor",
                                  "gender_parity_score", "gender_parity_band", "urban_rural_ratio"],
                         rows: rows, numeric: [2, 3, 5, 6, 7, 8, 11, 13]).csv()
        case .text, .markdown:
            var sections: [Section] = []
            let heading = "Gaps to the frontier (\(r.frontier)) on \(r.index), \(r.year); growth "
                + (r.window.count == 2 ? "\(r.window[0])–\(r.window[1])" : "n/a")
            if r.rows.count == 1, let row = r.rows.first {
                let facts = Table(header: ["item", "value"], rows: [
                    ["economy", "\(row.name) (\(row.unit)), group \(row.peerGroup)"],
                    ["score", fixed(row.score, 2)],
                    ["frontier", fixed(row.frontier, 2) + (row.frontierUnit.map { " (\(unitName($0)))" } ?? "")],
                    ["gap", fixed(row.gap, 2) + (row.relativeGap.map { " (\(fixed($0 * 100, 1))%)" } ?? "")],
                    ["CAGR of the score", fixed(row.growth.map { $0.rate * 100 }, 2) + " % a year"
                        + (row.growth.map { " (\($0.startYear)–\($0.endYear), the economy's own years with a score)" } ?? "")
                        + (row.windowNote.map { "; \($0)" } ?? "")],
                    ["CAGR of the frontier", fixed(row.frontierGrowth.map { $0 * 100 }, 2) + " % a year"],
                    ["gender parity (\(r.paritySeries[0]) ÷ \(r.paritySeries[1]))", parityText(row)],
                    ["urban–rural ratio", urbanRuralText(row)],
                ] + (row.note.map { [["note", $0]] } ?? []))
                sections.append(Section(title: "Summary", table: facts))
                if !row.targets.isEmpty {
                    sections.append(Section(
                        title: "Targets (raw indicators, growth over the window; no years to close on relative scores)",
                        table: Table(header: ["target", "indicator", "value", "target value", "at its own growth", "source"],
                                     rows: row.targets.map { p in
                                         [p.target.id, p.target.name, "\(fixed(p.value, 2)) (\(p.year))",
                                          (p.target.higherIsBetter ? "" : "below ") + formatNumber(p.target.value)
                                              + (p.target.byYear.map { " by \($0)" } ?? ""),
                                          Self.targetStatus(p), p.target.source]
                                     }, numeric: [2])))
                }
                sections.append(Section(
                    title: "Contributions to the gap (sum \(fixed(row.attributedGap, 2)) over the indicators both have)",
                    table: Table(header: ["indicator", "weight", "contribution", "share"],
                                 rows: row.contributions.sorted { $0.contribution > $1.contribution }.map {
                                     [$0.indicator, fixed($0.weight, 3), fixed($0.contribution, 2),
                                      $0.share.map { fixed($0 * 100, 1) + "%" } ?? ""]
                                 }, numeric: [1, 2, 3])))
            } else {
                let table = Table(
                    header: ["unit", "economy", "group", "score", "frontier", "gap", "CAGR %", "targets met",
                             "largest contributor", "gender parity", "urban–rural"],
                    rows: r.rows.sorted { ($0.gap ?? .infinity) < ($1.gap ?? .infinity) }.map { row in
                        [row.unit, row.name, row.peerGroup, fixed(row.score, 2), fixed(row.frontier, 2),
                         fixed(row.gap, 2), fixed(row.growth.map { $0.rate * 100 }, 2),
                         row.note ?? "\(row.targets.count { $0.yearsToReach == .closed })/\(row.targets.count)",
                         row.contributions.max { $0.contribution < $1.contribution }?.indicator ?? "",
                         parityText(row), urbanRuralText(row)]
                    }, numeric: [3, 4, 5, 6])
                sections.append(Section(title: "Economies (\(r.rows.count))", table: table))
            }
            return format == .text ? Section.text(sections, heading: heading)
                : Section.markdown(sections, heading: heading)
        }
    }
}

extension GapFrontierChoice: ExpressibleByArgument {}
