import ArgumentParser
import DigitalDivide
import Foundation

/// `divide convergence`: sigma, beta, gamma and delta convergence of an indicator, a node or the index.
struct ConvergenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convergence",
        abstract: "Are economies converging? Sigma (dispersion trend), beta (catch-up regression with speed and "
            + "half-life), gamma (rank concordance) and delta (distance to the best) convergence.",
        discussion: """
            --indicator takes a series code or an indicator id (raw values); --node a node (scores); neither = the \
            index. --years A-B sets the window (default: the 11 years ending at the latest year in which at least \
            half as many economies have data as in the best-covered year). With --coverage balanced (the \
            default) only economies observed in every year of the window take part; the others are listed. Beta \
            uses the first and last year and needs positive values. Node scores are normalised per year unless \
            the framework pools normalisation, so their levels compare only within a year.
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("A series code or indicator id.", valueName: "CODE"))
    var indicator: String?

    @Option(name: .long, help: ArgumentHelp("A node of the framework.", valueName: "ID"))
    var node: String?

    @Option(name: .long, help: "Economies per year: balanced (observed every year) or available.")
    var coverage: UnitCoverage = .balanced

    @Option(name: .long, help: "Output format: text, markdown, csv or json (default: from --output's extension, else text).")
    var format: OutputFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        if indicator != nil && node != nil { throw ValidationError("give --indicator or --node, not both") }
        if index.year != nil { throw ValidationError("convergence needs a window: give --years A-B, not --year") }
    }

    func run() throws {
        let run = try index.compute(dataOptions, requireScores: false)
        var target = try IndexOptions.usage { try AnalysisTarget.resolve(indicator: indicator, node: node, run: run) }
        if let range = index.years?.range ?? target.defaultWindow { target = target.restricted(to: range) }
        let report = try IndexOptions.usage { try ConvergenceReport.measure(target, coverage: coverage) }
        try writeOutput(Self.render(report, format: try OutputFormat.resolve(format, output: output, default: .text)), to: output)
    }

    static func render(_ r: ConvergenceReport, format: OutputFormat) -> String {
        switch format {
        case .json:
            return JSON.encode(r)
        case .csv:
            var rows: [[String]] = []
            func n(_ x: Double?) -> String { x.map(formatNumber) ?? "" }
            for (t, year) in r.years.enumerated() {
                rows.append([String(year), r.sigma.map { String($0.counts[t]) } ?? "", n(r.sigma?.means[t] ?? nil),
                             n(r.sigma?.standardDeviations[t] ?? nil), n(r.sigma?.coefficientsOfVariation[t] ?? nil),
                             n(r.gamma?.series[t]), n(r.delta?.delta[t] ?? nil)])
            }
            return Table(header: ["year", "units", "mean", "sd", "cv", "gamma", "delta"], rows: rows,
                         numeric: [0, 1, 2, 3, 4, 5, 6]).csv()
        case .text, .markdown:
            var sections: [Section] = []
            var yearly = Table(header: ["year", "units", "mean", "sd", "cv", "gamma", "delta"], rows: [],
                               numeric: [0, 1, 2, 3, 4, 5, 6])
            for (t, year) in r.years.enumerated() {
                yearly.rows.append([String(year), r.sigma.map { String($0.counts[t]) } ?? "",
                                    fixed(r.sigma?.means[t] ?? nil, 3), fixed(r.sigma?.standardDeviations[t] ?? nil, 3),
                                    fixed(r.sigma?.coefficientsOfVariation[t] ?? nil, 4), fixed(r.gamma?.series[t], 4),
                                    fixed(r.delta?.delta[t] ?? nil, 2)])
            }
            sections.append(Section(title: "Per year", table: yearly))
            var summary = Table(header: ["measure", "value", "reading"], rows: [], numeric: [1])
            func trend(_ name: String, _ t: LinearTrend?, falling: String, rising: String) {
                guard let t else { return }
                let se = t.slopeStandardError.map { " (se \(fixed($0, 5)))" } ?? ""
                summary.rows.append([name + " slope per year", fixed(t.slope, 5) + se,
                                     t.slope < 0 ? falling : t.slope > 0 ? rising : "no change"])
            }
            trend("sigma: sd", r.sigma?.standardDeviationTrend, falling: "converging", rising: "diverging")
            trend("sigma: cv", r.sigma?.cvTrend, falling: "converging", rising: "diverging")
            if let b = r.beta {
                summary.rows.append(["beta \(b.startYear)–\(b.endYear) (\(b.count) economies)",
                                     fixed(b.beta, 5) + (b.betaStandardError.map { " (se \(fixed($0, 5)))" } ?? ""),
                                     b.beta < 0 ? "laggards grow faster (catching up)" : "no catching up"])
                summary.rows.append(["beta: R²", fixed(b.rSquared, 3), ""])
                summary.rows.append(["beta: speed λ per year", fixed(b.speed, 4), ""])
                summary.rows.append(["beta: half-life (years)", b.halfLife.map { fixed($0, 1) } ?? "none",
                                     b.halfLife == nil ? "no convergence to halve" : ""])
            }
            if let g = r.gamma {
                summary.rows.append(["gamma (\(g.count) economies)", fixed(g.value, 4),
                                     g.value < 1 ? "ranks mixed (1 = unchanged)" : "ranks unchanged"])
            }
            trend("delta", r.delta?.trend, falling: "closing on the best", rising: "falling behind the best")
            sections.insert(Section(title: "Summary", table: summary), at: 0)
            if !r.unitsWithAGap.isEmpty {
                sections.append(Section(
                    title: "Economies with a missing year (\(r.unitsWithAGap.count); left out under balanced coverage "
                        + "and of gamma)",
                    table: Table(header: ["unit", "economy"], rows: r.unitsWithAGap.map { [$0, unitName($0)] })))
            }
            if !r.betaExcluded.isEmpty {
                sections.append(Section(title: "Left out of beta (\(r.betaExcluded.count))", table: Table(
                    header: ["unit", "economy", "reason"],
                    rows: r.betaExcluded.map { [$0.unit, unitName($0.unit), $0.reason] })))
            }
            if !r.notes.isEmpty {
                sections.append(Section(title: "Notes (measures not computed, breaks)", table: Table(header: ["note"], rows: r.notes.map { [$0] })))
            }
            let measured = r.coverage == .balanced ? r.units - r.unitsWithAGap.count : r.units
            let heading = "Convergence of \(r.target), \(r.years.first!)–\(r.years.last!), "
                + (r.coverage == .balanced ? "\(measured) of \(r.units) economies (those with a value in every year)"
                    : "\(r.units) economies (each year those with a value)")
            return format == .text ? Section.text(sections, heading: heading)
                : Section.markdown(sections, heading: heading)
        }
    }
}

extension UnitCoverage: ExpressibleByArgument {}
