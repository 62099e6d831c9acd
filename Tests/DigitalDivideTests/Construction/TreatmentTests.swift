import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Expected values from scipy (bias-corrected = e1071 type 2) and a line-by-line Python transcription of
/// COINr's `winsorise()`; the scipy call for each column:
/// `python3 -c "import scipy.stats as s; x=[...]; print(s.skew(x,bias=False), s.kurtosis(x,bias=False))"`
@Suite struct TreatmentTests {
    @Test func sampleSkewnessAndKurtosisAreTypeTwo() {
        // x = [1..10, 30, 100] → 3.0632410342394993 9.741390834569144
        let x = (1...10).map(Double.init) + [30, 100]
        #expect(close(SampleStatistics.skewness(x), 3.0632410342394993, 1e-12))
        #expect(close(SampleStatistics.kurtosis(x), 9.741390834569144, 1e-12))
        #expect(close(SampleStatistics.skewness(x + [.nan]), 3.0632410342394993, 1e-12))
        #expect(SampleStatistics.kurtosis([1, 2, 3]).isNaN)
    }

    // Fails (|3.06| ≥ 2 and 9.74 ≥ 3.5); skew ≥ 0 so 100 → 30; then skew 1.7120380600890506 < 2: passes.
    @Test func jrcWinsorisesOnePoint() throws {
        let x = (1...10).map(Double.init) + [30, 100]
        let (y, report) = try Treatment.jrcDefault.apply(to: x)
        #expect(y == (1...10).map(Double.init) + [30, 30])
        #expect(report.failedBefore == true)
        #expect(report.winsorised == [WinsorisedPoint(unit: 11, side: .high, original: 100, replacement: 30)])
        #expect(report.transform == nil)
        #expect(close(report.skewAfter, 1.7120380600890506, 1e-12))
        #expect(close(report.kurtosisAfter, 1.8157805377242031, 1e-12))
    }

    // x = [1..30, 100, 120, 150, 400]: 400 → 150 (skew 2.430, kurt 4.946: fails); then 150, 150 → 120
    // (2.233, 3.839: fails); then 120 ×3 → 100 (2.0956709768484534, 3.3028641279562514: passes on kurtosis).
    @Test func jrcWinsorisesTiedExtremesTogetherUntilItPasses() throws {
        let x = (1...30).map(Double.init) + [100, 120, 150, 400]
        let (y, report) = try Treatment.jrcDefault.apply(to: x)
        #expect(y == (1...30).map(Double.init) + [100, 100, 100, 100])
        #expect(report.winsorised.map(\.unit) == [33, 32, 31])
        #expect(report.winsorised.allSatisfy { $0.side == .high && $0.replacement == 100 })
        #expect(close(report.skewAfter, 2.0956709768484534, 1e-12))
        #expect(close(report.kurtosisAfter, 3.3028641279562514, 1e-12))
    }

    // Negative skew: −1000 → −200 (−3.292, 9.799: fails), then both → 1 (0.0704, −1.274: passes).
    @Test func jrcWinsorisesTheLowSideWhenSkewIsNegative() throws {
        let x: [Double] = [-1000, -200] + (1...24).map(Double.init)
        let (y, report) = try Treatment.jrcDefault.apply(to: x)
        #expect(y == [1, 1] + (1...24).map(Double.init))
        #expect(report.winsorised.map(\.unit) == [0, 1])
        #expect(report.winsorised.allSatisfy { $0.side == .low })
        #expect(close(report.skewAfter, 0.07035399723597409, 1e-10))
    }

    // Two tied maxima are replaced in one step: 500, 500 → 20 (skew −0.0945: passes).
    @Test func jrcTreatsTiedMaximaAsOneStep() throws {
        let x = (1...20).map(Double.init) + [500, 500]
        let (y, report) = try Treatment.jrcDefault.apply(to: x)
        #expect(y == (1...20).map(Double.init) + [20, 20])
        #expect(report.winsorised.count == 2)
    }

    // [1 ×60, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]: after 5 points skew 2.812, kurt 6.316 still
    // fail, so the ORIGINAL column becomes ln(x − 1 + 0.01·9999): ln(99.99) = 4.605070180987758 for the 1s,
    // ln(9999 + 99.99) = 9.220190697829018 for the maximum; scipy skew of the result 3.787588477016234.
    @Test func jrcFallsBackToLogOfTheOriginalColumn() throws {
        let x = [Double](repeating: 1, count: 60) + [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
        let (y, report) = try Treatment.jrcDefault.apply(to: x)
        #expect(report.winsorised.count == 5)
        #expect(report.transform == .logShifted)
        #expect(close(y[0], 4.605070180987758, 1e-14))
        #expect(close(y[69], 9.220190697829018, 1e-14))
        #expect(close(y[60], 4.69125613490122, 1e-14))
        #expect(close(report.skewAfter, 3.787588477016234, 1e-12))
        #expect(close(report.kurtosisAfter, 14.292164504741365, 1e-12))
    }

    @Test func jrcLeavesPassingAndShortColumnsAlone() throws {
        let passing: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 100, 200, 300, 400, 500, 600, 1000]
        let (y, report) = try Treatment.jrcDefault.apply(to: passing)  // skew 1.916 < 2
        #expect(y == passing)
        #expect(report.failedBefore == false)
        let (z, short) = try Treatment.jrcDefault.apply(to: [1, 1000, .nan])
        #expect(close(z, [1, 1000, .nan]))
        #expect(short.failedBefore == nil)
    }

    @Test func missingValuesStayMissing() throws {
        let x = (1...10).map(Double.init) + [.nan, 30, 100]
        let (y, _) = try Treatment.jrcDefault.apply(to: x)
        #expect(y[10].isNaN)
        #expect(y[12] == 30)
    }

    // Box–Cox after x' = x − min + 1 = [1, 2, 5]: λ = 0.5: (√x' − 1)/0.5 = [0, 0.8284271247461903, 2.472135954999579];
    // λ = 0: ln x'.
    @Test func boxCoxAndLog() throws {
        #expect(close(try Treatment.boxCox(lambda: 0.5).apply(to: [3, 4, 7]).values,
                      [0, 0.8284271247461903, 2.472135954999579]))
        #expect(close(try Treatment.boxCox(lambda: 0).apply(to: [3, 4, 7]).values, [0, log(2), log(5)]))
        #expect(close(try Treatment.log.apply(to: [1, M_E]).values, [0, 1]))
        #expect(throws: ConstructionError.self) { try Treatment.log.apply(to: [1, 0]) }
        // log_CT on [1, 3, 11]: ln(x − 1 + 0.1) → [ln 0.1, ln 2.1, ln 10.1]
        #expect(close(try Treatment.logShifted.apply(to: [1, 3, 11]).values, [log(0.1), log(2.1), log(10.1)]))
    }
}
