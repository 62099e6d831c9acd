import Foundation

/// NaN-aware sample statistics used by the construction methods.
///
/// Kept private to the construction layer until the numeric core's column statistics land; then these should
/// be replaced by those (same definitions: R's `mean`, `sd` (n − 1), `median`, e1071 type-2 skewness/kurtosis).
enum SampleStatistics {
    /// The non-missing values of `x`, in order.
    static func present<C: Collection>(_ x: C) -> [Double] where C.Element == Double {
        x.filter { !$0.isNaN }
    }

    /// Arithmetic mean of the non-missing values; NaN when there are none.
    static func mean(_ x: [Double]) -> Double {
        var sum = 0.0, n = 0
        for v in x where !v.isNaN { sum += v; n += 1 }
        return n == 0 ? .nan : sum / Double(n)
    }

    /// Sample standard deviation (denominator n − 1) of the non-missing values; NaN when fewer than 2.
    static func standardDeviation(_ x: [Double]) -> Double {
        let m = mean(x)
        var ss = 0.0, n = 0
        for v in x where !v.isNaN { ss += (v - m) * (v - m); n += 1 }
        return n < 2 ? .nan : (ss / Double(n - 1)).squareRoot()
    }

    /// Median of the non-missing values (mean of the two middle values for an even count); NaN when none.
    static func median(_ x: [Double]) -> Double {
        let s = present(x).sorted()
        guard !s.isEmpty else { return .nan }
        let h = s.count / 2
        return s.count % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2
    }

    /// Minimum and maximum of the non-missing values; nil when none.
    static func range(_ x: [Double]) -> (min: Double, max: Double)? {
        var lo = Double.infinity, hi = -Double.infinity, any = false
        for v in x where !v.isNaN { lo = min(lo, v); hi = max(hi, v); any = true }
        return any ? (lo, hi) : nil
    }

    /// e1071 type-2 (Excel `SKEW`) sample skewness of the non-missing values: with d = x − mean,
    /// `g1 = √n·Σd³/(Σd²)^{3/2}`, `G1 = g1·√(n(n−1))/(n−2)`. NaN for n < 3 or zero variance.
    /// Source: COINr `skew()` in R/treat.R (copied from e1071::skewness, type 2).
    static func skewness(_ x: [Double]) -> Double {
        let v = present(x)
        let n = Double(v.count)
        guard v.count >= 3 else { return .nan }
        let m = v.reduce(0, +) / n
        var s2 = 0.0, s3 = 0.0
        for e in v { let d = e - m; s2 += d * d; s3 += d * d * d }
        guard s2 > 0 else { return .nan }
        let g1 = n.squareRoot() * s3 / pow(s2, 1.5)
        return g1 * (n * (n - 1)).squareRoot() / (n - 2)
    }

    /// e1071 type-2 (Excel `KURT`) sample excess kurtosis of the non-missing values:
    /// `r = n·Σd⁴/(Σd²)²`, `G2 = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3))`. NaN for n < 4 or zero variance.
    /// Source: COINr `kurt()` in R/treat.R (copied from e1071::kurtosis, type 2).
    static func kurtosis(_ x: [Double]) -> Double {
        let v = present(x)
        let n = Double(v.count)
        guard v.count >= 4 else { return .nan }
        let m = v.reduce(0, +) / n
        var s2 = 0.0, s4 = 0.0
        for e in v { let d = e - m; s2 += d * d; s4 += d * d * d * d }
        guard s2 > 0 else { return .nan }
        let r = n * s4 / (s2 * s2)
        return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    }

    /// R's `rank(x, ties.method = "min", na.last = "keep")`: ascending, ties share the lowest rank, NaN stays NaN.
    static func ascendingMinRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.filter { !x[$0].isNaN }.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: .nan, count: x.count)
        var position = 0
        while position < order.count {
            var end = position
            while end + 1 < order.count && x[order[end + 1]] == x[order[position]] { end += 1 }
            for k in position...end { ranks[order[k]] = Double(position + 1) }
            position = end + 1
        }
        return ranks
    }
}
