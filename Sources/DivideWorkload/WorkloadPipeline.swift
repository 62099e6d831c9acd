@_spi(Tuning) import DivideAnalysis
@_spi(Tuning) import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// One timed step of the benchmark workload, named as on the reference's `BENCH` lines.
public enum WorkloadStep: String, Sendable, CaseIterable {
    case normalise = "step1_normalise"
    case pillars = "step2_pillars"
    case index = "step3_index"
    case rank = "step4_rank"
    case monteCarloProducts = "step5a_mc_gemm"
    case monteCarloIndex = "step5b_mc_index"
    case monteCarloRanks = "step5c_mc_rank"
    case monteCarloPercentiles = "step5d_mc_pct"

    /// The parts of step 5, whose sum is reported as `step5_mc`.
    public static let monteCarlo: [WorkloadStep] = [.monteCarloProducts, .monteCarloIndex, .monteCarloRanks,
                                                     .monteCarloPercentiles]
}

/// Steps 1–4 of the benchmark workload (`../shared/bench/WORKLOAD.md`) through the library's construction
/// code: ``Construction/prepare(_:cube:threads:recycling:)`` normalises (step 1),
/// ``PreparedConstruction/aggregateComposites(_:weights:methods:children:into:threads:)`` scores the pillars
/// (step 2) and the two indices (step 3, the root once with the framework's arithmetic mean and once with
/// ``Aggregation/geometricShifted(shift:)``), and `CompetitionRanker` ranks each year's index scores
/// (step 4). Every step splits its work over `threads`; the results do not depend on the thread count.
///
/// Step 5 (the Monte Carlo over weights, the latest year) runs through
/// ``UncertaintyAnalysis/rankIntervals(_:year:design:options:)`` on step 1's normalised values, with the design of
/// ``WorkloadMonteCarlo/design(plan:weights:indicators:replications:)`` (made once, untimed, as the reference takes
/// `W` as an input); its parts are timed as the engine reports them (``MonteCarloTiming``), the setup of the call
/// (operands, scenarios) shared among 5a–5c in proportion, so that the parts add up to the call's wall-clock time.
public struct WorkloadPipeline: Sendable {
    public let data: WorkloadData
    public let threads: Int
    /// The workload's framework (arithmetic index; the geometric one is a method override of the root).
    public let framework: Framework
    /// The second index's method.
    public static let geometricIndex = Aggregation.geometricShifted(shift: 1)

    /// Step 5's design: `W` in plan indicator order, the index arithmetic for even replications and shifted
    /// geometric for odd ones.
    public let design: ReplicationDesign
    /// Step 5's engine settings (threads as the pipeline; BLAS on one thread; denominators from missing cells;
    /// blocks of ``blockSize(units:)`` replications).
    public var monteCarloOptions: UncertaintyOptions

    public init(data: WorkloadData, threads: Int = 1) throws {
        self.data = data
        self.threads = max(1, threads)
        framework = WorkloadFramework.make(indicators: data.input.indicators, pillars: data.input.pillars)
        design = try WorkloadMonteCarlo.design(plan: ConstructionPlan(framework), weights: data.weights,
                                               indicators: data.input.indicators,
                                               replications: data.input.replications)
        monteCarloOptions = UncertaintyOptions(threads: self.threads, blockSize: Self.blockSize(units: data.input.units),
                                               denominator: .missingCells,
                                               keepsTime: true)
    }

    /// Replications per Monte Carlo block: the largest power of two up to 128 whose products (`2·units × block`
    /// doubles, numerators and denominators) fit in 512 KiB, at least 16, so that the division, log and exp passes of step 5b read the products
    /// from L2 rather than L3 (size M: 16, measured 31 → 17 ms for step 5b on one thread against blocks of 128;
    /// size L: 16, where smaller blocks cost more in step 5a's products than they save; size S: 128).
    /// Results do not depend on the thread count whatever the block size.
    public static func blockSize(units U: Int) -> Int {
        let fits = 524_288 / max(1, 16 * U)
        var block = 1
        while block * 2 <= fits && block < 128 { block *= 2 }
        return min(128, max(16, block))
    }

    /// Runs steps 1–4 once, timing each.
    /// - Parameter previous: a previous run the caller no longer needs: its buffers are overwritten instead of
    ///   allocating fresh ones (a fresh 48 MB array costs some 12,000 page faults at size M).
    public func run(recycling previous: consuming WorkloadRun? = nil) throws -> WorkloadRun {
        let old = previous.take()
        var recycledPrepared = old?.prepared
        var recycledComposites = old?.composites, recycledGeometric = old?.geometric
        _ = consume old
        var seconds: [WorkloadStep: Double] = [:]
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ step: WorkloadStep) {
            let now = DispatchTime.now().uptimeNanoseconds
            seconds[step] = Double(now - clock) / 1e9
            clock = now
        }
        // Step 1: per-year min-max of every indicator.
        let prepared = try Construction.prepare(framework, cube: data.cube, threads: threads,
                                                recycling: recycledPrepared.take())
        lap(.normalise)
        // Step 2: pillar scores.
        let plan = prepared.plan
        let U = prepared.units.count, Y = prepared.years.count
        var composites = CompositeScores(plan: plan, units: U, years: Y, recycling: recycledComposites.take())
        let pillars = plan.nodes[0].children
        try prepared.aggregateComposites(pillars, into: &composites, threads: threads)
        lap(.pillars)
        // Step 3: the arithmetic index (the framework's root) and the shifted geometric one.
        try prepared.aggregateComposites([0], into: &composites, threads: threads)
        // Only the root of this store is computed, in full for every year; its other slots stay NaN from when it
        // was made, so a recycled one needs no NaN pass.
        var geometric = CompositeScores(plan: plan, units: U, years: Y, keeping: recycledGeometric.take())
        var methods = [Aggregation?](repeating: nil, count: plan.nodes.count)
        methods[0] = Self.geometricIndex
        try prepared.aggregateComposites([0], methods: methods, children: composites, into: &geometric,
                                         threads: threads)
        lap(.index)
        // Step 4: competition ranks of both indices, per year.
        let ranks = Self.ranks(of: [composites, geometric], units: U, years: Y, threads: threads)
        lap(.rank)
        // Step 5: Monte Carlo over the weights, latest year.
        let monteCarlo = design.replications == 0 ? nil : try UncertaintyAnalysis.rankIntervals(
            prepared, year: prepared.years[Y - 1], design: design, options: monteCarloOptions)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
        let parts = monteCarlo?.timing ?? MonteCarloTiming()
        let blockPhase = parts.products + parts.index + parts.ranks
        let scale = blockPhase > 0 ? max(0, wall - parts.percentiles) / blockPhase : 0
        seconds[.monteCarloProducts] = parts.products * scale
        seconds[.monteCarloIndex] = parts.index * scale
        seconds[.monteCarloRanks] = parts.ranks * scale
        seconds[.monteCarloPercentiles] = parts.percentiles
        return WorkloadRun(prepared: prepared, composites: composites, geometric: geometric,
                           ranksArithmetic: ranks[0], ranksGeometric: ranks[1], monteCarlo: monteCarlo,
                           seconds: seconds)
    }

    /// Each store's root scores ranked per year (descending, "1224"), `[u + U·y]`, 0 = unranked.
    package static func ranks(of stores: [CompositeScores], units U: Int, years Y: Int, threads: Int) -> [[Int32]] {
        stores.map { store in
            var ranks = [Int32](repeating: 0, count: U * Y)
            store.values.withUnsafeBufferPointer { values in
                ranks.withUnsafeMutableBufferPointer { out in
                    let input = SharedPointer(UnsafeMutablePointer(mutating: values.baseAddress!))
                    let output = SharedPointer(out.baseAddress!)
                    let root = store.offset(node: 0, year: 0), stride = store.offset(node: 0, year: 1) - root
                    ParallelRanges.run(Y, threads: threads) { years in
                        var ranker = CompetitionRanker()
                        for y in years {
                            ranker.rank(UnsafeBufferPointer(start: input.base + root + stride * y, count: U),
                                        order: .descending,
                                        into: UnsafeMutableBufferPointer(start: output.base + U * y, count: U))
                        }
                    }
                }
            }
            return ranks
        }
    }
}

/// The results of one run of ``WorkloadPipeline`` and its step times.
public struct WorkloadRun: Sendable {
    /// Step 1: the normalised values (``PreparedConstruction/normalised``, plan indicator order).
    public let prepared: PreparedConstruction
    /// Steps 2 and 3: the pillar scores and the arithmetic index (root).
    public let composites: CompositeScores
    /// Step 3: the shifted geometric index (root only).
    public let geometric: CompositeScores
    /// Step 4: ranks `[u + units·y]`, 0 = unranked.
    public let ranksArithmetic: [Int32]
    public let ranksGeometric: [Int32]
    /// Step 5: every unit's median and 5th/95th percentile rank over the replications (nil without replications).
    public let monteCarlo: RankIntervals?
    /// Seconds per step.
    public var seconds: [WorkloadStep: Double]

    /// Step 5's time, the sum of its parts.
    public var monteCarloSeconds: Double { WorkloadStep.monteCarlo.reduce(0) { $0 + (seconds[$1] ?? 0) } }

    /// The sum of the step times.
    public var total: Double { seconds.values.reduce(0, +) }

    /// Pillar `p`'s plan node.
    public func pillarNode(_ p: Int) -> Int { prepared.plan.nodes[0].children[p] }
}
