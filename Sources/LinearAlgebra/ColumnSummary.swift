/// Descriptive statistics of one column, skipping missing values (`NaN`) and counting them.
///
/// With `n` present values `x₁…xₙ`, mean `x̄ = Σxᵢ/n` and central sums `Mₖ = Σ(xᵢ − x̄)ᵏ` (two passes, for
/// accuracy):
/// - population variance `M₂/n`; sample variance `s² = M₂/(n−1)`; standard deviations are their square roots;
/// - skewness, the bias-corrected sample estimator `G₁ = g₁·√(n(n−1))/(n−2)` with `g₁ = (M₃/n)/(M₂/n)^{3/2}`
///   (Excel `SKEW`, R e1071 `skewness(type = 2)`, SAS/SPSS; `scipy.stats.skew(bias=False)`);
/// - excess kurtosis, `G₂ = ((n+1)·g₂ + 6)·(n−1)/((n−2)(n−3))` with `g₂ = (M₄/n)/(M₂/n)² − 3`
///   (Excel `KURT`, R e1071 `kurtosis(type = 2)`; `scipy.stats.kurtosis(bias=False)`).
///
/// Defined behaviour at the edges (NaN means "undefined", never a crash):
/// - no present value: `count = 0`, `sum = 0`, everything else NaN;
/// - one value: mean = min = max = the value, population variance 0, sample variance NaN, skewness and kurtosis NaN;
/// - all values equal (`min == max`): both variances exactly 0, skewness and kurtosis NaN (0/0);
/// - skewness needs `n ≥ 3`, kurtosis `n ≥ 4`; below that they are NaN.
/// Infinite values are not missing: they are counted and propagate through the sums as IEEE arithmetic does.
///
/// Reference: D. N. Joanes and C. A. Gill, "Comparing measures of sample skewness and kurtosis",
/// *The Statistician* 47(1), 1998, pp. 183–189 (estimators G₁ and G₂).
public struct ColumnSummary: Sendable, Equatable {
    /// The number of present (non-NaN) values `n`.
    public let count: Int
    /// The number of missing (NaN) values.
    public let missing: Int
    /// `Σxᵢ` over present values (0 when there are none).
    public let sum: Double
    /// `x̄ = Σxᵢ/n`.
    public let mean: Double
    /// `M₂/(n−1)`.
    public let sampleVariance: Double
    /// `M₂/n`.
    public let populationVariance: Double
    /// The smallest present value.
    public let min: Double
    /// The largest present value.
    public let max: Double
    /// The bias-corrected sample skewness `G₁`.
    public let skewness: Double
    /// The bias-corrected sample excess kurtosis `G₂`.
    public let excessKurtosis: Double

    /// `√(M₂/(n−1))`.
    public var sampleStandardDeviation: Double { sampleVariance.squareRoot() }
    /// `√(M₂/n)`.
    public var populationStandardDeviation: Double { populationVariance.squareRoot() }
    /// Present plus missing values.
    public var total: Int { count + missing }

    /// Summarises `values`, skipping NaN.
    public init<C: Collection>(_ values: C) where C.Element == Double {
        var n = 0, missing = 0
        var sum = 0.0
        var low = Double.infinity, high = -Double.infinity
        for x in values {
            if x.isNaN { missing += 1; continue }
            n += 1
            sum += x
            if x < low { low = x }
            if x > high { high = x }
        }
        self.count = n
        self.missing = missing
        self.sum = sum
        guard n > 0 else {
            (mean, sampleVariance, populationVariance, min, max, skewness, excessKurtosis) =
                (.nan, .nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        let mean = sum / Double(n)
        self.mean = mean
        self.min = low
        self.max = high
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        if low != high {
            for x in values where !x.isNaN {
                let d = x - mean
                let d2 = d * d
                m2 += d2
                m3 += d2 * d
                m4 += d2 * d2
            }
        }
        let count = Double(n)
        populationVariance = m2 / count
        sampleVariance = n >= 2 ? m2 / (count - 1) : .nan
        if n >= 3 && m2 > 0 {
            let g1 = (m3 / count) / ((m2 / count) * (m2 / count).squareRoot())
            skewness = g1 * (count * (count - 1)).squareRoot() / (count - 2)
        } else {
            skewness = .nan
        }
        if n >= 4 && m2 > 0 {
            let g2 = (m4 / count) / ((m2 / count) * (m2 / count)) - 3
            excessKurtosis = ((count + 1) * g2 + 6) * (count - 1) / ((count - 2) * (count - 3))
        } else {
            excessKurtosis = .nan
        }
    }

    public static func == (lhs: ColumnSummary, rhs: ColumnSummary) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return lhs.count == rhs.count && lhs.missing == rhs.missing && same(lhs.sum, rhs.sum)
            && same(lhs.mean, rhs.mean) && same(lhs.sampleVariance, rhs.sampleVariance)
            && same(lhs.populationVariance, rhs.populationVariance) && same(lhs.min, rhs.min)
            && same(lhs.max, rhs.max) && same(lhs.skewness, rhs.skewness)
            && same(lhs.excessKurtosis, rhs.excessKurtosis)
    }
}

extension Matrix {
    /// A ``ColumnSummary`` for each column, reading the storage in place (no per-column copy).
    public func columnSummaries() -> [ColumnSummary] {
        withUnsafeBufferPointer { buffer in
            (0..<columns).map { j in ColumnSummary(buffer[(j * rows)..<((j + 1) * rows)]) }
        }
    }
}
