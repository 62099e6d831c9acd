import DivideData
import LinearAlgebra

/// Competition ranking ("1224") of unit scores, best (highest) first, overall or within groups.
///
/// `rank(u) = 1 + #{v : score(v) > score(u)}` over units with a score; a unit with a missing (NaN) score is
/// unranked (`nil`). This equals R's `rank(-x, ties.method = "min", na.last = "keep")` as COINr uses it.
/// Built on LinearAlgebra's `CompetitionRanker` (a radix sort; the same ranks as
/// `Ranking.ranks(_:ties: .min, order: .descending)`).
public enum ScoreRanking {
    /// Ranks of `scores`, descending; NaN → `nil`.
    public static func competition(_ scores: [Double]) -> [Int?] {
        var ranker = CompetitionRanker()
        var ranks = [Int32](repeating: 0, count: scores.count)
        scores.withUnsafeBufferPointer { values in
            ranks.withUnsafeMutableBufferPointer { ranker.rank(values, order: .descending, into: $0) }
        }
        return ranks.map { $0 == 0 ? nil : Int($0) }
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
