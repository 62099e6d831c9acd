import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("COINr iData and iMeta readers")
struct CoinrReaderTests {
    @Test func asemDataWithItsMeta() throws {
        // Loaded with the registry policy: COINr uCodes stay verbatim anyway.
        let result = loadShipped(["examples/coinr/asem/ASEM_iData.csv", "examples/coinr/asem/ASEM_iMeta.csv"])
        #expect(result.report.files.map(\.format) == [.coinrData, .coinrMeta])
        #expect(result.report.isClean)
        let data = result.report.files[0]
        #expect(data.records == 51 && data.unitsFound == 51)
        // 49 indicators + 4 denominators; the 4 group columns are not observations.
        #expect(data.indicators.count == 53 && !data.indicators.contains("GDP_group"))
        #expect(data.valuesUsed + data.missingTotal == 51 * 53)
        // ASEM_iData.csv line 41: Korea, KOR, …, Time 2018, LPI 3.717126, Flights 69.84827, PrivDebt 193.24989642247.
        let panel = result.panel
        #expect(panel.value(unit: "KOR", indicator: "LPI", year: 2018) == 3.717126)
        #expect(panel.value(unit: "KOR", indicator: "Flights", year: 2018) == 69.84827)
        // A "Percent" unit above 100 is not a share error.
        #expect(panel.value(unit: "KOR", indicator: "PrivDebt", year: 2018) == 193.24989642247)
        #expect(panel.provenance(unit: "KOR", indicator: "LPI", year: 2018)?.line == 41)
        let lpi = try #require(panel.indicators.first { $0.code == "LPI" })
        #expect(lpi.name == "Logistics Performance Index" && lpi.unit == "Score 1-5" && !lpi.isShare)
        let meta = result.report.files[1]
        #expect(meta.records == 68 && meta.valuesUsed == 0 && meta.indicators.count == 53)
    }

    @Test func asemGroups() throws {
        let groups = try CoinrDataReader.unitGroups(path: dataDirectory + "/examples/coinr/asem/ASEM_iData.csv")
        #expect(groups.columns == ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"])
        #expect(groups.units.count == 51)
        #expect(groups.group(of: "KOR", in: "GDP_group") == "XL")
        #expect(groups.group(of: "KOR", in: "EurAsia_group") == "Asia")
        #expect(groups.groups(in: "EurAsia_group") == ["Asia", "Europe"])
        // python3 csv count on ASEM_iData.csv: EurAsia_group Europe 30, Asia 21.
        #expect(groups.members(of: "Asia", in: "EurAsia_group").count == 21)
        #expect(groups.members(of: "Europe", in: "EurAsia_group").count == 30)
    }

    @Test func asemMetaIsTyped() throws {
        let meta = try CoinrMeta.read(path: dataDirectory + "/examples/coinr/asem/ASEM_iMeta.csv")
        #expect(meta.entries.count == 68)
        #expect(meta.entries(ofType: .indicator).count == 49)
        #expect(meta.entries(ofType: .aggregate).count == 11)
        #expect(meta.entries(ofType: .group).map(\.code) == ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"])
        #expect(meta.entries(ofType: .denominator).map(\.code) == ["Area", "Energy", "GDP", "Population"])
        #expect(meta.maxLevel == 4)
        let flights = try #require(meta.entry("Flights"))
        #expect(flights.parent == "Physical" && flights.direction == 1 && flights.weight == 1)
        #expect(flights.denominator == "Population" && flights.target == 200.3326555 && flights.line == 3)
        #expect(meta.entry("PubDebt")?.direction == -1)
        #expect(meta.entry("Index")?.parent == nil && meta.entry("Index")?.level == 4)
    }

    @Test func synthDataIsVerbatimAndTimeless() throws {
        let result = loadShipped(["examples/coinr/synth_iData.csv"])
        let report = try #require(result.report.files.first)
        #expect(report.format == .coinrData && report.records == 2000 && report.indicators.count == 100)
        // python3: 2000 empty cells among the 2000 × 100 values.
        #expect(report.missing == [.empty: 2000] && report.valuesUsed == 198_000)
        #expect(result.panel.units.first == "U0001")
        let year = try #require(result.panel.years.first)
        // synth_iData.csv line 3: "U0002","Unit 2",0.568532,968.948,… and x033 empty.
        #expect(result.panel.value(unit: "U0002", indicator: "x001", year: year) == 0.568532)
        #expect(result.panel.value(unit: "U0002", indicator: "x002", year: year) == 968.948)
        #expect(result.panel.value(unit: "U0002", indicator: "x033", year: year) == nil)
        let meta = try CoinrMeta.read(path: dataDirectory + "/examples/coinr/synth_iMeta.csv")
        #expect(meta.entries(ofType: .indicator).count == 100 && meta.entries(ofType: .aggregate).count == 5)
        #expect(meta.entry("x010")?.direction == -1 && meta.entry("G2")?.weight == 2)
    }

    @Test func groupColumnsByNameWithoutMeta() throws {
        let directory = try temporaryDirectory([
            "my_data.csv": "\"uCode\",\"uName\",\"Region_group\",\"Time\",\"a\",\"b\"\n\"X1\",\"One\",\"North\",2020,1.5,NA\n\"X2\",\"Two\",NA,2020,2,3\n"
        ])
        let path = directory + "/my_data.csv"
        let result = DataLoader(options: registryOptions).load(files: [path])
        let report = try #require(result.report.files.first)
        #expect(report.format == .coinrData && report.indicators == ["a", "b"] && report.missing == [.na: 1])
        #expect(result.panel.value(unit: "X2", indicator: "b", year: 2020) == 3)
        let groups = try CoinrDataReader.unitGroups(path: path)
        #expect(groups.columns == ["Region_group"] && groups.group(of: "X1", in: "Region_group") == "North")
        #expect(groups.group(of: "X2", in: "Region_group") == nil)
    }

    @Test func metaValidationErrorsAreLocated() throws {
        let text = """
            "iCode","iName","Level","Parent","Direction","Weight","Type","Denominator"
            "a","A",1,"P",1,1,"Indicator",NA
            "b","B",1,"P",2,1,"Indicator",NA
            "c","C",1,"Nope",1,1,"Indicator",NA
            "a","A again",1,"P",1,1,"Indicator",NA
            "d","D",1,"P",1,heavy,"Indicator",NA
            "e","E",1,"P",1,1,"Indicatr",NA
            "f","F",1,"P",1,1,"Indicator","Pop"
            "1x","X",1,"P",1,1,"Indicator",NA
            "P","Pillar",2,,1,1,"Aggregate",NA
            "g","G",NA,NA,NA,NA,"Group",NA

            """
        let (meta, problems, records) = try CoinrMeta.parse(CSVScanner(text: text, name: "m.csv"))
        #expect(records == 10)
        #expect(problems.map(\.description) == [
            "m.csv:3:5 (Direction): expected -1 or 1, found \"2\"",
            "m.csv:5:1 (iCode): expected a code not used before, found \"a\", already on line 2",
            "m.csv:6:6 (Weight): expected a number, found \"heavy\"",
            "m.csv:7:7 (Type): expected one of Indicator, Aggregate, Group, Denominator, Other, found \"Indicatr\"",
            "m.csv:9:1 (iCode): expected a code not starting with a digit, found \"1x\"",
            "m.csv:4:4 (Parent): expected the iCode of an Aggregate at level 2, found \"Nope\"",
            "m.csv:8:8 (Denominator): expected the iCode of a Denominator row, found \"Pop\"",
        ])
        #expect(meta.entries.map(\.code) == ["a", "P", "g"])
        #expect(throws: DivideError.self) { try CoinrMeta.parse(CSVScanner(text: "iCode,Level\nx,1\n", name: "h.csv")) }
        // Loaded through the DataLoader, the problems are rejections in the report.
        let loaded = try load("bad_iMeta.csv", text)
        #expect(loaded.report.files.first?.format == .coinrMeta && loaded.report.errorCount == 7)
    }

    @Test func detection() throws {
        #expect(try detectedFormat("\"uCode\",\"uName\",\"x\"\n\"A\",\"a\",1\n") == .coinrData)
        #expect(try detectedFormat("uCode,x\nA,1\n") == .coinrData)
        #expect(try detectedFormat("\"iCode\",\"iName\",\"Level\",\"Parent\",\"Direction\",\"Weight\",\"Type\"\n") == .coinrMeta)
    }
}
