import Foundation
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// A synthetic three-level index for uncertainty and sensitivity tests: index → 3 pillars; pillar P0 has two
/// sub-pillars (S0, S1) of indicators plus one indicator directly (a mixed node); P1 and P2 have indicators only.
/// Indicators i0…i(n−1) over `units` units and `years` years, log-normal-ish values from a fixed LCG, ~8% missing,
/// odd indicators lower-is-better, the last unit unscored in the last year, min-max to [1, 100] so every mean (geometric, harmonic) is defined.
enum UncertaintyFixture {
    static let indicatorCount = 10

    static func framework(aggregation: Aggregation = .arithmetic, coverage: Double = 0.5) -> Framework {
        func indicator(_ i: Int, weight: Double = 1) -> FrameworkNode {
            FrameworkNode(id: "i\(i)", weight: weight, content: .indicator(IndicatorSpec(
                series: "s\(i)", direction: i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
        }
        func composite(_ id: String, weight: Double = 1, _ children: [FrameworkNode]) -> FrameworkNode {
            FrameworkNode(id: id, weight: weight, content: .composite(children: children, aggregation: nil,
                                                                      coverage: coverage))
        }
        let p0 = composite("P0", weight: 2, [composite("S0", [indicator(0), indicator(1, weight: 2)]),
                                             composite("S1", [indicator(2), indicator(3)]), indicator(4, weight: 0.5)])
        let p1 = composite("P1", [indicator(5), indicator(6, weight: 3), indicator(7)])
        let p2 = composite("P2", weight: 1.5, [indicator(8), indicator(9)])
        var f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [p0, p1, p2],
                                                                             aggregation: nil, coverage: 1)))
        f.methods.normalisation = .minMax(lower: 1, upper: 100)
        f.methods.aggregation = aggregation
        return f
    }

    static func cube(units: Int = 14, years: [Int] = [2021, 2022], seed: UInt64 = 11,
                     missing: Double = 0.08) throws -> IndicatorCube {
        var rng = TestLCG(state: seed)
        var cube = try IndicatorCube(units: (0..<units).map { "U\($0)" },
                                     series: (0..<indicatorCount).map { "s\($0)" }, years: years,
                                     groupings: ["half": (0..<units).map { $0 < units / 2 ? "a" : "b" }])
        for k in cube.values.indices {
            let value = exp(2 * rng.next() - 1 + rng.next())
            cube.values[k] = rng.next() < missing ? .nan : value
        }
        // The last unit has no P2 indicator in the last year: not scored there (the index needs every pillar).
        cube[units - 1, 8, years.count - 1] = .nan
        cube[units - 1, 9, years.count - 1] = .nan
        return cube
    }
}
