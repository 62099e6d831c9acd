extension Quantile {
    /// Type-7 quantiles of integers (e.g. one unit's ranks over Monte Carlo replications) by selection instead of
    /// a full sort; `values` is reordered in place.
    ///
    /// With `n` values, `h = (n − 1)·p` and the 0-based order statistics `x₍ₖ₎`:
    /// `Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`, as ``type7(sorted:probability:)`` (numpy's default
    /// `method="linear"`). Order statistics come from a counting pass when the values span at most `4n` integers
    /// (O(n + span)), else from Hoare's FIND with median-of-three pivots (C. A. R. Hoare, "Algorithm 65: Find",
    /// CACM 4(7), 1961; the idea of C++ `std::nth_element`), each probability continuing on the part right of the
    /// previous one: O(n) expected in all.
    ///
    /// - Parameters:
    ///   - values: the sample; reordered in place by the selection.
    ///   - probabilities: in [0, 1] and ascending.
    ///   - quantiles: receives one value per probability (NaN for every one when `values` is empty).
    public static func type7Selecting(_ values: UnsafeMutableBufferPointer<Int32>, ascending probabilities: [Double],
                                      into quantiles: UnsafeMutablePointer<Double>) {
        let n = values.count
        guard n > 0, let base = values.baseAddress else {
            for q in probabilities.indices { quantiles[q] = .nan }
            return
        }
        var low = base[0], high = base[0]
        for i in 1..<n {
            let x = base[i]
            low = Swift.min(low, x)
            high = Swift.max(high, x)
        }
        let span = Int(high) - Int(low) + 1
        if span <= 4 * n + 64 {
            countingQuantiles(base, n, low: low, span: span, probabilities, quantiles)
        } else {
            selectingQuantiles(base, n, probabilities, quantiles)
        }
    }

    private static func positions(_ n: Int, _ p: Double) -> (lower: Int, fraction: Double) {
        let h = Double(n - 1) * Swift.min(Swift.max(p, 0), 1)
        let lower = Int(h.rounded(.down))
        return (lower, h - Double(lower))
    }

    private static func countingQuantiles(_ x: UnsafeMutablePointer<Int32>, _ n: Int, low: Int32, span: Int,
                                          _ probabilities: [Double], _ out: UnsafeMutablePointer<Double>) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: span) { counts in
            let c = counts.baseAddress!
            c.initialize(repeating: 0, count: span)
            for i in 0..<n { c[Int(x[i] - low)] += 1 }
            // The k-th order statistic: walk the cumulative counts (probabilities ascending: one walk).
            var bucket = 0, below = c[0]  // below = number of values ≤ low + bucket
            func statistic(_ k: Int) -> Double {
                while below <= k {
                    bucket += 1
                    below += c[bucket]
                }
                return Double(Int(low) + bucket)
            }
            for (q, p) in probabilities.enumerated() {
                let (lower, fraction) = positions(n, p)
                let a = statistic(lower)
                if fraction == 0 || lower + 1 >= n {
                    out[q] = a
                } else {
                    let saved = (bucket, below)
                    let b = statistic(lower + 1)
                    (bucket, below) = saved
                    out[q] = a + fraction * (b - a)
                }
            }
        }
    }

    private static func selectingQuantiles(_ x: UnsafeMutablePointer<Int32>, _ n: Int, _ probabilities: [Double],
                                           _ out: UnsafeMutablePointer<Double>) {
        var from = 0  // x[0..<from] ≤ every value at or after `from` (left of the previous selection)
        for (q, p) in probabilities.enumerated() {
            let (lower, fraction) = positions(n, p)
            if lower >= from { select(x, from, n, lower) }
            let a = Double(x[lower])
            if fraction == 0 || lower + 1 >= n {
                out[q] = a
            } else {
                var next = x[lower + 1]
                for i in (lower + 2)..<n where x[i] < next { next = x[i] }
                out[q] = a + fraction * (Double(next) - a)
            }
            from = Swift.max(from, lower + 1)
        }
    }

    /// Rearranges `x[start..<end]` so that `x[k]` holds the value a sort would put there, with no larger value
    /// before it and no smaller one after it.
    private static func select(_ x: UnsafeMutablePointer<Int32>, _ start: Int, _ end: Int, _ k: Int) {
        var left = start, right = end - 1
        while right - left > 16 {
            // Median of three as the pivot, then Hoare's partition (stops on equal values: fine with many ties).
            let middle = left + (right - left) / 2
            if x[middle] < x[left] { x.swapAt(middle, left) }
            if x[right] < x[left] { x.swapAt(right, left) }
            if x[right] < x[middle] { x.swapAt(right, middle) }
            let pivot = x[middle]
            var i = left, j = right
            while i <= j {
                while x[i] < pivot { i += 1 }
                while x[j] > pivot { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now x[left...j] ≤ pivot ≤ x[i...right] and every x[j+1..<i] equals the pivot.
            if k <= j { right = j } else if k >= i { left = i } else { return }
        }
        // Insertion sort of the short remainder.
        if right > left {
            for a in (left + 1)...right {
                let v = x[a]
                var b = a
                while b > left && x[b - 1] > v {
                    x[b] = x[b - 1]
                    b -= 1
                }
                x[b] = v
            }
        }
    }
}

private extension UnsafeMutablePointer {
    @inline(__always)
    func swapAt(_ a: Int, _ b: Int) {
        let t = self[a]
        self[a] = self[b]
        self[b] = t
    }
}
