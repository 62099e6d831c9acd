import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// How a variance-based sensitivity analysis runs.
public struct SensitivityOptions: Sendable, Equatable {
    /// `N`, the base sample size of the Saltelli design (`N(k + 2)` index computations for `k` factors).
    public var sampleSize: Int
    /// Seeds the design (and, plus one, the bootstrap).
    public var seed: UInt64
    /// The year analysed (nil = the latest year with a ranked unit).
    public var year: Int?
    /// Units whose rank is an output of its own (besides the mean absolute rank change).
    public var units: [String]
    public var bootstrapResamples: Int
    public var confidence: Double
    public var estimator: FirstOrderEstimator
    public var threads: Int
    public var blockSize: Int
    public var engine: ReaggregationEngine

    public init(sampleSize: Int = 500, seed: UInt64 = 1, year: Int? = nil, units: [String] = [],
                bootstrapResamples: Int = 1000, confidence: Double = 0.95, estimator: FirstOrderEstimator = .jansen,
                threads: Int = 1, blockSize: Int = 128, engine: ReaggregationEngine = .automatic) {
        self.sampleSize = sampleSize
        self.seed = seed
        self.year = year
        self.units = units
        self.bootstrapResamples = bootstrapResamples
        self.confidence = confidence
        self.estimator = estimator
        self.threads = threads
        self.blockSize = blockSize
        self.engine = engine
    }
}

/// One uncertain assumption treated as an input factor.
public struct SensitivityFactor: Sendable, Equatable, Codable {
    /// A short key: `weights-level-2`, `aggregation`, `normalisation`, `imputation`, `treatment`, `measurement-noise`.
    public var key: String
    /// What it varies, e.g. `weights ±25% at level 2`, `arithmetic | geometric` (for `aggregation`).
    public var description: String
}

/// The Sobol indices of one model output, or why they are undefined.
public struct SensitivityOutput: Sendable, Equatable {
    /// `mean_abs_rank_change` or a unit id (its rank).
    public var name: String
    /// The output under the nominal assumptions (0 for the mean absolute rank change; the unit's nominal rank).
    public var nominal: Double
    public var indices: SobolIndices?
    /// Why ``indices`` is nil, e.g. the output does not vary.
    public var undefinedReason: String?
}

/// The outcome of ``SensitivityAnalysis/run(_:cube:assumptions:options:progress:)``.
public struct SensitivityResult: Sendable, Equatable {
    public var index: String
    public var year: Int
    public var factors: [SensitivityFactor]
    /// Mean absolute rank change from the nominal ranks, over the nominally ranked units (COINr's output).
    public var meanAbsoluteRankChange: SensitivityOutput
    /// One per requested unit: indices of its rank.
    public var units: [SensitivityOutput]
    public var sampleSize: Int
    public var runs: Int
    public var engine: String
}

/// Variance-based sensitivity analysis of a composite index (OECD/JRC Handbook step 8; COINr `get_sensitivity` with
/// `SA_type = "SA"`): which uncertain assumption drives the ranks.
///
/// Each assumption of an ``UncertainAssumptions`` is one input factor `Xᵢ ~ U[0, 1)`: weight noise of one level,
/// the aggregation, normalisation, imputation or treatment alternative, measurement noise. A discrete factor picks
/// alternative `⌊Xᵢ·m⌋` of its `m`; a noise factor seeds the noise realisation from the seed, the factor and the bits
/// of `Xᵢ` (COINr samples noisy weights the same way, as a discrete list of realisations). The index is recomputed on
/// the `N(k + 2)` points of a ``SaltelliDesign`` (batched as in ``UncertaintyAnalysis``) and
/// ``SobolSensitivity/estimate(design:outputs:estimator:bootstrapResamples:confidence:seed:)`` gives first-order and
/// total-effect indices (Jansen estimators) with bootstrap intervals, for the mean absolute rank change
/// `(1/n) Σᵤ |rankᵤ − nominalᵤ|` (over units ranked nominally and in the run) and for each chosen unit's rank.
public enum SensitivityAnalysis {
    /// Computes `framework` on `cube` (`IndexResult/init(computing:cube:years:)`), then runs
    /// ``run(_:assumptions:options:progress:)`` around it.
    public static func run(_ framework: Framework, cube: IndicatorCube, assumptions: UncertainAssumptions,
                           options: SensitivityOptions = SensitivityOptions(),
                           progress: ((Int, Int) -> Void)? = nil) throws -> SensitivityResult {
        try run(IndexResult(computing: framework, cube: cube), assumptions: assumptions, options: options,
                progress: progress)
    }

    /// Runs the analysis around a computed index (its scores and ranks are the nominal ones; nothing of it is
    /// prepared again).
    /// - Throws: ``AnalysisError`` when nothing varies or a parameter is out of range, `ConstructionError` for an
    ///   unknown unit or a method that cannot take the data.
    public static func run(_ index: IndexResult, assumptions: UncertainAssumptions,
                           options: SensitivityOptions = SensitivityOptions(),
                           progress: ((Int, Int) -> Void)? = nil) throws -> SensitivityResult {
        let measure = "sensitivity analysis"
        let engine = try ScenarioEngine(index: index, assumptions: assumptions,
                                        year: options.year, engine: options.engine, threads: options.threads,
                                        blockSize: options.blockSize, measure: measure)
        let factors = engine.factors
        guard !factors.isEmpty else {
            throw AnalysisError.empty(measure: measure, argument: "uncertain assumptions (nothing varies)")
        }
        let chosen = try options.units.map { name -> Int in
            guard let u = engine.units.firstIndex(of: name) else {
                throw ConstructionError.unknownName(kind: "unit", name: name, known: engine.units)
            }
            return u
        }
        let design = try SaltelliDesign(sampleSize: options.sampleSize, dimension: factors.count, seed: options.seed)
        let runs = design.runs
        let U = engine.unitCount
        var meanShift = [Double](repeating: .nan, count: design.runCount)
        var unitRanks = [[Double]](repeating: [Double](repeating: .nan, count: design.runCount), count: chosen.count)
        try engine.run(count: design.runCount, make: { range in
            range.map { r in engine.scenario(design: (0..<factors.count).map { runs[r, $0] }, seed: options.seed) }
        }, consume: { range, _, ranks in
            for (j, r) in range.enumerated() {
                var shift = 0, n = 0
                for u in 0..<U {
                    guard let nominal = engine.nominalRanks[u], ranks[u + U * j] > 0 else { continue }
                    shift += abs(Int(ranks[u + U * j]) - nominal)
                    n += 1
                }
                meanShift[r] = n == 0 ? .nan : Double(shift) / Double(n)
                for (c, u) in chosen.enumerated() {
                    unitRanks[c][r] = ranks[u + U * j] > 0 ? Double(ranks[u + U * j]) : .nan
                }
            }
        }, progress: progress)
        func output(_ name: String, nominal: Double, _ y: [Double]) throws -> SensitivityOutput {
            if let bad = y.firstIndex(where: \.isNaN) {
                return SensitivityOutput(name: name, nominal: nominal, indices: nil,
                                         undefinedReason: "not ranked in run \(bad + 1)")
            }
            do {
                let indices = try SobolSensitivity.estimate(
                    design: design, outputs: y, estimator: options.estimator,
                    bootstrapResamples: options.bootstrapResamples, confidence: options.confidence,
                    seed: options.seed &+ 1)
                return SensitivityOutput(name: name, nominal: nominal, indices: indices, undefinedReason: nil)
            } catch AnalysisError.undefined {
                return SensitivityOutput(name: name, nominal: nominal, indices: nil,
                                         undefinedReason: "the output does not vary over the design")
            }
        }
        return SensitivityResult(
            index: engine.plan.nodes[0].id, year: engine.year, factors: factors,
            meanAbsoluteRankChange: try output("mean_abs_rank_change", nominal: 0, meanShift),
            units: try chosen.enumerated().map { c, u in
                try output(engine.units[u], nominal: engine.nominalRanks[u].map(Double.init) ?? .nan, unitRanks[c])
            },
            sampleSize: options.sampleSize, runs: design.runCount, engine: engine.engineDescription)
    }
}

extension ScenarioEngine {
    /// The factors, in design column order: weight noise per level (levels with perturbed nodes, as given), then
    /// aggregation, normalisation, imputation, treatment and measurement noise, each when it varies.
    package var factors: [SensitivityFactor] {
        var list: [SensitivityFactor] = []
        let a = assumptions
        for (k, level) in a.weightLevels.enumerated() where a.weightNoise > 0 && !noisyWeightNodes[k].isEmpty {
            list.append(SensitivityFactor(key: "weights-level-\(level)",
                                          description: "weights ±\(Self.percent(a.weightNoise)) at level \(level)"))
        }
        let lines = assumptionLines
        func line(_ prefix: String) -> String {
            String((lines.first { $0.hasPrefix(prefix + ": ") } ?? prefix).dropFirst(prefix.count + 2))
        }
        if !a.aggregationAlternatives.isEmpty {
            list.append(SensitivityFactor(key: "aggregation", description: line("aggregation")))
        }
        if !a.normalisationAlternatives.isEmpty {
            list.append(SensitivityFactor(key: "normalisation", description: line("normalisation")))
        }
        if !a.imputationAlternatives.isEmpty {
            list.append(SensitivityFactor(key: "imputation", description: line("imputation")))
        }
        if !a.treatmentAlternatives.isEmpty {
            list.append(SensitivityFactor(key: "treatment", description: line("treatment")))
        }
        if !noisySeries.isEmpty {
            list.append(SensitivityFactor(key: "measurement-noise", description: lines.filter {
                $0.hasPrefix("measurement noise")
            }.joined(separator: "; ")))
        }
        return list
    }

    /// The scenario of one design point (coordinates in the order of ``factors``).
    package func scenario(design point: [Double], seed: UInt64) -> Scenario {
        let a = assumptions
        var column = 0
        var w = nominalWeights
        for (k, _) in a.weightLevels.enumerated() where a.weightNoise > 0 && !noisyWeightNodes[k].isEmpty {
            var rng = Xoshiro256StarStar(seed: Self.realisationSeed(seed, factor: column, point[column]))
            noisyWeights(level: k, rng: &rng, into: &w)
            column += 1
        }
        func next(_ count: Int) -> Int? {
            guard count > 0 else { return nil }
            defer { column += 1 }
            return Self.choice(point[column], count: count)
        }
        let agg = next(a.aggregationAlternatives.count)
        let n = next(a.normalisationAlternatives.count)
        let i = next(a.imputationAlternatives.count)
        let t = next(a.treatmentAlternatives.count)
        let noise = noisySeries.isEmpty ? nil
            : Xoshiro256StarStar(seed: Self.realisationSeed(seed, factor: column, point[column]))
        return Scenario(weights: w, methods: methods(aggregation: agg),
                        variant: variantIndex(normalisation: n, imputation: i, treatment: t), noise: noise)
    }

    /// A seed for the noise realisation of `factor` at coordinate `u`: SplitMix64's finaliser of the seed, the factor
    /// and the 53 bits of `u`, so equal coordinates (A and A_B^(j), j ≠ factor) give equal realisations.
    package static func realisationSeed(_ seed: UInt64, factor: Int, _ u: Double) -> UInt64 {
        var z = seed &+ UInt64(factor + 1) &* 0x9E37_79B9_7F4A_7C15
        z ^= UInt64(u * 0x1p53)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
