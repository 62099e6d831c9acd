import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Tidy reader, panel and load report")
struct TidyReaderTests {
    let resolving = LoadOptions(unitPolicy: .resolve(TestResolver()))

    @Test func readsTidyLongWithNamesCodesAndMetadata() throws {
        let text = """
            Country,Year,Indicator,Value,Unit,Source,Note
            KOR,2020,internet,96.5,%,ITU,
            "Korea, Rep.",2021,internet,97.6,%,ITU,revised
            Thailand,2021,internet,85.3,%,ITU,
            South Korea,2021,mobile,140.2,per 100 people,ITU,

            """
        let result = try load("tidy.csv", text, options: resolving)
        let panel = result.panel
        #expect(panel.units == ["KOR", "THA"])
        #expect(panel.indicators.map(\.code) == ["internet", "mobile"])
        #expect(panel.indicators[0].unit == "%" && panel.indicators[0].isShare)
        #expect(panel.indicators[1].unit == "per 100 people" && !panel.indicators[1].isShare)
        #expect(panel.indicators[0].source == "ITU")
        #expect(panel.years == [2020, 2021])
        #expect(panel.value(unit: "KOR", indicator: "internet", year: 2021) == 97.6)
        #expect(panel.value(unit: "THA", indicator: "internet", year: 2020) == nil)
        #expect(panel.series(unit: "KOR", indicator: "internet").map(\.value) == [96.5, 97.6])
        #expect(panel.latest(unit: "THA", indicator: "internet")?.year == 2021)
        let provenance = try #require(panel.provenance(unit: "KOR", indicator: "internet", year: 2021))
        #expect(provenance.line == 3 && provenance.year == 2021 && provenance.file.format == .tidy)
        #expect(provenance.publisher == "ITU")
        let report = try #require(result.report.files.first)
        #expect(report.format == .tidy && report.confidence == 1)
        #expect(report.records == 4 && report.valuesUsed == 4 && report.rejectedTotal == 0)
        #expect(report.unitsFound == 2 && report.indicators == ["internet", "mobile"])
        #expect(report.years == 2020...2021)
        #expect(result.report.isClean)
    }

    @Test func headerAliasesAreAccepted() throws {
        let result = try load("gci.csv", "\"cc_iso3c\",\"ref_year\",\"variable\",\"value\"\n\"AFG\",2020,\"gci\",5.2\n",
            options: resolving)
        #expect(result.report.files.first?.confidence == 0.8)
        #expect(result.panel.value(unit: "AFG", indicator: "gci", year: 2020) == 5.2)
    }

    @Test func benchmarkInterchangeIsReadVerbatim() throws {
        let text = "unit,indicator,year,value\n0,0,0,1.3562412406168636\n0,0,1,0.35346029972713455\n1,1,1,2.5\n"
        let result = try load("data.csv", text, options: .benchmark)
        let panel = result.panel
        #expect(panel.units == ["0", "1"] && panel.indicators.map(\.code) == ["0", "1"] && panel.years == [0, 1])
        #expect(panel.value(unit: "0", indicator: "0", year: 0)?.bitPattern == 1.3562412406168636.bitPattern)
        #expect(panel.value(unitAt: 1, indicatorAt: 1, yearAt: 1) == 2.5)
        #expect(panel.value(unitAt: 1, indicatorAt: 0, yearAt: 0).isNaN)
        #expect(!panel.isPresent(unitAt: 0, indicatorAt: 1, yearAt: 0))
        // The slab of indicator 0 is units × years, NaN where missing.
        let slab = panel.withSlab(indicator: 0) { Array($0) }
        #expect(slab.count == 4 && slab[0] == 1.3562412406168636 && slab[1] == 0.35346029972713455)
        #expect(slab[2].isNaN && slab[3].isNaN)
    }

    @Test func withoutProvenanceValuesPresenceAndConflictsStillWork() throws {
        var options = resolving
        options.tracksProvenance = false
        let text = "country,year,indicator,value\nKOR,2020,x,1\nKOR,2021,x,NaN\nKOR,2020,x,1\nKOR,2020,x,2\nTHA,2019,x,3\n"
        let result = try load("p.csv", text, options: options)
        let panel = result.panel
        #expect(panel.value(unit: "KOR", indicator: "x", year: 2020) == 1)
        #expect(panel.value(unit: "KOR", indicator: "x", year: 2021) == nil)
        #expect(panel.series(unit: "THA", indicator: "x").map(\.year) == [2019])
        #expect(panel.provenance(unit: "KOR", indicator: "x", year: 2020) == nil)
        let report = try #require(result.report.files.first)
        #expect(report.duplicatesAgreeing == 1 && report.missing == [.nan: 1] && report.valuesUsed == 2)
        #expect(messages(result) == [
            "p.csv:5:4 (value): expected the same value as a value loaded earlier (1.0) for KOR, x, 2020, found 2.0; choose the source that wins with prefer (--prefer)",
        ])
    }

    @Test func missingMarkersAreCountedNotErrors() throws {
        let text = "country,year,indicator,value\nKOR,2020,x,..\nKOR,2021,x,\nKOR,2022,x,NA\nKOR,2023,x,…\nKOR,2019,x,-\nKOR,2018,x,n/a\nKOR,2017,x,NaN\n"
        let report = try #require(try load("m.csv", text, options: resolving).report.files.first)
        #expect(report.missing == [.twoDots: 1, .empty: 1, .na: 1, .ellipsis: 1, .dash: 1, .nSlashA: 1, .nan: 1])
        #expect(report.rejectedTotal == 0 && report.valuesUsed == 0)
    }

    @Test func everyErrorKindIsLocated() throws {
        var bytes = Array("""
            country,year,indicator,value
            KOR,2020,IT.NET.USER.ZS,abc
            Koria,2020,IT.NET.USER.ZS,50
            KOR,1850,IT.NET.USER.ZS,50
            KOR,20x0,IT.NET.USER.ZS,50
            KOR,2021,IT.NET.USER.ZS
            KOR,2021,IT.NET.USER.ZS,101
            KOR,2022,IT.NET.USER.ZS,100.3
            WLD,2020,IT.NET.USER.ZS,60
            KOR,2023,IT.NET.USER.ZS,70
            KOR,2023,IT.NET.USER.ZS,71
            KOR,2023,IT.NET.USER.ZS,70
            KOR,2024,,1

            """.utf8)
        bytes += Array("KOR,2019,IT.NET.USER.ZS,\"".utf8) + [0xFF] + Array("5\"\nKOR,2018,x,\"open\n".utf8)
        let path = try temporaryFile("bad.csv", bytes: bytes)
        let result = DataLoader(options: resolving).load(files: [path])
        let lines = messages(result)
        #expect(lines == [
            "bad.csv:2:4 (value): expected a number, found \"abc\"; missing values may be written as empty, .., NA, n/a, - or …",
            "bad.csv:3:1 (country): expected a known country name or code, found \"Koria\"; did you mean korea, rep.?",
            "bad.csv:4:2 (year): expected a year in 1900...\(LoadOptions.currentYear() + 1), found 1850",
            "bad.csv:5:2 (year): expected a year (an integer such as 2023), found \"20x0\"",
            "bad.csv:6:4: expected 4 fields as in the header, found 3 fields",
            "bad.csv:11:4 (value): expected the same value as bad.csv:10 (70.0) for KOR, IT.NET.USER.ZS, 2023, found 71.0; choose the source that wins with prefer (--prefer)",
            "bad.csv:13:4 (value): expected an indicator code, found an empty field",
            "bad.csv:14:4 (value): expected UTF-8 text, found \"\u{FFFD}5\"; re-save the file as UTF-8",
            "bad.csv:15: expected a closing quote (\") for the field opened on this line, found the end of the file; a quote inside a quoted field must be doubled (\"\")",
        ])
        let report = try #require(result.report.files.first)
        #expect(report.rejected == [
            .nonNumericValue: 1, .unknownUnit: 1, .yearOutOfRange: 2, .raggedRow: 1,
            .conflictingValue: 1, .emptyField: 1, .invalidUTF8: 1, .unterminatedQuote: 1,
        ])
        // Without a unit the code's .ZS says nothing (issue 13): 101 and 100.3 are kept, unchecked.
        #expect(report.warnings.isEmpty)
        #expect(report.setAside == ["World": 1])
        #expect(report.duplicatesAgreeing == 1)
        #expect(report.valuesUsed == 3)  // 101, 100.3 and the first 70
        #expect(report.records == 13)  // lines 2–14; the unterminated record on line 15 is not a record
        #expect(result.panel.value(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2023) == 70)
        #expect(!result.report.isClean)
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        var options = resolving
        options.strict = true
        let result = try load("s.csv", "country,year,indicator,value,unit\nKOR,2022,IT.NET.USER.ZS,100.3,%\nKOR,2021,IT.NET.USER.ZS,101,%\n", options: options)
        #expect(result.report.files.first?.rejected == [.shareOutOfRange: 2])
        #expect(result.panel.value(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2022) == nil)
        // Without strict: 100.3 is within the tolerance (a warning, kept), 101 beyond it (rejected).
        let lenient = try load("l.csv", "country,year,indicator,value,unit\nKOR,2022,IT.NET.USER.ZS,100.3,%\nKOR,2021,IT.NET.USER.ZS,101,%\n", options: resolving)
        #expect(lenient.report.files.first?.rejected == [.shareOutOfRange: 1])
        #expect(lenient.report.files.first?.warnings == [.shareOutOfRange: 1])
        #expect(lenient.panel.value(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2022) == 100.3)
    }

    @Test func listingIsCappedButEverythingIsCounted() throws {
        var text = "country,year,indicator,value\n"
        for year in 2000..<2030 { text += "KOR,\(year),x,bad\n" }
        var options = resolving
        options.maxListedPerReason = 5
        let report = try #require(try load("cap.csv", text, options: options).report.files.first)
        #expect(report.rejected == [.nonNumericValue: 30])
        #expect(report.problems.count == 5)
    }

    @Test func conflictsAcrossFilesAndPreference() throws {
        let a = try temporaryFile("wdi-a.csv", "country,year,indicator,value\nKOR,2020,x,1\nKOR,2021,x,2\n")
        let b = try temporaryFile("itu-b.csv", "country,year,indicator,value\nKOR,2020,x,1.5\nKOR,2021,x,2\n")
        let plain = DataLoader(options: resolving).load(files: [a, b])
        #expect(plain.report.files[1].rejected == [.conflictingValue: 1])
        #expect(plain.report.files[1].duplicatesAgreeing == 1)
        let message = try #require(plain.report.files[1].problems.first?.error.description)
        #expect(message.contains("itu-b.csv:2:4 (value)") && message.contains("wdi-a.csv:2 (1.0)"))
        #expect(plain.panel.value(unit: "KOR", indicator: "x", year: 2020) == 1)

        var options = resolving
        options.prefer = PreferPolicy(["itu"])
        let preferred = DataLoader(options: options).load(files: [a, b])
        #expect(preferred.report.isClean)
        #expect(preferred.report.files[1].overriddenByPreference == 1)
        #expect(preferred.panel.value(unit: "KOR", indicator: "x", year: 2020) == 1.5)
        let provenance = preferred.panel.provenance(unit: "KOR", indicator: "x", year: 2020)
        #expect(provenance?.file.name == b && provenance?.line == 2)
        #expect(preferred.panel.provenance(unit: "KOR", indicator: "x", year: 2021)?.file.name == a)
    }

    @Test func missingColumnIsAFatalFileError() throws {
        let result = try load("h.csv", "country,year,indicator,value\nKOR,2020,x,1\n",
            options: LoadOptions(unitPolicy: .resolve(TestResolver()), format: .tidy))
        #expect(result.report.isClean)
        let bad = try load("h2.csv", "country,when,indicator,value\nKOR,2020,x,1\n",
            options: LoadOptions(unitPolicy: .resolve(TestResolver()), format: .tidy))
        #expect(messages(bad) == ["h2.csv:1: expected a column year, found header \"country\",\"when\",\"indicator\",\"value\""])
    }

    @Test func unknownAndUnsupportedFormatsAreReported() throws {
        let unknown = try load("what.csv", "a,b,c\n1,2,3\n")
        #expect(unknown.report.files.first?.rejected == [.unknownFormat: 1])
        #expect(messages(unknown).first?.hasPrefix("what.csv:1: expected a header of a known format") == true)
        let owid = try load("owid.csv", "Entity,Code,Year,Internet users\nAfghanistan,AFG,2000,0.1\n")
        let report = try #require(owid.report.files.first)
        #expect(report.format == .owid && report.skippedReason == nil && report.records == 1 && report.valuesUsed == 1)
        // Every format has a reader now, except World Bank country metadata, which DataLoader reads into the file's
        // WorldBankClassification (it holds no observations).
        let unsupported = DataFormat.allCases.filter { format in
            (try? DatasetReaders.reader(for: format)) == nil
        }
        #expect(unsupported == [.worldBankCountryMetadata])
        #expect(throws: DivideError.self) { try DatasetReaders.reader(for: .worldBankCountryMetadata, file: "m.csv") }
    }

    @Test func yearsSpanGrowsInBothDirectionsAndUnitsBeyondCapacity() throws {
        var text = "unit,indicator,year,value\n"
        var expected: [String: Double] = [:]
        for (k, year) in [2010, 2005, 2020, 1999, 2021, 1990].enumerated() {
            for unit in 0..<37 {
                for indicator in 0..<3 {
                    let value = Double(unit * 1000 + indicator * 10 + k)
                    text += "u\(unit),i\(indicator),\(year),\(value)\n"
                    expected["u\(unit) i\(indicator) \(year)"] = value
                }
            }
        }
        let panel = try load("grow.csv", text, options: LoadOptions(unitPolicy: .verbatim)).panel
        #expect(panel.years == Array(1990...2021) && panel.units.count == 37 && panel.indicators.count == 3)
        for (key, value) in expected {
            let parts = key.split(separator: " ").map(String.init)
            #expect(panel.value(unit: parts[0], indicator: parts[1], year: Int(parts[2])!) == value)
        }
        let present = (0..<37).reduce(0) { count, u in
            count + (0..<3).reduce(0) { c, i in
                c + (0..<panel.years.count).filter { panel.isPresent(unitAt: u, indicatorAt: i, yearAt: $0) }.count
            }
        }
        #expect(present == expected.count)
    }
}
