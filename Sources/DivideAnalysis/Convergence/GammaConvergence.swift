import DivideData
import DivideIndex
import LinearAlgebra

/// Gamma convergence: Kendall's index of rank concordance, how much units' ranks mix over the years.
///
/// Rank the units in each year (average ranks for ties, `LinearAlgebra`'s `Ranking`). Over the first `m` years
/// (`m = t + 1`), `γ_t = Var(Σ_{s≤t} R_is) / Var(m·R_i0)`. With unchanged ranks `Σ_s R_is = m·R_i0` and `γ = 1`;
/// values towards 0 mean more rank mobility. The direction of ranking does not matter (reversing ranks leaves both
/// variances unchanged). ``value`` is `γ` over the whole panel.
///
/// Verified: this is the form of Boyle and McCarthy (1997), with `m` the number of years summed, as in METHODS §7.
/// convergEU's `gamma_conv` multiplies the initial ranks by (number of years + 1) instead, which gives
/// `γ·m²/(m+1)²`, below 1 even for unchanged ranks; we keep the published normalisation.
///
/// Units: ranks need the same units in every year, so only units observed in every year take part; the others
/// are listed in ``excludedUnits``.
///
/// Reference: G. E. Boyle and T. G. McCarthy, "A simple measure of β-convergence", *Oxford Bulletin of Economics
/// and Statistics* 59(2), 1997, pp. 257–264; M. G. Kendall, *Rank Correlation Methods*, 1948.
public struct GammaConvergence: Sendable, Equatable, Codable {
    /// The years of the panel.
    public var years: [Int]
    /// `γ_t` for each year (`γ` over the first year alone is 1).
    public var series: [Double]
    /// `γ` over the whole panel (the last element of ``series``).
    public var value: Double
    /// The number of units ranked.
    public var count: Int
    /// Units with a missing year, left out.
    public var excludedUnits: [Int]

    package enum CodingKeys: String, CodingKey {
        case years, series, value, count
        case excludedUnits = "excluded_units"
    }

    /// Gamma convergence on `panel`.
    /// - Throws: ``AnalysisError/tooFewObservations(measure:expected:found:)`` with fewer than 2 complete units;
    ///   ``AnalysisError/undefined(measure:reason:)`` when every unit ties in the first year.
    public init(_ panel: ConvergencePanel) throws {
        let (units, excluded) = panel.units(.balanced)
        guard units.count >= 2 else {
            throw AnalysisError.tooFewObservations(measure: "gamma convergence", expected: 2, found: units.count)
        }
        let initialRanks = LinearAlgebra.Ranking.ranks(panel.column(0, units: units), ties: .average)
        var rankSums = [Double](repeating: 0, count: units.count)
        var series: [Double] = []
        for t in panel.years.indices {
            let ranks = LinearAlgebra.Ranking.ranks(panel.column(t, units: units), ties: .average)
            for i in rankSums.indices { rankSums[i] += ranks[i] }
            let m = Double(t + 1)
            let denominator = ColumnSummary(initialRanks.map { m * $0 }).populationVariance
            guard denominator > 0 else {
                throw AnalysisError.undefined(
                    measure: "gamma convergence", reason: "every unit has the same value in \(panel.years[0])")
            }
            series.append(ColumnSummary(rankSums).populationVariance / denominator)
        }
        self.years = panel.years
        self.series = series
        self.value = series[series.count - 1]
        self.count = units.count
        self.excludedUnits = excluded
    }
}
