import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct ImputationTests {
    // COINr i_mean: mean(1, 3) = 2 fills rows 1 and 3.
    @Test func meanAcrossUnits() throws {
        let r = try Imputation.mean.fillAcrossUnits([1, .nan, 3, .nan])
        #expect(r.values == [1, 2, 3, 2])
        #expect(r.filled == [1, 3])
    }

    // median(1, 3, 10) = 3; median(1, 2, 3, 10) = 2.5.
    @Test func medianAcrossUnits() throws {
        #expect(try Imputation.median.fillAcrossUnits([1, .nan, 3, 10]).values == [1, 3, 3, 10])
        #expect(try Imputation.median.fillAcrossUnits([1, .nan, 2, 3, 10]).values == [1, 2.5, 2, 3, 10])
    }

    // Groups [0, 0, 1, 1, 1, none]: group 0 mean 1, group 1 mean (5 + 7)/2 = 6; the ungrouped unit stays missing.
    @Test func meanWithinGroup() throws {
        let r = try Imputation.groupMean(grouping: "g").fillAcrossUnits([1, .nan, 5, 7, .nan, .nan],
                                                                        groups: [0, 0, 1, 1, 1, nil])
        #expect(close(r.values, [1, 1, 5, 7, 6, .nan]))
        #expect(r.filled == [1, 4])
        let m = try Imputation.groupMedian(grouping: "g").fillAcrossUnits([1, 3, 10, .nan], groups: [0, 0, 0, 0])
        #expect(m.values == [1, 3, 10, 3])
    }

    // Latest value up to 2 years: 2001 and 2002 carry 2000's value; 2003 is 3 years on: stays missing.
    @Test func latestValueCarriedForwardUpToNYears() {
        let r = Imputation.latest(maxYears: 2).fillOverTime([1, .nan, .nan, .nan, 7, .nan],
                                                            years: [2000, 2001, 2002, 2003, 2004, 2007])
        #expect(close(r.values, [1, 1, 1, .nan, 7, .nan]))
        #expect(r.origins == [.observed, .carried(fromYear: 2000), .carried(fromYear: 2000), .missing, .observed,
                              .missing])
    }

    // Years 2000, 2001, 2002, 2004 with [–, 2, –, 8]: 2002 = 2 + (1/3)·6 = 4; no extrapolation before 2001.
    // linear-constant also holds 2001's value for 2000.
    @Test func linearInterpolationAndConstantEnds() {
        let years = [2000, 2001, 2002, 2004, 2005]
        let linear = Imputation.linear.fillOverTime([.nan, 2, .nan, 8, .nan], years: years)
        #expect(close(linear.values, [.nan, 2, 4, 8, .nan]))
        #expect(linear.origins == [.missing, .observed, .interpolated, .observed, .missing])
        let lc = Imputation.linearConstant.fillOverTime([.nan, 2, .nan, 8, .nan], years: years)
        #expect(close(lc.values, [2, 2, 4, 8, 8]))
        #expect(lc.origins == [.carried(fromYear: 2001), .observed, .interpolated, .observed, .carried(fromYear: 2004)])
    }

    @Test func nothingToFill() throws {
        #expect(try Imputation.mean.fillAcrossUnits([1, 2]).filled.isEmpty)
        #expect(Imputation.linear.fillOverTime([.nan, .nan], years: [1, 2]).origins == [.missing, .missing])
        #expect(try Imputation.none.fillAcrossUnits([.nan, 1]).filled.isEmpty)
    }
}
