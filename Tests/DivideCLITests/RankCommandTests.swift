import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

@Suite("divide rank and divide frameworks")
struct RankCommandTests {
    /// The hand-worked pair of ComputeCoinrTests plus a unit F without any value.
    static func run(_ extra: [String] = []) throws -> IndexRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-rank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let meta = directory.appendingPathComponent("r_iMeta.csv").path
        let data = directory.appendingPathComponent("r_iData.csv").path
        try Data(ComputeCoinrTests.meta.utf8).write(to: URL(fileURLWithPath: meta))
        try Data((ComputeCoinrTests.data + "\"F\",\"Phi\",\"L\",2020,NA,NA,NA\n").utf8).write(to: URL(fileURLWithPath: data))
        let command = try #require(try Divide.parseAsRoot(["rank", "--framework", meta, "--data", data] + extra)
            as? RankCommand)
        return try command.index.compute(command.dataOptions)
    }

    @Test func leaderboardListsNotScoredUnitsLast() throws {
        let run = try Self.run()
        #expect(run.result.latestYear == 2020)
        let (table, values) = RankCommand.leaderboard(run, year: 2020, level: .index)
        #expect(table.header == ["unit", "name", "Index", "rank", "subregion", "filled"])
        #expect(table.rows.map { $0[0] } == ["B", "C", "A", "E", "D", "F"])
        #expect(table.rows.map { $0[3] } == ["1", "2", "3", "3", "5", "-"])
        #expect(table.rows[0][2] == "81.25" && table.rows[5][2] == "not scored")
        // JSON values: numbers as numbers (full precision), missing as null.
        #expect(values[0][2] == .number(81.25) && values[0][3] == .number(1))
        #expect(values[5][2] == .null && values[5][3] == .null)
        let pillars = RankCommand.leaderboard(run, year: 2020, level: .pillar).table
        #expect(pillars.header == ["unit", "name", "P1", "rank", "P2", "rank", "subregion", "filled"])
        // Sorted by the first pillar: A, D, E tie at 66.67 (ranks 1, 1, 1), then B (25), C (16.67), F.
        #expect(pillars.rows.map { $0[0] } == ["A", "D", "E", "B", "C", "F"])
        #expect(pillars.rows.map { $0[3] } == ["1", "1", "1", "4", "5", "-"])
    }

    @Test func rankShowsOneYear() {
        #expect(throws: (any Error).self) { _ = try RankCommandTests.runRank(["--years", "2019-2020"]) }
    }

    static func runRank(_ extra: [String]) throws {
        let command = try #require(try Divide.parseAsRoot(["rank"] + extra) as? RankCommand)
        try command.run()
    }

    // Bug: a mistyped series in a framework file was reported as `<framework T>:9 (…)`, without the file and
    // without a suggestion, because the series were first checked against the data after loading.
    @Test func aMistypedSeriesIsReportedAtItsLineOfTheFileWithTheNearestCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-typo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = directory.appendingPathComponent("typo.yaml").path
        let data = directory.appendingPathComponent("t_iData.csv").path
        try Data("""
            id: T
            children:
              - id: P
                children:
                  - id: net
                    series: IT.NET.USER.ZS
                    direction: higher
                  - id: mobile
                    series: IT.CEL.SET.P2
                    direction: higher

            """.utf8).write(to: URL(fileURLWithPath: yaml))
        try Data("""
            "uCode","uName","Time","IT.NET.USER.ZS","IT.CEL.SETS.P2","IT.CEL.SETS"
            "A","Alpha",2020,1,10,4
            "B","Beta",2020,2,20,8

            """.utf8).write(to: URL(fileURLWithPath: data))
        let command = try #require(try Divide.parseAsRoot(["rank", "--framework", yaml, "--data", data])
            as? RankCommand)
        let error = try #require(throws: ValidationError.self) { try command.index.compute(command.dataOptions) }
        // Nearest first: IT.CEL.SETS.P2 is one insertion away, IT.CEL.SETS three edits (and IT.NET.USER.ZS far).
        #expect(error.description == "\(yaml):8 (T/P/mobile): series \"IT.CEL.SET.P2\" is not in the data; "
                    + "did you mean \"IT.CEL.SETS.P2\", \"IT.CEL.SETS\"?")
    }

    @Test func frameworksListsThePresetsAndDescribesATree() throws {
        let presets = FrameworkPresets(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/frameworks").path)
        let list = try FrameworksCommand.list(presets)
        #expect(list.contains("apddi (default)") && list.contains("idi2023") && list.contains("idi2017")
                    && list.contains("tii"))
        let tree = FrameworksCommand.describe(try presets.load("apddi"))
        #expect(tree.contains("CONN  Connectivity  w=0.2000  eff=0.2000"))
        #expect(tree.contains("gci  ITU Global Cybersecurity Index (overall score)  w=1.0000  eff=0.2000"))
        #expect(tree.contains("imputation latest:3, treatment jrc"))
        #expect(throws: FrameworkError.self) { try presets.load("nosuchpreset") }
    }
}

@Suite("divide rank --group: a reporting group filters, never recomputes", .serialized)
struct RankReportingGroupTests {
    static func run(_ arguments: [String]) throws -> IndexRun {
        let command = try #require(try Divide.parseAsRoot(["rank"] + arguments) as? RankCommand)
        return try command.index.compute(command.dataOptions)
    }

    @Test func reportingForLDCKeepsTheRegionalScoresAndRanksWithinTheGroup() throws {
        let region = try Self.run([])
        let ldc = try Self.run(["--group", "LDC"])
        #expect(ldc.universe == region.universe)   // --group does not change the universe
        let year = try #require(region.result.latestYear)
        let y = try #require(region.result.construction.years.firstIndex(of: year))
        let all = region.result.construction.scores(node: 0, year: y)
        // The same computation, so the same bits (NaN for the economies not scored).
        #expect(ldc.result.construction.scores(node: 0, year: y).map(\.bitPattern) == all.map(\.bitPattern))
        let members = ldc.reportedUnits.map { ldc.result.construction.units[$0] }
        let group = try CountryGroup(parsing: "LDC")
        #expect(!members.isEmpty && members.allSatisfy {
            CountryRegistry.standard.country(iso3: $0).map(group.contains) ?? false })
        let table = RankCommand.leaderboard(ldc, year: year, level: .index).table
        #expect(table.header.contains("rank in LDC"))
        let rankColumn = try #require(table.header.firstIndex(of: "rank in LDC"))
        let groupRanks = table.rows.compactMap { Int($0[rankColumn]) }
        // Competition ranks within the group: they start at 1 and never exceed the scored members.
        #expect(groupRanks.first == 1 && groupRanks == groupRanks.sorted() && groupRanks.last! <= groupRanks.count)
        #expect(RankCommand.title(ldc, year: year).contains("Least developed countries"))
        #expect(RankCommand.title(ldc, year: year).contains("the ESCAP region"))
    }

    @Test func aSubregionIsReportedNotRecomputed() throws {
        let sea = try Self.run(["--group", "SEA"])
        #expect(sea.universe == .group(.escap))
        let recomputed = try Self.run(["--universe", "SEA"])
        #expect(recomputed.universe == .group(.subregion(.southEastAsia)))
        #expect(recomputed.result.construction.units.count < sea.result.construction.units.count)
    }

    @Test func anIncomeGroupIsNoUniverse() {
        #expect(throws: (any Error).self) { _ = try Self.run(["--universe", "high"]) }
        #expect(throws: (any Error).self) { _ = try Self.run(["--group", "Atlantis"]) }
    }
}
