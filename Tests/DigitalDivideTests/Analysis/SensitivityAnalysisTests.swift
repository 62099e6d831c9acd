import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Sensitivity analysis of an index")
struct SensitivityAnalysisTests {
    /// An additive toy index. Two indicators a, b (min-max to [1, 100]); the index aggregates them directly
    /// (coverage 0, so one indicator is enough). Raw values:
    ///
    /// | unit | a | b |
    /// |---|---|---|
    /// | LO, LO2, LO3 | 0 | 0 |
    /// | HI | 100 | 100 |
    /// | X | 50 | 50 |
    /// | V1 / V1b | 5 / 100 | 100 / 5 |
    /// | V2 | 55 | missing |
    ///
    /// Normalised (y = 1 + 0.99x): X 50.5 under both means. V1 and V1b: arithmetic 52.975 > X, geometric
    /// √(5.95·100) = 24.39 < X. V2 without imputation: 55.45 > X under both; with mean imputation b = 255/7 = 36.43
    /// (normalised 37.06): arithmetic 46.26, geometric 45.33, both < X. HI is always first. So X's rank is
    /// `2 + 2·[arithmetic] + [no imputation]`: with two independent fair binary factors, Var = 2²/4 + 1/4 = 5/4,
    /// S_aggregation = S_T,aggregation = (4/4)/(5/4) = 0.8 and S_imputation = S_T,imputation = 0.2 (additive: no
    /// interaction).
    static func toy() throws -> (Framework, IndicatorCube) {
        let units = ["LO", "LO2", "LO3", "HI", "X", "V1", "V1b", "V2"]
        let a: [Double] = [0, 0, 0, 100, 50, 5, 100, 55]
        let b: [Double] = [0, 0, 0, 100, 50, 100, 5, .nan]
        let cube = try IndicatorCube(units: units, series: ["a", "b"], years: [2020], values: a + b)
        var f = Framework(root: FrameworkNode(id: "TOY", content: .composite(children: [
            FrameworkNode(id: "a", content: .indicator(IndicatorSpec(series: "a", direction: .higherIsBetter))),
            FrameworkNode(id: "b", content: .indicator(IndicatorSpec(series: "b", direction: .higherIsBetter))),
        ], aggregation: .arithmetic, coverage: 0)))
        f.methods.normalisation = .minMax(lower: 1, upper: 100)
        return (f, cube)
    }

    @Test func toyIndexRanksAreAdditiveInTheTwoChoices() throws {
        let (framework, cube) = try Self.toy()
        for aggregation in ["arithmetic", "geometric"] {
            for imputation in ["none", "mean"] {
                let f = try framework.overriding(imputation: imputation, aggregation: aggregation)
                let rank = try Construction.run(f, cube: cube).rank(unit: "X", node: "TOY", year: 2020)
                #expect(rank == 2 + (aggregation == "arithmetic" ? 2 : 0) + (imputation == "none" ? 1 : 0))
            }
        }
    }

    @Test func toyIndexHasTheAnalyticIndices() throws {
        let (framework, cube) = try Self.toy()
        let assumptions = UncertainAssumptions(aggregationAlternatives: [.arithmetic, .geometric],
                                               imputationAlternatives: [[.none], [.mean]])
        let options = SensitivityOptions(sampleSize: 4096, seed: 17, units: ["X"], bootstrapResamples: 300,
                                         confidence: 0.99)
        let result = try SensitivityAnalysis.run(framework, cube: cube, assumptions: assumptions, options: options)
        #expect(result.factors.map(\.key) == ["aggregation", "imputation"])
        #expect(result.runs == 4096 * 4)
        let x = try #require(result.units.first?.indices)
        #expect(result.units[0].nominal == 5)
        let expected = [0.8, 0.2]
        for i in 0..<2 {
            let first = x.firstOrderIntervals[i], total = x.totalEffectIntervals[i]
            #expect(abs(x.firstOrder[i] - expected[i]) <= 4 * first.standardError, "S\(i) = \(x.firstOrder[i])")
            #expect(abs(x.totalEffect[i] - expected[i]) <= 4 * total.standardError, "ST\(i) = \(x.totalEffect[i])")
            #expect(first.standardError < 0.03 && total.standardError < 0.03)
        }
        #expect(isNear(x.variance, 1.25, 0.05))
        #expect(result.meanAbsoluteRankChange.indices != nil)
    }

    /// Treatment on/off where the JRC rule never fires (thresholds |skew| ≥ 50 and kurtosis ≥ 50, which no column of
    /// 14 values can reach: their adjusted skewness is at most (n − 2)/√(n − 1)·√(n(n − 1))/(n − 2) = √n ≈ 3.7): the
    /// treatment factor changes nothing, so A and A_B^(treatment) give identical outputs and S_T is exactly 0,
    /// while the weight factor carries all the variance.
    @Test func aFactorWithoutEffectHasZeroTotalEffect() throws {
        let framework = UncertaintyFixture.framework()
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.5, weightLevels: [1],
                                               treatmentAlternatives: [.jrc(.init(skewThreshold: 50, kurtosisThreshold: 50)), .none])
        let options = SensitivityOptions(sampleSize: 256, seed: 4, units: ["U0", "U3"], bootstrapResamples: 100)
        let result = try SensitivityAnalysis.run(framework, cube: cube, assumptions: assumptions, options: options)
        #expect(result.factors.map(\.key) == ["weights-level-1", "treatment"])
        let mean = try #require(result.meanAbsoluteRankChange.indices)
        // Exact by construction: the treatment changes no input here, so f(A) and f(A_B) are the same computation on
        // the same numbers in one process and their differences are exactly 0.
        #expect(mean.totalEffect[1] == 0)
        #expect(abs(mean.firstOrder[1]) < 0.1)
        #expect(mean.totalEffect[0] > 0.9)
        for unit in result.units {
            if let indices = unit.indices { #expect(indices.totalEffect[1] == 0) }
            else { #expect(unit.undefinedReason != nil) }
        }
    }

    @Test func nothingToVaryAndUnknownUnitsAreErrors() throws {
        let framework = UncertaintyFixture.framework()
        let cube = try UncertaintyFixture.cube()
        #expect(throws: AnalysisError.self) {
            try SensitivityAnalysis.run(framework, cube: cube, assumptions: UncertainAssumptions())
        }
        #expect(throws: ConstructionError.self) {
            try SensitivityAnalysis.run(framework, cube: cube, assumptions: UncertainAssumptions(weightNoise: 0.2),
                                        options: SensitivityOptions(sampleSize: 8, units: ["ZZZ"]))
        }
    }

    /// Same seed, 1 and 2 threads: the same indices.
    @Test func deterministicAcrossThreads() throws {
        let framework = UncertaintyFixture.framework()
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.3, weightLevels: [2, 3],
                                               aggregationAlternatives: [.arithmetic, .geometric])
        let results = try [1, 2].map { threads in
            try SensitivityAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                        options: SensitivityOptions(sampleSize: 100, seed: 9, units: ["U1"],
                                                                    bootstrapResamples: 50, threads: threads,
                                                                    blockSize: 32))
        }
        #expect(results[0] == results[1])
        #expect(results[0].factors.count == 3)
    }
}
