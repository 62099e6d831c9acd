import DivideData

/// One row of the effective-weights report.
public struct EffectiveWeight: Sendable, Equatable {
    /// Node ids from the root to this node.
    public var path: [String]
    /// Depth below the root (root = 0).
    public var depth: Int
    /// Weight among its siblings, normalised so siblings sum to 1 (root: 1).
    public var normalised: Double
    /// Product of the normalised weights from the root down to this node: its share of the index
    /// (COINr `get_eff_weights`).
    public var effective: Double
    public var isIndicator: Bool
}

extension Framework {
    /// The effective weight of every node, depth first (COINr `get_eff_weights`): the product of sibling-
    /// normalised weights down the tree, under the framework's ``Weighting`` (equal: 1/number of siblings).
    /// The indicators' effective weights sum to 1. Under ``Weighting/pca`` the weights depend on the data: this
    /// shows the written weights; the ones used are in ``ConstructionResult/effectiveWeights()``.
    public func effectiveWeights() -> [EffectiveWeight] {
        var rows: [EffectiveWeight] = []
        func walk(_ node: FrameworkNode, _ path: [String], _ normalised: Double, _ effective: Double) {
            let p = path + [node.id]
            rows.append(EffectiveWeight(path: p, depth: p.count - 1, normalised: normalised, effective: effective,
                                        isIndicator: node.children.isEmpty))
            let children = node.children
            let weights = children.map { methods.weighting == .equal ? 1 : $0.weight }
            let total = weights.reduce(0, +)
            for (child, w) in zip(children, weights) {
                walk(child, p, w / total, effective * w / total)
            }
        }
        walk(root, [], 1, 1)
        return rows
    }

    /// The tree as indented text with normalised and effective weights, e.g. for `divide frameworks`:
    /// `  CONN  Connectivity  w=0.2500  eff=0.2500  [arithmetic]`.
    public func treeDescription() -> String {
        var byPath: [[String]: EffectiveWeight] = [:]
        for row in effectiveWeights() { byPath[row.path] = row }
        var lines: [String] = []
        func walk(_ node: FrameworkNode, _ path: [String]) {
            let p = path + [node.id]
            let w = byPath[p]!
            let indent = String(repeating: "  ", count: w.depth)
            let what: String
            switch node.content {
            case .indicator(let s):
                var text = "series \(s.series), direction \(s.direction == .higherIsBetter ? "+1" : "-1")"
                if s.transform == .log1p { text += ", ln(x + 1)" }
                if let t = s.threshold, let g = s.goalpost { text += ", threshold \(t) → goalpost \(g)" }
                what = text
            case .composite(_, let a, let c):
                what = "[\((a ?? methods.aggregation).name)\(c > 0 ? ", coverage ≥ \(c)" : "")"
                    + (node.minimumOfficial.map { ", ≥ \($0) official indicators" } ?? "")
                    + (node.rescale.map { ", rescaled to \($0.lower)–\($0.upper)" } ?? "") + "]"
            }
            lines.append("\(indent)\(node.id)  \(node.name)  w=\(format(w.normalised))  eff=\(format(w.effective))  \(what)")
            for child in node.children { walk(child, p) }
        }
        walk(root, [])
        return lines.joined(separator: "\n")
    }

    private func format(_ x: Double) -> String {
        let scaled = (x * 10_000).rounded() / 10_000
        var s = String(scaled)
        let decimals = s.split(separator: ".").last?.count ?? 0
        if decimals < 4 { s += String(repeating: "0", count: 4 - decimals) }
        return s
    }
}
