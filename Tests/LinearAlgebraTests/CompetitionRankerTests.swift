import Testing
@testable import LinearAlgebra

@Suite struct CompetitionRankerTests {
    func ranks(_ values: [Double], _ order: RankOrder, _ ranker: inout CompetitionRanker) -> [Int32] {
        var out = [Int32](repeating: -1, count: values.count)
        values.withUnsafeBufferPointer { v in out.withUnsafeMutableBufferPointer { ranker.rank(v, order: order, into: $0) } }
        return out
    }

    @Test func handWorkedTiesAndMissing() {
        var ranker = CompetitionRanker()
        // Descending "1224": 5 and 5 share rank 1, then 3 is third, 1 fourth; NaN unranked (0).
        #expect(ranks([3, 5, 5, .nan, 1], .descending, &ranker) == [3, 1, 1, 0, 4])
        #expect(ranks([3, 5, 5, .nan, 1], .ascending, &ranker) == [2, 3, 3, 0, 1])
        #expect(ranks([0.0, -0.0, -1, .infinity, -.infinity], .descending, &ranker) == [2, 2, 4, 1, 5])
        #expect(ranks([], .descending, &ranker) == [])
        #expect(ranks([.nan, .nan], .descending, &ranker) == [0, 0])
    }

    @Test(arguments: [10, 64, 65, 300, 5000])
    func agreesWithTheComparisonSortRanks(count: Int) {
        var state: UInt64 = UInt64(count)
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var ranker = CompetitionRanker()
        for _ in 0..<3 {
            // Values with repeats (rounded), negatives, NaN.
            let values = (0..<count).map { _ -> Double in
                let u = next()
                return u < 0.1 ? .nan : ((u - 0.5) * 40).rounded() / 4
            }
            for order in [RankOrder.descending, .ascending] {
                let expected = Ranking.ranks(values, ties: .min, order: order).map { $0.isNaN ? Int32(0) : Int32($0) }
                #expect(ranks(values, order, &ranker) == expected)
            }
        }
    }
}
