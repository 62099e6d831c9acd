import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Gaps")
struct GapsTests {
    @Test func gapToFrontier() throws {
        let g = try Gaps.gap(value: 60, frontier: 80)
        #expect(g.absolute == 20 && g.relative == 0.25)
        // Lower is better (price as % of GNI per capita): 5% against a 2% target is 3 points, 150% behind.
        let p = try Gaps.gap(value: 5, frontier: 2, higherIsBetter: false)
        #expect(p.absolute == 3 && p.relative == 1.5)
        #expect(try Gaps.gap(value: 1, frontier: 0).relative == nil)
        #expect(throws: AnalysisError.self) { try Gaps.gap(value: .nan, frontier: 1) }
        #expect(try Gaps.distanceToFrontierScore(value: 60, frontier: 80, worst: 20) == 200.0 / 3)
        #expect(try Gaps.distanceToFrontierScore(value: 5, frontier: 2, worst: 8) == 50)
    }

    @Test func peerFrontiers() throws {
        let f = try Gaps.peerFrontiers([10, 30, .nan, 5, 7], groups: ["a", "a", "b", "c", "c"])
        #expect(f == [30, 30, nil, 7, 7])
        let low = try Gaps.peerFrontiers([10, 30, .nan, 5, 7], groups: ["a", "a", "b", "c", "c"], higherIsBetter: false)
        #expect(low == [10, 10, nil, 5, 5])
    }

    /// Weights (0.5, 0.3, 0.2), unit z = (40, 70, 10), frontier z* = (90, 80, 60).
    /// cᵢ = wᵢ(z*ᵢ − zᵢ) = (25, 3, 10); gap = 38 = I* − I = (45 + 24 + 12) − (20 + 21 + 2) = 81 − 43.
    /// Shares 25/38, 3/38, 10/38.
    @Test func arithmeticAttributionHandWorked() throws {
        let a = try Gaps.attribution(values: [40, 70, 10], frontier: [90, 80, 60], weights: [5, 3, 2])
        #expect(a.contributions.map { $0! } == [25, 3, 10])
        #expect(a.gap == 38)
        #expect(isNear(a.shares[0], 25.0 / 38, 1e-15))
        // A missing indicator is left out and the weights renormalised: (0.5, 0.2)/0.7.
        let m = try Gaps.attribution(values: [40, .nan, 10], frontier: [90, 80, 60], weights: [5, 3, 2])
        #expect(m.excludedIndicators == [1] && m.contributions[1] == nil)
        #expect(isNear(m.weights[0], 5.0 / 7, 1e-15) && isNear(m.gap, (5 * 50 + 2 * 50) / 7.0, 1e-13))
    }

    /// Contributions sum exactly (to rounding) to the gap of the aggregates, arithmetic and geometric.
    @Test func contributionsSumToTheIndexGap() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        for _ in 0..<200 {
            let n = 1 + Int(rng.next() % 12)
            let z = (0..<n).map { _ in 1 + 99 * rng.uniform() }
            let best = (0..<n).map { _ in 1 + 99 * rng.uniform() }
            let w = (0..<n).map { _ in rng.uniform() + 0.01 }
            let total = w.reduce(0, +)
            let arithmetic = try Gaps.attribution(values: z, frontier: best, weights: w)
            let index = zip(w, z).reduce(0) { $0 + $1.0 / total * $1.1 }
            let frontierIndex = zip(w, best).reduce(0) { $0 + $1.0 / total * $1.1 }
            #expect(isNear(arithmetic.gap, frontierIndex - index, 1e-12))
            #expect(isNear(arithmetic.contributions.reduce(0) { $0 + $1! }, frontierIndex - index, 1e-12))
            let geometric = try Gaps.attribution(values: z, frontier: best, weights: w, aggregation: .geometric)
            let gIndex = exp(zip(w, z).reduce(0) { $0 + $1.0 / total * log($1.1) })
            let gFrontier = exp(zip(w, best).reduce(0) { $0 + $1.0 / total * log($1.1) })
            #expect(isNear(geometric.gap, gFrontier - gIndex, 1e-11))
            let shareSum = geometric.shares.reduce(0) { $0 + ($1 ?? 0) }
            #expect(geometric.gap == 0 || isNear(shareSum, 1, 1e-9))
        }
    }

    /// Every quasi-arithmetic aggregate splits exactly, with the construction's own aggregate as the reference:
    /// harmonic, shifted geometric and power means; the weighted median does not split and is refused.
    @Test func everyQuasiArithmeticAggregateSplitsExactly() throws {
        var rng = Xoshiro256StarStar(seed: 9)
        let methods: [Aggregation] = [.harmonic, .geometricShifted(shift: 1), .generalised(power: 2),
                                      .generalised(power: -0.5), .geometric, .arithmetic]
        for _ in 0..<50 {
            let n = 1 + Int(rng.next() % 8)
            let z = (0..<n).map { _ in 1 + 99 * rng.uniform() }
            let best = (0..<n).map { _ in 1 + 99 * rng.uniform() }
            let w = (0..<n).map { _ in rng.uniform() + 0.01 }
            for method in methods {
                let both = try Matrix(columns: (0..<n).map { [z[$0], best[$0]] })
                let aggregate = try method.aggregate(both, weights: w).scores
                let split = try Gaps.attribution(values: z, frontier: best, weights: w, aggregation: method)
                #expect(isNear(split.gap, aggregate[1] - aggregate[0], 1e-9), "\(method.name)")
                #expect(isNear(split.contributions.reduce(0) { $0 + $1! }, aggregate[1] - aggregate[0], 1e-9))
            }
        }
        #expect(throws: AnalysisError.self) {
            try Gaps.attribution(values: [1, 2], frontier: [3, 4], weights: [1, 1], aggregation: .weightedMedian)
        }
    }

    /// CAGR: 20 → 45 over 2015–2020: (45/20)^(1/5) − 1 = 2.25^0.2 − 1 = 0.17608 (2.25^0.2 = e^(0.81093/5)).
    @Test func compoundAnnualGrowthRate() throws {
        #expect(isNear(try Gaps.compoundAnnualGrowthRate(from: 20, to: 45, years: 5), pow(2.25, 0.2) - 1, 1e-15))
        #expect(isNear(try Gaps.compoundAnnualGrowthRate(from: 20, to: 45, years: 5), 0.176079, 1e-6))
        let series = try Gaps.compoundAnnualGrowthRate(
            years: [2014, 2015, 2016, 2020, 2021], values: [.nan, 20, 33, 45, .nan])
        #expect(series.startYear == 2015 && series.endYear == 2020)
        #expect(isNear(series.rate, 0.176079, 1e-6))
        #expect(throws: AnalysisError.self) { try Gaps.compoundAnnualGrowthRate(from: 0, to: 4, years: 2) }
        #expect(throws: AnalysisError.tooFewObservations(measure: "CAGR", expected: 2, found: 1)) {
            try Gaps.compoundAnnualGrowthRate(years: [2000, 2001], values: [3, .nan])
        }
    }

    /// 40% growing 10% a year reaches 80%: t = ln 2/ln 1.1 = 7.2725 years. With the frontier growing 2%:
    /// ln 2/(ln 1.1 − ln 1.02) = 0.693147/(0.0953102 − 0.0198026) = 9.1798 years.
    /// Check by substitution: 40·1.1^t = 80·1.02^t at that t.
    @Test func yearsToClose() throws {
        guard case let .years(t) = try Gaps.yearsToClose(value: 40, frontier: 80, growthRate: 0.1) else {
            Issue.record("expected a number of years"); return
        }
        #expect(isNear(t, log(2) / log(1.1), 1e-14) && isNear(t, 7.2725, 1e-4))
        guard case let .years(s) = try Gaps.yearsToClose(
            value: 40, frontier: 80, growthRate: 0.1, frontierGrowthRate: 0.02) else {
            Issue.record("expected a number of years"); return
        }
        #expect(isNear(40 * pow(1.1, s), 80 * pow(1.02, s), 1e-12))
        #expect(isNear(s, 9.1798, 1e-4))
        #expect(try Gaps.yearsToClose(value: 40, frontier: 80, growthRate: 0) == .never)
        #expect(try Gaps.yearsToClose(value: 40, frontier: 80, growthRate: -0.05) == .never)
        #expect(try Gaps.yearsToClose(value: 40, frontier: 80, growthRate: 0.02, frontierGrowthRate: 0.02) == .never)
        #expect(try Gaps.yearsToClose(value: 40, frontier: 80, growthRate: 0.01, frontierGrowthRate: 0.03) == .never)
        #expect(try Gaps.yearsToClose(value: 90, frontier: 80, growthRate: -0.5) == .closed)
        // Lower is better: a price of 8 falling 10% a year reaches 2 after ln(1/4)/ln(0.9) = 13.158 years.
        guard case let .years(p) = try Gaps.yearsToClose(
            value: 8, frontier: 2, growthRate: -0.1, higherIsBetter: false) else {
            Issue.record("expected a number of years"); return
        }
        #expect(isNear(p, log(0.25) / log(0.9), 1e-14))
        #expect(try Gaps.yearsToClose(value: 8, frontier: 2, growthRate: 0.1, higherIsBetter: false) == .never)
        #expect(throws: AnalysisError.self) { try Gaps.yearsToClose(value: 0, frontier: 80, growthRate: 0.1) }
        #expect(throws: AnalysisError.self) { try Gaps.yearsToClose(value: 1, frontier: 80, growthRate: -1) }
        let encoded = try JSONEncoder().encode([YearsToClose.years(2.5), .never, .closed])
        #expect(String(decoding: encoded, as: UTF8.self) == #"[2.5,"never","closed"]"#)
        #expect(try JSONDecoder().decode([YearsToClose].self, from: encoded) == [.years(2.5), .never, .closed])
    }

    /// ITU: parity when 0.98 ≤ female/male ≤ 1.02. 2023 world: 65% women, 70% men: 0.9286, 5 points.
    @Test func genderParity() throws {
        let world = try Gaps.genderParity(female: 65, male: 70)
        #expect(isNear(world.score, 0.928571, 1e-6) && world.band == .favoursMen && world.gapPoints == 5)
        #expect(isNear(world.relativeGap, 1 - world.score, 1e-15))
        #expect(try Gaps.genderParity(female: 58.8, male: 60).band == .parity)  // 0.98 in decimals
        #expect(try Gaps.genderParity(female: 61.2, male: 60).band == .parity)  // 1.02
        #expect(try Gaps.genderParity(female: 58.7, male: 60).band == .favoursMen)
        #expect(try Gaps.genderParity(female: 61.3, male: 60).band == .favoursWomen)
        #expect(throws: AnalysisError.self) { try Gaps.genderParity(female: 10, male: 0) }
        let ur = try Gaps.urbanRural(urban: 76, rural: 39)
        #expect(isNear(ur.ratio, 76.0 / 39, 1e-15) && ur.gapPoints == 37)
        #expect(throws: AnalysisError.self) { try Gaps.urbanRural(urban: 50, rural: 0) }
    }
}
