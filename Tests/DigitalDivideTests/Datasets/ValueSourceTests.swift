import Foundation
import Testing
@testable import DivideData

/// Every value keeps its own source: the one its file gives the indicator (a tidy file's `source` column), not the
/// first source any file gave the indicator; a value that wins a conflict by preference carries its own.
@Suite struct ValueSourceTests {
    static let shipped = "country,year,indicator,value,source\nKOR,2024,net,97.9,ITU database\nJPN,2024,net,85,ITU database\n"
    static let own = "country,year,indicator,value,source\nKOR,2024,net,99.9,Korea MSIT survey\n"
    static let third = "country,year,indicator,value,source\nIND,2024,net,40,Own survey\n"

    func load(prefer: [String]) -> (Panel, LoadReport) {
        let builder = PanelBuilder(options: LoadOptions(prefer: PreferPolicy(prefer)))
        var files: [FileReport] = []
        files.append(DataLoader().load(bytes: Array(Self.shipped.utf8), name: "shipped.csv", into: builder))
        files.append(DataLoader().load(bytes: Array(Self.own.utf8), name: "own.csv", into: builder))
        files.append(DataLoader().load(bytes: Array(Self.third.utf8), name: "third.csv", into: builder))
        var report = LoadReport()
        report.files = files
        return (builder.build(), report)
    }

    @Test func eachValueNamesItsOwnFilesSource() {
        let (panel, _) = load(prefer: [])
        #expect(panel.provenance(unit: "JPN", indicator: "net", year: 2024)?.publisher == "ITU database")
        #expect(panel.provenance(unit: "IND", indicator: "net", year: 2024)?.publisher == "Own survey")
        #expect(panel.ownSource(unit: "IND", indicator: "net", year: 2024) == "Own survey")
    }

    @Test func aConflictKeepsTheFirstValueAndSaysSoWithBothLocations() throws {
        let (panel, report) = load(prefer: [])
        #expect(panel.series(unit: "KOR", indicator: "net").first?.value == 97.9)
        let conflict = try #require(report.files[1].problems.first { $0.error.reason == .conflictingValue })
        #expect(conflict.error.location?.description == "own.csv:2:4 (value)")
        #expect(conflict.error.expected?.contains("shipped.csv:2") == true)
    }

    @Test func thePreferredValueWinsWithItsOwnSource() {
        let (panel, report) = load(prefer: ["own.csv"])
        #expect(panel.series(unit: "KOR", indicator: "net").first?.value == 99.9)
        #expect(panel.provenance(unit: "KOR", indicator: "net", year: 2024)?.publisher == "Korea MSIT survey")
        #expect(report.files.reduce(0) { $0 + $1.overriddenByPreference } == 1)
        #expect(report.errorCount == 0)
    }
}
