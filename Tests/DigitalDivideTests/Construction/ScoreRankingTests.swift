import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct ScoreRankingTests {
    // R: rank(-c(5, 7, 7, NA, 1, 5), ties.method = "min", na.last = "keep") = 3 1 1 NA 5 3
    @Test func competitionRanking() {
        #expect(ScoreRanking.competition([5, 7, 7, .nan, 1, 5]) == [3, 1, 1, nil, 5, 3])
        #expect(ScoreRanking.competition([]) == [])
    }

    @Test func withinGroups() throws {
        let r = try ScoreRanking.competition([5, 7, 7, .nan, 1, 5], groups: [0, 1, 0, 0, 1, nil])
        #expect(r == [2, 1, 1, nil, 2, nil])
        #expect(throws: ConstructionError.self) { try ScoreRanking.competition([1], groups: []) }
    }
}
