import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// The workload's rules (WORKLOAD.md steps 1–4) on a hand-worked case: 4 units, 5 indicators in 2 pillars
/// (pillar 0 = {i0, i2, i4}, needs 2 present; pillar 1 = {i1, i3}, needs 1: exactly half), 2 years. Unit 3 is a
/// copy of unit 1, so their indices tie.
@Suite struct WorkloadRulesTests {
    static let nan = Double.nan
    /// X[unit][indicator][year].
    static let x: [[[Double]]] = [
        [[1, 2], [7, 1], [nan, nan], [8, 0], [2, nan]],
        [[3, 2], [7, 2], [10, nan], [nan, 4], [nan, 5]],
        [[5, nan], [7, 3], [nan, nan], [nan, nan], [4, 1]],
        [[3, 2], [7, 2], [10, nan], [nan, 4], [nan, 5]],
    ]

    static func run(threads: Int = 1) throws -> WorkloadRun {
        var cube = try IndicatorCube(units: ["0", "1", "2", "3"], series: ["0", "1", "2", "3", "4"], years: [0, 1])
        for u in 0..<4 { for i in 0..<5 { for y in 0..<2 { cube[u, i, y] = x[u][i][y] } } }
        let input = WorkloadInput(units: 4, indicators: 5, years: 2, pillars: 2, replications: 0)
        return try WorkloadPipeline(data: WorkloadData(input: input, cube: cube, weights: []), threads: threads).run()
    }

    /// Normalised value of indicator `i` (series order), unit `u`, year `y`.
    static func z(_ run: WorkloadRun, _ u: Int, _ i: Int, _ y: Int) -> Double {
        let k = run.prepared.plan.indicators.firstIndex { $0.series == "\(i)" }!
        return run.prepared.normalised[u + 4 * (k + 5 * y)]
    }

    @Test func normalisation() throws {
        let r = try Self.run()
        // i0 year 0: lo 1, hi 5 → 0, 50, 100, 50.
        #expect((0..<4).map { Self.z(r, $0, 0, 0) } == [0, 50, 100, 50])
        // i1 year 0 constant 7 → 50 everywhere; year 1, direction −1, lo 1, hi 3 → 100, 50, 0, 50.
        #expect((0..<4).map { Self.z(r, $0, 1, 0) } == [50, 50, 50, 50])
        #expect((0..<4).map { Self.z(r, $0, 1, 1) } == [100, 50, 0, 50])
        // i3 year 0: a single unit with data → 50.
        #expect(Self.z(r, 0, 3, 0) == 50 && Self.z(r, 1, 3, 0).isNaN)
        // i2 year 1: no data at all → no values.
        #expect((0..<4).allSatisfy { Self.z(r, $0, 2, 1).isNaN })
    }

    @Test func pillarsIndicesAndRanks() throws {
        let r = try Self.run()
        let p0 = r.pillarNode(0), p1 = r.pillarNode(1)
        // Year 0: pillar 0 from two of three indicators; pillar 1 from exactly half (i1 alone) for units 1–3.
        #expect((0..<4).map { r.composites[unit: $0, node: p0, year: 0] } == [0, 50, 100, 50])
        #expect((0..<4).map { r.composites[unit: $0, node: p1, year: 0] } == [50, 50, 50, 50])
        #expect((0..<4).map { r.composites[unit: $0, node: 0, year: 0] } == [25, 50, 75, 50])
        // Geometric, shifted by 1: exp((log(s0 + 1) + log(s1 + 1))/2) − 1.
        #expect(close(r.geometric[unit: 0, node: 0, year: 0], (51.0).squareRoot() - 1, 1e-14))
        #expect(close(r.geometric[unit: 1, node: 0, year: 0], 50, 1e-14))
        #expect(close(r.geometric[unit: 2, node: 0, year: 0], (101.0 * 51).squareRoot() - 1, 1e-14))
        // Competition ranks, descending, ties at the smallest rank: 4, 2, 1, 2.
        #expect(Array(r.ranksArithmetic[0..<4]) == [4, 2, 1, 2])
        #expect(Array(r.ranksGeometric[0..<4]) == [4, 2, 1, 2])
        // Year 1: units 0 and 2 have one of three pillar-0 indicators (2·1 < 3) → no pillar, no index, no rank.
        #expect(r.composites[unit: 0, node: p0, year: 1].isNaN && r.composites[unit: 2, node: p0, year: 1].isNaN)
        #expect((0..<4).map { r.composites[unit: $0, node: p1, year: 1] } == [100, 25, 0, 25])
        #expect(r.composites[unit: 1, node: p0, year: 1] == 75)
        #expect(r.composites[unit: 0, node: 0, year: 1].isNaN && r.composites[unit: 1, node: 0, year: 1] == 50)
        #expect(close(r.geometric[unit: 1, node: 0, year: 1], (76.0 * 26).squareRoot() - 1, 1e-14))
        #expect(r.geometric[unit: 2, node: 0, year: 1].isNaN)
        #expect(Array(r.ranksArithmetic[4..<8]) == [0, 1, 0, 1])
        #expect(Array(r.ranksGeometric[4..<8]) == [0, 1, 0, 1])
        for threads in [2, 3] {
            let other = try Self.run(threads: threads)
            #expect(other.composites.values.map(\.bitPattern) == r.composites.values.map(\.bitPattern))
        }
    }

    @Test func coverageHalfMeansExactlyHalfIsEnough() {
        #expect(Aggregation.requiredChildren(coverage: 0.5, children: 2) == 1)
        #expect(Aggregation.requiredChildren(coverage: 0.5, children: 3) == 2)
        #expect(Aggregation.requiredChildren(coverage: 0.5, children: 4) == 2)
        #expect(Aggregation.requiredChildren(coverage: 0.5, children: 20) == 10)
        #expect(Aggregation.requiredChildren(coverage: 0.5, children: 41) == 21)
        #expect(Aggregation.requiredChildren(coverage: 1, children: 5) == 5)
        #expect(Aggregation.requiredChildren(coverage: 0, children: 5) == 1)
    }
}
