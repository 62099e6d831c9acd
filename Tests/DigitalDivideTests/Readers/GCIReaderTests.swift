import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("ITU Global Cybersecurity Index reader")
struct GCIReaderTests {
    static let codes = ["GCI.OVERALL", "GCI.LEGAL", "GCI.TECHNICAL", "GCI.ORGANIZATIONAL", "GCI.CAPACITY", "GCI.COOPERATION"]

    /// The edition year of a header cell: the first run of exactly four digits within 1990–2099, in one pass (a
    /// 50 MB quoted field once took seconds here during format detection).
    @Test func editionYearOfAHeaderCell() {
        #expect(GCIReader.year(in: "gci 2017 score") == 2017)
        #expect(GCIReader.year(in: "2018/2019") == 2018)
        #expect(GCIReader.year(in: "2024") == 2024)
        #expect(GCIReader.year(in: "rank 12345 or 1989") == nil)
        #expect(GCIReader.year(in: "global rank") == nil)
        #expect(GCIReader.year(in: "a1999b") == 1999)
        #expect(GCIReader.year(in: String(repeating: "x", count: 1_000_000) + " 2020") == 2020)
    }

    @Test func bothShapesShareCodesAndSpan2020To2024() throws {
        let result = loadShipped(["itu/gci-2020-blavatnik/gci_2020.csv", "itu/gci-2024-data360/gci_2024.csv"])
        #expect(result.report.files.map(\.format) == [.gci, .gci])
        #expect(result.report.files.map(\.indicators) == [GCIReaderTests.codes, GCIReaderTests.codes])
        #expect(result.report.isClean)
        let panel = result.panel
        // gci_2020.csv lines 1006–1011: THA 86.5, legal 19.11, technical 15.57, organisational 17.64,
        // capacity 16.84, cooperative 17.34. gci_2024.csv line 173: Thailand …, organizational 19.21875650364204,
        // gci 99.21875650364204.
        #expect(panel.series(unit: "THA", indicator: "GCI.OVERALL").map(\.year) == [2020, 2024])
        #expect(panel.value(unit: "THA", indicator: "GCI.OVERALL", year: 2020) == 86.5)
        #expect(panel.value(unit: "THA", indicator: "GCI.LEGAL", year: 2020) == 19.11)
        #expect(panel.value(unit: "THA", indicator: "GCI.ORGANIZATIONAL", year: 2020) == 17.64)
        #expect(panel.value(unit: "THA", indicator: "GCI.CAPACITY", year: 2020) == 16.84)
        #expect(panel.value(unit: "THA", indicator: "GCI.COOPERATION", year: 2020) == 17.34)
        #expect(panel.value(unit: "THA", indicator: "GCI.ORGANIZATIONAL", year: 2024) == 19.21875650364204)
        #expect(panel.value(unit: "THA", indicator: "GCI.OVERALL", year: 2024) == 99.21875650364204)
        #expect(panel.provenance(unit: "THA", indicator: "GCI.OVERALL", year: 2024)?.line == 173)
        #expect(panel.provenance(unit: "THA", indicator: "GCI.LEGAL", year: 2020)?.line == 1007)
    }

    @Test func scalesHoldOnTheData() throws {
        // Pillars lie in 0–20 and the overall score in 0–100; in 2024 the overall is the pillar sum (within 1e-8,
        // as Data/itu/gci-2024-data360/GCI_2024_sources.md states).
        let panel = loadShipped(["itu/gci-2020-blavatnik/gci_2020.csv", "itu/gci-2024-data360/gci_2024.csv"]).panel
        for code in GCIReaderTests.codes {
            let top = code == "GCI.OVERALL" ? 100.0 : 20.0
            let index = try #require(panel.indicatorIndex(of: code))
            panel.withSlab(indicator: index) { slab in
                for value in slab where !value.isNaN { #expect(value >= 0 && value <= top, "\(code) \(value)") }
            }
            #expect(panel.indicators[index].unit == (code == "GCI.OVERALL" ? "score (0-100)" : "score (0-20)"))
        }
        var checked = 0
        for unit in panel.units {
            guard let overall = panel.value(unit: unit, indicator: "GCI.OVERALL", year: 2024) else { continue }
            let sum = GCIReaderTests.codes.dropFirst().compactMap { panel.value(unit: unit, indicator: $0, year: 2024) }
                .reduce(0, +)
            #expect(abs(overall - sum) < 1e-8, "\(unit)")
            checked += 1
        }
        #expect(checked == 194)
    }

    @Test func detectionPrefersGCIForTheLongHeader() throws {
        #expect(try detectedFormat("\"cc_iso3c\",\"ref_year\",\"variable\",\"value\"\n\"AFG\",2020,\"gci_overall\",5.2\n") == .gci)
        // The same header with other variables stays tidy.
        #expect(try detectedFormat("cc_iso3c,ref_year,variable,value\nAFG,2020,gdp,5.2\n") == .tidy)
        #expect(try detectedFormat("country,legal,gci,iso3,year\nA,1,2,AFG,2024\n") == .gci)
    }

    @Test func malformedInputIsLocated() throws {
        let long = """
            cc_iso3c,ref_year,variable,value
            AFG,2020,gci_overall,x
            AFG,2O20,gci_legal_measures,1
            AFG,2020,gci_new_pillar,3

            """
        let result = try load("gci.csv", long, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        #expect(result.report.files.first?.format == .gci)
        let listed = messages(result)
        #expect(listed.contains { $0.hasPrefix("gci.csv:2:4 (value): expected a number, found \"x\"") })
        #expect(listed.contains("gci.csv:3:2 (ref_year): expected a year (an integer such as 2023), found \"2O20\""))
        // An unknown variable is kept under its own name.
        #expect(result.panel.value(unit: "AFG", indicator: "gci_new_pillar", year: 2020) == 3)
        let wide = "country,legal,gci,iso3,year\nAlbania,20.0,n/a,ALB,2024\nAlbania,twenty,86.5,ALB,2024\n"
        let wideResult = try load("w.csv", wide, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        #expect(wideResult.report.files.first?.missing == [.nSlashA: 1])
        #expect(messages(wideResult).contains { $0.hasPrefix("w.csv:3:2 (legal): expected a number, found \"twenty\"") })
        #expect(wideResult.panel.value(unit: "ALB", indicator: "GCI.OVERALL", year: 2024) == 86.5)
    }
}
