/// Competition ranking ("1224") of scores, best (highest) first.
///
/// `rank(u) = 1 + #{v : score(v) > score(u)}` over units with a score; a unit with a missing (NaN) score is
/// unranked (`nil`). This equals R's `rank(-x, ties.method = "min", na.last = "keep")` as COINr uses it.
/// Complexity O(n log n).
public enum Ranking {
    /// Ranks of `scores`, descending; NaN → `nil`.
    public static func competition(_ scores: [Double]) -> [Int?] {
        let order = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] > scores[$1] }
        var ranks = [Int?](repeating: nil, count: scores.count)
        var position = 0
        while position < order.count {
            let value = scores[order[position]]
            var end = position
            while end + 1 < order.count && scores[order[end + 1]] == value { end += 1 }
            for k in position...end { ranks[order[k]] = position + 1 }
            position = end + 1
        }
        return ranks
    }

    /// Ranks within groups: each unit is ranked among the units of its own group (`groups[u]`, nil = no
    /// group → unranked).
    /// - Throws: ``ConstructionError/shapeMismatch(what:expected:found:)`` when the lengths differ.
    public static func competition(_ scores: [Double], groups: [Int?]) throws -> [Int?] {
        guard groups.count == scores.count else {
            throw ConstructionError.shapeMismatch(
                what: "grouping vector", expected: "\(scores.count) units", found: "\(groups.count)")
        }
        var members: [Int: [Int]] = [:]
        for (unit, group) in groups.enumerated() { if let group { members[group, default: []].append(unit) } }
        var ranks = [Int?](repeating: nil, count: scores.count)
        for units in members.values {
            let local = competition(units.map { scores[$0] })
            for (k, unit) in units.enumerated() { ranks[unit] = local[k] }
        }
        return ranks
    }
}
