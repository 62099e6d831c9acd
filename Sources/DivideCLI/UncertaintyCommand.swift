import ArgumentParser
import DigitalDivide
import Foundation

/// `divide uncertainty`: Monte Carlo uncertainty analysis of the index's ranks.
struct UncertaintyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncertainty",
        abstract: "Monte Carlo uncertainty analysis: how stable is each economy's rank?",
        discussion: """
            Each replication perturbs the assumptions (weights ±x% at the chosen levels as COINr's \
            get_noisy_weights; aggregation, normalisation, imputation and treatment alternatives chosen uniformly; \
            relative measurement noise), recomputes the index for one year and ranks the economies. Per economy: \
            the nominal rank, the median and 5th–95th percentile ranks (type 7) and the mean absolute rank shift. \
            Default: 1,000 replications, weights ±25% at the pillars' level. The same seed gives the same output \
            on any number of threads. --scores-file writes every replication's index scores as they are computed.
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var assumptionOptions: AssumptionOptions

    @Option(name: .long, help: "The number of replications.")
    var replications: Int = 1000

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("scores-file"), help: ArgumentHelp(
        "Write every replication's index scores to this CSV file.", valueName: "FILE"))
    var scoresFile: String?

    @Option(name: .long, help: "automatic (matrix products when possible) or per-replication.")
    var engine: ReaggregationEngine = .automatic

    @Option(name: .long, help: "Output format: text, markdown, csv or json (default: from --output's extension, else text).")
    var format: OutputFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        if replications < 1 { throw ValidationError("--replications must be at least 1, found \(replications)") }
        if index.years != nil { throw ValidationError("divide uncertainty analyses one year: give --year") }
    }

    func run() throws {
        let computed = try index.compute(dataOptions)
        let result = computed.result
        let year = try index.year(of: computed)
        let defaults = UncertainAssumptions(weightNoise: 0.25)
        let assumptions = try assumptionOptions.assumptions(framework: result.framework, defaults: defaults)
        let options = UncertaintyOptions(
            replications: replications, seed: seed, year: year,
            threads: index.threads ?? ProcessInfo.processInfo.activeProcessorCount,
            engine: engine, scoresFile: scoresFile.map { URL(fileURLWithPath: $0) })
        let bar = ProgressBar(label: "replications")
        let analysis = try bar.run { progress in
            try UncertaintyAnalysis.run(result, assumptions: assumptions, options: options,
                       progress: progress)
        }
        try writeOutput(Self.render(analysis, format: try OutputFormat.resolve(format, output: output, default: .text)), to: output)
    }
}

extension ReaggregationEngine: ExpressibleByArgument {}
extension UncertaintyCommand {
    /// The result in `format`. CSV and JSON rows are in nominal-rank order (unranked units last, then by unit).
    static func render(_ result: UncertaintyResult, format: OutputFormat) -> String {
        let rows = result.units.sorted { a, b in
            switch (a.nominalRank, b.nominalRank) {
            case let (x?, y?): return x != y ? x < y : a.unit < b.unit
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.unit < b.unit
            }
        }
        switch format {
        case .json:
            return JSON.encode(UncertaintyJSON(result, units: rows))
        case .csv:
            let header = ["unit", "nominal_rank", "median_rank", "p5_rank", "p95_rank", "mean_abs_shift", "mean_rank",
                          "best_rank", "worst_rank", "nominal_score", "ranked_replications"]
            func number(_ x: Double?) -> String { x.map(formatNumber) ?? "" }
            let cells = rows.map { r in
                [r.unit, r.nominalRank.map(String.init) ?? "", number(r.medianRank), number(r.p5Rank),
                 number(r.p95Rank), number(r.meanAbsoluteShift), number(r.meanRank),
                 r.bestRank.map(String.init) ?? "", r.worstRank.map(String.init) ?? "", number(r.nominalScore),
                 String(r.rankedReplications)]
            }
            return Table(header: header, rows: cells, numeric: Set(1..<header.count)).csv()
        case .text, .markdown:
            func fixed(_ x: Double?, _ digits: Int = 2) -> String {
                guard let x else { return "–" }
                return String(format: "%.\(digits)f", x)
            }
            func rank(_ x: Double?) -> String {
                guard let x else { return "–" }
                return x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
            }
            let table = Table(
                header: ["unit", "nominal", "median", "p5", "p95", "mean |shift|", "best", "worst"],
                rows: rows.map { r in
                    [r.unit, r.nominalRank.map(String.init) ?? "–", rank(r.medianRank), rank(r.p5Rank),
                     rank(r.p95Rank), fixed(r.meanAbsoluteShift), r.bestRank.map(String.init) ?? "–",
                     r.worstRank.map(String.init) ?? "–"]
                }, numeric: Set(1..<8))
            let title = "Uncertainty analysis of \(result.index), \(result.year): \(result.replications) replications "
                + "(seed \(result.seed), \(result.engine))"
            let varied = result.assumptions.isEmpty ? "nothing (every replication is the nominal index)"
                : result.assumptions.joined(separator: "; ")
            let shift = result.meanAbsoluteShift.isNaN ? "–" : fixed(result.meanAbsoluteShift)
            if format == .markdown {
                return "## \(title)\n\nVaried: \(varied).\n\nMean absolute rank shift: \(shift). Ranks: median and "
                    + "5th–95th percentiles (type 7) over the replications.\n\n" + table.markdown()
            }
            return "\(title)\nVaried: \(varied)\nMean absolute rank shift: \(shift)\n\n" + table.text()
        }
    }
}

/// The JSON shape of `divide uncertainty`.
struct UncertaintyJSON: Encodable {
    var index: String
    var year: Int
    var replications: Int
    var seed: UInt64
    var engine: String
    var assumptions: [String]
    var meanAbsShift: Double?
    var units: [UnitRankStatistics]

    init(_ result: UncertaintyResult, units: [UnitRankStatistics]) {
        index = result.index
        year = result.year
        replications = result.replications
        seed = result.seed
        engine = result.engine
        assumptions = result.assumptions
        meanAbsShift = result.meanAbsoluteShift.isNaN ? nil : result.meanAbsoluteShift
        self.units = units
    }

    enum CodingKeys: String, CodingKey {
        case index, year, replications, seed, engine, assumptions, units
        case meanAbsShift = "mean_abs_shift"
    }
}
