import Testing
@testable import LinearAlgebra

@Suite struct ReplicationRankerTests {
    // python3 -c "from scipy.stats import rankdata; import numpy as np; v=np.array([3.5,np.nan,7.0,-0.0,7.0,0.0,-1e300,2.0]);
    //   m=~np.isnan(v); r=np.zeros(len(v),int); r[m]=rankdata(-v[m],method='min'); print(r.tolist())"
    // → [3, 0, 1, 5, 1, 5, 7, 4]
    @Test func competitionRanksWithTiesNaNAndSignedZeros() {
        let ranks = ReplicationRanker.ranksDescending([3.5, .nan, 7.0, -0.0, 7.0, 0.0, -1e300, 2.0])
        #expect(ranks == [3, 0, 1, 5, 1, 5, 7, 4])
        #expect(ReplicationRanker.ranksDescending([]) == [])
        #expect(ReplicationRanker.ranksDescending([.nan, .nan]) == [0, 0])
        #expect(ReplicationRanker.ranksDescending([-.infinity, .infinity, 1]) == [3, 1, 2])
    }

    /// The key is strictly decreasing in the value, over signs, magnitudes, subnormals and infinities.
    /// With `tieBits`, values a few ulps apart tie (a weighted mean of equal values summed in another order); values
    /// apart by more than the tolerance keep their order; signs and zeros behave as without it.
    @Test func toleranceTiesValuesAFewUlpsApart() {
        let values: [Double] = [100, 100.0.nextUp, 100.0.nextDown.nextDown, 100 - 1e-6, -3, -3.0.nextDown, 0, -0.0]
        func ranks(_ bits: Int) -> [Int32] {
            var out = [Int32](repeating: -1, count: values.count)
            values.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { ReplicationRanker().rankDescending(v, into: $0.baseAddress!, tieBits: bits) }
            }
            return out
        }
        #expect(ranks(0) == [2, 1, 3, 4, 8, 7, 5, 5])
        #expect(ranks(20) == [1, 1, 1, 4, 7, 7, 5, 5])
        for x in [1.0, 99.99, 1e-300, 5e300] {
            #expect(ReplicationRanker.descendingKey(x, tieBits: 20) == ReplicationRanker.descendingKey(x.nextUp, tieBits: 20)
                    || ReplicationRanker.descendingKey(x, tieBits: 20) == ReplicationRanker.descendingKey(x.nextDown, tieBits: 20))
        }
    }

    @Test func keysReverseTheOrderOfDoubles() {
        let values: [Double] = [-.infinity, -1e308, -2.5, -1, -.leastNonzeroMagnitude, 0, .leastNonzeroMagnitude,
                                1e-300, 0.5, 1, 1.0000000000000002, 100, .greatestFiniteMagnitude, .infinity]
        for (a, b) in zip(values, values.dropFirst()) {
            #expect(ReplicationRanker.descendingKey(a) > ReplicationRanker.descendingKey(b))
        }
        #expect(ReplicationRanker.descendingKey(-0.0) == ReplicationRanker.descendingKey(0.0))
    }

    /// Against the comparison-sort ranking (`Ranking.ranks(ties: .min, order: .descending)`) on random columns:
    /// spread-out values, values with few distinct levels (many ties), values that share their top 32 bits (long
    /// runs finished on the full key), and a reused ranker with a stride.
    @Test func agreesWithComparisonRanking() {
        var rng = Xoshiro256StarStar(seed: 11)
        let ranker = ReplicationRanker(capacity: 4)
        for trial in 0..<60 {
            let n = [1, 2, 7, 100, 257, 3000][trial % 6]
            let values: [Double] = (0..<n).map { _ in
                let u = rng.uniform()
                if u < 0.05 { return .nan }
                switch trial % 3 {
                case 0: return 100 * rng.uniform()
                case 1: return Double(Int(rng.uniform() * 5))  // ties
                default: return 50 + rng.uniform() * 1e-9  // same top 32 bits, different low bits
                }
            }
            let expected = Ranking.ranks(values, ties: .min, order: .descending).map { $0.isNaN ? 0 : Int32($0) }
            #expect(ReplicationRanker.ranksDescending(values) == expected)
            // Strided output (as a units-major block) through one reused ranker.
            var strided = [Int32](repeating: -1, count: 3 * n)
            values.withUnsafeBufferPointer { v in
                strided.withUnsafeMutableBufferPointer { ranker.rankDescending(v, into: $0.baseAddress! + 1, stride: 3) }
            }
            #expect((0..<n).map { strided[3 * $0 + 1] } == expected)
            #expect((0..<n).allSatisfy { strided[3 * $0] == -1 && strided[3 * $0 + 2] == -1 })
        }
    }
}

@Suite struct SelectionQuantileTests {
    func selecting(_ values: [Int32], _ p: [Double]) -> [Double] {
        var v = values
        var out = [Double](repeating: -1, count: p.count)
        v.withUnsafeMutableBufferPointer { buffer in
            out.withUnsafeMutableBufferPointer { Quantile.type7Selecting(buffer, ascending: p, into: $0.baseAddress!) }
        }
        return out
    }

    // python3 -c "import numpy as np; print(np.percentile([[3,3,2],[1,2,2],[1,1,1]],[5,50,95],axis=1).T.tolist())"
    // → [[2.1, 3.0, 3.0], [1.1, 2.0, 2.0], [1.0, 1.0, 1.0]]
    @Test func handWorkedRanks() {
        #expect(selecting([3, 3, 2], [0.05, 0.5, 0.95]) == [2.1, 3, 3])
        #expect(selecting([1, 2, 2], [0.05, 0.5, 0.95]) == [1.1, 2, 2])
        #expect(selecting([1, 1, 1], [0.05, 0.5, 0.95]) == [1, 1, 1])
        #expect(selecting([7], [0, 0.5, 1]) == [7, 7, 7])
        #expect(selecting([], [0.5]).allSatisfy { $0.isNaN })
    }

    /// Against the sort-based ``Quantile/type7(sorted:probability:)`` on random integers, with narrow spans (the
    /// counting path) and wide ones (Hoare's selection), many ties, and repeated probabilities.
    @Test func agreesWithSortedType7() {
        var rng = Xoshiro256StarStar(seed: 5)
        let probabilities = [0, 0.05, 0.05, 0.25, 0.5, 0.95, 0.999, 1]
        for trial in 0..<200 {
            let n = 1 + Int(rng.uniform() * 1200)
            let span = [3.0, 50, 1e4, 1e9][trial % 4]
            let values = (0..<n).map { _ in Int32(rng.uniform() * span) - Int32(span / 3) }
            let sorted = values.map(Double.init).sorted()
            let expected = probabilities.map { Quantile.type7(sorted: sorted, probability: $0) }
            #expect(selecting(values, probabilities) == expected, "n \(n) span \(span)")
        }
    }
}
