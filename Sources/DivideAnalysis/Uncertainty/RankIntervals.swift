import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// Explicit per-replication assumptions for a Monte Carlo over weights and aggregation methods: the weights of
/// every indicator in every replication, and optionally the method of some composite nodes per replication
/// (benchmark WORKLOAD.md step 5: `W` of shape R × I; the index arithmetic for even `r`, shifted geometric for odd).
public struct ReplicationDesign: Sendable, Equatable {
    /// The number of replications `R`.
    public var replications: Int
    /// `R × I` raw indicator weights, row-major: replication `r`'s weight of indicator `i` (the plan's indicator
    /// order, `ConstructionPlan/indicators`) is at `r·I + i`. Weights are renormalised over the present siblings.
    public var indicatorWeights: [Double]
    /// Per composite node id, one method per replication; other nodes keep the framework's method.
    public var methods: [String: [Aggregation]]

    public init(replications: Int, indicatorWeights: [Double], methods: [String: [Aggregation]] = [:]) {
        self.replications = replications
        self.indicatorWeights = indicatorWeights
        self.methods = methods
    }
}

/// Every unit's rank interval over the replications of a ``ReplicationDesign``.
public struct RankIntervals: Sendable, Equatable {
    public var units: [String]
    public var year: Int
    public var replications: Int
    /// Type-7 quantiles of each unit's ranks over the replications where it is ranked (NaN when never ranked).
    public var median: [Double]
    public var p5: [Double]
    public var p95: [Double]
    /// The number of replications in which each unit is ranked.
    public var rankedReplications: [Int]
    /// Competition ranks (highest score first, 0 = unranked), units-major: unit `u`, replication `r` at `u·R + r`.
    public var ranks: [Int32]
    /// `batched (dgemm per node)` or `per replication`.
    public var engine: String
    /// Seconds per part, when asked for (`UncertaintyOptions/keepsTime`). With several threads the parts computed
    /// together (products, index, ranks) share the wall-clock time of that phase in proportion to their thread time.
    public var timing: MonteCarloTiming?
}

extension UncertaintyAnalysis {
    /// Ranks the units in every replication of an explicit design and summarises each unit's ranks by the median and
    /// the 5th and 95th percentiles (Hyndman–Fan type 7, numpy's default).
    ///
    /// Per replication `r`: the index of `year` with indicator weights `W[r, ·]` (other nodes at the framework's
    /// weights) and the methods of ``ReplicationDesign/methods``, through the same re-aggregation as
    /// ``UncertaintyAnalysis/run(_:cube:assumptions:options:progress:)`` (one `dgemm` per node of indicators and block of replications,
    /// or ``ReaggregationEngine/perReplication``), with each node's coverage rule; then competition ranks by a radix
    /// argsort (LinearAlgebra `ReplicationRanker`) and the quantiles by selection (`Quantile.type7Selecting`).
    /// Options used: ``UncertaintyOptions/threads``, `UncertaintyOptions/blockSize`,
    /// ``UncertaintyOptions/engine``, `UncertaintyOptions/blasThreads`, `UncertaintyOptions/keepsTime`.
    ///
    /// - Parameters:
    ///   - prepared: normalised values (e.g. from `Construction/prepare(_:cube:threads:)`); only `year` is used.
    ///   - year: the year ranked.
    ///   - design: the replications' indicator weights and methods.
    ///   - options: threads, block size, engine and BLAS threads (see above).
    /// - Throws: ``AnalysisError`` for a design of the wrong shape or a negative or non-finite weight,
    ///   `ConstructionError` for an unknown year or node, or a method that cannot take the data.
    public static func rankIntervals(_ prepared: PreparedConstruction, year: Int, design: ReplicationDesign,
                                     options: UncertaintyOptions = UncertaintyOptions()) throws -> RankIntervals {
        let measure = "uncertainty analysis"
        let plan = prepared.plan
        let R = design.replications, I = plan.indicators.count, U = prepared.units.count, N = plan.nodes.count
        guard R >= 1 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "replications", expected: "at least 1",
                                                 found: Double(R))
        }
        guard design.indicatorWeights.count == R * I else {
            throw AnalysisError.invalidParameter(
                measure: measure, argument: "indicator weights", expected: "R × I = \(R) × \(I) = \(R * I) values",
                found: Double(design.indicatorWeights.count))
        }
        if let bad = design.indicatorWeights.first(where: { !($0 >= 0 && $0.isFinite) }) {
            throw AnalysisError.invalidParameter(measure: measure, argument: "indicator weight",
                                                 expected: "a finite weight ≥ 0", found: bad)
        }
        for (name, value) in [("threads", options.threads), ("block size", options.blockSize)] where value < 1 {
            throw AnalysisError.invalidParameter(measure: measure, argument: name, expected: "at least 1",
                                                 found: Double(value))
        }
        let nominalMethods = plan.nodes.map { $0.aggregation ?? .arithmetic }
        var methodNodes: [(node: Int, methods: [Aggregation])] = []
        for (id, methods) in design.methods.sorted(by: { $0.key < $1.key }) {
            guard let n = plan.node(id), plan.nodes[n].indicator == nil else {
                throw ConstructionError.unknownName(kind: "composite node", name: id,
                                                    known: plan.aggregationOrder.map { plan.nodes[$0].id })
            }
            guard methods.count == R else {
                throw AnalysisError.invalidParameter(measure: measure, argument: "methods of \(id)",
                                                     expected: "one per replication (\(R))",
                                                     found: Double(methods.count))
            }
            methodNodes.append((n, methods))
        }
        guard let y = prepared.years.firstIndex(of: year) else {
            throw ConstructionError.unknownName(kind: "year", name: "\(year)", known: prepared.years.map(String.init))
        }
        let inPlay = plan.aggregationOrder.flatMap { n in
            [nominalMethods[n]] + (methodNodes.first { $0.node == n }?.methods ?? [])
        }
        let batched = options.engine == .automatic && inPlay.allSatisfy { QuasiArithmeticMean($0) != nil }
        // The batched path needs the year's values only; the per-replication path a construction of that year.
        var variant = batched ? PreparedVariant(prepared: PreparedConstruction(
            plan: plan, units: prepared.units, years: [year], groupings: prepared.groupings,
            normalised: Array(prepared.normalised[(U * I * y)..<(U * I * (y + 1))]), origins: CellOrigins([]),
            treatment: []))
            : PreparedVariant(prepared: try prepared.selecting(years: [year]))
        let values = variant.values
        if batched {
            let means: [[QuasiArithmeticMean]] = (0..<N).map { n in
                guard plan.nodes[n].indicator == nil else { return [] }
                let methods = [nominalMethods[n]] + (methodNodes.first { $0.node == n }?.methods ?? [])
                return Array(Set(methods.compactMap(QuasiArithmeticMean.init)))
            }
            variant.batch = BatchAggregation(plan: plan, values: values, units: prepared.units, year: year,
                                             means: means)
        }
        let runner = ReplicationRunner(
            plan: plan, units: prepared.units, year: year, variants: [variant], batched: batched,
            threads: options.threads, blockSize: options.blockSize, blasThreads: options.blasThreads,
            denominator: options.denominator, prepareNoisy: nil)

        // The ranks matrix, units-major, written block by block by the workers (disjoint columns).
        var ranks = [Int32](repeating: 0, count: U * R)
        let nominalWeights = plan.nominalWeights
        var timing = MonteCarloTiming()
        let statistics = try ranks.withUnsafeMutableBufferPointer { buffer in
            let matrix = RankMatrix(base: buffer.baseAddress!, units: U, replications: R)
            let phaseStart = DispatchTime.now().uptimeNanoseconds
            timing = try design.indicatorWeights.withUnsafeBufferPointer { w in
                try runner.run(count: R, keepsTime: options.keepsTime, layout: .unitMajor, make: { range in
                    range.map { r in
                        var weights = nominalWeights
                        for i in 0..<I { weights[plan.indicatorNodes[i]] = w[r * I + i] }
                        var methods = nominalMethods
                        for (n, list) in methodNodes { methods[n] = list[r] }
                        return Scenario(weights: weights, methods: methods, variant: 0, noise: nil)
                    }
                }, block: { range, workspace in
                    matrix.store(first: range.lowerBound, count: range.count, unitMajor: workspace.ranks)
                }, wave: { _ in })
            }
            let phase = Double(DispatchTime.now().uptimeNanoseconds - phaseStart) / 1e9
            // Quantiles per unit, units split in contiguous parts over the threads.
            let quantileStart = DispatchTime.now().uptimeNanoseconds
            let statistics = matrix.quantiles(threads: options.threads)
            let quantileTime = Double(DispatchTime.now().uptimeNanoseconds - quantileStart) / 1e9
            // The wall-clock time of the block phase, shared among its parts in proportion to their thread time.
            let threadTime = timing.products + timing.index + timing.ranks
            let scale = threadTime > 0 ? phase / threadTime : 0
            timing = MonteCarloTiming(products: timing.products * scale, index: timing.index * scale,
                                      ranks: timing.ranks * scale, percentiles: quantileTime)
            return statistics
        }
        return RankIntervals(
            units: prepared.units, year: year, replications: R, median: statistics.median, p5: statistics.p5,
            p95: statistics.p95, rankedReplications: statistics.ranked, ranks: ranks,
            engine: batched ? "batched (dgemm per node)" : "per replication",
            timing: options.keepsTime ? timing : nil)
    }
}

/// Units × replications competition ranks, units-major (`u·R + r`), filled block by block from worker threads
/// (each block writes its own replications' columns).
package final class RankMatrix: @unchecked Sendable {
    package let units: Int, replications: Int
    private let base: UnsafeMutablePointer<Int32>

    /// Over `units · replications` values at `base`, owned by the caller for the matrix's lifetime.
    package init(base: UnsafeMutablePointer<Int32>, units: Int, replications: Int) {
        self.base = base
        self.units = units
        self.replications = replications
    }

    /// Copies a block's unit-major ranks (`block[u·count + j]`, replications `first..<first+count`).
    package func store(first: Int, count: Int, unitMajor block: UnsafePointer<Int32>) {
        for u in 0..<units {
            (base + u * replications + first).update(from: block + u * count, count: count)
        }
    }

    /// Per unit: type-7 median, 5th and 95th percentiles of the nonzero ranks, and their number.
    package func quantiles(threads: Int) -> (median: [Double], p5: [Double], p95: [Double], ranked: [Int]) {
        let U = units
        var out = [Double](repeating: .nan, count: 3 * U)
        var counts = [Int](repeating: 0, count: U)
        out.withUnsafeMutableBufferPointer { outBuffer in
            counts.withUnsafeMutableBufferPointer { countBuffer in
                let sink = QuantileSink(out: outBuffer.baseAddress, counts: countBuffer.baseAddress)
                ParallelRanges.run(U, threads: threads) { units in quantiles(units: units, into: sink) }
            }
        }
        return ((0..<U).map { out[3 * $0 + 1] }, (0..<U).map { out[3 * $0] }, (0..<U).map { out[3 * $0 + 2] },
                counts)
    }

    private func quantiles(units range: Range<Int>, into sink: QuantileSink) {
        let R = replications
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, R))
        defer { scratch.deallocate() }
        let probabilities = [0.05, 0.5, 0.95]
        for u in range {
            var n = 0
            let row = base + u * R
            for r in 0..<R where row[r] != 0 {
                scratch[n] = row[r]
                n += 1
            }
            sink.counts![u] = n
            Quantile.type7Selecting(UnsafeMutableBufferPointer(start: scratch, count: n), ascending: probabilities,
                                    into: sink.out! + 3 * u)
        }
    }
}

/// Where the workers write each unit's quantiles (disjoint units per worker).
private struct QuantileSink: @unchecked Sendable {
    let out: UnsafeMutablePointer<Double>?
    let counts: UnsafeMutablePointer<Int>?
}
