/// Sample quantiles with linear interpolation between order statistics (Hyndman–Fan type 7).
///
/// For the `n` present values sorted as `x₍₁₎ ≤ … ≤ x₍ₙ₎` and probability `p ∈ [0, 1]`:
/// `h = (n − 1)·p`, `Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎)`.
/// This is R's default `quantile(type = 7)`, numpy's default `np.quantile(method="linear")` and Excel's
/// `PERCENTILE.INC`. NaN values are skipped; with no present value every quantile is NaN.
///
/// Reference: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages",
/// *The American Statistician* 50(4), 1996, pp. 361–365.
public enum Quantile {
    /// The type-7 quantile of `values` at probability `p`.
    /// - Throws: ``LinearAlgebraError/outOfRange(operation:argument:expected:found:)`` when `p ∉ [0, 1]`.
    public static func type7(_ values: [Double], probability p: Double) throws -> Double {
        try type7(values, probabilities: [p])[0]
    }

    /// The type-7 quantiles of `values` at each probability (one sort for all of them).
    /// - Throws: ``LinearAlgebraError/outOfRange(operation:argument:expected:found:)`` when a `p ∉ [0, 1]`.
    public static func type7(_ values: [Double], probabilities: [Double]) throws -> [Double] {
        for p in probabilities where !(p >= 0 && p <= 1) {
            throw LinearAlgebraError.outOfRange(
                operation: "Quantile.type7", argument: "probability", expected: "in [0, 1]", found: p)
        }
        let sorted = values.filter { !$0.isNaN }.sorted()
        return probabilities.map { type7(sorted: sorted, probability: $0) }
    }

    /// The type-7 quantile of already sorted, NaN-free values; `p` must lie in [0, 1].
    public static func type7(sorted: [Double], probability p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        if fraction == 0 { return sorted[lower] }
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
