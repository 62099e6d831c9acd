import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

@Suite struct NormalisationTests {
    // COINr n_minmax with direction −1: x·d = [−2, −4, NaN, −10], min −10, max −2.
    // (−2 + 10)/8·100 = 100; (−4 + 10)/8·100 = 75; (−10 + 10)/8·100 = 0.
    @Test func minMaxWithDirectionMinusOne() throws {
        let y = try Normalisation.minMax(lower: 0, upper: 100).apply(to: [2, 4, .nan, 10], direction: -1)
        #expect(close(y, [100, 75, .nan, 0]))
        // To [1, 100]: (x·d − min)/(max − min)·99 + 1 → 100, 6/8·99 + 1 = 75.25, 1.
        let z = try Normalisation.minMax(lower: 1, upper: 100).apply(to: [2, 4, .nan, 10], direction: -1)
        #expect(close(z, [100, 75.25, .nan, 1]))
    }

    // The benchmark workload's step 1 for d = −1 is 100·((hi − x)/(hi − lo)); the COINr form must give the
    // same bits (negation is exact).
    @Test func minMaxMatchesWorkloadBitwise() throws {
        var rng = TestLCG(state: 7)
        let x = (0..<50).map { _ in exp(rng.next() * 3) }
        let lo = x.min()!, hi = x.max()!
        let y = try Normalisation.minMax(lower: 0, upper: 100).apply(to: x, direction: -1)
        let expected: [Double] = x.map { (v: Double) -> Double in 100 * ((hi - v) / (hi - lo)) }
        #expect(y == expected)
        let up = try Normalisation.minMax(lower: 0, upper: 100).apply(to: x, direction: 1)
        let expectedUp: [Double] = x.map { (v: Double) -> Double in 100 * ((v - lo) / (hi - lo)) }
        #expect(up == expectedUp)
    }

    // Extreme but finite values: max − min overflows to ∞, so the plain formula gave NaN/0 scores; in halves it
    // stays finite and gives the ratios of the values (hand-worked: −1.7e308, 0, 1.7e308 → 0, 50, 100).
    @Test func minMaxOfExtremeFiniteValuesStaysFinite() throws {
        let x = [-1.7e308, 0, 1.7e308, .nan, 0.85e308]
        let y = try Normalisation.minMax(lower: 0, upper: 100).apply(to: x, direction: 1)
        #expect(close(y, [0, 50, 100, .nan, 75]))
        var z = [Double](repeating: 0, count: x.count), codes = [UInt8](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in
            z.withUnsafeMutableBufferPointer { zp in
                codes.withUnsafeMutableBufferPointer { cp in
                    MinMaxKernel.normalise(xp.baseAddress!, count: x.count, direction: -1, lower: 0, upper: 100,
                                           degenerate: 50, into: zp.baseAddress!, codes: cp.baseAddress!)
                }
            }
        }
        #expect(close(z, [100, 50, 0, .nan, 25]))
    }

    @Test func constantColumnUsesDegenerateScore() throws {
        let nan = try Normalisation.minMax(lower: 0, upper: 100).apply(to: [5, 5, .nan], direction: 1)
        #expect(close(nan, [.nan, .nan, .nan]))
        let fifty = try Normalisation.minMax(lower: 0, upper: 100).apply(to: [5, 5, .nan], direction: 1,
                                                                         degenerate: 50)
        #expect(close(fifty, [50, 50, .nan]))
    }

    // mean 2.5, sd √(5/3); numpy: ((x-x.mean())/x.std(ddof=1)*10+100) for x = [1,2,3,4]
    @Test func zScoreToTargetMeanAndSD() throws {
        let y = try Normalisation.zScore(mean: 100, standardDeviation: 10).apply(to: [1, 2, 3, 4], direction: 1)
        #expect(close(y, [88.38104996137776, 96.12701665379258, 103.87298334620742, 111.61895003862224]))
    }

    // Goalposts (0, 50): (x − 0)/50 → [−0.2, 0.5, 1.2], truncated [0, 0.5, 1], ×100.
    // Direction −1: (50 − x)/50 → [1.2, 0.5, −0.2] → [1, 0.5, 0] ×100.
    @Test func goalpostsWithTruncation() throws {
        let gp = (lower: 0.0, upper: 50.0)
        #expect(close(try Normalisation.goalposts(scale: 100, truncate: true)
            .apply(to: [-10, 25, 60], direction: 1, goalposts: gp), [0, 50, 100]))
        #expect(close(try Normalisation.goalposts(scale: 100, truncate: false)
            .apply(to: [-10, 25, 60], direction: 1, goalposts: gp), [-20, 50, 120]))
        #expect(close(try Normalisation.goalposts(scale: 100, truncate: true)
            .apply(to: [-10, 25, 60], direction: -1, goalposts: gp), [100, 50, 0]))
        #expect(throws: ConstructionError.self) {
            try Normalisation.goalposts(scale: 1, truncate: true).apply(to: [1], direction: 1)
        }
    }

    // Target 5, x = [2, 4, 6]: (x − 2)/(5 − 2) = [0, 2/3, 4/3]; capped [0, 2/3, 1].
    // Direction −1, target 3: (6 − x)/(6 − 3) = [4/3, 2/3, 0].
    @Test func distanceToTarget() throws {
        #expect(close(try Normalisation.distanceToTarget(cap: false).apply(to: [2, 4, 6], direction: 1, target: 5),
                      [0, 2.0 / 3, 4.0 / 3]))
        #expect(close(try Normalisation.distanceToTarget(cap: true).apply(to: [2, 4, 6], direction: 1, target: 5),
                      [0, 2.0 / 3, 1]))
        #expect(close(try Normalisation.distanceToTarget(cap: false).apply(to: [2, 4, 6], direction: -1, target: 3),
                      [4.0 / 3, 2.0 / 3, 0]))
    }

    // dist2max: 1 − (6 − x)/4 → [0, 0.5, 1]. dist2ref (unit 1, value 4): 1 − (4 − x)/(4 − 2) → [0, 1, 2].
    @Test func distanceToMaxAndReference() throws {
        #expect(close(try Normalisation.distanceToMax.apply(to: [2, 4, 6], direction: 1), [0, 0.5, 1]))
        #expect(close(try Normalisation.distanceToReference(unit: "B", cap: false)
            .apply(to: [2, 4, 6], direction: 1, referenceRow: 1), [0, 1, 2]))
        #expect(close(try Normalisation.distanceToReference(unit: "B", cap: true)
            .apply(to: [2, 4, 6], direction: 1, referenceRow: 1), [0, 1, 1]))
        #expect(close(try Normalisation.distanceToReference(unit: "B", cap: false)
            .apply(to: [2, .nan, 6], direction: 1, referenceRow: 1), [.nan, .nan, .nan]))
    }

    // R: rank(c(3,1,NA,3,2), ties.method="min", na.last="keep") = 3 1 NA 3 2;
    // with direction −1: rank(c(-3,-1,NA,-3,-2)) = 1 4 NA 1 3. prank = (rank − 1)/(4 − 1).
    @Test func rankAndPercentileRank() throws {
        #expect(close(try Normalisation.rank.apply(to: [3, 1, .nan, 3, 2], direction: 1), [3, 1, .nan, 3, 2]))
        #expect(close(try Normalisation.rank.apply(to: [3, 1, .nan, 3, 2], direction: -1), [1, 4, .nan, 1, 3]))
        #expect(close(try Normalisation.percentileRank.apply(to: [3, 1, .nan, 3, 2], direction: 1),
                      [2.0 / 3, 0, .nan, 2.0 / 3, 1.0 / 3]))
    }

    // fracmax: x/8 → [0.25, 0.5, 1]. IDI reference value 60, scale 10: [5, 15], capped [5, 10].
    @Test func fractionOfMaxAndReferenceValue() throws {
        #expect(close(try Normalisation.fractionOfMax.apply(to: [2, 4, 8], direction: 1), [0.25, 0.5, 1]))
        #expect(close(try Normalisation.referenceValue(scale: 10, cap: false).apply(to: [30, 90], direction: 1,
                                                                                    target: 60), [5, 15]))
        #expect(close(try Normalisation.referenceValue(scale: 10, cap: true).apply(to: [30, 90], direction: 1,
                                                                                   target: 60), [5, 10]))
    }

    // Property: min-max, dist2max, rank and percentile rank do not change under x → a·x + b, a > 0.
    @Test(arguments: [Normalisation.minMax(lower: 0, upper: 100), .distanceToMax, .rank, .percentileRank])
    func invariantToPositiveAffineRescaling(method: Normalisation) throws {
        var rng = TestLCG(state: 11)
        for direction in [1.0, -1.0] {
            let x = (0..<40).map { k in k % 7 == 3 ? Double.nan : rng.next() * 50 - 10 }
            let rescaled = x.map { 3.7 * $0 + 12.5 }
            let a = try method.apply(to: x, direction: direction)
            let b = try method.apply(to: rescaled, direction: direction)
            #expect(close(a, b, 1e-12))
        }
    }
}
