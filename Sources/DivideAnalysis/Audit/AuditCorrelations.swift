import DivideData
import DivideIndex
import LinearAlgebra

/// Pearson, Spearman and Kendall (τ_b) coefficients of two units-vectors over the units where both are present
/// (LinearAlgebra `Correlation`: pairwise-complete, as pandas and COINr `get_corr(use = "pairwise.complete.obs")`).
public struct CorrelationTriple: Sendable, Equatable, Codable {
    public var pearson: Double?
    public var spearman: Double?
    public var kendall: Double?
    /// Units present in both.
    public var count: Int

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pearson, forKey: .pearson)
        try c.encode(spearman, forKey: .spearman)
        try c.encode(kendall, forKey: .kendall)
        try c.encode(count, forKey: .count)
    }

    public init(_ x: [Double], _ y: [Double]) {
        func defined(_ v: Double) -> Double? { v.isNaN ? nil : v }
        pearson = defined(Correlation.pearson(x, y))
        spearman = defined(Correlation.spearman(x, y))
        kendall = defined(Correlation.kendallTauB(x, y))
        count = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }.count
    }

    /// The flag of an undefined coefficient: `no_data` with fewer than 2 units present in both, else `undefined`
    /// (one side constant over them).
    public var undefinedFlag: String { count < 2 ? "no_data" : "undefined" }

    /// The coefficient the flags read.
    public func value(_ kind: CorrelationKind) -> Double? {
        switch kind {
        case .pearson: return pearson
        case .spearman: return spearman
        case .kendall: return kendall
        }
    }
}

/// A node's correlation with one of its ancestors (its parent, its pillar or the index).
///
/// Flags: `weak` when the coefficient is below ``AuditThresholds/weak`` against the **parent**; `negative` when it
/// is below ``AuditThresholds/negative`` against any ancestor; `no_data` or `undefined` when it cannot be computed.
public struct AncestorCorrelation: Sendable, Equatable, Codable {
    public var node: String
    public var ancestor: String
    /// `parent`, `pillar` or `index` (the first that applies; a pillar's parent is the index).
    public var relation: String
    public var coefficients: CorrelationTriple
    public var flags: [String]
}

/// The correlation of two indicators with the same parent (COINr's default grouping for collinearity flags).
///
/// Flags: `collinear` above ``AuditThresholds/collinear``, `negative` below ``AuditThresholds/negative``, `no_data` or
/// `undefined` when the coefficient cannot be computed.
public struct PairCorrelation: Sendable, Equatable, Codable {
    /// The parent both indicators belong to.
    public var group: String
    public var first: String
    public var second: String
    public var coefficients: CorrelationTriple
    public var flags: [String]
}

/// Cronbach's alpha and principal components of one composite's children.
public struct NodeCoherence: Sendable, Equatable, Codable {
    public var node: String
    public var children: [String]
    public var cronbach: CronbachAlpha
    /// nil with a note when PCA is undefined (fewer than 3 complete cases, a constant child).
    public var pca: PrincipalComponents?
    /// `low_alpha` (raw α below the threshold), `not_one_dimensional` (PCA: not ``PrincipalComponents/dominant``),
    /// `negative_loading`.
    public var flags: [String]
    public var note: String?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(node, forKey: .node)
        try c.encode(children, forKey: .children)
        try c.encode(cronbach, forKey: .cronbach)
        try c.encode(pca, forKey: .pca)
        try c.encode(flags, forKey: .flags)
        try c.encode(note, forKey: .note)
    }
}

/// The effect on the index ranks of removing one element (COINr `remove_elements`): its weight set to 0, its
/// siblings' weights renormalised, everything re-aggregated.
public struct RemovalImpact: Sendable, Equatable, Codable {
    public var node: String
    /// 1 for an indicator, 2 for its parent's level, … (COINr levels).
    public var level: Int
    /// `(1/n) Σ |r'ᵤ − rᵤ|` over the `n` units ranked both before and after (competition ranks of the index).
    public var meanAbsoluteRankChange: Double?
    public var maxAbsoluteRankChange: Int?
    public var comparedUnits: Int
    /// Units that lose their index score without this element (it was their only input somewhere).
    public var unitsNoLongerScored: [String]
    /// Why nothing was computed (e.g. the element is its parent's only child).
    public var note: String?

    package enum CodingKeys: String, CodingKey {
        case node, level, note
        case meanAbsoluteRankChange = "mean_absolute_rank_change"
        case maxAbsoluteRankChange = "max_absolute_rank_change"
        case comparedUnits = "compared_units"
        case unitsNoLongerScored = "units_no_longer_scored"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(node, forKey: .node)
        try c.encode(level, forKey: .level)
        try c.encode(meanAbsoluteRankChange, forKey: .meanAbsoluteRankChange)
        try c.encode(maxAbsoluteRankChange, forKey: .maxAbsoluteRankChange)
        try c.encode(comparedUnits, forKey: .comparedUnits)
        try c.encode(unitsNoLongerScored, forKey: .unitsNoLongerScored)
        try c.encode(note, forKey: .note)
    }
}
