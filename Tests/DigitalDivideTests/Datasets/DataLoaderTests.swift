import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Data loader over the shipped Data/ directory")
struct DataLoaderTests {
    @Test func listsCSVFilesRecursivelySkippingReferenceExamplesAndFrameworks() throws {
        let files = try DataLoader.csvFiles(in: dataDirectory).map { String($0.dropFirst(dataDirectory.count + 1)) }
        #expect(files == files.sorted())
        #expect(files.allSatisfy { $0.hasSuffix(".csv") })
        #expect(!files.contains { $0.hasPrefix("reference/") || $0.hasPrefix("examples/") || $0.hasPrefix("frameworks/") })
        #expect(files.contains("worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"))
        #expect(files.contains("owid/share-of-individuals-using-the-internet/internet.csv"))
        #expect(throws: DivideError.self) { try DataLoader.csvFiles(in: dataDirectory + "/nonexistent") }
    }

    @Test func loadsDataWithTheCountryRegistry() throws {
        let result = try DataLoader().load(directory: dataDirectory)
        let byName = Dictionary(
            result.report.files.map { (String($0.file.dropFirst(dataDirectory.count + 1)), $0) },
            uniquingKeysWith: { a, _ in a })
        // Every World Bank data file loads without a rejection and with all 266 rows.
        let worldBank = result.report.files.filter { $0.format == .worldBank }
        #expect(worldBank.count == 8)
        for report in worldBank {
            #expect(report.rejectedTotal == 0 && report.records == 266 && report.setAsideTotal > 0, "\(report.file)")
        }
        // Every file has a format with a reader; World Bank country metadata is read into its classification.
        for report in result.report.files {
            #expect(report.format != nil && report.skippedReason == nil, "\(report.file)")
        }
        let countryMetadata = try #require(byName["worldbank/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"])
        #expect(countryMetadata.format == .worldBankCountryMetadata && countryMetadata.problems.isEmpty)
        #expect(countryMetadata.records == 265 && countryMetadata.classification?.entries.count == 217)
        #expect(countryMetadata.classification?.entry(for: "KOR")?.incomeGroup == .high)
        // Names and codes meet in one unit: the WDI row "Korea, Rep.","KOR" → 96.5051 in 2020.
        #expect(result.panel.value(unit: "KOR", indicator: "IT.NET.USER.ZS", year: 2020) == 96.5051)

        var strict = LoadOptions()
        strict.strict = true
        let strictResult = try DataLoader(options: strict).load(directory: dataDirectory)
        #expect(!strictResult.report.isClean)
    }

    @Test func forcedFormatOverridesDetection() throws {
        // A WDI file forced to be read as tidy fails loudly instead of being misread.
        let path = dataDirectory + "/worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"
        var options = LoadOptions()
        options.format = .tidy
        let result = DataLoader(options: options).load(files: [path])
        #expect(result.report.files.first?.rejected == [.missingColumn: 1])
        // Forced to be country metadata, it is read as such and refused where its header lacks the columns.
        options.format = .worldBankCountryMetadata
        let metadata = DataLoader(options: options).load(files: [path])
        #expect(metadata.report.files.first?.rejected == [.missingColumn: 1])
        #expect(metadata.report.files.first?.classification == nil)
    }

    @Test func unreadableFileIsReported() {
        let result = DataLoader().load(files: ["/nonexistent/x.csv"])
        #expect(result.report.files.first?.rejected == [.unreadableFile: 1])
        #expect(!result.report.isClean)
    }
}
