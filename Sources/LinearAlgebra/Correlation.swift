/// A correlation matrix computed over pairwise-complete observations, with the number of pairs behind each entry.
///
/// Entry `(j, k)` uses only the rows where both column `j` and column `k` are present (not NaN). It is NaN when
/// fewer than 2 such rows exist or when either column is constant over them (zero variance), including on the
/// diagonal.
public struct CorrelationMatrix: Sendable {
    /// The `p×p` symmetric matrix of coefficients.
    public let coefficients: Matrix
    /// `pairCounts[j][k]`: the number of rows where both columns `j` and `k` are present.
    public let pairCounts: [[Int]]
}

/// Pearson and Spearman correlation between the columns of a matrix with missing values.
public enum Correlation {
    /// Pearson's product-moment correlation over pairwise-complete rows:
    /// `r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²)`, with means taken over the same rows.
    /// Matches `pandas.DataFrame.corr(method="pearson")`.
    public static func pearson(_ matrix: Matrix) -> CorrelationMatrix {
        pairwise(matrix) { x, y in pearson(x, y) }
    }

    /// Spearman's rank correlation over pairwise-complete rows: Pearson's `r` of the average ranks (ties share the
    /// mean rank) of the values in those rows. Matches `pandas.DataFrame.corr(method="spearman")`.
    ///
    /// Reference: C. Spearman, "The proof and measurement of association between two things",
    /// *American Journal of Psychology* 15, 1904.
    public static func spearman(_ matrix: Matrix) -> CorrelationMatrix {
        pairwise(matrix) { x, y in
            pearson(Ranking.ranks(x, ties: .average), Ranking.ranks(y, ties: .average))
        }
    }

    /// Pearson's `r` of two vectors over the positions where both are present; NaN when undefined.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let (xs, ys) = complete(x, y)
        return pearsonComplete(xs, ys)
    }

    /// Spearman's rank correlation of two vectors over the positions where both are present; NaN when undefined.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        let (xs, ys) = complete(x, y)
        return pearsonComplete(Ranking.ranks(xs, ties: .average), Ranking.ranks(ys, ties: .average))
    }

    /// The pairs of `x` and `y` where neither is NaN (extra elements of the longer vector are ignored).
    static func complete(_ x: [Double], _ y: [Double]) -> ([Double], [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        let n = Swift.min(x.count, y.count)
        xs.reserveCapacity(n)
        ys.reserveCapacity(n)
        for i in 0..<n where !x[i].isNaN && !y[i].isNaN {
            xs.append(x[i])
            ys.append(y[i])
        }
        return (xs, ys)
    }

    static func pearsonComplete(_ x: [Double], _ y: [Double]) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        var meanX = 0.0, meanY = 0.0
        for i in 0..<n { meanX += x[i]; meanY += y[i] }
        meanX /= Double(n)
        meanY /= Double(n)
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<n {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        // Clamp rounding excursions just beyond ±1.
        return Swift.max(-1, Swift.min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// Applies `measure` to the complete pairs of every pair of columns; the result is symmetric.
    static func pairwise(_ matrix: Matrix, _ measure: ([Double], [Double]) -> Double) -> CorrelationMatrix {
        let p = matrix.columns
        var coefficients = Matrix(rows: p, columns: p, repeating: .nan)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: p), count: p)
        let columns = (0..<p).map(matrix.column)
        for j in 0..<p {
            for k in j..<p {
                let (xs, ys) = complete(columns[j], columns[k])
                let value = measure(xs, ys)
                coefficients[j, k] = value
                coefficients[k, j] = value
                counts[j][k] = xs.count
                counts[k][j] = xs.count
            }
        }
        return CorrelationMatrix(coefficients: coefficients, pairCounts: counts)
    }
}
