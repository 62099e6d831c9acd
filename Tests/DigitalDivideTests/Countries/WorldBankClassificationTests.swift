import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("World Bank classification")
struct WorldBankClassificationTests {
    static let worldbank = ShippedUnitNamesTests.dataDirectory.appendingPathComponent("worldbank")
    static let vintage2025 = worldbank.appendingPathComponent("Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv")
    static let vintage2021 = worldbank.appendingPathComponent("Metadata_Country_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv")

    // Expected figures from Python's csv module on the same files:
    // python3 -c "import csv,collections; r=[x for x in csv.DictReader(open(F,encoding='utf-8-sig')) if x['Region']];
    //             print(len(r), collections.Counter(x['IncomeGroup'] for x in r))"
    // 2025 file: 217 economies (86 high, 54 upper middle, 50 lower middle, 25 low, 2 empty), 48 aggregates;
    // 2021 file: 217 economies (79 high, 55 upper middle, 55 lower middle, 27 low, 1 empty), 48 aggregates.
    @Test("real Metadata_Country files (BOM, CRLF, quoted line breaks)")
    func realFiles() throws {
        let new = try WorldBankClassification.load(contentsOf: Self.vintage2025)
        #expect(new.entries.count == 217)
        #expect(new.aggregateCodes.count == 48)
        let counts = Dictionary(grouping: new.entries.values, by: \.incomeGroup).mapValues(\.count)
        #expect(counts[.high] == 86 && counts[.upperMiddle] == 54 && counts[.lowerMiddle] == 50 && counts[.low] == 25)
        #expect(counts[nil] == 2)
        #expect(new.aggregateCodes.isSuperset(of: ["WLD", "EAS", "HIC", "MEA"]))
        #expect(!new.aggregateCodes.contains("INX"), "INX (Not classified) appears only in API_* files")
        #expect(new.entry(for: "KOR") == .init(region: "East Asia & Pacific", incomeGroup: .high,
                                               source: Self.vintage2025.lastPathComponent))
        #expect(new.entry(for: "VEN")?.incomeGroup == nil)
        #expect(new.entry(for: "VEN")?.region == "Latin America & Caribbean")

        let old = try WorldBankClassification.load(contentsOf: Self.vintage2021)
        #expect(old.entries.count == 217)
        let oldCounts = Dictionary(grouping: old.entries.values, by: \.incomeGroup).mapValues(\.count)
        #expect(oldCounts[.high] == 79 && oldCounts[.upperMiddle] == 55 && oldCounts[.lowerMiddle] == 55 && oldCounts[.low] == 27)
    }

    @Test("the newer vintage wins when the caller orders them oldest first")
    func merging() throws {
        let old = try WorldBankClassification.load(contentsOf: Self.vintage2021)
        let new = try WorldBankClassification.load(contentsOf: Self.vintage2025)
        let merged = WorldBankClassification.merging([old, new])
        let registry = CountryRegistry.standard
        // Afghanistan moved from South Asia to the MENAAP region; Russia and Indonesia changed income group.
        #expect(registry.worldBankRegion(of: "AFG", in: merged) == "Middle East & North Africa")
        #expect(registry.incomeGroup(of: "RUS", in: merged) == .high)
        #expect(registry.incomeGroup(of: "IDN", in: merged) == .upperMiddle)
        #expect(merged.entry(for: "RUS")?.source == Self.vintage2025.lastPathComponent)
        let reversed = WorldBankClassification.merging([new, old])
        #expect(registry.worldBankRegion(of: "AFG", in: reversed) == "South Asia")
        #expect(registry.incomeGroup(of: "RUS", in: reversed) == .upperMiddle)
        #expect(merged.entries.count == 217)
        // Every economy the World Bank classifies is known to the registry, except the Channel Islands composite.
        let unknown = merged.entries.keys.filter { registry.country(iso3: $0) == nil }
        #expect(unknown == ["CHI"])
        #expect(registry.members(of: .high, in: merged).count == 85, "86 high-income codes, one of them CHI")
    }

    @Test("crafted files: BOM, CRLF, quotes, empty income group")
    func crafted() throws {
        let text = "\u{FEFF}\"Country Code\",\"Region\",\"IncomeGroup\",\"SpecialNotes\",\"TableName\",\r\n"
            + "\"KOR\",\"East Asia & Pacific\",\"High income\",\"a note, with a comma\r\nand a line break\",\"Korea, Rep.\",\r\n"
            + "\"WLD\",\"\",\"\",\"\",\"World\",\r\n"
            + "\"LAO\",\"East Asia & Pacific\",\"Lower-middle income\",\"say \"\"hi\"\"\",\"Lao PDR\",\r\n"
            + "\"VEN\",\"Latin America & Caribbean\",\"\",\"\",\"Venezuela, RB\""
        let c = try WorldBankClassification.parse(text, file: "m.csv")
        #expect(c.entries.count == 3)
        #expect(c.entry(for: "KOR")?.incomeGroup == .high)
        #expect(c.entry(for: "LAO")?.incomeGroup == .lowerMiddle)
        #expect(c.entry(for: "VEN")?.incomeGroup == nil)
        #expect(c.aggregateCodes == ["WLD"])
    }

    @Test("malformed files give located errors", arguments: [
        ("Country Code,Region,IncomeGroup\nKOR,East Asia & Pacific,Rich\n",
         "m.csv:2:3 (IncomeGroup): expected one of \"Low income\", \"Lower middle income\", \"Upper middle income\", \"High income\" or empty, found \"Rich\""),
        ("Country Code,Region\nKOR,East Asia & Pacific\n",
         "m.csv:1:2 (IncomeGroup): expected a column named \"IncomeGroup\", found header \"Country Code\",\"Region\""),
        ("Country Code,Region,IncomeGroup\nKOR,\"East Asia\n",
         "m.csv:2:2: expected a closing quote, found end of file"),
        ("Country Code,Region,IncomeGroup\nKOR,East Asia\n", "m.csv:2:2: expected at least 3 fields, found 2"),
        ("Country Code,Region,IncomeGroup\n,East Asia,High income\n",
         "m.csv:2:1 (Country Code): expected a country code, found \"\""),
        ("", "m.csv:1:1: expected a header with Country Code, Region, IncomeGroup, found an empty file"),
    ])
    func malformed(text: String, message: String) {
        let error = #expect(throws: WorldBankMetadataError.self) { try WorldBankClassification.parse(text, file: "m.csv") }
        #expect(error?.description == message)
    }

    @Test("income groups parse from file text and are ordered")
    func incomeGroups() {
        #expect(IncomeGroup(fileText: "Upper middle income") == .upperMiddle)
        #expect(IncomeGroup(fileText: "  high INCOME ") == .high)
        #expect(IncomeGroup(fileText: "Middle income") == nil)
        #expect(IncomeGroup.low < .lowerMiddle && .lowerMiddle < .upperMiddle && .upperMiddle < .high)
    }
}
