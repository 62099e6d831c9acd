import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// ``UncertaintyAnalysis/rankIntervals(_:year:design:options:)``: explicit per-replication weights and methods.
@Suite struct RankIntervalsTests {
    /// Index → pillars of indicators `i ≡ p (mod P)` with coverage ½ (2·present ≥ size), root coverage 1, min-max to
    /// [0, 100] with constant columns at 50: the benchmark workload's framework (WORKLOAD.md).
    static func framework(indicators I: Int, pillars P: Int, directions: Bool = true) -> Framework {
        let pillars = (0..<P).map { p in
            FrameworkNode(id: "P\(p)", content: .composite(
                children: stride(from: p, to: I, by: P).map { i in
                    FrameworkNode(id: "i\(i)", content: .indicator(IndicatorSpec(
                        series: "\(i)",
                        direction: !directions || i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
                }, aggregation: .arithmetic, coverage: 0.5))
        }
        var f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: pillars,
                                                                             aggregation: .arithmetic, coverage: 1)))
        f.methods.normalisation = .minMax(lower: 0, upper: 100)
        f.methods.degenerateScore = 50
        return f
    }

    /// The workload's methods: the index arithmetic for even replications, geometric shifted by 1 for odd ones.
    static func alternating(_ R: Int) -> [String: [Aggregation]] {
        ["IDX": (0..<R).map { $0 % 2 == 0 ? .arithmetic : .geometricShifted(shift: 1) }]
    }

    /// Four units, four indicators in two pillars (P0 = i0, i2; P1 = i1, i3), one year, three replications.
    /// Raw values span 0…100 in every indicator, so the normalised values equal them:
    ///
    ///     unit  i0   i1   i2   i3
    ///     u0    100  0    50   –      P1 has 1 of 2 present: scored (2·1 ≥ 2)
    ///     u1    0    100  100  0
    ///     u2    50   50   0    100
    ///     u3    –    –    –    50     P0 has none present: unranked
    ///
    /// r0, weights (1,1,1,1), arithmetic: P0 = 75, 50, 25; P1 = 0, 50, 75; index 37.5, 50, 50 → ranks 3, 1, 1 (tie).
    /// r1, weights (2,1,1,1), geometric shifted: P0 = 250/3, 100/3, 100/3; P1 = 0, 50, 75;
    ///     index √((P0+1)(P1+1)) − 1 = 8.18, 40.84, 50.08 → ranks 3, 2, 1.
    /// r2, weights (1,1,1,3), arithmetic: P0 = 75, 50, 25; P1 = 0, 25, 87.5; index 37.5, 37.5, 56.25 → ranks 2, 2, 1.
    /// Ranks per unit: u0 (3,3,2), u1 (1,2,2), u2 (1,1,1); type 7:
    /// python3 -c "import numpy as np; print(np.percentile([[3,3,2],[1,2,2],[1,1,1]],[50,5,95],axis=1).T.tolist())"
    /// → [[3.0, 2.1, 3.0], [2.0, 1.1, 2.0], [1.0, 1.0, 1.0]]
    static func handWorked() throws -> (PreparedConstruction, ReplicationDesign) {
        let rows: [[Double]] = [[100, 0, 50, .nan], [0, 100, 100, 0], [50, 50, 0, 100], [.nan, .nan, .nan, 50]]
        var cube = try IndicatorCube(units: ["u0", "u1", "u2", "u3"], series: ["0", "1", "2", "3"], years: [2024])
        for u in 0..<4 { for i in 0..<4 { cube[u, i, 0] = rows[u][i] } }
        let prepared = try Construction.prepare(framework(indicators: 4, pillars: 2, directions: false), cube: cube)
        // Plan indicator order is tree order: i0, i2 (P0), i1, i3 (P1).
        let byIndicator: [[Double]] = [[1, 1, 1, 1], [2, 1, 1, 1], [1, 1, 1, 3]]
        let order = prepared.plan.indicators.map { Int($0.series)! }
        let design = ReplicationDesign(replications: 3, indicatorWeights: byIndicator.flatMap { w in order.map { w[$0] } },
                                       methods: alternating(3))
        return (prepared, design)
    }

    @Test(arguments: [ReaggregationEngine.automatic, .perReplication], DenominatorMethod.allCases)
    func handWorkedCase(engine: ReaggregationEngine, denominator: DenominatorMethod) throws {
        let (prepared, design) = try Self.handWorked()
        let options = UncertaintyOptions(engine: engine, denominator: denominator)
        let result = try UncertaintyAnalysis.rankIntervals(prepared, year: 2024, design: design, options: options)
        #expect(result.ranks == [3, 3, 2, 1, 2, 2, 1, 1, 1, 0, 0, 0])
        #expect(result.median[0..<3] == [3, 2, 1] && result.p5[0..<3] == [2.1, 1.1, 1] && result.p95[0..<3] == [3, 2, 1])
        #expect(result.median[3].isNaN && result.p5[3].isNaN && result.p95[3].isNaN)
        #expect(result.rankedReplications == [3, 3, 3, 0])
        #expect(result.engine == (engine == .automatic ? "batched (dgemm per node)" : "per replication"))
        #expect(result.timing == nil)
    }

    /// A random panel (15% missing, some pillars below coverage) and an odd number of replications over blocks that
    /// do not divide it: the batched path (both denominators, 1 and 2 threads) against an independent reference —
    /// `PreparedConstruction.aggregate` with the replication's weights and methods, its competition ranks
    /// (``ScoreRanking``) and ``Quantile/type7(_:probabilities:)``.
    @Test func batchedPathAgreesWithTheFullPipelinePerReplication() throws {
        let (C, I, P, R) = (41, 12, 3, 37)
        var rng = Xoshiro256StarStar(seed: 2024)
        var cube = try IndicatorCube(units: (0..<C).map { "c\($0)" }, series: (0..<I).map(String.init), years: [1, 2])
        for k in cube.values.indices { cube.values[k] = rng.uniform() < 0.15 ? .nan : exp(rng.normal()) }
        let prepared = try Construction.prepare(Self.framework(indicators: I, pillars: P), cube: cube)
        let weights = (0..<(R * I)).map { _ in rng.uniform(in: 0.75..<1.25) }
        let design = ReplicationDesign(replications: R, indicatorWeights: weights, methods: Self.alternating(R))
        // Reference: one full aggregation per replication.
        let plan = prepared.plan, year = try prepared.selecting(years: [2])
        var reference = [Int32](repeating: 0, count: C * R)
        for r in 0..<R {
            var w = plan.nominalWeights
            for i in 0..<I { w[plan.indicatorNodes[i]] = weights[r * I + i] }
            var methods = [Aggregation?](repeating: nil, count: plan.nodes.count)
            methods[0] = r % 2 == 0 ? .arithmetic : .geometricShifted(shift: 1)
            let result = try year.aggregate(weights: w, methods: methods)
            for u in 0..<C { reference[u * R + r] = Int32(result.ranks[result.index(unit: u, node: 0, year: 0)] ?? 0) }
        }
        #expect(reference.contains(0) && reference.contains { $0 > 0 })  // some units unranked, most ranked
        var outputs: [RankIntervals] = []
        for (denominator, threads, block) in [(DenominatorMethod.product, 1, 8), (.product, 2, 8),
                                              (.missingCells, 1, 8), (.missingCells, 2, 5), (.product, 1, 128)] {
            let options = UncertaintyOptions(threads: threads, blockSize: block, denominator: denominator,
                                             keepsTime: true)
            let result = try UncertaintyAnalysis.rankIntervals(prepared, year: 2, design: design, options: options)
            #expect(result.ranks == reference, "\(denominator), \(threads) threads, blocks of \(block)")
            #expect(result.timing.map { $0.products > 0 && $0.index > 0 && $0.ranks > 0 } == true)
            outputs.append(result)
        }
        for u in 0..<C {
            let ranks = (0..<R).map { reference[u * R + $0] }.filter { $0 > 0 }.map(Double.init)
            let q = ranks.isEmpty ? [Double.nan, .nan, .nan] : try Quantile.type7(ranks, probabilities: [0.5, 0.05, 0.95])
            let result = outputs[0]
            #expect(result.rankedReplications[u] == ranks.count)
            #expect((q[0].isNaN && result.median[u].isNaN) || q[0] == result.median[u])
            #expect((q[1].isNaN && result.p5[u].isNaN) || q[1] == result.p5[u])
            #expect((q[2].isNaN && result.p95[u].isNaN) || q[2] == result.p95[u])
        }
        // Byte-identical whatever the thread count (same blocks of 8; and across denominators on these data).
        #expect(outputs[0].median.map(\.bitPattern) == outputs[1].median.map(\.bitPattern))
        #expect(outputs[0].p5.map(\.bitPattern) == outputs[1].p5.map(\.bitPattern))
        #expect(outputs[2].ranks == outputs[3].ranks)
    }

    /// The benchmark's small cross-check case (Tests/Fixtures/workload-small, written by the numpy reference; its
    /// README gives the command): the workload's design from `weights.csv` and mc.csv, text for text.
    @Test func reproducesTheNumpyReferenceMonteCarlo() throws {
        let cube = try WorkloadCrossCheckTests.cube()
        let prepared = try Construction.prepare(WorkloadCrossCheckTests.framework(index: .arithmetic), cube: cube)
        let (I, R) = (WorkloadCrossCheckTests.I, WorkloadCrossCheckTests.R)
        var weights = [Double](repeating: .nan, count: R * I)
        for row in try WorkloadCrossCheckTests.table("weights.csv") {
            weights[Int(row[0])! * I + Int(row[1])!] = Double(row[2])!
        }
        let design = try WorkloadMonteCarlo.design(plan: prepared.plan, weights: weights, indicators: I,
                                                   replications: R)
        for threads in [1, 2] {
            let result = try UncertaintyAnalysis.rankIntervals(
                prepared, year: WorkloadCrossCheckTests.Y - 1, design: design,
                options: UncertaintyOptions(threads: threads, blockSize: 1))
            let expected = try String(contentsOf: WorkloadCrossCheckTests.folder.appendingPathComponent("mc.csv"),
                                      encoding: .utf8)
            #expect(WorkloadMonteCarlo.csv(result) == expected)
        }
        #expect(throws: AnalysisError.self) {
            try WorkloadMonteCarlo.design(plan: prepared.plan, weights: [1, 2], indicators: I, replications: R)
        }
    }

    @Test func badDesignsAreTypedErrors() throws {
        let (prepared, design) = try Self.handWorked()
        var short = design
        short.indicatorWeights.removeLast()
        #expect(throws: AnalysisError.self) { try UncertaintyAnalysis.rankIntervals(prepared, year: 2024, design: short) }
        var negative = design
        negative.indicatorWeights[2] = -1
        #expect(throws: AnalysisError.self) {
            try UncertaintyAnalysis.rankIntervals(prepared, year: 2024, design: negative)
        }
        var unknown = design
        unknown.methods = ["P9": [.arithmetic, .arithmetic, .arithmetic]]
        #expect(throws: ConstructionError.self) {
            try UncertaintyAnalysis.rankIntervals(prepared, year: 2024, design: unknown)
        }
        #expect(throws: ConstructionError.self) { try UncertaintyAnalysis.rankIntervals(prepared, year: 1999, design: design) }
        // A geometric mean of a zero (min-max makes zeros) names the node, child, unit and year.
        var geometric = design
        geometric.methods = ["P0": [.geometric, .geometric, .geometric]]
        #expect(throws: ConstructionError.self) {
            try UncertaintyAnalysis.rankIntervals(prepared, year: 2024, design: geometric)
        }
    }
}
