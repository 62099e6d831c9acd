import DivideData
import DivideIndex
import LinearAlgebra

/// An ordinary least-squares line `y = a + b·x` with the standard error of its slope.
///
/// Solved by LAPACK `dgels` (`LinearAlgebra`'s `LeastSquaresSolution`) on the design `[1, x − x̄]` (centred for conditioning; the
/// intercept is mapped back to `a = a_c − b·x̄`). With `n` points, residual sum of squares `RSS`,
/// `Sxx = Σ(xᵢ − x̄)²` and `TSS = Σ(yᵢ − ȳ)²`:
/// `SE(b) = √(RSS/(n−2) / Sxx)` (needs `n ≥ 3`), `R² = 1 − RSS/TSS` (undefined when `TSS = 0`).
///
/// When every `y` is equal the line is flat by construction: `b = 0`, `a = y₁` and `RSS = 0` exactly, without the
/// solver (whose rounding differs between BLAS kernels: one gives −2·10⁻¹⁶ where another gives 0).
///
/// Reference: any regression text, e.g. J. M. Wooldridge, *Introductory Econometrics*, ch. 2.
public struct LinearTrend: Sendable, Equatable, Codable {
    /// `a`.
    public var intercept: Double
    /// `b`.
    public var slope: Double
    /// `SE(b)`; `nil` when `n < 3`.
    public var slopeStandardError: Double?
    /// `R²`; `nil` when every `y` is equal.
    public var rSquared: Double?
    /// The number of points.
    public var count: Int

    package enum CodingKeys: String, CodingKey {
        case intercept, slope, count
        case slopeStandardError = "slope_standard_error"
        case rSquared = "r_squared"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intercept, forKey: .intercept)
        try c.encode(slope, forKey: .slope)
        try c.encode(slopeStandardError, forKey: .slopeStandardError)
        try c.encode(rSquared, forKey: .rSquared)
        try c.encode(count, forKey: .count)
    }

    /// Fits `y` on `x`.
    /// - Throws: ``AnalysisError`` when the lengths differ, a value is not finite, there are fewer than 2 points
    ///   or every `x` is equal.
    public init(x: [Double], y: [Double], measure: String = "linear trend") throws {
        guard x.count == y.count else {
            throw AnalysisError.lengthMismatch(measure: measure, argument: "y", expected: x.count, found: y.count)
        }
        for (i, v) in x.enumerated() where !v.isFinite {
            throw AnalysisError.nonFinite(measure: measure, argument: "x", index: i, value: v)
        }
        for (i, v) in y.enumerated() where !v.isFinite {
            throw AnalysisError.nonFinite(measure: measure, argument: "y", index: i, value: v)
        }
        let n = x.count
        guard n >= 2 else { throw AnalysisError.tooFewObservations(measure: measure, expected: 2, found: n) }
        let xSummary = ColumnSummary(x), ySummary = ColumnSummary(y)
        let centred = x.map { $0 - xSummary.mean }
        let sxx = centred.reduce(0) { $0 + $1 * $1 }
        guard sxx > 0 else {
            throw AnalysisError.undefined(measure: measure, reason: "every x equals \(x[0]), so the slope is undefined")
        }
        if y.allSatisfy({ $0 == y[0] }) {
            (intercept, slope, count, rSquared) = (y[0], 0, n, nil)
            slopeStandardError = n >= 3 ? 0 : nil
            return
        }
        let design = try Matrix(rows: n, columns: 2, columnMajor: [Double](repeating: 1, count: n) + centred)
        let solution = try LeastSquaresSolution(a: design, b: y)
        let b = solution.coefficients[1]
        intercept = solution.coefficients[0] - b * xSummary.mean
        slope = b
        count = n
        let rss = solution.residualSumOfSquares
        slopeStandardError = n >= 3 ? (rss / Double(n - 2) / sxx).squareRoot() : nil
        let tss = ySummary.populationVariance * Double(n)
        rSquared = tss > 0 ? Swift.max(0, Swift.min(1, 1 - rss / tss)) : nil
    }
}
