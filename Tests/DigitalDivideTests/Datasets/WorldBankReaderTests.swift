import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// A resolver built from the shipped World Bank `Metadata_Country_*` file: codes with a region are economies, codes
/// without one (WLD, EAS, …) aggregates. Independent of the reader under test (parsed with the string API).
struct WorldBankMetadataResolver: UnitResolving {
    let economies: Set<String>
    let aggregates: [String: String]

    init() throws {
        let path = dataDirectory + "/worldbank/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"
        let records = try CSVScanner(path: path).readAllStrings().dropFirst()
        economies = Set(records.filter { !$0.fields[1].isEmpty }.map { $0.fields[0] })
        aggregates = Dictionary(
            records.filter { $0.fields[1].isEmpty }.map { ($0.fields[0], $0.fields[4]) }, uniquingKeysWith: { a, _ in a })
    }

    func resolve(_ text: String) -> UnitResolution {
        if economies.contains(text) { return .economy(iso3: text) }
        if let name = aggregates[text] { return .aggregate(name: name) }
        return .unknown(suggestions: [])
    }
}

@Suite("World Bank WDI reader")
struct WorldBankReaderTests {
    let worldBank = dataDirectory + "/worldbank/"

    func options() throws -> LoadOptions { LoadOptions(unitPolicy: .resolve(try WorldBankMetadataResolver())) }

    /// Expected counts from Python's csv module over the same file (see the commit message of this test):
    /// python3 -c "import csv,io; rows=list(csv.reader(io.StringIO(open(F,encoding='utf-8-sig').read()))); …"
    /// — used = non-empty cells of rows whose code has a Region in Metadata_Country, setAside = of rows without.
    @Test func partialPreambleFileLoadsWithKnownValues() throws {
        let file = worldBank + "API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"
        let result = DataLoader(options: try options()).load(files: [file])
        let report = try #require(result.report.files.first)
        #expect(report.format == .worldBank && report.confidence == 1)
        #expect(report.records == 266 && report.valuesUsed == 6078 && report.setAsideTotal == 660)
        #expect(report.missing == [.empty: 10552] && report.rejectedTotal == 0 && report.warningTotal == 0)
        #expect(report.vintage == nil)  // the preamble lines holding it were deleted from this file
        #expect(report.setAside["World"] == 20)
        let panel = result.panel
        // "Korea, Rep.","KOR",…,2020 → "96.5051" (physical line 129, column 65); Aruba 2000 → "15.4428" (line 3).
        #expect(panel.value(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2020) == 96.5051)
        #expect(panel.value(unit: "ABW", indicator: "IT.NET.USER.ZS", year: 2000) == 15.4428)
        let provenance = try #require(panel.provenance(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2020))
        #expect(provenance.line == 129 && provenance.file.name == file && provenance.publisher == "World Bank")
        #expect(panel.indicators.first?.name == "Individuals using the Internet (% of population)")
        #expect(panel.indicators.first?.isShare == true)
        // Years with a value for an economy: 1990 ... 2024; 213 economies have a value, all 217 are units.
        #expect(panel.years.first == 1990 && panel.years.last == 2024)
        #expect(report.unitsFound == 213 && panel.units.count == 217)
    }

    @Test func fullPreambleGivesVintageAndPublisher() throws {
        let file = worldBank + "API_SP.POP.TOTL_DS2_en_csv_v2_85.csv"
        let result = DataLoader(options: try options()).load(files: [file])
        let report = try #require(result.report.files.first)
        #expect(report.vintage == "2024-02-21")
        #expect(report.records == 266 && report.valuesUsed == 13641 && report.setAsideTotal == 3024)
        #expect(report.missing == [.empty: 93] && report.rejectedTotal == 0)
        // "Thailand","THA",…,2022 → "71697030" (line 239).
        #expect(result.panel.value(unit: "THA", indicator: "SP.POP.TOTL", year: 2022) == 71_697_030)
        let provenance = result.panel.provenance(unit: "THA", indicator: "SP.POP.TOTL", year: 2022)
        #expect(provenance?.line == 239 && provenance?.publisher == "World Development Indicators")
        #expect(provenance?.file.vintage == "2024-02-21")
    }

    @Test func indicatorMetadataFillsSourceAndDefinition() throws {
        let files = [
            worldBank + "API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv",
            worldBank + "Metadata_Indicator_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv",
            worldBank + "Metadata_Country_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv",
        ]
        let result = DataLoader(options: try options()).load(files: files)
        #expect(result.report.files.map(\.format) == [.worldBank, .worldBankIndicatorMetadata, .worldBankCountryMetadata])
        // The country metadata is read into its classification (regions, income groups), no observations.
        #expect(result.report.files[2].skippedReason == nil && result.report.files[2].valuesUsed == 0)
        #expect(result.report.files[2].classification?.entry(for: "IND")?.incomeGroup == .lowerMiddle)
        let info = try #require(result.panel.indicators.first { $0.code == "NY.GNP.PCAP.CD" })
        #expect(info.name == "GNI per capita, Atlas method (current US$)")
        #expect(info.source?.contains("World Bank") == true)
        #expect(info.definition?.hasPrefix("GNI per capita (formerly GNP per capita)") == true)
        #expect(!info.isShare)
        // "India","IND",…,2020 → "1920" (line 115).
        #expect(result.panel.value(unit: "IND", indicator: "NY.GNP.PCAP.CD", year: 2020) == 1920)
    }

    @Test func everyShippedWorldBankFileLoadsClean() throws {
        let files = try DataLoader.csvFiles(in: worldBank)
        #expect(files.count == 12)
        let result = DataLoader(options: try options()).load(files: files)
        for report in result.report.files where report.format == .worldBank {
            #expect(report.rejectedTotal == 0 && report.records == 266, "\(report.file)")
        }
        #expect(result.report.isClean)
        #expect(result.panel.indicators.count == 8)
    }

    @Test func preambleAbsentAndMalformedRows() throws {
        let text = """
            "Country Name","Country Code","Indicator Name","Indicator Code","2019","2020",\r
            "Korea, Rep.","KOR","Individuals using the Internet (% of population)","IT.NET.USER.ZS","96.2","x",\r
            "World","WLD","Individuals using the Internet (% of population)","IT.NET.USER.ZS","54","59",\r
            "Aruba","ABW","Individuals using the Internet (% of population)","IT.NET.USER.ZS","97"\r
            "Atlantis","ATL","Individuals using the Internet (% of population)","IT.NET.USER.ZS","..","120",\r

            """
        let result = try load("API_X_DS2.csv", text, options: try options())
        #expect(messages(result) == [
            "API_X_DS2.csv:2:6 (2020): expected a number, found \"x\"; missing values may be written as empty, .., NA, n/a, - or …",
            "API_X_DS2.csv:4:6: expected 7 fields as in the header, found 5 fields",
            "API_X_DS2.csv:5:2 (Country Code): expected a known country name or code, found \"ATL\"",
        ])
        let report = try #require(result.report.files.first)
        #expect(report.setAside == ["World": 2] && report.missing == [.twoDots: 1] && report.valuesUsed == 1)
    }

    @Test func shareOutOfRangeInAWideFile() throws {
        let text = "\u{FEFF}\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\n\"Aruba\",\"ABW\",\"Access to electricity (% of population)\",\"EG.ELC.ACCS.ZS\",\"130\",\n"
        let result = try load("API_EG_DS2.csv", text, options: try options())
        #expect(messages(result) == [
            "API_EG_DS2.csv:2:5 (2020): expected a percentage in 0...100 (EG.ELC.ACCS.ZS is a share), found 130.0",
        ])
    }
}
