import DivideData
import DivideIndex
import Foundation

extension Inequality {
    /// Theil's T index (GE(1)), the mean of `rᵢ ln rᵢ` with `rᵢ = xᵢ/μ` weighted by population.
    ///
    /// `T = Σᵢ pᵢ (xᵢ/μ) ln(xᵢ/μ)`; unweighted this is `Σᵢ sᵢ ln(N sᵢ)` with value shares `sᵢ = xᵢ/Σx` (PySAL
    /// `inequality.theil.Theil`). A zero value contributes its limit `0·ln 0 = 0` (PySAL instead adds a tiny ε).
    /// `0 ≤ T ≤ ln N` unweighted.
    ///
    /// Reference: H. Theil, *Economics and Information Theory*, North-Holland 1967; Cowell 2011, §3.2.
    public static func theilT(_ values: [Double], weights: [Double]? = nil) throws -> Double {
        theilT(try Distribution(values, weights: weights, measure: "Theil T"))
    }

    package static func theilT(_ d: Distribution) -> Double {
        var sum = 0.0
        for i in 0..<d.count where d.values[i] > 0 {
            let r = d.values[i] / d.mean
            sum += d.shares[i] * r * log(r)
        }
        return Swift.max(0, sum)
    }

    /// Theil's L index (GE(0), the mean log deviation), `L = Σᵢ pᵢ ln(μ/xᵢ)`.
    ///
    /// Needs every `xᵢ > 0`. Reference: Theil 1967; Cowell 2011, §3.2.
    /// - Throws: ``AnalysisError/outOfDomain(measure:argument:index:expected:found:)`` for a zero value.
    public static func theilL(_ values: [Double], weights: [Double]? = nil) throws -> Double {
        let d = try Distribution(values, weights: weights, measure: "Theil L")
        try d.requirePositive(measure: "Theil L")
        return theilL(d)
    }

    package static func theilL(_ d: Distribution) -> Double {
        var sum = 0.0
        for i in 0..<d.count { sum -= d.shares[i] * log(d.values[i] / d.mean) }
        return Swift.max(0, sum)
    }
}
