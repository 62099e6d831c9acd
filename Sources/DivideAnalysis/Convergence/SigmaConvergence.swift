import DivideData
import DivideIndex
import LinearAlgebra

/// Sigma convergence: the dispersion of units in each year, and its trend over time.
///
/// For each year `t` with `N_t` units: `x̄_t`, the population standard deviation `σ_t = √((1/N_t) Σᵢ (x_it − x̄_t)²)`
/// and `CV_t = σ_t/x̄_t`; then OLS lines of `σ_t` and of `CV_t` on the year (``LinearTrend``, with the standard error
/// of the slope). Falling dispersion (a negative slope) is sigma convergence. Population divisor as in convergEU
/// `sigma_conv` and Eurofound (2018), and as ``Inequality/coefficientOfVariation(_:weights:)``.
///
/// Reference: R. J. Barro and X. Sala-i-Martin, "Convergence", *Journal of Political Economy* 100(2), 1992;
/// Eurofound, *Upward convergence in the EU: Concepts, measurements and indicators*, 2018.
public struct SigmaConvergence: Sendable, Equatable, Codable {
    /// The years of the panel.
    public var years: [Int]
    /// The number of units used in each year.
    public var counts: [Int]
    /// `x̄_t`; `nil` in a year with no unit.
    public var means: [Double?]
    /// `σ_t`; `nil` in a year with no unit.
    public var standardDeviations: [Double?]
    /// `CV_t`; `nil` in a year with no unit or a zero mean.
    public var coefficientsOfVariation: [Double?]
    /// OLS of `σ_t` on the year over the years where it is defined; `nil` with fewer than 2 such years.
    public var standardDeviationTrend: LinearTrend?
    /// OLS of `CV_t` on the year; `nil` with fewer than 2 years where it is defined.
    public var cvTrend: LinearTrend?
    /// How units with gaps were treated.
    public var coverage: UnitCoverage
    /// Units left out (``UnitCoverage/balanced``: those with a missing year).
    public var excludedUnits: [Int]

    package enum CodingKeys: String, CodingKey {
        case years, counts, means, coverage
        case standardDeviations = "standard_deviations"
        case coefficientsOfVariation = "coefficients_of_variation"
        case standardDeviationTrend = "standard_deviation_trend"
        case cvTrend = "cv_trend"
        case excludedUnits = "excluded_units"
    }

    /// Encodes every key, writing `null` for an undefined trend rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(years, forKey: .years)
        try c.encode(counts, forKey: .counts)
        try c.encode(means, forKey: .means)
        try c.encode(standardDeviations, forKey: .standardDeviations)
        try c.encode(coefficientsOfVariation, forKey: .coefficientsOfVariation)
        try c.encode(standardDeviationTrend, forKey: .standardDeviationTrend)
        try c.encode(cvTrend, forKey: .cvTrend)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(excludedUnits, forKey: .excludedUnits)
    }

    /// Computes sigma convergence on `panel`.
    public init(_ panel: ConvergencePanel, coverage: UnitCoverage = .balanced) throws {
        let (included, excluded) = panel.units(coverage)
        var counts: [Int] = [], means: [Double?] = [], sds: [Double?] = [], cvs: [Double?] = []
        for t in panel.years.indices {
            let summary = ColumnSummary(panel.column(t, units: included))
            counts.append(summary.count)
            guard summary.count > 0 else {
                means.append(nil); sds.append(nil); cvs.append(nil)
                continue
            }
            means.append(summary.mean)
            sds.append(summary.populationStandardDeviation)
            cvs.append(summary.mean != 0 ? summary.populationStandardDeviation / summary.mean : nil)
        }
        func trend(_ series: [Double?]) throws -> LinearTrend? {
            let points = panel.years.indices.compactMap { t in series[t].map { (Double(panel.years[t]), $0) } }
            guard points.count >= 2 else { return nil }
            return try LinearTrend(x: points.map(\.0), y: points.map(\.1), measure: "sigma convergence trend")
        }
        self.years = panel.years
        self.counts = counts
        self.means = means
        self.standardDeviations = sds
        self.coefficientsOfVariation = cvs
        self.standardDeviationTrend = try trend(sds)
        self.cvTrend = try trend(cvs)
        self.coverage = coverage
        self.excludedUnits = excluded
    }
}
