import DivideData
import DivideIndex

/// One point of a Lorenz curve: the poorest `populationShare` of the population holds `valueShare` of the total.
public struct LorenzPoint: Sendable, Equatable, Codable {
    /// Cumulative population share `Pₖ` (units sorted by value ascending).
    public var populationShare: Double
    /// Cumulative value share `Lₖ = Σ_{j≤k} pⱼ x₍ⱼ₎ / μ`.
    public var valueShare: Double

    public init(populationShare: Double, valueShare: Double) {
        self.populationShare = populationShare
        self.valueShare = valueShare
    }

    package enum CodingKeys: String, CodingKey {
        case populationShare = "population_share"
        case valueShare = "value_share"
    }
}

extension Inequality {
    /// The Gini coefficient, half the mean absolute difference relative to the mean.
    ///
    /// `G = Σᵢ Σⱼ pᵢ pⱼ |xᵢ − xⱼ| / (2μ)`, computed in O(N log N) from the values sorted ascending `x₍₁₎ ≤ … ≤ x₍N₎`
    /// with cumulative population shares `Pₖ` (`P₀ = 0`): `G = Σₖ pₖ x₍ₖ₎ (Pₖ₋₁ + Pₖ − 1) / μ`, because each pair
    /// `k < l` contributes `pₖ pₗ (x₍ₗ₎ − x₍ₖ₎)` once. Unweighted (`pₖ = 1/N`) this is the sorted form
    /// `G = (2 Σₖ k·x₍ₖ₎ − (N+1) Σ x) / (N Σ x)` (PySAL `inequality.gini._gini`), evaluated with integer `k` as
    /// written. It equals `1 − Σₖ pₖ (Lₖ + Lₖ₋₁)`, one minus twice the area under the Lorenz curve. `0 ≤ G < 1`;
    /// no small-sample correction `N/(N−1)`, so that replicating every unit leaves `G` unchanged.
    ///
    /// Reference: A. Sen, *On Economic Inequality*, Oxford 1973, ch. 2; F. A. Cowell, *Measuring Inequality*,
    /// 3rd ed., Oxford 2011, §2.2 and Technical Appendix A.5.
    public static func gini(_ values: [Double], weights: [Double]? = nil) throws -> Double {
        try gini(Distribution(values, weights: weights, measure: "Gini"))
    }

    package static func gini(_ d: Distribution) -> Double {
        if !d.isWeighted {
            var weightedSum = 0.0, total = 0.0
            for (k, i) in d.order.enumerated() {
                weightedSum += Double(k + 1) * d.values[i]
                total += d.values[i]
            }
            let n = Double(d.count)
            return Swift.max(0, (2 * weightedSum - (n + 1) * total) / (n * total))
        }
        var sum = 0.0
        var previous = 0.0
        for (k, i) in d.order.enumerated() {
            let current = d.cumulativeShares[k]
            sum += d.shares[i] * d.values[i] * (previous + current - 1)
            previous = current
        }
        return Swift.max(0, sum / d.mean)
    }

    /// The Lorenz curve: `(0, 0)` then `(Pₖ, Lₖ)` for the units sorted by value ascending, ending at `(1, 1)`.
    ///
    /// `Pₖ = Σ_{j≤k} p₍ⱼ₎` and `Lₖ = Σ_{j≤k} p₍ⱼ₎ x₍ⱼ₎ / Σⱼ pⱼ xⱼ`; tied values give collinear points. The last point
    /// is exactly `(1, 1)`. `N + 1` points.
    ///
    /// Reference: M. O. Lorenz, "Methods of measuring the concentration of wealth", *Publications of the American
    /// Statistical Association* 9(70), 1905, pp. 209–219.
    public static func lorenzCurve(_ values: [Double], weights: [Double]? = nil) throws -> [LorenzPoint] {
        try lorenzCurve(Distribution(values, weights: weights, measure: "Lorenz curve"))
    }

    package static func lorenzCurve(_ d: Distribution) -> [LorenzPoint] {
        var mass = [Double](repeating: 0, count: d.count)
        var running = 0.0
        for (k, i) in d.order.enumerated() {
            running += d.shares[i] * d.values[i]
            mass[k] = running
        }
        var points = [LorenzPoint(populationShare: 0, valueShare: 0)]
        points.reserveCapacity(d.count + 1)
        for k in 0..<d.count {
            points.append(LorenzPoint(populationShare: d.cumulativeShares[k], valueShare: mass[k] / running))
        }
        points[d.count] = LorenzPoint(populationShare: 1, valueShare: 1)
        return points
    }

    /// The quintile share ratio S80/S20: the mean value of the richest 20% of the population over that of the
    /// poorest 20%.
    ///
    /// Population, not units, is split into fifths: unit `k` (sorted ascending) occupies the population interval
    /// `[Pₖ₋₁, Pₖ)`, and a unit straddling the 20% or 80% boundary counts with the part of its population on each
    /// side. So the bottom fifth's value mass is `Σₖ pₖ' x₍ₖ₎` with `pₖ' = max(0, min(Pₖ, 0.2) − Pₖ₋₁)`, likewise
    /// the top fifth with `max(0, Pₖ − max(Pₖ₋₁, 0.8))`, and the ratio is top mass over bottom mass; equivalently
    /// `(1 − L(0.8)) / L(0.2)` on the piecewise-linear Lorenz curve. For five equally weighted units it is the largest
    /// over the smallest value; for ten, the mean of the top two over the mean of the bottom two; for one unit, 1.
    /// It is invariant to replicating units, which a "top and bottom fifth of the units" rule is not.
    ///
    /// Reference: Eurostat, "Income quintile share ratio S80/S20" (indicator ilc_di11), which defines it as the
    /// ratio of the total income of the top 20% to that of the bottom 20%.
    /// - Throws: ``AnalysisError/undefined(measure:reason:)`` when the bottom fifth's values are all 0.
    public static func quintileShareRatio(_ values: [Double], weights: [Double]? = nil) throws -> Double {
        try quintileShareRatio(Distribution(values, weights: weights, measure: "quintile share ratio"))
    }

    package static func quintileShareRatio(_ d: Distribution) throws -> Double {
        // Each fifth is accumulated from its own end of the distribution (poorest up, richest down), so that both
        // boundaries are compared with 0.2 and equal values give a ratio of exactly 1.
        func fifth(_ indices: some Sequence<Int>) -> Double {
            var mass = 0.0, previous = 0.0
            for i in indices {
                guard previous < 0.2 else { break }
                let current = previous + d.shares[i]
                mass += (Swift.min(current, 0.2) - previous) * d.values[i]
                previous = current
            }
            return mass
        }
        let bottom = fifth(d.order)
        let top = fifth(d.order.reversed())
        guard bottom > 0 else {
            throw AnalysisError.undefined(
                measure: "quintile share ratio", reason: "the poorest 20% of the population has value 0")
        }
        return top / bottom
    }
}
