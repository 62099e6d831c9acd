import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// How a Monte Carlo uncertainty analysis runs.
public struct UncertaintyOptions: Sendable, Equatable {
    /// The number of replications `R`.
    public var replications: Int
    /// Seeds the replications: replication `r` draws from `Xoshiro256StarStar.streams(seed:count:)` stream `r`.
    public var seed: UInt64
    /// The year analysed (nil = the latest year with a ranked unit).
    public var year: Int?
    /// Threads computing blocks of replications at once (the output does not depend on it).
    public var threads: Int
    /// Replications per block (one matrix product per node and block). A tuning knob (`@_spi(Tuning)`), not API.
    @_spi(Tuning) public var blockSize: Int
    public var engine: ReaggregationEngine
    /// BLAS threads while the analysis runs on one thread (nil = 1). With several ``threads`` BLAS always runs on
    /// one (blocks run side by side instead). One is the safe default: two-thread OpenBLAS slows down several-fold
    /// when another process holds a core of a two-core machine (shared/bench/RESULTS.md). A tuning knob.
    @_spi(Tuning) public var blasThreads: Int?
    /// How the denominators of nodes of indicators are formed (the same numbers up to rounding). A tuning knob.
    @_spi(Tuning) public var denominator: DenominatorMethod
    /// Whether the rank intervals report the time of each part (the benchmark workload's step lines). A tuning knob.
    @_spi(Tuning) public var keepsTime: Bool
    /// When set, every replication's index scores are written there as CSV while they are computed
    /// (`replication,<unit>,…`, one row per replication, scores in shortest round-trip form, empty = not scored;
    /// RFC 4180 with CRLF line ends).
    public var scoresFile: URL?

    public init(replications: Int = 1000, seed: UInt64 = 1, year: Int? = nil, threads: Int = 1,
                engine: ReaggregationEngine = .automatic, scoresFile: URL? = nil) {
        self.init(replications: replications, seed: seed, year: year, threads: threads, blockSize: 128,
                  engine: engine, scoresFile: scoresFile)
    }

    /// With the tuning knobs (`@_spi(Tuning) import DivideAnalysis`): the benchmarks and the workload use them.
    @_spi(Tuning)
    public init(replications: Int = 1000, seed: UInt64 = 1, year: Int? = nil, threads: Int = 1,
                blockSize: Int = 128, engine: ReaggregationEngine = .automatic, scoresFile: URL? = nil,
                blasThreads: Int? = nil, denominator: DenominatorMethod = .product, keepsTime: Bool = false) {
        self.blasThreads = blasThreads
        self.denominator = denominator
        self.keepsTime = keepsTime
        self.replications = replications
        self.seed = seed
        self.year = year
        self.threads = threads
        self.blockSize = blockSize
        self.engine = engine
        self.scoresFile = scoresFile
    }
}

/// One unit's rank distribution over the replications.
public struct UnitRankStatistics: Sendable, Equatable, Codable {
    public var unit: String
    /// The index score and rank under the framework's own choices (nil = not scored).
    public var nominalScore: Double?
    public var nominalRank: Int?
    /// Type-7 quantiles of the unit's ranks over the replications where it is ranked (nil when never ranked).
    public var medianRank: Double?
    public var p5Rank: Double?
    public var p95Rank: Double?
    public var meanRank: Double?
    /// Mean of |rank − nominal rank| over the replications where the unit is ranked (nil when it has no nominal rank).
    public var meanAbsoluteShift: Double?
    public var bestRank: Int?
    public var worstRank: Int?
    /// The number of replications in which the unit is ranked.
    public var rankedReplications: Int

    package enum CodingKeys: String, CodingKey {
        case unit
        case nominalScore = "nominal_score", nominalRank = "nominal_rank", medianRank = "median_rank"
        case p5Rank = "p5_rank", p95Rank = "p95_rank", meanRank = "mean_rank"
        case meanAbsoluteShift = "mean_abs_shift", bestRank = "best_rank", worstRank = "worst_rank"
        case rankedReplications = "ranked_replications"
    }
}

/// The outcome of ``UncertaintyAnalysis/run(_:cube:assumptions:options:progress:)``.
public struct UncertaintyResult: Sendable, Equatable {
    /// The index (root node) id.
    public var index: String
    public var year: Int
    public var replications: Int
    public var seed: UInt64
    /// The path taken: `batched (dgemm per node)` or `per replication`.
    public var engine: String
    /// One row per unit, in the cube's order.
    public var units: [UnitRankStatistics]
    /// The mean absolute rank change over all nominally ranked units and replications (COINr's sensitivity output).
    public var meanAbsoluteShift: Double
    /// What varied, one line per assumption.
    public var assumptions: [String]
}

/// Monte Carlo uncertainty analysis of a composite index's ranks (OECD/JRC Handbook step 8; COINr `get_sensitivity`
/// with `SA_type = "UA"`).
///
/// Each of `R` replications draws every assumption of an ``UncertainAssumptions`` (weight noise, aggregation,
/// normalisation, imputation, treatment, measurement noise), recomputes the index for one year and ranks the units
/// (competition ranking, highest score first). Per unit: the nominal rank, the median and the 5th/95th percentiles of
/// its ranks (Hyndman–Fan type 7, read off the exact rank histogram), the mean rank and the mean absolute shift
/// from the nominal rank.
///
/// Replications that differ only in weights and aggregation are computed together, one BLAS `dgemm` per node and
/// block of replications (``ReaggregationEngine/automatic``); alternatives of normalisation, imputation and treatment
/// are prepared once each; measurement noise prepares every replication afresh. Deterministic: replication `r` draws
/// from stream `r` of `LinearAlgebra`'s `Xoshiro256StarStar.streams(seed:count:)`, so the output is the same on any number of
/// threads.
public enum UncertaintyAnalysis {
    /// Runs the analysis around a computed index.
    /// - Parameters:
    ///   - index: the computed index (its framework's methods are the nominal choices, its scores the nominal
    ///     scores); nothing of it is prepared again.
    ///   - assumptions: what varies between replications (weights, methods, measurement noise).
    ///   - options: replications, seed, year, threads and engine.
    ///   - progress: called on the calling thread after each wave of blocks with (done, total).
    /// - Throws: ``AnalysisError`` for a parameter out of range, `ConstructionError` when a replication's methods
    ///   cannot take the data (e.g. a geometric mean of a zero), and file errors writing the scores.
    public static func run(_ index: IndexResult, assumptions: UncertainAssumptions,
                           options: UncertaintyOptions = UncertaintyOptions(),
                           progress: ((Int, Int) -> Void)? = nil) throws -> UncertaintyResult {
        let measure = "uncertainty analysis"
        guard options.replications >= 1 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "replications", expected: "at least 1",
                                                 found: Double(options.replications))
        }
        var engine = try ScenarioEngine(index: index, assumptions: assumptions,
                                        year: options.year, engine: options.engine, threads: options.threads,
                                        blockSize: options.blockSize, measure: measure)
        engine.blasThreads = options.blasThreads
        engine.denominator = options.denominator
        let U = engine.unitCount
        var histogram = RankHistogram(units: U)
        let writer = try options.scoresFile.map { try ScoresWriter(url: $0, units: engine.units) }
        var cursor = Xoshiro256StarStar(seed: options.seed)
        try engine.run(count: options.replications, make: { range in
            range.map { _ in
                var rng = cursor
                cursor.jump()
                return engine.randomScenario(&rng)
            }
        }, consume: { range, scores, ranks in
            histogram.add(ranks)
            try writer?.write(first: range.lowerBound, scores: scores, units: U)
        }, progress: progress)
        try writer?.close()
        return UncertaintyResult(
            index: engine.plan.nodes[0].id, year: engine.year, replications: options.replications,
            seed: options.seed, engine: engine.engineDescription,
            units: histogram.statistics(units: engine.units, nominalScores: engine.nominalScores,
                                        nominalRanks: engine.nominalRanks),
            meanAbsoluteShift: histogram.meanAbsoluteShift(nominalRanks: engine.nominalRanks),
            assumptions: engine.assumptionLines)
    }

    /// Computes `framework` on `cube` (`IndexResult/init(computing:cube:years:)`), then runs
    /// ``run(_:assumptions:options:progress:)`` around it.
    public static func run(_ framework: Framework, cube: IndicatorCube, assumptions: UncertainAssumptions,
                           options: UncertaintyOptions = UncertaintyOptions(),
                           progress: ((Int, Int) -> Void)? = nil) throws -> UncertaintyResult {
        try run(IndexResult(computing: framework, cube: cube), assumptions: assumptions, options: options,
                progress: progress)
    }

    /// Every replication's index scores, units × replications column-major, held in memory (for tests and small
    /// runs; use ``UncertaintyOptions/scoresFile`` for large ones).
    package static func scores(_ framework: Framework, cube: IndicatorCube, assumptions: UncertainAssumptions,
                       options: UncertaintyOptions) throws -> (units: [String], scores: [Double], ranks: [Int32]) {
        var engine = try ScenarioEngine(index: IndexResult(computing: framework, cube: cube), assumptions: assumptions,
                                        year: options.year, engine: options.engine, threads: options.threads,
                                        blockSize: options.blockSize, measure: "uncertainty analysis")
        engine.blasThreads = options.blasThreads
        engine.denominator = options.denominator
        var allScores: [Double] = [], allRanks: [Int32] = []
        var cursor = Xoshiro256StarStar(seed: options.seed)
        try engine.run(count: options.replications, make: { range in
            range.map { _ in
                var rng = cursor
                cursor.jump()
                return engine.randomScenario(&rng)
            }
        }, consume: { _, scores, ranks in
            allScores += scores
            allRanks += ranks
        })
        return (engine.units, allScores, allRanks)
    }
}

extension ScenarioEngine {
    /// What varies, one line per assumption, for reports.
    package var assumptionLines: [String] {
        let a = assumptions
        var lines: [String] = []
        if a.weightNoise > 0 && !a.weightLevels.isEmpty {
            lines.append("weights ±\(Self.percent(a.weightNoise)) at level\(a.weightLevels.count == 1 ? "" : "s") "
                         + a.weightLevels.map(String.init).joined(separator: ","))
        }
        if !a.aggregationAlternatives.isEmpty {
            let levels = a.aggregationLevels.map { " at levels " + $0.map(String.init).joined(separator: ",") } ?? ""
            lines.append("aggregation: " + a.aggregationAlternatives.map(\.name).joined(separator: " | ") + levels)
        }
        if !a.normalisationAlternatives.isEmpty {
            lines.append("normalisation: " + a.normalisationAlternatives.map(\.name).joined(separator: " | "))
        }
        if !a.imputationAlternatives.isEmpty {
            lines.append("imputation: " + a.imputationAlternatives.map { $0.map(\.name).joined(separator: "+") }
                .joined(separator: " | "))
        }
        if !a.treatmentAlternatives.isEmpty {
            lines.append("treatment: " + a.treatmentAlternatives.map(\.name).joined(separator: " | "))
        }
        for (s, e) in noisySeries {
            lines.append("measurement noise ±\(Self.percent(e)) on \(cube.series[s])")
        }
        return lines
    }

    package static func percent(_ x: Double) -> String {
        let p = x * 100
        return (p == p.rounded() ? String(Int(p)) : String(p)) + "%"
    }
}

/// Counts of each unit's ranks: `counts[u·(U + 1) + rank]`, rank 1…U (0 = unranked). Order statistics, means and
/// shifts are exact functions of it, and it takes O(U²) memory whatever the number of replications.
package struct RankHistogram: Sendable {
    package let units: Int
    package var counts: [Int]

    package init(units: Int) {
        self.units = units
        counts = [Int](repeating: 0, count: units * (units + 1))
    }

    /// Adds replications' ranks, units × replications column-major.
    package mutating func add(_ ranks: [Int32]) {
        let U = units
        for (k, rank) in ranks.enumerated() { counts[(k % U) * (U + 1) + Int(rank)] += 1 }
    }

    /// The 0-based `k`-th smallest rank of unit `u` among its `n` ranked replications.
    package func orderStatistic(unit u: Int, _ k: Int) -> Int {
        var seen = 0
        for rank in 1...units {
            seen += counts[u * (units + 1) + rank]
            if seen > k { return rank }
        }
        return units
    }

    /// Type-7 quantile: `h = (n − 1)p`, `x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)` (0-based order statistics).
    package func quantile(unit u: Int, count n: Int, probability p: Double) -> Double {
        let h = Double(n - 1) * p
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        let a = Double(orderStatistic(unit: u, lower))
        if fraction == 0 || lower + 1 >= n { return a }
        return a + fraction * (Double(orderStatistic(unit: u, lower + 1)) - a)
    }

    package func statistics(units names: [String], nominalScores: [Double], nominalRanks: [Int?]) -> [UnitRankStatistics] {
        (0..<units).map { u in
            let row = counts[(u * (units + 1))..<((u + 1) * (units + 1))]
            let n = row.dropFirst().reduce(0, +)
            var stats = UnitRankStatistics(
                unit: names[u], nominalScore: nominalScores[u].isNaN ? nil : nominalScores[u],
                nominalRank: nominalRanks[u], medianRank: nil, p5Rank: nil, p95Rank: nil, meanRank: nil,
                meanAbsoluteShift: nil, bestRank: nil, worstRank: nil, rankedReplications: n)
            guard n > 0 else { return stats }
            var sum = 0, shift = 0
            for rank in 1...units {
                let c = row[u * (units + 1) + rank]
                sum += c * rank
                if let nominal = nominalRanks[u] { shift += c * abs(rank - nominal) }
            }
            stats.medianRank = quantile(unit: u, count: n, probability: 0.5)
            stats.p5Rank = quantile(unit: u, count: n, probability: 0.05)
            stats.p95Rank = quantile(unit: u, count: n, probability: 0.95)
            stats.meanRank = Double(sum) / Double(n)
            stats.meanAbsoluteShift = nominalRanks[u] == nil ? nil : Double(shift) / Double(n)
            stats.bestRank = orderStatistic(unit: u, 0)
            stats.worstRank = orderStatistic(unit: u, n - 1)
            return stats
        }
    }

    /// Mean of |rank − nominal| over every (nominally ranked unit, replication where it is ranked) pair.
    package func meanAbsoluteShift(nominalRanks: [Int?]) -> Double {
        var shift = 0, n = 0
        for u in 0..<units {
            guard let nominal = nominalRanks[u] else { continue }
            for rank in 1...max(1, units) where units > 0 {
                let c = counts[u * (units + 1) + rank]
                shift += c * abs(rank - nominal)
                n += c
            }
        }
        return n == 0 ? .nan : Double(shift) / Double(n)
    }
}

/// Streams replications' scores to a CSV file (``SpreadsheetCSV`` records, CRLF line ends) through ``OutputFile``:
/// the file appears complete when the analysis ends, or not at all.
package struct ScoresWriter {
    package let file: OutputFile

    package init(url: URL, units: [String]) throws {
        file = try OutputFile(path: url.path)
        try file.append(SpreadsheetCSV.record([.text("replication")] + units.map { .text($0) }))
    }

    package func write(first: Int, scores: [Double], units U: Int) throws {
        var text = ""
        let B = U == 0 ? 0 : scores.count / U
        for j in 0..<B {
            text += SpreadsheetCSV.record([.integer(first + j + 1)] + (0..<U).map { u in
                let x = scores[u + U * j]
                return x.isNaN ? .empty : .number(x)
            })
        }
        try file.append(text)
    }

    package func close() throws { try file.commit() }
}
