import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Sensitivity")
struct SensitivityTests {
    /// The Ishigami function f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁, xᵢ ~ U(−π, π), a = 7, b = 0.1.
    ///
    /// Analytic indices (Ishigami and Homma 1990; Sobol' and Levitan 1999), derived here: with E[sin x] = 0,
    /// E[sin² x] = 1/2, E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5, E[x⁸] = π⁸/9 for x ~ U(−π, π):
    /// - E[f | x₁] − f₀ = (1 + bπ⁴/5) sin x₁, so V₁ = (1 + bπ⁴/5)²/2;
    /// - E[f | x₂] − f₀ = a (sin² x₂ − 1/2), so V₂ = a²·Var(sin² x₂) = a²(3/8 − 1/4) = a²/8;
    /// - E[f | x₃] = a/2 is constant, so V₃ = 0;
    /// - the interaction b sin x₁ (x₃⁴ − π⁴/5) has V₁₃ = (b²/2)(π⁸/9 − π⁸/25) = 8b²π⁸/225; no other terms.
    /// V = V₁ + V₂ + V₁₃ = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446.
    /// S₁ = V₁/V = 4.34589/13.8446 = 0.3139, S₂ = 6.125/13.8446 = 0.4424, S₃ = 0;
    /// S_T1 = (V₁ + V₁₃)/V = (4.34589 + 3.37370)/13.8446 = 0.5576, S_T2 = S₂ = 0.4424, S_T3 = V₁₃/V = 0.2437.
    static func ishigami(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        let s = sin(x[1])
        return sin(x[0]) + 7 * s * s + 0.1 * pow(x[2], 4) * sin(x[0])
    }

    static let analytic: (first: [Double], total: [Double]) = {
        let a = 7.0, b = 0.1, pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let v1 = pow(1 + b * pi4 / 5, 2) / 2, v2 = a * a / 8, v13 = 8 * b * b * pi8 / 225
        let v = v1 + v2 + v13
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
    }()

    @Test func analyticValuesMatchThePublishedOnes() {
        let a = 7.0, b = 0.1
        let v = a * a / 8 + b * pow(Double.pi, 4) / 5 + b * b * pow(Double.pi, 8) / 18 + 0.5
        #expect(isNear(v, 13.8446, 1e-5))
        for (got, published) in zip(Self.analytic.first + Self.analytic.total, [0.3139, 0.4424, 0, 0.5576, 0.4424, 0.2437]) {
            #expect(abs(got - published) < 5e-5)
        }
    }

    /// N = 2¹⁴ base samples (81,920 runs). The Monte Carlo error of the Jansen estimators here is about 0.005–0.01
    /// (the bootstrap standard errors printed below); the tolerance is 4 bootstrap standard errors, and each
    /// analytic value must also lie inside the 99% bootstrap interval.
    @Test(arguments: [FirstOrderEstimator.jansen, .saltelli2010])
    func ishigami(estimator: FirstOrderEstimator) throws {
        let result = try SobolSensitivity.analyse(
            dimension: 3, sampleSize: 1 << 14, seed: 42, estimator: estimator, bootstrapResamples: 200,
            confidence: 0.99, model: Self.ishigami)
        #expect(result.runs == 5 << 14)
        for i in 0..<3 {
            let first = result.firstOrderIntervals[i], total = result.totalEffectIntervals[i]
            print("Ishigami \(estimator) S\(i + 1) = \(result.firstOrder[i]) ± \(first.standardError), "
                + "ST\(i + 1) = \(result.totalEffect[i]) ± \(total.standardError)")
            #expect(abs(result.firstOrder[i] - Self.analytic.first[i]) <= 4 * first.standardError)
            #expect(abs(result.totalEffect[i] - Self.analytic.total[i]) <= 4 * total.standardError)
            #expect(first.standardError < 0.02 && total.standardError < 0.02)
            #expect(first.lower <= Self.analytic.first[i] && Self.analytic.first[i] <= first.upper)
            #expect(total.lower <= Self.analytic.total[i] && Self.analytic.total[i] <= total.upper)
        }
        #expect(isNear(result.variance, 13.8446, 0.03))
    }

    /// A linear model y = Σ cᵢ uᵢ with uᵢ ~ U(0, 1) has Vᵢ = cᵢ²/12, no interactions: Sᵢ = S_Tᵢ = cᵢ²/Σc².
    /// With c = (1, 2, 3): (1, 4, 9)/14.
    @Test func linearModelThroughTheBatchInterface() throws {
        let c: [Double] = [1, 2, 3]
        let result = try SobolSensitivity.analyse(
            dimension: 3, sampleSize: 8192, seed: 9, bootstrapResamples: 100,
            batchModel: { runs in try runs.multiplied(by: c) })
        for i in 0..<3 {
            let expected = c[i] * c[i] / 14
            #expect(abs(result.firstOrder[i] - expected) < 0.03)
            #expect(abs(result.totalEffect[i] - expected) < 0.03)
        }
        // The batch and the per-run interfaces see the same runs and give the same numbers.
        let single = try SobolSensitivity.analyse(
            dimension: 3, sampleSize: 8192, seed: 9, bootstrapResamples: 100,
            model: { u in zip(u, c).reduce(0) { $0 + $1.0 * $1.1 } })
        #expect(zip(single.firstOrder, result.firstOrder).allSatisfy { isNear($0, $1, 1e-10) })
        #expect(zip(single.totalEffect, result.totalEffect).allSatisfy { isNear($0, $1, 1e-10) })
    }

    /// The estimator formulas on fixed outputs (N = 4, k = 2), against numpy:
    /// ```
    /// python3 -c '
    /// import numpy as np
    /// y=np.array([3.,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3])
    /// fA,fB=y[0:4],y[4:8]; V=np.var(np.r_[fA,fB])
    /// for i in range(2):
    ///   fAB=y[8+4*i:12+4*i]
    ///   print((V-np.mean((fB-fAB)**2)/2)/V, np.mean((fA-fAB)**2)/2/V, np.mean(fB*(fAB-fA))/V)'
    /// ```
    @Test func estimatorFormulasMatchNumpy() throws {
        let design = try SaltelliDesign(sampleSize: 4, dimension: 2, seed: 1)
        let y: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]
        let jansen = try SobolSensitivity.estimate(design: design, outputs: y, bootstrapResamples: 0)
        let saltelli = try SobolSensitivity.estimate(
            design: design, outputs: y, estimator: .saltelli2010, bootstrapResamples: 0)
        #expect(isNear(jansen.firstOrder[0], 0.07328605200945626, 1e-14))
        #expect(isNear(jansen.firstOrder[1], -0.475177304964539, 1e-14))
        #expect(isNear(jansen.totalEffect[0], 1.0969267139479906, 1e-14))
        #expect(isNear(jansen.totalEffect[1], 1.9101654846335698, 1e-14))
        #expect(isNear(saltelli.firstOrder[0], 2.723404255319149, 1e-14))
        #expect(isNear(saltelli.firstOrder[1], 4.009456264775413, 1e-14))
        // The same code: both estimators use Jansen's total-effect formula (only first order differs).
        #expect(saltelli.totalEffect == jansen.totalEffect)
        #expect(jansen.firstOrderIntervals.isEmpty)
    }

    @Test func designLayoutAndDeterminism() throws {
        let design = try SaltelliDesign(sampleSize: 4, dimension: 3, seed: 7)
        let runs = design.runs
        #expect(runs.rows == 20 && runs.columns == 3)
        for r in 0..<20 { #expect(runs.row(r) == design.run(r)) }
        // A_B^(2): row j is A's row with column 2 from B.
        #expect(runs.row(4 * 4 + 1) == [design.a[1, 0], design.a[1, 1], design.b[1, 2]])
        #expect(runs.row(4 + 3) == design.b.row(3))
        #expect(try SaltelliDesign(sampleSize: 4, dimension: 3, seed: 7) == design)
        #expect(try SaltelliDesign(sampleSize: 4, dimension: 3, seed: 8) != design)
        #expect(design.a.columnMajorValues.allSatisfy { $0 >= 0 && $0 < 1 })
        let x = try SobolSensitivity.analyse(dimension: 3, sampleSize: 256, seed: 3, bootstrapResamples: 50, model: Self.ishigami)
        let y = try SobolSensitivity.analyse(dimension: 3, sampleSize: 256, seed: 3, bootstrapResamples: 50, model: Self.ishigami)
        #expect(x == y)
    }

    @Test func errors() throws {
        let design = try SaltelliDesign(sampleSize: 4, dimension: 2, seed: 1)
        #expect(throws: AnalysisError.lengthMismatch(measure: "Sobol indices", argument: "outputs", expected: 16, found: 3)) {
            try SobolSensitivity.estimate(design: design, outputs: [1, 2, 3])
        }
        #expect(throws: AnalysisError.self) {
            try SobolSensitivity.estimate(design: design, outputs: [Double](repeating: 1, count: 16))
        }
        var outputs = (0..<16).map(Double.init)
        outputs[5] = .nan
        #expect(throws: AnalysisError.nonFinite(measure: "Sobol indices", argument: "outputs", index: 5, value: .nan)) {
            try SobolSensitivity.estimate(design: design, outputs: outputs)
        }
        #expect(throws: AnalysisError.self) { try SaltelliDesign(sampleSize: 1, dimension: 2, seed: 1) }
        #expect(throws: AnalysisError.self) {
            try SobolSensitivity.estimate(design: design, outputs: (0..<16).map(Double.init), confidence: 1)
        }
    }
}
