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
        // The decision is listed with both locations and values.
        let decision = report.files[1].preferenceDecisions.first
        #expect(decision == PreferenceDecision(unit: "KOR", indicator: "net", year: 2024, used: "own.csv:2:4 (value)",
                                               usedValue: 99.9, setAside: "shipped.csv:2", setAsideValue: 97.9))
        // The other way round: the value loaded second loses, and says so.
        let (_, reverse) = load(prefer: ["shipped.csv"])
        #expect(reverse.files[1].preferenceDecisions.first?.used == "shipped.csv:2")
        #expect(reverse.files[1].preferenceDecisions.first?.setAside == "own.csv:2:4 (value)")
    }

    /// One file whose `source` changes within an indicator: each row's value keeps its row's source, on the fast path
    /// (plain rows), the general path (quoted, non-ASCII, an estimate column) and across the reader's batches.
    @Test(arguments: [false, true]) func eachRowKeepsItsOwnSourceWithinOneFile(withEstimateColumn: Bool) throws {
        let countries = ["AFG", "BGD", "BTN", "IND", "IRN", "MDV", "NPL", "PAK", "LKA", "KOR"]
        let sources = ["ITU database", "", "Own survey", "\"Ministry, of ICT\"", "Office national (é)"]
        var text = "country,year,indicator,value,source" + (withEstimateColumn ? ",estimate" : "") + "\n"
        var expected: [String: String?] = [:]
        var k = 0
        for year in 1990...2024 {
            for country in countries {
                for indicator in ["net", "mob"] {
                    let source = sources[(k / 7) % sources.count]
                    k += 1
                    text += "\(country),\(year),\(indicator),\(k % 100),\(source)" + (withEstimateColumn ? ",0" : "") + "\n"
                    let plain = source.replacingOccurrences(of: "\"", with: "")
                    expected["\(country) \(year) \(indicator)"] = plain.isEmpty ? nil : plain
                }
            }
        }
        let builder = PanelBuilder(options: LoadOptions())
        let report = DataLoader().load(bytes: Array(text.utf8), name: "mixed.csv", into: builder)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(3))")
        let panel = builder.build()
        var wrong: [String] = []
        for (key, source) in expected {
            let parts = key.split(separator: " ").map(String.init)
            let own = panel.ownSource(unit: parts[0], indicator: parts[2], year: Int(parts[1])!)
            if own != source { wrong.append("\(key): \(own ?? "nil") ≠ \(source ?? "nil")") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(expected.count) values name another source, e.g. \(wrong.prefix(3))")
        // A row without a source names the file's publisher instead (here: none, so the indicator's metadata).
        let first = try #require(expected.first { $0.value == nil })
        let parts = first.key.split(separator: " ").map(String.init)
        #expect(panel.provenance(unit: parts[0], indicator: parts[2], year: Int(parts[1])!)?.publisher
                != "Own survey")
    }

    /// `--prefer` by publisher ranks a value by its row's own source, not by the first source its file gave the
    /// indicator.
    @Test func preferenceRanksARowByItsOwnSource() {
        let mixed = "country,year,indicator,value,source\nJPN,2024,net,85,ITU database\nKOR,2024,net,99.9,Korea MSIT survey\n"
        let builder = PanelBuilder(options: LoadOptions(prefer: PreferPolicy(["Korea MSIT"])))
        _ = DataLoader().load(bytes: Array(Self.shipped.utf8), name: "shipped.csv", into: builder)
        let second = DataLoader().load(bytes: Array(mixed.utf8), name: "mixed.csv", into: builder)
        let panel = builder.build()
        #expect(panel.series(unit: "KOR", indicator: "net").first?.value == 99.9)
        #expect(panel.provenance(unit: "KOR", indicator: "net", year: 2024)?.publisher == "Korea MSIT survey")
        #expect(second.overriddenByPreference == 1)
    }
}
