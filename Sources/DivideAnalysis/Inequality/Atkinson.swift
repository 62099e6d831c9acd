import DivideData
import DivideIndex
import Foundation

extension Inequality {
    /// Atkinson's index with inequality aversion `ε ≥ 0`: one minus the equally distributed equivalent over the mean.
    ///
    /// `A_ε = 1 − (Σᵢ pᵢ (xᵢ/μ)^(1−ε))^(1/(1−ε))` for `ε ≠ 1`, and the geometric form
    /// `A₁ = 1 − exp(Σᵢ pᵢ ln xᵢ)/μ = 1 − e^(−L)` for `ε = 1` (the limit as `ε → 1`; `L` is Theil L).
    /// `A₀ = 0`. `0 ≤ A_ε < 1`, increasing in `ε`. Zeros are allowed for `ε < 1` (`0^(1−ε) = 0`); `ε ≥ 1` needs every
    /// `xᵢ > 0`.
    ///
    /// Reference: A. B. Atkinson, "On the measurement of inequality", *Journal of Economic Theory* 2(3), 1970,
    /// pp. 244–263; Cowell 2011, §3.3.
    /// - Throws: ``AnalysisError/invalidParameter(measure:argument:expected:found:)`` for `ε < 0` or non-finite `ε`;
    ///   ``AnalysisError/outOfDomain(measure:argument:index:expected:found:)`` for a zero value when `ε ≥ 1`.
    public static func atkinson(_ values: [Double], epsilon: Double, weights: [Double]? = nil) throws -> Double {
        try atkinson(Distribution(values, weights: weights, measure: "Atkinson"), epsilon: epsilon)
    }

    package static func atkinson(_ d: Distribution, epsilon: Double) throws -> Double {
        guard epsilon.isFinite && epsilon >= 0 else {
            throw AnalysisError.invalidParameter(
                measure: "Atkinson", argument: "epsilon", expected: "a finite number ≥ 0", found: epsilon)
        }
        if epsilon >= 1 { try d.requirePositive(measure: "Atkinson (ε ≥ 1)") }
        if epsilon == 0 { return 0 }
        if epsilon == 1 { return Swift.max(0, -expm1(-theilL(d))) }
        let power = 1 - epsilon
        var sum = 0.0
        for i in 0..<d.count where d.values[i] > 0 {
            sum += d.shares[i] * pow(d.values[i] / d.mean, power)
        }
        return Swift.max(0, 1 - pow(sum, 1 / power))
    }

    /// The coefficient of variation `CV = σ/μ` with the **population** standard deviation
    /// `σ = √(Σᵢ pᵢ (xᵢ − μ)²)` (divisor `N` when unweighted).
    ///
    /// Population, not sample (`N − 1`), because the units are the whole population of interest (all countries of a
    /// group), not a sample from one; because only then does replicating every unit leave CV unchanged (the
    /// population principle the other measures satisfy); and because sigma convergence uses the same divisor
    /// (convergEU `sigma_conv`, Eurofound 2018). Multiply by `√(N/(N−1))` for the sample version.
    public static func coefficientOfVariation(_ values: [Double], weights: [Double]? = nil) throws -> Double {
        coefficientOfVariation(try Distribution(values, weights: weights, measure: "coefficient of variation"))
    }

    package static func coefficientOfVariation(_ d: Distribution) -> Double {
        var sum = 0.0
        for i in 0..<d.count {
            let deviation = d.values[i] - d.mean
            sum += d.shares[i] * deviation * deviation
        }
        return sum.squareRoot() / d.mean
    }
}
