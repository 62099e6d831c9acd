import DivideData

/// Scores, ranks, coverage and imputed shares of every node × unit × year.
///
/// Arrays are laid out `[u + units·(n + nodes·y)]` with n indexing ``plan``'s nodes (root = 0). A NaN score
/// means "not scored" (too few inputs), never 0; such a unit has no rank.
public struct ConstructionResult: Sendable {
    public let plan: ConstructionPlan
    public let units: [String]
    public let years: [Int]
    /// The raw weight of every node as used (framework, caller's or PCA-derived); siblings are normalised.
    public let weights: [Double]
    /// Score; for indicators (level 1) the normalised value.
    public let scores: [Double]
    /// Share of the node's children present for the unit (1 or 0 for an indicator).
    public let coverage: [Double]
    /// Share of the indicator values under the node that were imputed or carried (NaN when not scored).
    public let imputedShare: [Double]
    /// Competition rank among all units ("1224"), nil = unranked. Empty when ranks were not requested.
    public let ranks: [Int?]
    /// Grouping name → rank within the unit's group.
    public let groupRanks: [String: [Int?]]
    /// Origin of each indicator value, `[u + units·(i + indicators·y)]`.
    public let origins: CellOrigins
    public let treatment: [TreatmentRecord]

    /// Effective weight of every node as used: the product of sibling-normalised ``weights`` from the root.
    public func effectiveWeights() -> [Double] {
        var effective = [Double](repeating: 1, count: plan.nodes.count)
        for (n, node) in plan.nodes.enumerated() {
            let total = node.children.map { weights[$0] }.reduce(0, +)
            for child in node.children { effective[child] = effective[n] * weights[child] / total }
        }
        return effective
    }

    /// Flat index of (unit, node, year).
    @inlinable public func index(unit u: Int, node n: Int, year y: Int) -> Int {
        u + units.count * (n + plan.nodes.count * y)
    }

    /// The score of a unit for a node in a year, by names; nil when a name is unknown.
    public func score(unit: String, node: String, year: Int) -> Double? {
        guard let u = units.firstIndex(of: unit), let n = plan.node(node), let y = years.firstIndex(of: year) else {
            return nil
        }
        return scores[index(unit: u, node: n, year: y)]
    }

    /// The rank of a unit for a node in a year, by names; nil when unranked or a name is unknown.
    public func rank(unit: String, node: String, year: Int) -> Int? {
        guard !ranks.isEmpty, let u = units.firstIndex(of: unit), let n = plan.node(node),
              let y = years.firstIndex(of: year) else { return nil }
        return ranks[index(unit: u, node: n, year: y)]
    }

    /// All units' scores for one node in one year (by indices).
    public func scores(node n: Int, year y: Int) -> [Double] {
        let base = index(unit: 0, node: n, year: y)
        return Array(scores[base..<(base + units.count)])
    }
}
