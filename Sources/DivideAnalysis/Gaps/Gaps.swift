import DivideData
import DivideIndex

/// Gaps between economies and a frontier: size, attribution to indicators, time to close, and parity ratios.
///
/// A frontier `x*` is the best value in a peer group (``peerFrontiers(_:groups:higherIsBetter:)``), a fixed
/// goalpost (100%), or a target (e.g. ITU's universal and meaningful connectivity targets). For indicators where
/// lower is better (prices, say) pass `higherIsBetter: false`; gaps are then measured downwards.
public enum Gaps {}

/// The gap of one value to a frontier.
public struct FrontierGap: Sendable, Equatable, Codable {
    /// The unit's value `x`.
    public var value: Double
    /// The frontier `x*`.
    public var frontier: Double
    /// `x* − x` (higher is better) or `x − x*` (lower is better): positive while the unit is behind.
    public var absolute: Double
    /// ``absolute`` `/ |x*|`; `nil` when `x* = 0`.
    public var relative: Double?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(frontier, forKey: .frontier)
        try c.encode(absolute, forKey: .absolute)
        try c.encode(relative, forKey: .relative)
    }
}

extension Gaps {
    /// The gap of `value` to `frontier`: absolute `G = x* − x` and relative `R = (x* − x)/x*` (METHODS §7), with
    /// the signs turned round when lower is better, so a unit behind the frontier always has a positive gap.
    /// - Throws: ``AnalysisError/nonFinite(measure:argument:index:value:)`` for NaN or ±∞.
    public static func gap(value: Double, frontier: Double, higherIsBetter: Bool = true) throws -> FrontierGap {
        try requireFinite(value, "value", measure: "gap")
        try requireFinite(frontier, "frontier", measure: "gap")
        let absolute = higherIsBetter ? frontier - value : value - frontier
        return FrontierGap(
            value: value, frontier: frontier, absolute: absolute,
            relative: frontier != 0 ? absolute / abs(frontier) : nil)
    }

    /// Each unit's frontier: the best value among the units of its group (NaN values skipped).
    ///
    /// `nil` for a unit whose group has no value. Pass the same label for every unit for an overall frontier.
    /// - Throws: ``AnalysisError/lengthMismatch(measure:argument:expected:found:)`` when `groups` and `values` differ
    ///   in length; ``AnalysisError/nonFinite(measure:argument:index:value:)`` for ±∞.
    public static func peerFrontiers(
        _ values: [Double], groups: [String], higherIsBetter: Bool = true
    ) throws -> [Double?] {
        guard groups.count == values.count else {
            throw AnalysisError.lengthMismatch(
                measure: "peer frontier", argument: "groups", expected: values.count, found: groups.count)
        }
        var best: [String: Double] = [:]
        for (i, x) in values.enumerated() where !x.isNaN {
            guard x.isFinite else {
                throw AnalysisError.nonFinite(measure: "peer frontier", argument: "values", index: i, value: x)
            }
            if let current = best[groups[i]] {
                best[groups[i]] = higherIsBetter ? Swift.max(current, x) : Swift.min(current, x)
            } else {
                best[groups[i]] = x
            }
        }
        return groups.map { best[$0] }
    }

    /// The distance-to-frontier score `DTF = 100·(x − x_worst)/(x* − x_worst)`: 100 at the frontier, 0 at the
    /// worst (min-max against the frontier; World Bank *Doing Business* style). Works for either direction, since
    /// `x*` and `x_worst` carry it.
    /// - Throws: ``AnalysisError/undefined(measure:reason:)`` when `x* = x_worst`.
    public static func distanceToFrontierScore(value: Double, frontier: Double, worst: Double) throws -> Double {
        try requireFinite(value, "value", measure: "distance to frontier")
        try requireFinite(frontier, "frontier", measure: "distance to frontier")
        try requireFinite(worst, "worst", measure: "distance to frontier")
        guard frontier != worst else {
            throw AnalysisError.undefined(measure: "distance to frontier", reason: "the frontier equals the worst value")
        }
        return 100 * (value - worst) / (frontier - worst)
    }

    package static func requireFinite(_ x: Double, _ argument: String, measure: String) throws {
        guard x.isFinite else {
            throw AnalysisError.nonFinite(measure: measure, argument: argument, index: 0, value: x)
        }
    }
}
