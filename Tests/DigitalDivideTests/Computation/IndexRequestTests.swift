import DigitalDivide
import Foundation
import Testing

/// ``IndexRequest`` → ``IndexRun``: the library's one entry point for an index, its universe and its groups.
@Suite("Index request")
struct IndexRequestTests {
    static func scratch(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("request-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return folder
    }

    /// A World Bank download: the data file (with or without its preamble) and its country metadata.
    static func download(code: String, updated: String?, lastYear: Int, idnIncome: String) -> [String: String] {
        let preamble = updated.map { "\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"\($0)\",\n\n" } ?? ""
        let years = (lastYear - 1)...lastYear
        let header = "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\","
            + years.map { "\"\($0)\"" }.joined(separator: ",") + ",\n"
        let data = preamble + header + "\"Indonesia\",\"IDN\",\"Internet\",\"IT.NET.USER.ZS\",\"50\",\"55\",\n"
        let meta = "\"Country Code\",\"Region\",\"IncomeGroup\",\"SpecialNotes\",\"TableName\",\n"
            + "\"IDN\",\"East Asia & Pacific\",\"\(idnIncome)\",\"\",\"Indonesia\",\n"
        return ["API_IT.NET.USER.ZS_DS2_en_csv_v2_\(code).csv": data,
                "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_\(code).csv": meta]
    }

    static func classification(_ files: [String: String]) throws -> WorldBankClassification? {
        let folder = try scratch(files)
        let loaded = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard), prefer: PreferPolicy(["2"])))
            .load(files: try DataLoader.files(expanding: [folder]))
        return WorldBankClassification.newest(among: loaded.report)
    }

    /// The newest classification wins by its own vintage, whichever file name sorts last (the shipped data's
    /// case: the FY2022 file sorts after the 2025 release, which has no preamble and so no date).
    @Test func theNewestClassificationWinsWhateverTheFileNames() throws {
        for (oldCode, newCode) in [("9", "1"), ("1", "9")] {
            var files = Self.download(code: oldCode, updated: "2021-12-16", lastYear: 2020, idnIncome: "Lower middle income")
            files.merge(Self.download(code: newCode, updated: nil, lastYear: 2024, idnIncome: "Upper middle income")) { a, _ in a }
            let merged = try #require(try Self.classification(files))
            #expect(merged.entry(for: "IDN")?.incomeGroup == .upperMiddle, "old \(oldCode), new \(newCode)")
            #expect(merged.vintages.map(\.description) == ["FY2022 (data file updated 2021-12-16)",
                                                           "published 2025 (data to 2024)"])
        }
        // Two dated files: the later date wins.
        var files = Self.download(code: "1", updated: "2025-07-01", lastYear: 2024, idnIncome: "Upper middle income")
        files.merge(Self.download(code: "2", updated: "2024-12-16", lastYear: 2024, idnIncome: "Lower middle income")) { a, _ in a }
        #expect(try Self.classification(files)?.entry(for: "IDN")?.incomeGroup == .upperMiddle)
    }

    /// A World Bank Excel download among the data: its "Metadata - Countries" sheet, the newest vintage, is the
    /// classification the run's income groups come from.
    @Test func anExcelDownloadsClassificationReachesTheRun() throws {
        let excel = RepositoryPaths.root.appendingPathComponent(
            "Tests/Fixtures/publisher-shapes/API_IT.NET.BBND.P2_DS2_en_excel_v2_9143.xls").path
        let run = try IndexRequest(data: [RepositoryPaths.data.path, excel], years: 2023...2023).run()
        #expect(run.classification?.vintages.last?.file == excel + "[Metadata - Countries]")
        #expect(run.classification?.entry(for: "IDN")?.source == excel + "[Metadata - Countries]")
        let rows = run.result.rows().filter { $0.node == run.framework.root.id && $0.year == 2023 }
        #expect(rows.first { $0.unit == "IDN" }?.groupRanks.first { $0.0 == UnitGroupings.income }?.1
            == "Upper middle income")
    }

    /// Income groups are revised every 1 July for the fiscal year starting then.
    @Test func fiscalYearOfAVintage() {
        typealias V = WorldBankClassification.Vintage
        #expect(V(file: "m", lastUpdated: "2021-12-16").fiscalYear == 2022)
        #expect(V(file: "m", lastUpdated: "2025-07-01").fiscalYear == 2026)
        #expect(V(file: "m", lastUpdated: "2025-06-30").fiscalYear == 2025)
        #expect(V(file: "m", latestDataYear: 2024).fiscalYear == nil)
        #expect(V(file: "m").description == "vintage unknown")
    }

    /// On the shipped data the run reports income groups from the 2025 release, not the FY2022 file.
    @Test func shippedDataUsesThe2025Classification() throws {
        let run = try IndexRequest(data: [RepositoryPaths.data.path], years: 2023...2023).run()
        let rows = run.result.rows().filter { $0.node == run.framework.root.id && $0.year == 2023 }
        func income(_ unit: String) -> String? {
            rows.first { $0.unit == unit }?.groupRanks.first { $0.0 == UnitGroupings.income }?.1
        }
        #expect(income("IDN") == "Upper middle income")
        #expect(income("RUS") == "High income")
        #expect(income("WSM") == "Upper middle income")
        #expect(run.classification?.vintages.last?.description == "published 2025 (data to 2024)")
        #expect(run.universe == .group(.escap) && run.result.construction.units.count == 58)
    }

    @Test func theShippedPresetsAreCompiledInAndMatchDataFrameworks() throws {
        let folder = RepositoryPaths.data.appendingPathComponent("frameworks")
        let files = RepositoryPaths.files(under: folder).filter { $0.hasSuffix(".yaml") }
        #expect(FrameworkPresets.shipped.names().sorted() == files.map { String($0.dropLast(5)) }.sorted(),
                "a preset file was added to Data/frameworks without its line in FrameworkPresets.shipped")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(FrameworkPresets.shipped.yaml(of: String(file.dropLast(5))) == text, "\(file)")
        }
        #expect(FrameworkPresets.shipped.names().first == FrameworkPresets.defaultName)
        #expect(try FrameworkPresets.shipped.load("apddi").id == "apddi")
        #expect(throws: FrameworkError.self) { try FrameworkPresets.shipped.load("nonesuch") }
    }

    @Test func badRequestsAreTypedErrors() throws {
        #expect(throws: DivideError.self) { try IndexRequest(data: ["/nonexistent/folder"]).run() }
        #expect(throws: DivideError.self) { try IndexRequest.FrameworkSource.file("/nonexistent.yaml").load() }
        let folder = try Self.scratch(["bad.csv": "country,year,indicator,value\nKOR,2020,IT.NET.USER.ZS,oops\n"])
        var strict = IndexRequest(data: [folder])
        strict.load.strict = true
        #expect(throws: DivideError.self) { try strict.run() }
    }

    @Test func incomeGroupsAsUsersNameThem() {
        #expect(IncomeGroup(parsing: "lower-middle") == .lowerMiddle)
        #expect(IncomeGroup(parsing: "High income") == .high)
        #expect(IncomeGroup(parsing: "ENEA") == nil && IncomeGroup(parsing: "") == nil)
    }
}
