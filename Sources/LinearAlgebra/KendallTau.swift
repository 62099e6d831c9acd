extension Correlation {
    /// Kendall's τ_b between every pair of columns over pairwise-complete rows; see ``kendallTauB(_:_:)``.
    /// Off the diagonal this matches `pandas.DataFrame.corr(method="kendall")`; a constant column gives NaN
    /// everywhere, including its diagonal entry (pandas writes 1 there). Cost O(p²·n²).
    public static func kendall(_ matrix: Matrix) -> CorrelationMatrix {
        pairwise(matrix) { x, y in kendallTauB(x, y) }
    }

    /// Kendall's rank correlation τ_b of two vectors over the positions where both are present.
    ///
    /// With `C` concordant and `D` discordant pairs among the `n` complete observations, `n₀ = n(n−1)/2`,
    /// `n₁ = Σ tᵢ(tᵢ−1)/2` over groups of ties in `x` and `n₂ = Σ uⱼ(uⱼ−1)/2` over groups of ties in `y`:
    /// `τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂))`. Pairs tied in `x` or `y` count as neither concordant nor
    /// discordant. NaN when fewer than 2 complete pairs exist or either vector is constant.
    /// Matches `scipy.stats.kendalltau(x, y)` (its default variant "b"). Cost O(n²).
    ///
    /// Reference: M. G. Kendall, "The treatment of ties in ranking problems", *Biometrika* 33(3), 1945.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
        let (xs, ys) = complete(x, y)
        let n = xs.count
        guard n >= 2 else { return .nan }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let n0 = Double(n * (n - 1) / 2)
        let denominator = ((n0 - Double(tiedX)) * (n0 - Double(tiedY))).squareRoot()
        guard denominator > 0 else { return .nan }
        return Swift.max(-1, Swift.min(1, Double(concordant - discordant) / denominator))
    }
}
