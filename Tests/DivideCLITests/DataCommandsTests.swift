import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// Writes files into a fresh temporary directory and returns it.
private func scratch(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-cli-\(UUID().uuidString)")
    for (name, text) in files {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return directory.path
}

@Suite("Data commands: parsing")
struct DataCommandParseTests {
    @Test func validateParsesSharedDataOptions() throws {
        let command = try #require(
            try Divide.parseAsRoot([
                "validate", "a.csv", "b.csv", "--strict", "--input-format", "owid", "--prefer", "world-bank",
                "--prefer", "itu", "--data", "more", "--no-default-data", "--format", "json", "--max-errors", "3",
            ]) as? ValidateCommand)
        #expect(command.paths == ["a.csv", "b.csv"] && command.format == .json && command.maxErrors == 3)
        #expect(command.dataOptions.strict && command.dataOptions.inputFormat == .owid)
        #expect(command.dataOptions.prefer == ["world-bank", "itu"] && command.dataOptions.data == ["more"])
        #expect(command.dataOptions.noDefaultData)
        let options = command.dataOptions.loadOptions()
        #expect(options.strict && options.format == .owid && options.prefer.patterns == ["world-bank", "itu"])
    }

    @Test func coverageAndSeriesParse() throws {
        let coverage = try #require(try Divide.parseAsRoot(["coverage", "--group", "south-east asia", "--format", "markdown"])
            as? CoverageCommand)
        #expect(coverage.group == "south-east asia" && coverage.format == .markdown)
        let series = try #require(
            try Divide.parseAsRoot(["series", "--country", "Korea, Rep.", "--indicator", "IT.NET.USER.ZS", "--format", "csv"])
                as? SeriesCommand)
        #expect(series.country == "Korea, Rep." && series.indicator == "IT.NET.USER.ZS" && series.format == .csv)
        #expect(try SeriesCommand.economy("Korea, Rep.").iso3 == "KOR")
    }

    @Test func usageErrorsAreRejected() {
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["coverage", "--group", "atlantis"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["coverage", "--format", "xml"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["series", "--country", "Koria", "--indicator", "x"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["series", "--country", "WLD", "--indicator", "x"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["validate", "--input-format", "excel"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["validate", "--max-errors", "-1"]) }
    }
}

@Suite("Data commands: rendering")
struct DataCommandRenderTests {
    let table = Table(
        header: ["code", "name", "value"], rows: [["KOR", "Korea, Rep.", "97.4"], ["X", "=HYPERLINK(\"x\")", "-1.5"]],
        numeric: [2])

    @Test func textIsAligned() {
        #expect(table.text() == """
            code  name             value
            ----  ---------------  -----
            KOR   Korea, Rep.       97.4
            X     =HYPERLINK("x")   -1.5

            """)
    }

    @Test func markdownTable() {
        #expect(table.markdown() == """
            | code | name | value |
            |---|---|---:|
            | KOR | Korea, Rep. | 97.4 |
            | X | =HYPERLINK("x") | -1.5 |

            """)
        #expect(Table(header: ["a|b"], rows: [["x|y"]]).markdown() == "| a\\|b |\n|---|\n| x\\|y |\n")
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(table.csv() == "code,name,value\r\nKOR,\"Korea, Rep.\",97.4\r\nX,\"'=HYPERLINK(\"\"x\"\")\",-1.5\r\n")
        #expect(CSVField.neutralise("+1") == "'+1" && CSVField.neutralise("-x") == "'-x")
        #expect(CSVField.neutralise("@SUM(A1)") == "'@SUM(A1)" && CSVField.neutralise("\tx") == "'\tx")
        #expect(CSVField.neutralise("plain") == "plain" && CSVField.neutralise("") == "")
        #expect(CSVField.escape("a\nb") == "\"a\nb\"" && CSVField.escape("ab") == "ab")
    }

    /// A small panel: KOR and THA with two indicators, loaded through the real loader.
    func panel() throws -> Panel {
        let directory = try scratch([
            "d.csv": "country,year,indicator,value,unit,source\nKOR,2021,net,97.6,%,ITU\n\"Korea, Rep.\",2023,net,97.4,%,ITU\nThailand,2022,net,85.3,%,ITU\nTHA,2020,gci,=1,score,ITU\nTHA,2020,gci,86.5,score,ITU\n"
        ])
        return DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard)))
            .load(files: [directory + "/d.csv"]).panel
    }

    @Test func coverageRenderings() throws {
        let registry = CountryRegistry.standard
        let economies = ["KOR", "THA", "MNG"].compactMap { registry.country(iso3: $0) }
        let table = CoverageTable(panel: try panel(), economies: economies)
        #expect(table.latest == [[2023, nil], [2022, 2020], [nil, nil]])
        #expect(table.indicators.map(\.economiesWithData) == [2, 1])
        #expect(table.indicators[0].latestYears.map { [$0.year, $0.economies] } == [[2023, 1], [2022, 1]])
        #expect(CoverageCommand.render(table, group: "test", format: .text) == """
            Indicator summary (3 economies, group test)

            #   indicator  economies  latest-year distribution
            ──  ─────────  ─────────  ────────────────────────
            #1  net              2/3  2023: 1, 2022: 1
            #2  gci              1/3  2020: 1

            Latest year with data ('YY; · = none)

            Economies 1–3 of 3 (KOR–MNG)
            indicator  KOR  THA  MNG
            ─────────  ───  ───  ───
            net        '23  '22    ·
            gci          ·  '20    ·

            """)
        // Narrow: economies go into panels that fit, each with its real ISO3 headers.
        let narrow = CoverageCommand.render(table, group: "test", format: .text, width: 24)
        #expect(narrow.contains("Economies 1–2 of 3 (KOR–THA)\nindicator  KOR  THA\n"))
        #expect(narrow.contains("Economies 3–3 of 3 (MNG–MNG)\nindicator  MNG\n"))
        #expect(!narrow.contains("#N") && !narrow.contains("…"))
        #expect(CoverageCommand.render(table, group: "test", format: .csv) == """
            iso3,economy,subregion,net,gci\r
            KOR,Republic of Korea,ENEA,2023,\r
            THA,Thailand,SEA,2022,2020\r
            MNG,Mongolia,ENEA,,\r

            """)
        let json = CoverageCommand.render(table, group: "test", format: .json)
        let decoded = try JSONDecoder().decode(CoverageJSON.self, from: Data(json.utf8))
        #expect(decoded == CoverageJSON(table, group: "test"))
        #expect(decoded.economies[1].latest == ["net": 2022, "gci": 2020])
        #expect(json.contains("\"economiesWithData\" : 2"))
        #expect(CoverageCommand.shortYear(2005) == "'05" && CoverageCommand.shortYear(1999) == "'99")
    }

    @Test func seriesRenderings() throws {
        let panel = try panel()
        var series = try #require(SeriesTable(panel: panel, unit: "KOR", unitName: "Korea, Republic of", indicator: "net"))
        #expect(series.points.map(\.year) == [2021, 2023] && series.points.map(\.value) == [97.6, 97.4])
        let file = panel.files[0].name
        #expect(series.points.map(\.location) == [file + ":2", file + ":3"])
        for index in series.points.indices {
            series.points[index].location = series.points[index].location.replacingOccurrences(of: file, with: "d.csv")
        }
        let text = SeriesCommand.render(series, format: .text)
        #expect(text == """
            Korea, Republic of (KOR) · net
            unit: % · source: ITU

            year  value  source   publisher  vintage
            ----  -----  -------  ---------  -------
            2021   97.6  d.csv:2  ITU
            2023   97.4  d.csv:3  ITU

            """)
        let csv = SeriesCommand.render(series, format: .csv).replacingOccurrences(of: file, with: "d.csv")
        #expect(csv == "year,value,source,publisher,vintage\r\n2021,97.6,d.csv:2,ITU,\r\n2023,97.4,d.csv:3,ITU,\r\n")
        let decoded = try JSONDecoder().decode(SeriesJSON.self, from: Data(SeriesCommand.render(series, format: .json).utf8))
        #expect(decoded.iso3 == "KOR" && decoded.values.count == 2 && decoded.values[1].value == 97.4)
        #expect(try SeriesCommand.indicatorCode("NET", in: panel) == "net")
        #expect(throws: ValidationError.self) { try SeriesCommand.indicatorCode("internet", in: panel) }
    }

    @Test func validateReportText() throws {
        let directory = try scratch(["v.csv": "country,year,indicator,value\nKOR,2020,x,1\nKOR,2021,x,abc\nWLD,2020,x,5\nKOR,2022,x,NA\n"])
        let result = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard)))
            .load(files: [directory + "/v.csv"])
        let text = ValidateCommand.renderText(result.report, maxErrors: 5).replacingOccurrences(of: directory + "/", with: "")
        #expect(text == """
            v.csv: tidy
              records 4, values used 1, set aside 1, missing 1, rejected 1, warnings 0
              units 1, years 2020–2020
              indicators (1): x
              set aside (aggregates, 1): World 1
              missing by marker: "NA" 1
              rejected by reason: nonNumericValue 1
              error: v.csv:3:4 (value): expected a number, found "abc"; missing values may be written as empty, .., NA, n/a, - or …

            1 files: records 4, values used 1, set aside 1, missing 1, rejected 1, warnings 0
            FAILED: 1 rejected.

            """)
        let summary = ValidationSummary(result.report, maxErrors: 0)
        #expect(summary.files[0].rejected == ["nonNumericValue": 1] && summary.files[0].problems.isEmpty && !summary.clean)
    }

    /// Issue 13 in the report: a World Bank Excel download's countries sheet says what it classifies, its vintage and
    /// that it wins; quarters are one set-aside line; a file refused for an error is listed once, by the error.
    @Test func validateReportOfPublisherShapes() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/publisher-shapes").path
        let directory = try scratch(["page.csv": "<!DOCTYPE html>\n<html><body>Service unavailable</body></html>\n"])
        let files = [fixtures + "/API_IT.NET.BBND.P2_DS2_en_excel_v2_9143.xls", fixtures + "/tidy-quarterly.csv",
                     directory + "/page.csv"]
        let result = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))).load(files: files)
        let text = ValidateCommand.renderText(result.report, maxErrors: 5)
            .replacingOccurrences(of: fixtures + "/", with: "").replacingOccurrences(of: directory + "/", with: "")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("API_IT.NET.BBND.P2_DS2_en_excel_v2_9143.xls[Metadata - Countries]: world-bank-country-metadata"))
        #expect(lines.contains("  country metadata (no observations): 6 records: 4 economies with a region (4 with an "
            + "income group), 2 aggregates; vintage FY2026 (data file updated 2025-07-01): the regions and income groups "
            + "of this load"))
        #expect(lines.contains("  set aside: observations of periods other than a calendar year (quarters, months, weeks, "
            + "days, ranges, fiscal years; the panel is annual) 3, e.g. tidy-quarterly.csv:3:2 (period) \"2023-Q1\""))
        #expect(lines.contains("page.csv: unknown format") && lines.contains("  not read (the error below)"))
        #expect(lines.filter { $0.contains("found an HTML page") }.count == 1)
        let summary = ValidationSummary(result.report, maxErrors: 5)
        let sheet = try #require(summary.files.first { $0.file.hasSuffix("[Metadata - Countries]") })
        #expect(sheet.classification?.economies == 4 && sheet.classification?.aggregates == 2)
        #expect(sheet.classification?.vintage == "FY2026 (data file updated 2025-07-01)")
    }
}

@Suite("Data commands: data location and the built binary")
struct DataCommandRunTests {
    @Test func defaultDataIsFoundByWalkingUp() throws {
        let root = try scratch(["Data/SOURCES.md": "x", "Data/a.csv": "country,year,indicator,value\n", "work/deep/.keep": ""])
        #expect(DataLocation.defaultDirectory(workingDirectory: root, executablePath: nil) == "Data")
        let deep = root + "/work/deep"
        let found = try #require(DataLocation.defaultDirectory(workingDirectory: deep, executablePath: nil))
        #expect(URL(fileURLWithPath: found).standardizedFileURL.path == URL(fileURLWithPath: root + "/Data").standardizedFileURL.path)
        // From the executable's location when the working directory has none.
        let elsewhere = try scratch(["nothing/.keep": ""])
        let viaExecutable = DataLocation.defaultDirectory(
            workingDirectory: elsewhere + "/nothing", executablePath: root + "/work/deep/divide")
        #expect(viaExecutable.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            == URL(fileURLWithPath: root + "/Data").standardizedFileURL.path)
        #expect(DataLocation.defaultDirectory(workingDirectory: elsewhere, executablePath: nil) == nil)
        // --data adds; --no-default-data replaces; a file named twice is read once.
        var options = try #require(try Divide.parseAsRoot(["coverage", "--data", root + "/Data/a.csv"]) as? CoverageCommand).dataOptions
        let both = try options.files(workingDirectory: root, executablePath: nil)
        #expect(both == [root + "/Data/a.csv"])
        options.noDefaultData = true
        #expect(try options.files(workingDirectory: elsewhere, executablePath: nil) == [root + "/Data/a.csv"])
        options.noDefaultData = false
        #expect(throws: ValidationError.self) { try options.files(workingDirectory: elsewhere, executablePath: nil) }
    }

    /// The `divide` executable next to the test bundle.
    static let binary: String? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = url.appendingPathComponent("divide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    func run(_ arguments: [String], in directory: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary, "the divide executable was not built"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func exitCodes() throws {
        let directory = try scratch([
            "good.csv": "country,year,indicator,value\nKOR,2020,x,1\n",
            "bad.csv": "country,year,indicator,value\nKOR,2020,x,oops\n",
        ])
        #expect(try run(["validate", "good.csv"], in: directory) == 0)
        #expect(try run(["validate", "good.csv", "bad.csv"], in: directory) == 1)
        #expect(try run(["validate", "missing.csv"], in: directory) == 2)
        #expect(try run(["coverage", "--group", "atlantis", "--no-default-data"], in: directory) == 2)
        #expect(try run(["series", "--country", "KOR", "--indicator", "x", "--no-default-data", "--data", "good.csv"],
            in: directory) == 0)
    }
}
