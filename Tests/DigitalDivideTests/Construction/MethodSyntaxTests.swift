import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct MethodSyntaxTests {
    @Test func parsesTheCommandLineRecipes() throws {
        #expect(try MethodSyntax.imputation("mean") == [.mean])
        #expect(try MethodSyntax.imputation("latest:3+group-mean:Subregion") == [.latest(maxYears: 3),
                                                                                 .groupMean(grouping: "Subregion")])
        #expect(try MethodSyntax.treatment("jrc") == .jrcDefault)
        #expect(try MethodSyntax.treatment("jrc:3,2.25,3.5") == .jrc(.init(winsorisationLimit: 3, skewThreshold: 2.25,
                                                                           kurtosisThreshold: 3.5)))
        #expect(try MethodSyntax.normalisation("minmax:1,100") == .minMax(lower: 1, upper: 100))
        #expect(try MethodSyntax.normalisation("zscore") == .zScore(mean: 0, standardDeviation: 1))
        #expect(try MethodSyntax.normalisation("dist2ref:KOR") == .distanceToReference(unit: "KOR", cap: false))
        #expect(try MethodSyntax.aggregation("geometric") == .geometric)
        #expect(try MethodSyntax.aggregation("generalised:2") == .generalised(power: 2))
        #expect(try MethodSyntax.aggregation("mpi:negative") == .mazziottaPareto(penalty: .negative))
    }

    @Test func namesRoundTrip() throws {
        for text in ["minmax:1,100", "zscore:100,10", "goalposts:100", "goalposts-untruncated:1", "target-capped",
                     "dist2ref-capped:KOR", "prank", "refvalue-capped:10"] {
            #expect(try MethodSyntax.normalisation(text).name == text)
        }
        for text in ["arithmetic", "geometric-shifted:1", "generalised:0.5", "median", "mpi", "copeland"] {
            #expect(try MethodSyntax.aggregation(text).name == text)
        }
        for text in ["none", "mean", "median", "group-mean:Income", "group-median:g", "latest:3", "linear",
                     "linear-constant"] {
            #expect(try MethodSyntax.imputation(text).map(\.name) == [text])
        }
        for text in ["none", "jrc", "jrc:3,2.25,3.5", "log-ct", "boxcox:0.5"] {
            #expect(try MethodSyntax.treatment(text).name == text)
        }
    }

    @Test func errorsListTheValidChoices() {
        do {
            _ = try MethodSyntax.aggregation("geom")
            Issue.record("expected an error")
        } catch let error as MethodSyntaxError {
            #expect(error.description.hasPrefix("unknown aggregation method \"geom\"; valid choices: arithmetic, geometric"))
        } catch { Issue.record("wrong error \(error)") }
        #expect(throws: MethodSyntaxError.badParameter(step: "normalisation", method: "minmax", expected: "L < U",
                                                       found: "100,1")) {
            try MethodSyntax.normalisation("minmax:100,1")
        }
        #expect(throws: MethodSyntaxError.self) { try MethodSyntax.aggregation("generalised:0") }
        #expect(throws: MethodSyntaxError.self) { try MethodSyntax.imputation("latest:0") }
        #expect(throws: MethodSyntaxError.self) { try MethodSyntax.imputation("mean+") }
        #expect(throws: MethodSyntaxError.self) { try MethodSyntax.treatment("boxcox") }
        #expect(throws: MethodSyntaxError.self) { try MethodSyntax.normalisation("rank:3") }
    }
}
