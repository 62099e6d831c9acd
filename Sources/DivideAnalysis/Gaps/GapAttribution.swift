import DivideData
import DivideIndex
import Foundation

/// An index gap split into the contributions of its indicators.
public struct GapAttribution: Sendable, Equatable, Codable {
    /// `I* − I` over the indicators used.
    public var gap: Double
    /// `cᵢ`, one per indicator; `nil` for an indicator left out because the unit's or the frontier's value is
    /// missing. The present ones sum to ``gap``.
    public var contributions: [Double?]
    /// `cᵢ / gap`; `nil` when left out or when the gap is 0.
    public var shares: [Double?]
    /// The weights used, `w'ᵢ = wᵢ / Σ_{present} wⱼ`; `nil` when left out.
    public var weights: [Double?]
    /// Indicators left out (missing value for the unit or the frontier).
    public var excludedIndicators: [Int]

    package enum CodingKeys: String, CodingKey {
        case gap, contributions, shares, weights
        case excludedIndicators = "excluded_indicators"
    }
}

extension Gaps {
    /// Attributes the gap between a frontier profile `z*` and a unit's profile `z` (normalised indicator values) to
    /// the indicators, through their effective weights `w` (the product of the normalised weights down the
    /// framework tree; COINr `get_eff_weights`).
    ///
    /// Every quasi-arithmetic aggregate `I = g⁻¹(Σ w'ᵢ g(zᵢ))` (arithmetic, geometric, shifted geometric, harmonic,
    /// generalised; the construction's own formulation) splits exactly: `cᵢ = Λ·w'ᵢ (g(z*ᵢ) − g(zᵢ))` with
    /// `Λ = (I* − I)/(g(I*) − g(I))` (its limit `1/g′(I)` when the two agree), so `Σ cᵢ = I* − I`. In particular:
    ///
    /// - Arithmetic aggregate: `cᵢ = w'ᵢ (z*ᵢ − zᵢ)`, and `Σ cᵢ = Σ w'ᵢ z*ᵢ − Σ w'ᵢ zᵢ = I* − I` exactly (METHODS §9 item 2, whose shares are cᵢ/Σcⱼ).
    /// - Geometric aggregate: `ln I* − ln I = Σ w'ᵢ ln(z*ᵢ/zᵢ)`, scaled by the logarithmic mean
    ///   `Λ(I*, I) = (I* − I)/(ln I* − ln I)` (`Λ(a, a) = a`): `cᵢ = Λ·w'ᵢ ln(z*ᵢ/zᵢ)`, which again sum exactly to
    ///   `I* − I`. This is the LMDI-I attribution of B. W. Ang, "Decomposition analysis for policymaking in
    ///   energy: which is the preferred method?", *Energy Policy* 32(9), 2004, pp. 1131–1139.
    ///
    /// Missing values (NaN in `z` or `z*`): those indicators are left out and the remaining weights renormalised to
    /// sum to 1, as an aggregate that skips missing indicators does; they are listed in
    /// ``GapAttribution/excludedIndicators``. The gap is then between the aggregates over the shared indicators.
    /// - Throws: ``AnalysisError`` for mismatched lengths, ±∞, a negative weight, no indicator left, weights summing
    ///   to 0, a value outside the mean's domain (e.g. `≤ 0` for a geometric mean), or an aggregate that does not
    ///   split into additive parts (weighted median, Mazziotta–Pareto, Copeland).
    public static func attribution(
        values: [Double], frontier: [Double], weights: [Double], aggregation: Aggregation = .arithmetic
    ) throws -> GapAttribution {
        let measure = "gap attribution"
        guard let mean = QuasiArithmeticMean(aggregation) else {
            throw AnalysisError.undefined(measure: measure, reason: "a \(aggregation.name) aggregate does not split "
                                              + "into additive parts")
        }
        let n = values.count
        guard frontier.count == n else {
            throw AnalysisError.lengthMismatch(measure: measure, argument: "frontier", expected: n, found: frontier.count)
        }
        guard weights.count == n else {
            throw AnalysisError.lengthMismatch(measure: measure, argument: "weights", expected: n, found: weights.count)
        }
        for (argument, array) in [("values", values), ("frontier", frontier), ("weights", weights)] {
            for (i, x) in array.enumerated() where x.isInfinite || (argument == "weights" && x.isNaN) {
                throw AnalysisError.nonFinite(measure: measure, argument: argument, index: i, value: x)
            }
        }
        for (i, w) in weights.enumerated() where w < 0 {
            throw AnalysisError.outOfDomain(
                measure: measure, argument: "weights", index: i, expected: "a weight ≥ 0", found: w)
        }
        let present = (0..<n).filter { !values[$0].isNaN && !frontier[$0].isNaN }
        guard !present.isEmpty else { throw AnalysisError.empty(measure: measure, argument: "values") }
        let total = present.reduce(0) { $0 + weights[$1] }
        guard total > 0 else {
            throw AnalysisError.undefined(measure: measure, reason: "the weights of the present indicators sum to 0")
        }
        var normalised = [Double?](repeating: nil, count: n)
        for i in present { normalised[i] = weights[i] / total }
        var contributions = [Double?](repeating: nil, count: n)
        for i in present {
            for (argument, x) in [("values", values[i]), ("frontier", frontier[i])] where !mean.accepts(x) {
                throw AnalysisError.outOfDomain(
                    measure: measure, argument: argument, index: i,
                    expected: "\(mean.domain) for a \(aggregation.name) aggregate", found: x)
            }
        }
        var g = 0.0, gFrontier = 0.0
        for i in present {
            g += normalised[i]! * mean.forward(values[i])
            gFrontier += normalised[i]! * mean.forward(frontier[i])
        }
        let index = mean.inverse(g), best = mean.inverse(gFrontier)
        let difference = gFrontier - g
        // Λ = (I* − I)/(g(I*) − g(I)); exactly 1 for the arithmetic mean.
        let scale = abs(difference) > 1e-12 * max(1, abs(g)) ? (best - index) / difference : 1 / mean.derivative(index)
        var gap = 0.0
        for i in present {
            let c = scale * normalised[i]! * (mean.forward(frontier[i]) - mean.forward(values[i]))
            contributions[i] = c
            gap += c
        }
        let shares = contributions.map { c in c.flatMap { gap != 0 ? $0 / gap : nil } }
        return GapAttribution(
            gap: gap, contributions: contributions, shares: shares, weights: normalised,
            excludedIndicators: (0..<n).filter { normalised[$0] == nil })
    }
}
