import Foundation
import Testing
@testable import DivideData

/// Issue 13: every class of real publisher file, on small hand-made fixtures in the publishers' true layouts
/// (Tests/Fixtures/publisher-shapes).
@Suite("Publisher shapes (issue 13)")
struct PublisherShapesTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/publisher-shapes").path

    func load(_ names: [String]) -> LoadResult {
        DataLoader(options: registryOptions).load(files: names.map { Self.folder + "/" + $0 })
    }

    func report(_ name: String) throws -> FileReport {
        try #require(load([name]).report.files.first)
    }

    @Test func worldBankCountryDownloadValidates() throws {
        let result = load(["API_KOR_DS2_en_csv_v2_5730.csv", "Metadata_Indicator_API_KOR_DS2_en_csv_v2_5730.csv"])
        #expect(result.report.isClean)
        let panel = result.panel
        #expect(panel.value(unit: "KOR", indicator: "SE.PRM.ENRR", year: 2021) == 101.917)
        #expect(panel.value(unit: "KOR", indicator: "SE.PRM.GINT.ZS", year: 2021) == 103.41)
        #expect(panel.value(unit: "KOR", indicator: "BN.CAB.XOKA.GD.ZS", year: 1997) == -1.6)
        #expect(panel.value(unit: "KOR", indicator: "AG.CON.FERT.ZS", year: 2021) == 398.2)
        #expect(panel.value(unit: "KOR", indicator: "NE.TRD.GNFS.ZS", year: 2022) == 102.7)
        func share(_ code: String) -> Bool? { panel.indicators.first { $0.code == code }?.isShare }
        #expect(share("IT.NET.USER.ZS") == true && share("EG.ELC.ACCS.ZS") == true && share("SL.UEM.TOTL.ZS") == true)
        #expect(share("SE.PRM.GINT.ZS") == false && share("BN.CAB.XOKA.GD.ZS") == false && share("AG.CON.FERT.ZS") == false)
        #expect(panel.indicators.first { $0.code == "SE.PRM.ENRR" }?.source == "World Bank staff estimates")
    }

    @Test func aBoundedShareOutsideItsRangeIsStillRejected() throws {
        let text = "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\n"
            + "\"Korea, Rep.\",\"KOR\",\"Individuals using the Internet (% of population)\",\"IT.NET.USER.ZS\",\"140\",\n"
        let result = DataLoader(options: registryOptions).load(bytes: Array(text.utf8), name: "API_X.csv",
                                                               into: PanelBuilder(options: registryOptions))
        #expect(result.rejected == [.shareOutOfRange: 1])
        #expect(result.problems.first?.description.hasPrefix("error: API_X.csv:2:5 (2020): expected a percentage") == true)
    }

    @Test func owidTextColumnsCodelessEntitiesAndLongHistory() throws {
        let result = load(["gdp-per-capita-maddison.csv"])
        let file = try #require(result.report.files.first)
        #expect(file.rejectedTotal == 0 && file.valuesUsed == 5)
        #expect(result.panel.value(unit: "ALB", indicator: "gdp-per-capita-maddison", year: 1820) == 656)
        #expect(result.panel.value(unit: "XKX", indicator: "gdp-per-capita-maddison", year: 2022) == 10723)
        #expect(result.panel.indicators.map(\.code) == ["gdp-per-capita-maddison"])
        let text = try #require(file.setAsideClasses.first { $0.kind == OWIDReader.textColumnsKind })
        #expect(text.count == 4 && text.example.hasSuffix(":3:6 (World regions according to OWID) \"Asia\""))
        let codeless = try #require(file.setAsideClasses.first { $0.kind.contains("code-less") })
        #expect(codeless.count == 3 && codeless.example.hasSuffix(":7:1 (Entity) \"China (urban)\""))
        #expect(file.setAside["World"] == 1)
        var narrow = registryOptions
        narrow.longHistoryYears = 1900...2100
        let refused = DataLoader(options: narrow).load(files: [Self.folder + "/gdp-per-capita-maddison.csv"])
        #expect(refused.report.files.first?.rejected[.yearOutOfRange] == 1)
    }

    @Test func owidTextInANumericColumnIsRejectedWhereItIs() throws {
        let text = "Entity,Code,Year,Users (%)\nThailand,THA,2020,abc\nThailand,THA,2021,50\n"
        let report = DataLoader(options: registryOptions).load(bytes: Array(text.utf8), name: "u.csv",
                                                               into: PanelBuilder(options: registryOptions))
        #expect(report.rejected == [.nonNumericValue: 1] && report.setAsideClasses.isEmpty)
        #expect(report.problems.first?.error.location?.description == "u.csv:2:4 (Users (%))")
    }

    @Test func sdmxOECDLabelsColumnsUnitMeasureAndMultiplier() throws {
        let result = load(["oecd-sdmx-csv2-labels.csv"])
        #expect(result.report.isClean)
        let codes = Set(result.panel.indicators.map(\.code))
        #expect(codes == ["DSD_NAMAIN1@DF_QNA.B1GQ.PC", "DSD_NAMAIN1@DF_QNA.B1GQ.USD_PPP"])
        #expect(result.panel.value(unit: "KOR", indicator: "DSD_NAMAIN1@DF_QNA.B1GQ.PC", year: 2022) == 2.6)
        #expect(result.panel.value(unit: "KOR", indicator: "DSD_NAMAIN1@DF_QNA.B1GQ.USD_PPP", year: 2022) == 2450.3e9)
    }

    @Test func sdmxEurostatGeoAndOECDArchive() throws {
        let eurostat = load(["estat_isoc_ci_ifp_iu.csv"])
        #expect(eurostat.report.isClean && eurostat.report.files[0].format == .sdmx)
        #expect(eurostat.panel.value(unit: "GRC", indicator: "ISOC_CI_IFP_IU.PC_IND.IND_TOTAL.I_ILT12", year: 2023) == 85.47)
        #expect(eurostat.panel.value(unit: "XKX", indicator: "ISOC_CI_IFP_IU.PC_IND.IND_TOTAL.I_ILT12", year: 2023) == 93.8)
        #expect(eurostat.panel.value(unit: "AUT", indicator: "ISOC_CI_IFP_IU.PC_HH.IND_TOTAL.I_ILT12", year: 2023) == 95.1)
        #expect(eurostat.report.files[0].setAside == ["European Union": 1])
        let archive = load(["DP_LIVE_07122024.csv"])
        #expect(archive.report.isClean && archive.report.files[0].format == .sdmx)
        #expect(archive.panel.value(unit: "JPN", indicator: "BROADBAND.TOT.SUB_100", year: 2022) == 36.9)
    }

    @Test func sdmxTextObservationsAreSetAsideWithALocation() throws {
        let file = try report("sdmx-csv2-code-label-text.csv")
        let text = try #require(file.setAsideClasses.first)
        #expect(text.kind == SDMXReader.textKind && text.count == 2)  // "Data pending", "3/7"
        #expect(text.example.hasSuffix(":2:8 (OBS_VALUE: Observation value) \"Data pending\""))
        // A malformed number is not text: a located rejection.
        #expect(file.valuesUsed == 1 && file.rejected == [.nonNumericValue: 1])
        #expect(file.problems.first?.error.location?.line == 5)
    }

    @Test func ituCategoricalSeriesAreSetAsideInOneLine() throws {
        let file = try report("itu_datahub_policy.csv")
        let categorical = try #require(file.setAsideClasses.first)
        #expect(categorical.kind == ITUReader.categoricalKind && categorical.count == 3)
        // Text in a numeric series stays a located rejection.
        #expect(file.rejected == [.nonNumericValue: 1])
        #expect(file.problems.first?.error.location?.line == 6)
    }

    /// Kosovo under ITU's code `XKK` (the DataHub's) is the economy XKX, as under the World Bank's `XKX`,
    /// Eurostat's `XK` and OWID's `OWID_KOS` in the other fixtures.
    @Test func kosovoUnderITUsCode() throws {
        let result = load(["itu_datahub_kosovo.csv"])
        #expect(result.report.isClean && result.report.files[0].unitsFound == 2)
        #expect(result.panel.value(unit: "XKX", indicator: "i99H", year: 2022) == 97.1)
        #expect(result.panel.value(unit: "XKX", indicator: "i99H", year: 2021) == 96.4)
    }

    @Test func gciMultiEditionTable() throws {
        let result = load(["gci-editions-2014-2024.csv"])
        let file = try #require(result.report.files.first)
        #expect(file.format == .gci && file.rejectedTotal == 0 && file.missing[.notAvailable] == 11)
        let panel = result.panel
        #expect(panel.value(unit: "KOR", indicator: "GCI.OVERALL", year: 2014) == 70.6)
        #expect(panel.value(unit: "KOR", indicator: "GCI.OVERALL", year: 2018)! == 0.873 * 100)
        #expect(panel.value(unit: "KOR", indicator: "GCI.OVERALL", year: 2020) == 98.52)
        #expect(panel.value(unit: "THA", indicator: "GCI.RANK", year: 2020) == 44)
        #expect(panel.value(unit: "AFG", indicator: "GCI.RANK", year: 2017) == 166)
        // A pre-2020 score above 1 has no known scale: rejected where it is.
        let bad = "Country,ISO3,GCI 2017 Score,Global Rank,GCI 2020 Score,Global Rank\nThailand,THA,68.4,21,86.5,44\n"
        let rejected = DataLoader(options: registryOptions).load(bytes: Array(bad.utf8), name: "g.csv",
                                                                 into: PanelBuilder(options: registryOptions))
        #expect(rejected.rejected == [.nonNumericValue: 1])
    }

    /// A good workbook loads while long work holds every thread of the global queues: the part reader's worker is a
    /// thread of its own, so it cannot wait behind them past its deadline and call a good part damaged.
    @Test func aWorkbookLoadsWhileTheGlobalQueueIsBusy() throws {
        let group = DispatchGroup()
        let until = Date().addingTimeInterval(6.5)
        for _ in 0..<(4 * ProcessInfo.processInfo.activeProcessorCount) {
            DispatchQueue.global().async(group: group) { while Date() < until { usleep(2_000) } }
        }
        usleep(100_000)
        let inline = load(["inline-strings.xlsx"])
        group.wait()
        let sheet = try #require(inline.report.files.first)
        #expect(sheet.format == .tidy && sheet.skippedReason == nil, "\(sheet.skippedReason ?? "")")
    }

    @Test func excelWorkbooks() throws {
        let worldBank = load(["API_IT.NET.USER.ZS_DS2_en_excel_v2.xlsx"])
        #expect(worldBank.report.isClean)
        #expect(worldBank.report.files.map(\.format) == [.worldBank, .worldBankCountryMetadata, .worldBankIndicatorMetadata])
        #expect(worldBank.report.files[0].file.hasSuffix("API_IT.NET.USER.ZS_DS2_en_excel_v2.xlsx[Data]"))
        #expect(worldBank.panel.value(unit: "THA", indicator: "IT.NET.USER.ZS", year: 2021) == 85.3)
        #expect(worldBank.panel.provenance(unit: "THA", indicator: "IT.NET.USER.ZS", year: 2021)?.line == 7)
        // The share is inferred from the indicator's own unit, "(% of population)", as in the CSV download; the
        // indicators sheet adds the definition and the source organisation.
        let internet = try #require(worldBank.panel.indicators.first { $0.code == "IT.NET.USER.ZS" })
        #expect(internet.isShare && internet.source == "ITU" && internet.definition?.hasPrefix("Internet users") == true)

        let itu = load(["itu-internet-2019-2021.xlsx"])
        #expect(itu.report.isClean && itu.report.files[0].format == .economyTable)
        #expect(itu.report.files[1].skippedReason?.contains("not recognised") == true)  // the Notes sheet
        #expect(itu.panel.value(unit: "VNM", indicator: "percentage-of-individuals-using-the-internet", year: 2020) == 70.5)
        #expect(itu.panel.value(unit: "LAO", indicator: "percentage-of-individuals-using-the-internet", year: 2021) == 62)
        #expect(itu.report.files[0].setAsideClasses.contains { $0.kind == "cells of notes columns" && $0.count == 2 })

        let inline = load(["inline-strings.xlsx"])
        let sheet = try #require(inline.report.files.first)
        #expect(sheet.format == .tidy && sheet.missing == [.notAvailable: 1] && sheet.rejectedTotal == 1)
        #expect(sheet.problems.first?.error.location?.description.hasSuffix("inline-strings.xlsx[tidy]:4:4 (value)") == true)

        let legacy = load(["itu-mobile-ownership-by-sex.xls"])
        #expect(legacy.report.isClean && legacy.report.files[0].format == .economyTable)
        #expect(legacy.panel.value(unit: "MNG", indicator: "mobile-phone-ownership/sex-female", year: 2019) == 98.4)
        #expect(legacy.panel.value(unit: "BGD", indicator: "mobile-phone-ownership/sex-male", year: 2019) == 86)

        // A legacy .xls whose cells carry a percent number format (0.661 shown as 66.1%) reads as Excel shows it,
        // as .xlsx does; a plain cell is left as it is. (Written with xlwt 1.3: `easyxf(num_format_str='0.0%')`.)
        let percent = load(["percent-formats.xls"])
        #expect(percent.report.isClean && percent.report.files[0].format == .tidy)
        #expect(percent.panel.value(unit: "THA", indicator: "net_use", year: 2020) == 66.1)
        #expect(percent.panel.value(unit: "THA", indicator: "net_use", year: 2021) == 70)
        #expect(percent.panel.value(unit: "VNM", indicator: "net_use", year: 2020) == 70.3)
    }

    /// The World Bank "Download Excel" layout (BIFF8 `.xls`: Data sheet with its preamble, "Metadata - Countries",
    /// "Metadata - Indicators"): the countries sheet feeds income groups exactly as a CSV download's
    /// `Metadata_Country_*.csv` does — the newest vintage wins, the vintage read from the same download's data (here
    /// the Data sheet's `Last Updated Date`, an Excel date cell) — and the indicators sheet feeds the indicator.
    @Test func worldBankExcelDownloadFeedsIncomeGroupsByTheCSVRule() throws {
        let excel = Self.folder + "/API_IT.NET.BBND.P2_DS2_en_excel_v2_9143.xls"
        let fy2022 = ["API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv",
                      "Metadata_Country_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3470973.csv"]
            .map { dataDirectory + "/worldbank/" + $0 }
        for files in [[excel] + fy2022, fy2022 + [excel]] {
            let result = DataLoader(options: registryOptions).load(files: files)
            #expect(result.report.isClean)
            let sheet = try #require(result.report.files.first { $0.file.hasSuffix(".xls[Metadata - Countries]") })
            #expect(sheet.format == .worldBankCountryMetadata && sheet.workbook == excel && sheet.records == 6)
            #expect(sheet.classification?.entries.count == 4 && sheet.classification?.aggregateCodes == ["EAS", "WLD"])
            let merged = try #require(WorldBankClassification.newest(among: result.report))
            #expect(merged.vintages.map(\.description)
                == ["FY2022 (data file updated 2021-12-16)", "FY2026 (data file updated 2025-07-01)"])
            #expect(merged.entry(for: "IDN")?.incomeGroup == .upperMiddle)  // the FY2022 file: lower middle
            #expect(merged.entry(for: "IDN")?.source == excel + "[Metadata - Countries]")
            #expect(merged.entry(for: "VNM")?.incomeGroup == .lowerMiddle)
            #expect(merged.entry(for: "PAK")?.incomeGroup == .lowerMiddle)  // only the CSV classifies it: kept
            let info = try #require(result.panel.indicators.first { $0.code == "IT.NET.BBND.P2" })
            #expect(info.isShare == false && info.name == "Fixed broadband subscriptions (per 100 people)")
            #expect(info.source?.hasPrefix("International Telecommunication Union (ITU)") == true)
            #expect(info.definition?.hasPrefix("Fixed broadband subscriptions refers to") == true)
            #expect(result.panel.value(unit: "THA", indicator: "IT.NET.BBND.P2", year: 2024) == 20.1)
        }
        // Alone, the workbook's own classification is the load's, dated by its Data sheet.
        let alone = DataLoader(options: registryOptions).load(files: [excel])
        let own = try #require(WorldBankClassification.newest(among: alone.report))
        #expect(own.vintages.map(\.fiscalYear) == [2026] && own.entry(for: "KOR")?.incomeGroup == .high)
    }

    /// A country metadata table is read when it is loaded, so its problems are located errors (a CSV file's line or
    /// a sheet's row), never a classification silently left out.
    @Test func aBrokenCountryMetadataTableIsALocatedError() throws {
        let text = "\"Country Code\",\"Region\",\"IncomeGroup\",\"SpecialNotes\",\"TableName\",\n"
            + "\"KOR\",\"East Asia & Pacific\",\"High income\",\"\",\"Korea, Rep.\",\n"
            + "\"THA\",\"East Asia & Pacific\",\"Upper-middle-ish\",\"\",\"Thailand\",\n"
        let report = DataLoader(options: registryOptions).load(bytes: Array(text.utf8), name: "Metadata_Country_X.csv",
                                                               into: PanelBuilder(options: registryOptions))
        #expect(report.format == .worldBankCountryMetadata && report.classification == nil)
        #expect(report.rejected == [.unknownCategory: 1])
        #expect(report.problems.first?.error.location?.description == "Metadata_Country_X.csv:3:3 (IncomeGroup)")
        #expect(report.problems.first?.error.found == "\"Upper-middle-ish\"")
    }

    @Test func shippedITUWorkbook() throws {
        let result = loadShipped(["itu/itu-gender/10. Individuals using the Internet by gender and urban-rural location.xls"])
        let file = try #require(result.report.files.first)
        #expect(result.report.isClean && file.format == .economyTable && file.records == 112)
        // Algeria 2018: 49.0 all, 55.1 male, 42.9 female, urban 56.2, rural 34.1 (sheet row 4).
        #expect(result.panel.value(unit: "DZA", indicator: "individuals-using-the-internet/gender-female", year: 2018) == 42.9)
        #expect(result.panel.value(unit: "DZA", indicator: "individuals-using-the-internet/rural-total", year: 2018) == 34.1)
        #expect(result.panel.provenance(unit: "DZA", indicator: "individuals-using-the-internet/urban-total", year: 2018)?.line == 4)
    }

    @Test func unrecognisedFilesSayWhatTheyLookLike() throws {
        let cases = [
            ("error-page.csv", "an HTML page"), ("api-response.csv", "JSON"), ("utf16.csv", "UTF-16 text"),
            ("download.zip", "a ZIP archive that is not an Excel workbook"),
        ]
        for (name, looks) in cases {
            let file = try report(name)
            #expect(file.rejected == [.unknownFormat: 1], "\(name)")
            #expect(file.problems.first?.error.found?.hasPrefix(looks) == true, "\(name)")
        }
        #expect(try report("utf16.csv").problems.first?.error.hint?.contains("--input-format") == true)
    }

    @Test func aFolderWithoutDataFilesIsAnError() throws {
        #expect(throws: DivideError.self) { try DataLoader.dataFiles(in: Self.folder + "/only-unreadable") }
        let files = try DataLoader.dataFiles(in: Self.folder)
        #expect(files.contains { $0.hasSuffix(".xls") } && files.contains { $0.hasSuffix(".xlsx") })
        #expect(!files.contains { $0.hasSuffix(".zip") })
    }

    /// A workbook is known by its bytes, whatever its name: an `.xlsx` whose first ZIP part is `docProps/app.xml`
    /// (as openpyxl writes it) saved as `download` or `data.csv`, and an `.xls` saved as `.csv`, are read as workbooks.
    @Test func aWorkbookIsRecognisedByItsBytesNotItsName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases = [("API_IT.NET.USER.ZS_DS2_en_excel_v2.xlsx", "download", DataFormat.worldBank),
                     ("API_IT.NET.USER.ZS_DS2_en_excel_v2.xlsx", "data.csv", .worldBank),
                     ("itu-mobile-ownership-by-sex.xls", "itu.csv", .economyTable)]
        for (fixture, name, format) in cases {
            let path = directory + "/" + name
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: Self.folder + "/" + fixture, toPath: path)
            let head = try #require(InputFile.head(path))
            #expect(fixture.hasSuffix(".xls") || !String(decoding: head.prefix(200), as: UTF8.self).contains("xl/"))
            let result = DataLoader(options: registryOptions).load(files: [path])
            #expect(result.report.isClean && result.report.files.first?.format == format, "\(name)")
            #expect(result.report.files.first?.workbook == path, "\(name)")
        }
    }

    @Test func excelDatesAndNumbers() {
        #expect(Workbook.date(serial: 43831, is1904: false) == "2020-01-01")
        #expect(Workbook.date(serial: 1, is1904: false) == "1900-01-01")
        #expect(Workbook.number(2018) == "2018" && Workbook.number(0.1) == "0.1")
    }
}
