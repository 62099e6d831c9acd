import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

@Suite("Index options: parsing")
struct IndexOptionsParseTests {
    @Test func sharedOptionsParseOnCompute() throws {
        let command = try #require(try Divide.parseAsRoot([
            "compute", "--framework", "apddi", "--years", "2018-2024", "--group", "SEA", "--impute", "mean",
            "--treat", "jrc", "--normalise", "minmax:1,100", "--aggregate", "geometric", "--threads", "2",
            "--format", "json", "--output", "out.json",
        ]) as? ComputeCommand)
        #expect(command.index.framework == "apddi" && command.index.yearRange == 2018...2024)
        #expect(command.index.group == "SEA" && command.index.impute == "mean" && command.index.treat == "jrc")
        #expect(command.index.normalise == "minmax:1,100" && command.index.aggregate == "geometric")
        #expect(command.index.threads == 2 && command.format == .json && command.output == "out.json")
        let rank = try #require(try Divide.parseAsRoot(["rank", "--year", "2022", "--level", "pillar"]) as? RankCommand)
        #expect(rank.index.yearRange == 2022...2022 && rank.level == .pillar && rank.index.framework == "apddi")
    }

    @Test func badOptionsAreUsageErrors() {
        for arguments in [
            ["compute", "--year", "2020", "--years", "2018-2020"],
            ["compute", "--years", "2024-2018"],
            ["compute", "--impute", "average"],
            ["compute", "--normalise", "minmax:100,1"],
            ["compute", "--aggregate", "geom"],
            ["compute", "--treat", "winsor"],
            ["compute", "--group", "atlantis"],
            ["compute", "--threads", "0"],
            ["rank", "--level", "subpillar"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Divide.parseAsRoot(arguments) }
        }
    }

    @Test func incomeGroupNames() {
        #expect(IncomeGroup(parsing: "low") == .low)
        #expect(IncomeGroup(parsing: "lower-middle") == .lowerMiddle)
        #expect(IncomeGroup(parsing: "Upper middle income") == .upperMiddle)
        #expect(IncomeGroup(parsing: "high") == .high)
        #expect(IncomeGroup(parsing: "ENEA") == nil)
        #expect(YearRange(argument: "2015-2024")?.range == 2015...2024)
        #expect(YearRange(argument: "2020")?.range == 2020...2020)
        #expect(YearRange(argument: "20-30") == nil)
    }
}
