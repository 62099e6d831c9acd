import ArgumentParser
import DigitalDivide
import Foundation

/// `divide sensitivity`: variance-based (Sobol) sensitivity analysis of the index's ranks.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Variance-based sensitivity analysis: which assumption moves the ranks?",
        discussion: """
            Each uncertain assumption is one factor: weight noise of each level, the aggregation, normalisation, \
            imputation and treatment alternatives, measurement noise. Sobol first-order (S_i) and total-effect \
            (S_Ti) indices from a Saltelli design of N·(k + 2) runs with Jansen estimators and bootstrap intervals, \
            for the mean absolute rank change from the nominal ranks (COINr's output) and for the rank of each \
            economy in --units. With no assumption flags: weights ±25% at the pillars' level, aggregation \
            arithmetic or geometric-shifted:1, and outlier treatment on or off.
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var assumptionOptions: AssumptionOptions

    @Option(name: .long, help: "N, the base sample size (N·(k + 2) runs for k factors).")
    var samples: Int = 500

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Economies whose rank is analysed too.", valueName: "ISO3,ISO3"))
    var units: String?

    @Option(name: .long, help: "Bootstrap resamples for the intervals.")
    var bootstrap: Int = 1000

    @Option(name: .long, help: "Output format: text, markdown, csv or json (default: from --output's extension, else text).")
    var format: OutputFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        if samples < 2 { throw ValidationError("--samples must be at least 2, found \(samples)") }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be at least 0, found \(bootstrap)") }
        if index.years != nil { throw ValidationError("divide sensitivity analyses one year: give --year") }
    }

    func run() throws {
        let computed = try index.compute(dataOptions)
        let result = computed.result
        let year = try index.year(of: computed)
        var defaults = UncertainAssumptions(weightNoise: 0.25)
        if assumptionOptions.isEmpty {
            let on = result.framework.methods.treatment == .none ? Treatment.jrcDefault : result.framework.methods.treatment
            defaults.aggregationAlternatives = [.arithmetic, .geometricShifted(shift: 1)]
            defaults.treatmentAlternatives = [on, .none]
        }
        let assumptions = try assumptionOptions.assumptions(framework: result.framework, defaults: defaults)
        let unitList = units.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        let options = SensitivityOptions(
            sampleSize: samples, seed: seed, year: year, units: unitList, bootstrapResamples: bootstrap,
            threads: index.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let bar = ProgressBar(label: "runs")
        let analysis = try bar.run { progress in
            try SensitivityAnalysis.run(result, assumptions: assumptions, options: options,
                       progress: progress)
        }
        try writeOutput(Self.render(analysis, format: try OutputFormat.resolve(format, output: output, default: .text)), to: output)
    }
}
extension SensitivityCommand {
    /// The result in `format`: for each output (the mean absolute rank change, then each unit's rank), each factor's
    /// first-order and total-effect index with its bootstrap interval.
    static func render(_ result: SensitivityResult, format: OutputFormat) -> String {
        let outputs = [result.meanAbsoluteRankChange] + result.units
        switch format {
        case .json:
            return JSON.encode(SensitivityJSON(result))
        case .csv:
            var rows: [[String]] = []
            for output in outputs {
                for (i, factor) in result.factors.enumerated() {
                    guard let s = output.indices else {
                        rows.append([output.name, factor.key, "", "", "", "", "", ""])
                        continue
                    }
                    let fi = s.firstOrderIntervals.isEmpty ? nil : s.firstOrderIntervals[i]
                    let ti = s.totalEffectIntervals.isEmpty ? nil : s.totalEffectIntervals[i]
                    rows.append([output.name, factor.key, formatNumber(s.firstOrder[i]),
                                 fi.map { formatNumber($0.lower) } ?? "", fi.map { formatNumber($0.upper) } ?? "",
                                 formatNumber(s.totalEffect[i]), ti.map { formatNumber($0.lower) } ?? "",
                                 ti.map { formatNumber($0.upper) } ?? ""])
                }
            }
            return Table(header: ["output", "factor", "first_order", "first_order_lower", "first_order_upper",
                                  "total_effect", "total_effect_lower", "total_effect_upper"],
                         rows: rows, numeric: Set(2..<8)).csv()
        case .text, .markdown:
            let md = format == .markdown
            let confidence = outputs.compactMap(\.indices).first.map { Int(($0.confidence * 100).rounded()) } ?? 95
            var out = (md ? "## " : "") + "Sensitivity analysis of \(result.index), \(result.year): N = "
                + "\(result.sampleSize), \(result.runs) runs (\(result.engine)); Sobol indices (Jansen) with "
                + "\(confidence)% bootstrap intervals\n"
            out += md ? "\n" : ""
            for f in result.factors {
                out += (md ? "- " : "  ") + "\(f.key): \(f.description)\n"
            }
            for output in outputs {
                let title = output.name == "mean_abs_rank_change"
                    ? "Mean absolute rank change from the nominal ranks"
                    : "Rank of \(output.name) (nominal \(output.nominal.isNaN ? "–" : formatNumber(output.nominal)))"
                out += "\n" + (md ? "### " : "") + title + "\n" + (md ? "\n" : "")
                guard let s = output.indices else {
                    out += "undefined: \(output.undefinedReason ?? "")\n"
                    continue
                }
                func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
                func interval(_ c: [ConfidenceInterval], _ i: Int) -> String {
                    c.isEmpty ? "" : "[\(fixed(c[i].lower)), \(fixed(c[i].upper))]"
                }
                let table = Table(header: ["factor", "S_i", "interval", "S_Ti", "interval"],
                                  rows: result.factors.indices.map { i in
                                      [result.factors[i].key, fixed(s.firstOrder[i]),
                                       interval(s.firstOrderIntervals, i), fixed(s.totalEffect[i]),
                                       interval(s.totalEffectIntervals, i)]
                                  }, numeric: [1, 3])
                out += "mean \(fixed(s.mean)), variance \(fixed(s.variance))\n" + (md ? "\n" : "")
                out += md ? table.markdown() : table.text()
            }
            return out
        }
    }
}

/// The JSON shape of `divide sensitivity`.
struct SensitivityJSON: Encodable {
    struct Output: Encodable {
        var name: String
        var nominal: Double?
        var indices: SobolIndices?
        var undefinedReason: String?
        enum CodingKeys: String, CodingKey {
            case name, nominal, indices
            case undefinedReason = "undefined_reason"
        }
    }
    var index: String
    var year: Int
    var sampleSize: Int
    var runs: Int
    var engine: String
    var factors: [SensitivityFactor]
    var meanAbsRankChange: Output
    var units: [Output]

    init(_ r: SensitivityResult) {
        func output(_ o: SensitivityOutput) -> Output {
            Output(name: o.name, nominal: o.nominal.isNaN ? nil : o.nominal, indices: o.indices,
                   undefinedReason: o.undefinedReason)
        }
        index = r.index
        year = r.year
        sampleSize = r.sampleSize
        runs = r.runs
        engine = r.engine
        factors = r.factors
        meanAbsRankChange = output(r.meanAbsoluteRankChange)
        units = r.units.map(output)
    }

    enum CodingKeys: String, CodingKey {
        case index, year, runs, engine, factors, units
        case sampleSize = "sample_size"
        case meanAbsRankChange = "mean_abs_rank_change"
    }
}
