import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("OWID grapher reader")
struct OWIDReaderTests {
    @Test func shippedNewStyleFileWithDataPackage() throws {
        let result = loadShipped(["owid/share-of-individuals-using-the-internet/internet.csv"])
        let report = try #require(result.report.files.first)
        #expect(report.format == .owid && report.rejectedTotal == 0)
        // The CSV was renamed by its re-hoster; the data package's slug names the indicator.
        #expect(report.indicators == ["share-of-individuals-using-the-internet"])
        #expect(report.vintage == "2025-01-24")
        // Hand-checked in internet.csv: line 6000 "South Korea,KOR,2023,97.416".
        #expect(result.panel.value(unit: "KOR", indicator: "share-of-individuals-using-the-internet", year: 2023) == 97.416)
        let provenance = try #require(
            result.panel.provenance(unit: "KOR", indicator: "share-of-individuals-using-the-internet", year: 2023))
        #expect(provenance.line == 6000 && provenance.file.format == .owid)
        let info = result.panel.indicators[0]
        #expect(info.name == "Share of the population using the Internet")
        #expect(info.unit == "% of population" && info.isShare && info.licence == "CC BY 4.0")
        // OWID_WRL (line 7055) and code-less regions (line 1796 "East Asia and Pacific (WB)") are set aside.
        #expect(report.setAside["World", default: 0] > 0)
        #expect(report.setAside.keys.contains { $0.contains("East Asia") })
        #expect(report.records == report.valuesUsed + report.setAsideTotal)
    }

    @Test func shippedOldStyleMultiColumnFile() throws {
        let result = loadShipped(["owid/2020-08-snapshot/proportion-of-individuals-who-own-a-mobile-by-sex.csv"])
        let report = try #require(result.report.files.first)
        let stem = "proportion-of-individuals-who-own-a-mobile-by-sex"
        #expect(report.indicators == [stem + "/males", stem + "/both-sexes", stem + "/females"])
        // Line 136: "South Korea,KOR,2014,87.72,84.67,81.58".
        #expect(result.panel.value(unit: "KOR", indicator: stem + "/males", year: 2014) == 87.72)
        #expect(result.panel.value(unit: "KOR", indicator: stem + "/both-sexes", year: 2014) == 84.67)
        #expect(result.panel.value(unit: "KOR", indicator: stem + "/females", year: 2014) == 81.58)
        let info = try #require(result.panel.indicators.first { $0.code == stem + "/females" })
        #expect(info.name == "Females (%)" && info.unit == "%" && info.isShare)
        // The publisher's values above 100 are rejected at their cells (beyond the 0.5-point tolerance): line 63
        // Finland females 102.63, line 134 South Africa males 132.82.
        let listed = messages(result).filter { $0.contains("shareOutOfRange") || $0.contains("0...100") }
        #expect(listed.contains { $0.contains(":63:6 (Females (%)): expected a percentage in 0...100") && $0.hasSuffix("found 102.63") })
        #expect(listed.contains { $0.contains(":134:4 (Males (%))") && $0.hasSuffix("found 132.82") })
        #expect(report.rejected[.shareOutOfRange] == 3 && report.missing[.empty] == 50)
    }

    @Test func oldStyleUnitAndSingleColumnCodes() throws {
        let result = loadShipped(["owid/2020-08-snapshot/secure-internet-servers-per-1-million-people.csv"])
        let info = try #require(result.panel.indicators.first)
        #expect(info.code == "secure-internet-servers-per-1-million-people")
        #expect(info.unit == "per 1 million people" && !info.isShare)
        // Line 1869: "Thailand,THA,2017,579.728299308812".
        #expect(result.panel.value(unit: "THA", indicator: info.code, year: 2017) == 579.728299308812)
        #expect(result.report.isClean)
    }

    @Test func unitSplittingAndSlugs() {
        #expect(OWIDReader.splitUnit("Males (%)") == ("Males", "%"))
        #expect(OWIDReader.splitUnit("Secure Internet servers (per 1 million people) (per 1 million people)")
            == ("Secure Internet servers (per 1 million people)", "per 1 million people"))
        #expect(OWIDReader.splitUnit("Share (of (nested) things)") == ("Share", "of (nested) things"))
        #expect(OWIDReader.splitUnit("No unit") == ("No unit", nil))
        #expect(OWIDReader.splitUnit("(%)") == ("(%)", "%"))
        #expect(OWIDReader.slug("Both sexes") == "both-sexes")
        #expect(OWIDReader.slug("  Upper secondary / 2nd-level  ") == "upper-secondary-2nd-level")
        #expect(OWIDReader.stem(of: "a/b/broadband-penetration-by-country.csv") == "broadband-penetration-by-country")
    }

    @Test func ownMetadataFileIsUsed() throws {
        let metadata = """
            {"columns": {"Value (per 100 people)": {"titleShort": "Short title", "unit": "per 100 people",
             "shortUnit": "", "citationShort": "ITU (2025)", "descriptionShort": "A definition.",
             "lastUpdated": "2025-02-01"}}}
            """
        let directory = try temporaryDirectory([
            "my-chart.csv": "Entity,Code,Year,Value (per 100 people)\nThailand,THA,2020,140.5\n",
            "my-chart.metadata.json": metadata,
        ])
        let result = DataLoader(options: LoadOptions(unitPolicy: .resolve(TestResolver())))
            .load(files: [directory + "/my-chart.csv"])
        let info = try #require(result.panel.indicators.first)
        #expect(info.code == "my-chart" && info.name == "Short title" && info.source == "ITU (2025)")
        #expect(info.definition == "A definition." && !info.isShare)
        #expect(result.report.files.first?.vintage == "2025-02-01")
        #expect(result.panel.value(unit: "THA", indicator: "my-chart", year: 2020) == 140.5)
    }

    @Test func malformedInputIsLocated() throws {
        let text = """
            Entity,Code,Year,Users (%)
            Thailand,THA,2020,abc
            Thailand,THA,20x1,50
            Thailand,THA,2022
            Atlantis,ATL,2020,5
            Thailand,THA,2023,150

            """
        let result = try load("users.csv", text, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        let listed = messages(result)
        #expect(listed.contains("users.csv:2:4 (Users (%)): expected a number, found \"abc\"; missing values may be written as empty, .., NA, n/a, - or …"))
        #expect(listed.contains("users.csv:3:3 (Year): expected a year (an integer such as 2023), found \"20x1\""))
        #expect(listed.contains("users.csv:4:4: expected 4 fields as in the header, found 3 fields"))
        #expect(listed.contains { $0.hasPrefix("users.csv:5:2 (Code): expected a known country name or code, found \"ATL\"") })
        #expect(listed.contains("users.csv:6:4 (Users (%)): expected a percentage in 0...100 (users is a share), found 150.0"))
        #expect(result.report.files.first?.records == 5 && result.report.errorCount == 5)
    }

    @Test func missingHeaderColumnsThrowAtTheHeader() throws {
        let result = try load(
            "x.csv", "Entity,Code,Year,v\nA,B,2020,1\n", options: LoadOptions(unitPolicy: .verbatim, format: .owid))
        #expect(result.report.errorCount == 0)
        let bad = try load("y.csv", "Entity,Year,Code,v\nA,2020,B,1\n", options: LoadOptions(format: .owid))
        #expect(messages(bad) == ["y.csv:1: expected a header Entity,Code,Year,<value columns>, found header \"Entity\",\"Year\",\"Code\",\"v\""])
    }
}
