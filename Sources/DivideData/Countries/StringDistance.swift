/// Edit distances used for "did you mean" suggestions.
package enum StringDistance {
    /// The longest name ``nearest(to:among:limit:)`` compares (200 bytes, as `CountryRegistry.maxSuggestionInput`).
    package static let maxInput = 200

    /// The (up to `limit`) names of `known` nearest to `name`, for every "did you mean" of the library and the
    /// command (series codes, node ids, methods, groups, units of a cube): case-insensitive Damerau–Levenshtein
    /// distance at most max(2, ⌊|name|/3⌋), nearest first (ties alphabetical); names that contain `name`, or that
    /// `name` contains (both at least 3 characters: `NET.USER` finds `IT.NET.USER.ZS`), count as distance 1. Empty when none is that close. (Country names and codes
    /// have their own folding in `CountryRegistry.suggestions(for:limit:)`, on this distance.)
    package static func nearest<S: Sequence<String>>(to name: String, among known: S, limit: Int = 3) -> [String] {
        // Bounded: a name longer than ``maxInput`` bytes gets no suggestion (the distance is quadratic).
        guard name.utf8.count <= maxInput else { return [] }
        let lower = Array(name.lowercased())
        let threshold = max(2, lower.count / 3)
        return known.compactMap { code -> (code: String, distance: Int)? in
            let other = Array(code.lowercased())
            var d = damerauLevenshtein(lower, other)
            if d > 1 && min(lower.count, other.count) >= 3
                && (String(other).contains(String(lower)) || String(lower).contains(String(other))) { d = 1 }
            return d <= threshold ? (code, d) : nil
        }.sorted { ($0.distance, $0.code) < ($1.distance, $1.code) }.prefix(limit).map(\.code)
    }

    /// `did you mean "A", "B"?` for ``nearest(to:among:limit:)``, nil when nothing is close.
    package static func didYouMean<S: Sequence<String>>(_ name: String, among known: S, limit: Int = 3) -> String? {
        let close = nearest(to: name, among: known, limit: limit)
        return close.isEmpty ? nil : "did you mean " + close.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
    }

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
