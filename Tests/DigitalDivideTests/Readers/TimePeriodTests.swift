import Foundation
import Testing
@testable import DivideData

/// Periods that are not calendar years (issue 13): recognised as a class and set aside in one line, never rejected
/// one observation at a time, and never guessed into a year; an explicitly annual period is read as its year.
@Suite("Time periods")
struct TimePeriodTests {
    static let folder = PublisherShapesTests.folder

    func classify(_ text: String) -> TimePeriod? {
        var copy = text
        return copy.withUTF8 { TimePeriod.classify($0) }
    }

    @Test func sdmxReportingPeriodsAndGregorianPeriods() {
        // SDMX 2.1 (Technical Notes 4.2.3): annual reporting period and time ranges of exactly one calendar year.
        for text in ["2023", "2023-A1", "2023A1", "2023-01-01/P1Y", "2023-01/P12M", "2023/P1Y",
                     "2023-01-01T00:00:00/P1Y", "2023-01-01/2023-12-31", " 2023-A1 "] {
            #expect(classify(text) == .year(2023), "\(text)")
        }
        for text in ["2023-S1", "2023-T3", "2023-Q1", "2023-q4", "2023Q1", "2023-M01", "2023M12", "2023-W05",
                     "2023-W53", "2023-D032", "2023-D366", "2023-01", "2023-12", "2023-01-15", "2023-01-15T10:30:00Z",
                     "2023-01-01/P3M", "2023-07-01/P1Y", "2015/2017", "2015-2017", "2019/20", "2019-20",
                     "2023-01-01/2023-06-30"] {
            #expect(classify(text) == .notAnnual, "\(text)")
        }
        // Not periods: malformed years stay located rejections.
        for text in ["2023-Q5", "2023-M13", "2023-S3", "2023-A2", "2023-W54", "2023-13", "2023-01-32", "20x3",
                     "2023-", "2023-X1", "2015-2014", "2019/21", "2023/P", "year", "", "2023-01-15T", "2023-01-01/abc"] {
            #expect(classify(text) == nil, "\(text)")
        }
    }

    func load(_ names: [String]) -> LoadResult {
        DataLoader(options: registryOptions).load(files: names.map { Self.folder + "/" + $0 })
    }

    /// OECD Data Explorer SDMX-CSV 2.0 with annual, quarterly and monthly rows of one series (FREQ is not in the
    /// key): the annual values are used, the rest is one set-aside line with its count and first location.
    @Test func oecdQuarterlyRowsAreOneSetAsideClass() throws {
        let result = load(["oecd-sdmx-csv2-quarterly.csv"])
        let file = try #require(result.report.files.first)
        #expect(result.report.isClean && file.valuesUsed == 2 && file.setAsideClasses.count == 1)
        let aside = try #require(file.setAsideClasses.first)
        #expect(aside.kind == NonAnnualPeriods.kind && aside.count == 4)
        #expect(aside.example.hasSuffix("oecd-sdmx-csv2-quarterly.csv:3:15 (TIME_PERIOD) \"2022-Q1\""))
        #expect(result.panel.value(unit: "KOR", indicator: "DSD_NAMAIN1@DF_QNA.Y.B1GQ.PC", year: 2022) == 2.6)
        #expect(result.panel.value(unit: "JPN", indicator: "DSD_NAMAIN1@DF_QNA.Y.B1GQ.PC", year: 2022) == 1.0)
    }

    /// A Eurostat monthly file holds nothing annual: every observation set aside, no indicator or unit declared.
    @Test func eurostatMonthlyFileIsSetAsideWhole() throws {
        let result = load(["estat_une_rt_m.csv"])
        let file = try #require(result.report.files.first)
        #expect(file.format == .sdmx && result.report.isClean && file.valuesUsed == 0)
        #expect(file.setAsideClasses.map(\.count) == [6] && file.setAside.isEmpty)
        #expect(file.indicators.isEmpty && result.panel.indicators.isEmpty && result.panel.units.isEmpty)
    }

    /// Every SDMX 2.1 reporting period in one file: `2022-A1` and a one-year range are years, the rest one class.
    @Test func sdmxReportingPeriods() throws {
        let result = load(["sdmx-reporting-periods.csv"])
        let file = try #require(result.report.files.first)
        #expect(result.report.isClean && file.valuesUsed == 3 && file.setAsideClasses.map(\.count) == [9])
        let code = "DF_PERIODS.IT_NET.PT"
        #expect(result.panel.value(unit: "KOR", indicator: code, year: 2022) == 97.2)
        #expect(result.panel.value(unit: "KOR", indicator: code, year: 2023) == 97.4)
        #expect(result.panel.provenance(unit: "KOR", indicator: code, year: 2023)?.line == 4)
    }

    @Test func aMalformedPeriodIsStillRejectedWhereItIs() throws {
        let text = "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nX:F(1.0),KOR,P,2022-Q5,1\nX:F(1.0),KOR,P,2022-Q4,1\n"
        let report = DataLoader(options: registryOptions).load(bytes: Array(text.utf8), name: "q.csv",
                                                               into: PanelBuilder(options: registryOptions))
        #expect(report.rejected == [.yearOutOfRange: 1] && report.setAsideClasses.map(\.count) == [1])
        #expect(report.problems.first?.description
            == "error: q.csv:2:4 (TIME_PERIOD): expected a year (an integer such as 2023), found \"2022-Q5\"")
    }

    /// OWID's daily grapher files (`Day` column) are recognised and set aside in one line, each value cell counted.
    @Test func owidDailyFile() throws {
        let result = load(["daily-covid-cases-per-million.csv"])
        let file = try #require(result.report.files.first)
        #expect(file.format == .owid && result.report.isClean && file.valuesUsed == 0)
        let aside = try #require(file.setAsideClasses.first)
        #expect(aside.count == 5 && aside.example.hasSuffix(":2:3 (Day) \"2020-02-24\""))
        #expect(result.panel.indicators.isEmpty)
    }

    /// A tidy file with a `period` column: quarters set aside whether the row takes the fast path's fallback or not.
    @Test func tidyQuartersAreSetAside() throws {
        for fast in [true, false] {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.folder + "/tidy-quarterly.csv")))
            let builder = PanelBuilder(options: registryOptions)
            let sink = builder.beginFile("tidy-quarterly.csv", format: .tidy, confidence: 1)
            try TidyReader(usesFastPath: fast).read(CSVScanner(bytes: bytes, name: "tidy-quarterly.csv"), into: sink)
            let report = builder.endFile(sink)
            #expect(report.valuesUsed == 3 && report.rejectedTotal == 0, "fast \(fast)")
            #expect(report.setAsideClasses.map(\.count) == [3], "fast \(fast)")
            #expect(report.setAsideClasses.first?.example == "tidy-quarterly.csv:3:2 (period) \"2023-Q1\"")
            let panel = builder.build()
            #expect(panel.value(unit: "VNM", indicator: "mobile_broadband_subs", year: 2023) == 93.2)
        }
    }

    /// The ITU DataHub and UN SDG readers share the rule (their exports are annual, but a quarter is not an error).
    @Test func ituAndSDGShareTheRule() throws {
        let itu = "seriesCode,entityIso,dataValue,dataYear\ni99H,THA,85.3,2021\ni99H,THA,86.0,2022-Q1\n"
        let sdg = "SeriesCode,GeoAreaCode,TimePeriod,Value\nSL_TLF_UEM,764,2021.0,1.2\nSL_TLF_UEM,764,2022-M03,1.1\n"
        for (name, text) in [("itu.csv", itu), ("sdg.csv", sdg)] {
            let report = DataLoader(options: registryOptions).load(bytes: Array(text.utf8), name: name,
                                                                   into: PanelBuilder(options: registryOptions))
            #expect(report.valuesUsed == 1 && report.rejectedTotal == 0, "\(name)")
            #expect(report.setAsideClasses.map(\.kind) == [NonAnnualPeriods.kind], "\(name)")
            #expect(report.setAsideClasses.first?.example.hasPrefix("\(name):3:") == true, "\(name)")
        }
    }
}
