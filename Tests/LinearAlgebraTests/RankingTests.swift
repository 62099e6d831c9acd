import Testing
@testable import LinearAlgebra

@Suite struct RankingTests {
    // python3 -c "import scipy.stats as st; r=[3,1,4,1,5,9,2,6,5,3,5];
    //   [print(m, st.rankdata(r,method=m), st.rankdata([-a for a in r],method=m)) for m in ['min','average','dense']]"
    let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]

    @Test func competitionMin() {
        #expect(Ranking.ranks(values, ties: .min) == [4, 1, 6, 1, 7, 11, 3, 10, 7, 4, 7])
        #expect(Ranking.ranks(values, ties: .min, order: .descending) == [7, 10, 6, 10, 3, 1, 9, 2, 3, 7, 3])
    }

    @Test func average() {
        #expect(Ranking.ranks(values, ties: .average) == [4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8])
        #expect(Ranking.ranks(values, ties: .average, order: .descending)
            == [7.5, 10.5, 6, 10.5, 4, 1, 9, 2, 4, 7.5, 4])
    }

    @Test func dense() {
        #expect(Ranking.ranks(values, ties: .dense) == [3, 1, 4, 1, 5, 7, 2, 6, 5, 3, 5])
        #expect(Ranking.ranks(values, ties: .dense, order: .descending) == [5, 7, 4, 7, 3, 1, 6, 2, 3, 5, 3])
    }

    @Test func missingStaysUnranked() {
        let r = Ranking.ranks([10, .nan, 30, 20, .nan], ties: .min, order: .descending)
        #expect(r[0] == 3 && r[2] == 1 && r[3] == 2)
        #expect(r[1].isNaN && r[4].isNaN)
        #expect(Ranking.ranks([]).isEmpty)
        #expect(Ranking.ranks([.nan]).allSatisfy { $0.isNaN })
    }
}
