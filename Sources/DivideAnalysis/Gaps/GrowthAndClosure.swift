import DivideData
import DivideIndex
import Foundation

/// How long a gap takes to close at constant growth rates.
public enum YearsToClose: Sendable, Equatable, Codable {
    /// The unit is already at or beyond the frontier.
    case closed
    /// The gap closes after this many years (> 0).
    case years(Double)
    /// The gap never closes at these rates: the unit grows no faster than the frontier (for a static frontier,
    /// its growth is ≤ 0), or, when lower is better, falls no faster.
    case never

    /// Encoded as the number of years, or the string `"closed"` or `"never"`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .closed: try c.encode("closed")
        case .never: try c.encode("never")
        case let .years(t): try c.encode(t)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let t = try? c.decode(Double.self) {
            self = .years(t)
            return
        }
        switch try c.decode(String.self) {
        case "closed": self = .closed
        case "never": self = .never
        case let other:
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "expected a number, \"closed\" or \"never\", found \"\(other)\"")
        }
    }
}

/// A compound annual growth rate and the observations it came from.
public struct GrowthRate: Sendable, Equatable, Codable {
    /// The first year with a value.
    public var startYear: Int
    /// The last year with a value.
    public var endYear: Int
    /// `g = (x_end/x_start)^(1/(end − start)) − 1`.
    public var rate: Double

    package enum CodingKeys: String, CodingKey {
        case rate
        case startYear = "start_year"
        case endYear = "end_year"
    }
}

extension Gaps {
    /// The compound annual growth rate `g = (x_end/x_start)^(1/T) − 1` over `T` years (COINr `get_trends`,
    /// `f_trend = "CAGR"`).
    /// - Throws: ``AnalysisError`` unless `x_start > 0`, `x_end ≥ 0` and `T > 0`, all finite.
    public static func compoundAnnualGrowthRate(from start: Double, to end: Double, years: Double) throws -> Double {
        let measure = "CAGR"
        try requireFinite(start, "start", measure: measure)
        try requireFinite(end, "end", measure: measure)
        try requireFinite(years, "years", measure: measure)
        guard start > 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "start", expected: "a value > 0", found: start)
        }
        guard end >= 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "end", expected: "a value ≥ 0", found: end)
        }
        guard years > 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "years", expected: "a span > 0", found: years)
        }
        return pow(end / start, 1 / years) - 1
    }

    /// The CAGR of a series between its first and last observed (non-NaN) values; intermediate values are not
    /// used, and missing years at either end are skipped (the window is reported).
    /// - Throws: ``AnalysisError`` when the lengths differ, fewer than 2 values are observed, the years do not
    ///   increase, or the end values are outside the domain of ``compoundAnnualGrowthRate(from:to:years:)``.
    public static func compoundAnnualGrowthRate(years: [Int], values: [Double]) throws -> GrowthRate {
        guard years.count == values.count else {
            throw AnalysisError.lengthMismatch(measure: "CAGR", argument: "values", expected: years.count, found: values.count)
        }
        let observed = values.indices.filter { !values[$0].isNaN }
        guard let first = observed.first, let last = observed.last, first != last else {
            throw AnalysisError.tooFewObservations(measure: "CAGR", expected: 2, found: observed.count)
        }
        let rate = try compoundAnnualGrowthRate(
            from: values[first], to: values[last], years: Double(years[last] - years[first]))
        return GrowthRate(startYear: years[first], endYear: years[last], rate: rate)
    }

    /// Years until `value`, growing at `growthRate` a year, reaches `frontier`, growing at `frontierGrowthRate`.
    ///
    /// `x(t) = x(1+g)ᵗ` meets `x*(t) = x*(1+g*)ᵗ` at `t = ln(x*/x) / (ln(1+g) − ln(1+g*))` (METHODS §7; with a
    /// static frontier `g* = 0`, `t = ln(x*/x)/ln(1+g)`). ``YearsToClose/closed`` when the unit is already at or
    /// beyond the frontier; ``YearsToClose/never`` when `t` would not be positive and finite, i.e. `g ≤ g*`
    /// (higher is better) or `g ≥ g*` (lower is better). A frontier that shrinks (`g* < 0`) can be reached without
    /// growth.
    /// - Throws: ``AnalysisError`` unless `value > 0`, `frontier > 0` and both rates `> −1`, all finite.
    public static func yearsToClose(
        value: Double, frontier: Double, growthRate: Double, frontierGrowthRate: Double = 0,
        higherIsBetter: Bool = true
    ) throws -> YearsToClose {
        let measure = "years to close"
        for (argument, x) in [("value", value), ("frontier", frontier), ("growthRate", growthRate),
                              ("frontierGrowthRate", frontierGrowthRate)] {
            try requireFinite(x, argument, measure: measure)
        }
        guard value > 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "value", expected: "a value > 0", found: value)
        }
        guard frontier > 0 else {
            throw AnalysisError.invalidParameter(
                measure: measure, argument: "frontier", expected: "a value > 0", found: frontier)
        }
        for (argument, g) in [("growthRate", growthRate), ("frontierGrowthRate", frontierGrowthRate)] where g <= -1 {
            throw AnalysisError.invalidParameter(measure: measure, argument: argument, expected: "a rate > −1", found: g)
        }
        if higherIsBetter ? value >= frontier : value <= frontier { return .closed }
        let t = log(frontier / value) / (log1p(growthRate) - log1p(frontierGrowthRate))
        return t > 0 && t.isFinite ? .years(t) : .never
    }
}
