import DivideData
import DivideIndex

/// Every inequality measure of one distribution, as the `divide inequality` command reports it.
///
/// JSON keys: `gini`, `theil_t`, `theil_l`, `atkinson`, `atkinson_epsilon`, `cv`, `quintile_ratio`, `mean`,
/// `count`, `population_weighted`, `lorenz`, `decomposition` (with `between` and `within`, each holding `theil_t`
/// and `theil_l`, and `groups`), and `notes`. A measure that is undefined on these data is `null` and a note says
/// why; `decomposition` is `null` when no grouping was given.
public struct InequalitySummary: Sendable, Equatable, Codable {
    /// The number of units.
    public var count: Int
    /// Whether population weights were used.
    public var populationWeighted: Bool
    /// `μ = Σ pᵢ xᵢ`.
    public var mean: Double
    /// ``Inequality/gini(_:weights:)``.
    public var gini: Double
    /// ``Inequality/theilT(_:weights:)``.
    public var theilT: Double
    /// ``Inequality/theilL(_:weights:)``; `nil` when a value is 0.
    public var theilL: Double?
    /// ``Inequality/atkinson(_:epsilon:weights:)`` at ``atkinsonEpsilon``; `nil` when `ε ≥ 1` and a value is 0.
    public var atkinson: Double?
    /// The inequality aversion `ε` of ``atkinson``.
    public var atkinsonEpsilon: Double
    /// ``Inequality/coefficientOfVariation(_:weights:)`` (population standard deviation).
    public var cv: Double
    /// ``Inequality/quintileShareRatio(_:weights:)``; `nil` when the poorest fifth holds nothing.
    public var quintileRatio: Double?
    /// ``Inequality/lorenzCurve(_:weights:)``.
    public var lorenz: [LorenzPoint]
    /// The between/within decomposition, when a grouping was given.
    public var decomposition: InequalityDecomposition?
    /// Why any measure is `nil`.
    public var notes: [String]

    package enum CodingKeys: String, CodingKey {
        case count, mean, gini, atkinson, cv, lorenz, decomposition, notes
        case populationWeighted = "population_weighted"
        case theilT = "theil_t"
        case theilL = "theil_l"
        case atkinsonEpsilon = "atkinson_epsilon"
        case quintileRatio = "quintile_ratio"
    }

    /// Encodes every key, writing `null` for an undefined measure rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gini, forKey: .gini)
        try c.encode(theilT, forKey: .theilT)
        try c.encode(theilL, forKey: .theilL)
        try c.encode(atkinson, forKey: .atkinson)
        try c.encode(atkinsonEpsilon, forKey: .atkinsonEpsilon)
        try c.encode(cv, forKey: .cv)
        try c.encode(quintileRatio, forKey: .quintileRatio)
        try c.encode(mean, forKey: .mean)
        try c.encode(count, forKey: .count)
        try c.encode(populationWeighted, forKey: .populationWeighted)
        try c.encode(lorenz, forKey: .lorenz)
        try c.encode(decomposition, forKey: .decomposition)
        try c.encode(notes, forKey: .notes)
    }
}

extension Inequality {
    /// All measures at once, with the decomposition by `groups` when given (one label per unit).
    ///
    /// Validation is the same as for each measure (see ``Inequality``); measures undefined only because a value is
    /// 0 (Theil L, Atkinson with `ε ≥ 1`) or because the poorest fifth holds nothing (quintile ratio) are `nil`
    /// with a note, so the other measures are still reported.
    public static func summary(
        _ values: [Double], weights: [Double]? = nil, groups: [String]? = nil, atkinsonEpsilon: Double = 0.5
    ) throws -> InequalitySummary {
        guard atkinsonEpsilon.isFinite && atkinsonEpsilon >= 0 else {
            throw AnalysisError.invalidParameter(
                measure: "Atkinson", argument: "epsilon", expected: "a finite number ≥ 0", found: atkinsonEpsilon)
        }
        let d = try Distribution(values, weights: weights, measure: "inequality")
        var notes: [String] = []
        var theilL: Double? = nil
        if let zero = d.firstZero {
            notes.append("theil_l is undefined: values[\(zero)] is 0 and Theil L takes logarithms")
        } else {
            theilL = Inequality.theilL(d)
        }
        var atkinson: Double? = nil
        if atkinsonEpsilon >= 1, let zero = d.firstZero {
            notes.append("atkinson is undefined for ε = \(atkinsonEpsilon) ≥ 1: values[\(zero)] is 0")
        } else {
            atkinson = try Inequality.atkinson(d, epsilon: atkinsonEpsilon)
        }
        var quintileRatio: Double? = nil
        do {
            quintileRatio = try quintileShareRatio(d)
        } catch let error as AnalysisError {
            notes.append("quintile_ratio is undefined: \(error)")
        }
        return InequalitySummary(
            count: d.count, populationWeighted: d.isWeighted, mean: d.mean, gini: gini(d), theilT: theilT(d),
            theilL: theilL, atkinson: atkinson, atkinsonEpsilon: atkinsonEpsilon, cv: coefficientOfVariation(d),
            quintileRatio: quintileRatio, lorenz: lorenzCurve(d),
            decomposition: try groups.map { try decomposition(d, groups: $0) }, notes: notes)
    }
}
