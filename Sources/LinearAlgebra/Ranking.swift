/// How tied values share ranks.
public enum TieMethod: String, Sendable, CaseIterable {
    /// Competition ranking "1224": ties get the smallest rank of their group (`scipy.stats.rankdata(method="min")`).
    case min
    /// Fractional ranking "1 2.5 2.5 4": ties get the mean of the ranks they span (`method="average"`).
    case average
    /// Dense ranking "1223": ties share a rank and the next distinct value gets the next integer (`method="dense"`).
    case dense
}

/// Which values receive rank 1.
public enum RankOrder: String, Sendable, CaseIterable {
    /// The smallest value gets rank 1.
    case ascending
    /// The largest value gets rank 1 (the usual order for index scores).
    case descending
}

/// Ranks of values with ties and missing data.
///
/// Missing values (NaN) are **unranked**: their rank is NaN and they do not take a place among the others, so the
/// present values are ranked 1…n as if the missing ones were absent. Values are compared with `<`, so `-0.0` and
/// `0.0` tie. Sorting is stable, O(n log n).
public enum Ranking {
    /// The rank of each element of `values`, in the same positions.
    public static func ranks(
        _ values: [Double], ties: TieMethod = .min, order: RankOrder = .ascending
    ) -> [Double] {
        var result = [Double](repeating: .nan, count: values.count)
        var indices = values.indices.filter { !values[$0].isNaN }
        switch order {
        case .ascending: indices.sort { values[$0] < values[$1] }
        case .descending: indices.sort { values[$0] > values[$1] }
        }
        var start = 0
        var denseRank = 0.0
        while start < indices.count {
            var end = start + 1
            while end < indices.count && values[indices[end]] == values[indices[start]] { end += 1 }
            denseRank += 1
            let rank: Double
            switch ties {
            case .min: rank = Double(start + 1)
            case .average: rank = Double(start + 1 + end) / 2
            case .dense: rank = denseRank
            }
            for position in start..<end { result[indices[position]] = rank }
            start = end
        }
        return result
    }
}
