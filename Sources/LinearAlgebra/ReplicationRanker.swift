/// Competition ranks ("1224", highest value first) of many columns of doubles, by an LSD radix argsort on
/// order-preserving integer keys — the ranking step of a Monte Carlo over thousands of replications.
///
/// For present values `v(c)`: `rank(c) = 1 + #{c' : v(c') > v(c)}` (ties share the smallest rank,
/// `scipy.stats.rankdata(-v, method="min")`); NaN is unranked (rank 0) and takes no place. `-0.0` and `0.0` tie.
///
/// Method: each double maps to the 64-bit key `k(x) = ~(x ≥ +0 ? bits | 2⁶³ : ~bits)`, strictly decreasing in `x`
/// (the IEEE-754 bit pattern read as sign–magnitude; Knuth, TAOCP vol. 3 §5.2.5; Herf, "Radix tricks", 2001).
/// The keys are sorted by their top 32 bits with four stable 8-bit counting passes (a pass whose digit is the same
/// for every key is skipped; the four histograms come from one read), then every run sharing its top 32 bits is
/// finished on the full key (insertion sort, or a comparison sort for a long run), so equal doubles — and only
/// they — end up with equal adjacent keys. Cost O(n) per column for spread-out data, O(n log n) at worst.
///
/// One ranker per thread: it owns its scratch buffers (no allocation per column). Unlike ``CompetitionRanker``
/// (full 64-bit keys in 11-bit digits, for one column at a time), it sorts only the top half of the keys in 8-bit
/// digits — four cheap passes for a few thousand values per replication — and writes with a stride, so a Monte
/// Carlo's ranks go straight into a units-major block.
public final class ReplicationRanker {
    private var capacity: Int
    private var keys: UnsafeMutablePointer<UInt64>
    private var spareKeys: UnsafeMutablePointer<UInt64>
    private var order: UnsafeMutablePointer<Int32>
    private var spareOrder: UnsafeMutablePointer<Int32>
    private let histograms: UnsafeMutablePointer<Int>

    /// A ranker for columns of up to `capacity` values (it grows when given more).
    public init(capacity: Int = 0) {
        self.capacity = Swift.max(1, capacity)
        keys = .allocate(capacity: self.capacity)
        spareKeys = .allocate(capacity: self.capacity)
        order = .allocate(capacity: self.capacity)
        spareOrder = .allocate(capacity: self.capacity)
        histograms = .allocate(capacity: 4 * 256)
    }

    deinit {
        keys.deallocate(); spareKeys.deallocate(); order.deallocate(); spareOrder.deallocate()
        histograms.deallocate()
    }

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        keys.deallocate(); spareKeys.deallocate(); order.deallocate(); spareOrder.deallocate()
        capacity = n
        keys = .allocate(capacity: n); spareKeys = .allocate(capacity: n)
        order = .allocate(capacity: n); spareOrder = .allocate(capacity: n)
    }

    /// The key of `x`: a smaller key for a larger double; `-0.0` and `0.0` share one key.
    @inline(__always)
    public static func descendingKey(_ x: Double) -> UInt64 {
        descendingKey(x, tieBits: 0)
    }

    /// The key of `x` with the low `tieBits` bits of its significand rounded off (to nearest): doubles within a
    /// relative `2^(tieBits − 53)` of each other share a key, so that scores equal in exact arithmetic but apart by
    /// a few ulps of rounding (a weighted mean of equal values, summed in another order by another BLAS kernel)
    /// tie. `tieBits = 0`: exact.
    @inline(__always)
    public static func descendingKey(_ x: Double, tieBits: Int) -> UInt64 {
        var bits = (x + 0.0).bitPattern  // −0 + 0 = +0 under round-to-nearest
        if tieBits > 0 && x.isFinite {
            let magnitude = bits & ~(1 << 63)
            let rounded = (magnitude &+ (1 << UInt64(tieBits - 1))) & ~((1 << UInt64(tieBits)) &- 1)
            bits = rounded == 0 ? 0 : (bits & (1 << 63)) | rounded
        }
        let ascending = bits >> 63 == 0 ? bits | (1 << 63) : ~bits
        return ~ascending
    }

    /// Writes the competition ranks of `values` (highest first) to `ranks[c·stride]`, 0 for NaN.
    ///
    /// `stride` lets a caller write one replication's ranks into a units-major matrix directly.
    /// `tieBits`: values that agree but for the low `tieBits` bits of their significands tie
    /// (``descendingKey(_:tieBits:)``); 0 = exact.
    public func rankDescending(_ values: UnsafeBufferPointer<Double>, into ranks: UnsafeMutablePointer<Int32>,
                               stride: Int = 1, tieBits: Int = 0) {
        let count = values.count
        reserve(count)
        var n = 0
        let k0 = keys, o0 = order
        for c in 0..<count {
            let x = values[c]
            if x.isNaN {
                ranks[c * stride] = 0
            } else {
                k0[n] = Self.descendingKey(x, tieBits: tieBits)
                o0[n] = Int32(truncatingIfNeeded: c)
                n += 1
            }
        }
        guard n > 0 else { return }
        sortHighHalf(n)
        finishRuns(n)
        // Competition ranks: a run of equal keys takes the position of its first member + 1.
        let k = keys, o = order
        var previous = k[0], rank: Int32 = 1
        for p in 0..<n {
            let key = k[p]
            if key != previous {
                rank = Int32(truncatingIfNeeded: p + 1)
                previous = key
            }
            ranks[Int(o[p]) * stride] = rank
        }
    }

    /// Stable LSD counting sort of `keys[0..<n]` (with `order`) on bits 32…63, 8 bits per pass.
    private func sortHighHalf(_ n: Int) {
        let h = histograms
        h.initialize(repeating: 0, count: 4 * 256)
        let k0 = keys
        for i in 0..<n {
            let top = k0[i] >> 32
            h[Int(top & 255)] += 1
            h[256 + Int((top >> 8) & 255)] += 1
            h[512 + Int((top >> 16) & 255)] += 1
            h[768 + Int(top >> 24)] += 1
        }
        for pass in 0..<4 {
            let shift = UInt64(32 + 8 * pass)
            let counts = h + 256 * pass
            if counts[Int((keys[0] >> shift) & 255)] == n { continue }  // one digit for all keys
            var total = 0
            for b in 0..<256 {
                let c = counts[b]
                counts[b] = total
                total += c
            }
            let source = keys, sourceOrder = order, target = spareKeys, targetOrder = spareOrder
            for i in 0..<n {
                let key = source[i]
                let b = Int((key >> shift) & 255)
                let d = counts[b]
                counts[b] = d + 1
                target[d] = key
                targetOrder[d] = sourceOrder[i]
            }
            swap(&keys, &spareKeys)
            swap(&order, &spareOrder)
        }
    }

    /// Sorts each run of keys sharing their top 32 bits on the full key.
    private func finishRuns(_ n: Int) {
        let k = keys
        var previous = k[0] >> 32
        var start = 0
        for i in 1..<max(1, n) {
            let high = k[i] >> 32
            if high != previous {
                if i - start > 1 { sortRun(start, i) }
                start = i
                previous = high
            }
        }
        if n - start > 1 { sortRun(start, n) }
    }

    private func sortRun(_ start: Int, _ end: Int) {
        let keys = self.keys, order = self.order
        if end - start <= 32 {
            for i in (start + 1)..<end {
                let key = keys[i], o = order[i]
                var j = i
                while j > start && keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    order[j] = order[j - 1]
                    j -= 1
                }
                keys[j] = key
                order[j] = o
            }
        } else {
            var pairs = (start..<end).map { (keys[$0], order[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (offset, pair) in pairs.enumerated() {
                keys[start + offset] = pair.0
                order[start + offset] = pair.1
            }
        }
    }

    /// The competition ranks of `values`, highest first (0 = NaN, unranked).
    public static func ranksDescending(_ values: [Double]) -> [Int32] {
        var ranks = [Int32](repeating: 0, count: values.count)
        let ranker = ReplicationRanker(capacity: values.count)
        values.withUnsafeBufferPointer { v in
            ranks.withUnsafeMutableBufferPointer { r in
                if let base = r.baseAddress { ranker.rankDescending(v, into: base) }
            }
        }
        return ranks
    }
}
