/// Edit distances used for "did you mean" suggestions.
package enum StringDistance {
    /// Damerau–Levenshtein distance, optimal string alignment variant: the fewest insertions, deletions,
    /// substitutions and transpositions of adjacent symbols turning `a` into `b`, no substring edited twice.
    ///
    /// d(i, j) = min(d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [aᵢ ≠ bⱼ],
    ///               d(i−2, j−2) + 1 if aᵢ = bⱼ₋₁ and aᵢ₋₁ = bⱼ).
    /// Source: F. J. Damerau, "A technique for computer detection and correction of spelling errors",
    /// CACM 7(3), 1964; OSA recurrence as in Boytsov (2011), "Indexing methods for approximate dictionary
    /// searching", ACM JEA 16. Time O(|a|·|b|), memory O(|b|) (three rows).
    package static func damerauLevenshtein<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let n = b.count
        var previous2 = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...n {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, previous2[j - 2] + 1)
                }
                current[j] = d
            }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return previous[n]
    }
}
