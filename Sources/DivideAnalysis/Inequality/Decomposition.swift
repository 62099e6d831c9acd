import DivideData
import DivideIndex
import Foundation

/// One group of a between/within decomposition.
public struct InequalityGroup: Sendable, Equatable, Codable {
    /// The group's label as given.
    public var group: String
    /// The number of units in the group.
    public var count: Int
    /// `P_g = Σ_{i∈g} pᵢ`.
    public var populationShare: Double
    /// `μ_g = Σ_{i∈g} pᵢ xᵢ / P_g`.
    public var mean: Double
    /// `S_g = P_g μ_g / μ`, the group's share of the total.
    public var valueShare: Double
    /// Theil T within the group (0 when every value of the group is 0: all equal).
    public var theilT: Double
    /// Theil L within the group; `nil` when a value of the group is 0.
    public var theilL: Double?
    /// The Gini coefficient within the group (descriptive: the Gini does not decompose additively); 0 when every
    /// value of the group is 0.
    public var gini: Double

    package enum CodingKeys: String, CodingKey {
        case group, count, mean, gini
        case populationShare = "population_share"
        case valueShare = "value_share"
        case theilT = "theil_t"
        case theilL = "theil_l"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(group, forKey: .group)
        try c.encode(count, forKey: .count)
        try c.encode(populationShare, forKey: .populationShare)
        try c.encode(mean, forKey: .mean)
        try c.encode(valueShare, forKey: .valueShare)
        try c.encode(theilT, forKey: .theilT)
        try c.encode(theilL, forKey: .theilL)
        try c.encode(gini, forKey: .gini)
    }
}

/// The between- or within-group part of the Theil indices.
public struct DecompositionPart: Sendable, Equatable, Codable {
    /// The part of Theil T.
    public var theilT: Double
    /// The part of Theil L; `nil` when Theil L is undefined (a value is 0).
    public var theilL: Double?

    package enum CodingKeys: String, CodingKey {
        case theilT = "theil_t"
        case theilL = "theil_l"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(theilT, forKey: .theilT)
        try c.encode(theilL, forKey: .theilL)
    }
}

/// The exact decomposition of Theil T and Theil L into inequality between and within groups.
///
/// With group population shares `P_g`, group means `μ_g` and value shares `S_g = P_g μ_g / μ`:
/// - Theil T: `T_B = Σ_g S_g ln(μ_g/μ)`, `T_W = Σ_g S_g T_g`. Unweighted, `T_B = Σ_g S_g ln(S_g N/n_g)` (PySAL
///   `TheilD`). Proof: `ln(xᵢ/μ) = ln(xᵢ/μ_g) + ln(μ_g/μ)`; multiply by `pᵢ xᵢ/μ` and sum within each group, using
///   `Σ_{i∈g} pᵢ xᵢ = P_g μ_g`.
/// - Theil L: `L_B = Σ_g P_g ln(μ/μ_g)`, `L_W = Σ_g P_g L_g`. Proof: `ln(μ/xᵢ) = ln(μ/μ_g) + ln(μ_g/xᵢ)`;
///   multiply by `pᵢ` and sum within each group. (Verified here from first principles; Shorrocks 1980 shows these
///   are the only additively decomposable measures with population-share (L) and value-share (T) weights.)
/// So `T = T_B + T_W` and `L = L_B + L_W` to rounding. A group whose values are all 0 has `S_g = 0` and contributes 0
/// to `T_B` and `T_W` (limits `0·ln 0 = 0`); it makes Theil L undefined.
///
/// References: H. Theil 1967; A. F. Shorrocks, "The class of additively decomposable inequality measures",
/// *Econometrica* 48(3), 1980, pp. 613–625; Cowell 2011, §3.2 and Technical Appendix.
public struct InequalityDecomposition: Sendable, Equatable, Codable {
    /// `T_B` and `L_B`.
    public var between: DecompositionPart
    /// `T_W` and `L_W`.
    public var within: DecompositionPart
    /// The groups, sorted by label.
    public var groups: [InequalityGroup]
}

extension Inequality {
    /// The between/within decomposition of Theil T and L by `groups` (one label per unit).
    /// - Throws: the errors of the measures, and ``AnalysisError/lengthMismatch(measure:argument:expected:found:)``
    ///   when `groups` and `values` differ in length.
    public static func theilDecomposition(
        _ values: [Double], groups: [String], weights: [Double]? = nil
    ) throws -> InequalityDecomposition {
        try decomposition(Distribution(values, weights: weights, measure: "Theil decomposition"), groups: groups)
    }

    package static func decomposition(_ d: Distribution, groups labels: [String]) throws -> InequalityDecomposition {
        guard labels.count == d.count else {
            throw AnalysisError.lengthMismatch(
                measure: "Theil decomposition", argument: "groups", expected: d.count, found: labels.count)
        }
        var members: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { members[label, default: []].append(i) }
        let lDefined = d.firstZero == nil
        var groups: [InequalityGroup] = []
        var tBetween = 0.0, tWithin = 0.0, lBetween = 0.0, lWithin = 0.0
        for label in members.keys.sorted() {
            let indices = members[label]!
            var population = 0.0, mass = 0.0
            for i in indices {
                population += d.shares[i]
                mass += d.shares[i] * d.values[i]
            }
            let groupMean = mass / population
            let valueShare = mass / d.mean
            var groupT = 0.0, groupL: Double? = nil, groupGini = 0.0
            if groupMean > 0 {
                let sub = try Distribution(
                    indices.map { d.values[$0] }, weights: indices.map { d.shares[$0] }, measure: "Theil decomposition")
                groupT = theilT(sub)
                groupGini = gini(sub)
                if sub.firstZero == nil { groupL = theilL(sub) }
                tBetween += valueShare * log(groupMean / d.mean)
                tWithin += valueShare * groupT
            }
            if lDefined, let groupL {
                lBetween += population * log(d.mean / groupMean)
                lWithin += population * groupL
            }
            groups.append(InequalityGroup(
                group: label, count: indices.count, populationShare: population, mean: groupMean,
                valueShare: valueShare, theilT: groupT, theilL: groupL, gini: groupGini))
        }
        return InequalityDecomposition(
            between: DecompositionPart(theilT: tBetween, theilL: lDefined ? lBetween : nil),
            within: DecompositionPart(theilT: tWithin, theilL: lDefined ? lWithin : nil),
            groups: groups)
    }
}
