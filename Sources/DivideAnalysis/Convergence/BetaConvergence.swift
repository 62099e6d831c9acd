import DivideData
import DivideIndex
import Foundation

/// Beta convergence: do units that start lower grow faster?
///
/// For each unit with positive initial and final values, the annualised log growth over `T` years,
/// `gᵢ = (1/T) ln(x_{i,T}/x_{i,0})`, is regressed on the initial log level by OLS (LAPACK `dgels`, see
/// ``LinearTrend``): `gᵢ = α + β ln x_{i,0} + εᵢ`. `β < 0` is (absolute) beta convergence. Reported with `SE(β)`
/// (needs `n ≥ 3`), `R²` and `n`. As in convergEU `beta_conv(useTau = TRUE)`.
///
/// Speed and half-life (verified from first principles): if each unit's gap to its steady state shrinks as
/// `e^(−λt)`, then `ln(x_T/x_0) = c − (1 − e^(−λT)) ln x_0`, so `βT = −(1 − e^(−λT))` and
/// `λ = −ln(1 + βT)/T`; the gap halves after `ln 2/λ` years (Barro and Sala-i-Martin 1992, §I).
/// Undefined cases: `λ` is `nil` when `1 + βT ≤ 0` (the regression implies initial order is more than
/// reversed, which no exponential adjustment produces); `halfLife` is `nil` unless `λ > 0` (β < 0).
///
/// Units: those missing the first or last year, or with a value `≤ 0` there (no logarithm), are excluded and
/// listed with the reason in ``excludedUnits``. Intermediate years are not used.
///
/// Reference: R. J. Barro and X. Sala-i-Martin, "Convergence", *Journal of Political Economy* 100(2), 1992,
/// pp. 223–251; W. J. Baumol 1986; Eurofound (2018), convergEU package.
public struct BetaConvergence: Sendable, Equatable, Codable {
    /// Why a unit was left out of the regression.
    public enum ExclusionReason: String, Sendable, Codable {
        /// No value in the first year.
        case missingStart = "missing_start"
        /// No value in the last year.
        case missingEnd = "missing_end"
        /// A value `≤ 0` in the first or last year, whose logarithm is undefined.
        case nonPositive = "non_positive"
    }

    /// A unit left out, by index, with the reason.
    public struct ExcludedUnit: Sendable, Equatable, Codable {
        public var unit: Int
        public var reason: ExclusionReason
    }

    /// The first year of the window.
    public var startYear: Int
    /// The last year of the window.
    public var endYear: Int
    /// `T`, the elapsed years.
    public var elapsedYears: Double
    /// `α`.
    public var alpha: Double
    /// `β`.
    public var beta: Double
    /// `SE(β)`; `nil` when `n < 3`.
    public var betaStandardError: Double?
    /// `R²`; `nil` when every unit grew at the same rate.
    public var rSquared: Double?
    /// The number of units in the regression.
    public var count: Int
    /// `λ = −ln(1 + βT)/T`; `nil` when `1 + βT ≤ 0`.
    public var speed: Double?
    /// `ln 2/λ` in years; `nil` unless `λ > 0`.
    public var halfLife: Double?
    /// Units left out and why.
    public var excludedUnits: [ExcludedUnit]

    package enum CodingKeys: String, CodingKey {
        case alpha, beta, count, speed
        case startYear = "start_year"
        case endYear = "end_year"
        case elapsedYears = "elapsed_years"
        case betaStandardError = "beta_standard_error"
        case rSquared = "r_squared"
        case halfLife = "half_life"
        case excludedUnits = "excluded_units"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(startYear, forKey: .startYear)
        try c.encode(endYear, forKey: .endYear)
        try c.encode(elapsedYears, forKey: .elapsedYears)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(beta, forKey: .beta)
        try c.encode(betaStandardError, forKey: .betaStandardError)
        try c.encode(rSquared, forKey: .rSquared)
        try c.encode(count, forKey: .count)
        try c.encode(speed, forKey: .speed)
        try c.encode(halfLife, forKey: .halfLife)
        try c.encode(excludedUnits, forKey: .excludedUnits)
    }

    /// Beta convergence between the first and last year of `panel`.
    /// - Throws: ``AnalysisError/tooFewObservations(measure:expected:found:)`` with fewer than 2 usable units;
    ///   ``AnalysisError/undefined(measure:reason:)`` when every usable unit starts at the same level.
    public init(_ panel: ConvergencePanel) throws {
        let first = 0, last = panel.years.count - 1
        var excluded: [ExcludedUnit] = []
        var logInitial: [Double] = [], growth: [Double] = []
        let elapsed = Double(panel.years[last] - panel.years[first])
        for (u, row) in panel.values.enumerated() {
            let start = row[first], end = row[last]
            if start.isNaN { excluded.append(ExcludedUnit(unit: u, reason: .missingStart)); continue }
            if end.isNaN { excluded.append(ExcludedUnit(unit: u, reason: .missingEnd)); continue }
            guard start > 0 && end > 0 else {
                excluded.append(ExcludedUnit(unit: u, reason: .nonPositive))
                continue
            }
            logInitial.append(log(start))
            growth.append(log(end / start) / elapsed)
        }
        guard logInitial.count >= 2 else {
            throw AnalysisError.tooFewObservations(measure: "beta convergence", expected: 2, found: logInitial.count)
        }
        let fit = try LinearTrend(x: logInitial, y: growth, measure: "beta convergence")
        startYear = panel.years[first]
        endYear = panel.years[last]
        elapsedYears = elapsed
        alpha = fit.intercept
        beta = fit.slope
        betaStandardError = fit.slopeStandardError
        rSquared = fit.rSquared
        count = fit.count
        let ratio = 1 + fit.slope * elapsed
        let lambda: Double? = ratio > 0 ? -log(ratio) / elapsed : nil
        speed = lambda
        halfLife = lambda.flatMap { $0 > 0 ? log(2) / $0 : nil }
        excludedUnits = excluded
    }
}
