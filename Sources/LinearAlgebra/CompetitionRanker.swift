/// Competition ranks ("1224": ties share the smallest rank) of many columns, fast and without allocation once
/// warmed up: an LSD radix sort (11-bit digits, passes whose digit is the same for all keys skipped; insertion
/// sort up to 64 values) of
/// order-preserving 64-bit keys with the positions alongside.
///
/// `rank(x) = 1 + #{x' : x' ranks strictly before x}`; NaN is unranked (rank 0). `-0.0` and `0.0` tie, as
/// with `<`. Gives the same ranks as ``Ranking/ranks(_:ties:order:)`` with ``TieMethod/min`` (O(n) per column
/// instead of a comparison sort).
public struct CompetitionRanker: Sendable {
    private var keys: [UInt64] = [], spareKeys: [UInt64] = []
    private var slots: [Int32] = [], spareSlots: [Int32] = []
    private var counts = [Int](repeating: 0, count: 2048)

    public init() {}

    /// Writes the rank of each of `values` into `ranks` (same positions; 0 = NaN, unranked).
    public mutating func rank(_ values: UnsafeBufferPointer<Double>, order: RankOrder,
                              into ranks: UnsafeMutableBufferPointer<Int32>) {
        let n = values.count
        precondition(ranks.count >= n, "rank buffer shorter than the values")  // programmer error, not data
        if keys.count < n {
            keys = [UInt64](repeating: 0, count: n); spareKeys = keys
            slots = [Int32](repeating: 0, count: n); spareSlots = slots
        }
        let flip: UInt64 = order == .descending ? ~0 : 0
        keys.withUnsafeMutableBufferPointer { k0 in
        spareKeys.withUnsafeMutableBufferPointer { k1 in
        slots.withUnsafeMutableBufferPointer { s0 in
        spareSlots.withUnsafeMutableBufferPointer { s1 in
        counts.withUnsafeMutableBufferPointer { count in
            var m = 0
            for u in 0..<n {
                let v = values[u]
                ranks[u] = 0
                guard !v.isNaN else { continue }
                let bits = (v + 0.0).bitPattern  // folds -0.0 into 0.0
                let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
                k0[m] = ascending ^ flip
                s0[m] = Int32(truncatingIfNeeded: u)
                m += 1
            }
            var (srcK, dstK, srcS, dstS) = (k0.baseAddress!, k1.baseAddress!, s0.baseAddress!, s1.baseAddress!)
            if m <= 64 {  // insertion sort: cheaper than six passes over 2,048 buckets
                for j in 1..<max(1, m) {
                    let key = srcK[j], slot = srcS[j]
                    var t = j
                    while t > 0 && srcK[t - 1] > key { srcK[t] = srcK[t - 1]; srcS[t] = srcS[t - 1]; t -= 1 }
                    srcK[t] = key
                    srcS[t] = slot
                }
            }
            var shift: UInt64 = m <= 64 ? 64 : 0
            while shift < 64 && m > 1 {
                for b in 0..<2048 { count[b] = 0 }
                for j in 0..<m { count[Int((srcK[j] >> shift) & 2047)] += 1 }
                if count[Int((srcK[0] >> shift) & 2047)] != m {
                    var total = 0
                    for b in 0..<2048 { let c = count[b]; count[b] = total; total += c }
                    for j in 0..<m {
                        let b = Int((srcK[j] >> shift) & 2047)
                        let to = count[b]
                        count[b] = to + 1
                        dstK[to] = srcK[j]
                        dstS[to] = srcS[j]
                    }
                    swap(&srcK, &dstK)
                    swap(&srcS, &dstS)
                }
                shift += 11
            }
            var previous: UInt64 = 0, rank: Int32 = 0
            for j in 0..<m {
                if j == 0 || srcK[j] != previous { rank = Int32(truncatingIfNeeded: j + 1); previous = srcK[j] }
                ranks[Int(srcS[j])] = rank
            }
        }}}}}
    }
}
