import Foundation
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// A small resolver for tests (the real registry lives in Countries/): a few economies by ISO3 and names, World Bank
/// aggregate codes, and suggestions by shared first letter.
struct TestResolver: UnitResolving {
    static let economies: [String: String] = [
        "KOR": "KOR", "korea, rep.": "KOR", "south korea": "KOR", "republic of korea": "KOR",
        "ABW": "ABW", "aruba": "ABW", "AFG": "AFG", "afghanistan": "AFG", "ALB": "ALB", "albania": "ALB",
        "THA": "THA", "thailand": "THA", "IND": "IND", "india": "IND", "FRA": "FRA", "france": "FRA",
        "ZWE": "ZWE", "zimbabwe": "ZWE", "AGO": "AGO", "angola": "AGO",
    ]
    static let aggregates: [String: String] = [
        "WLD": "World", "EAS": "East Asia & Pacific", "AFE": "Africa Eastern and Southern",
        "AFW": "Africa Western and Central", "ARB": "Arab World",
    ]

    func resolve(_ text: String) -> UnitResolution {
        if let iso3 = TestResolver.economies[text] ?? TestResolver.economies[text.lowercased()] {
            return .economy(iso3: iso3)
        }
        if let name = TestResolver.aggregates[text] { return .aggregate(name: name) }
        let initial = text.lowercased().first
        let nearest = TestResolver.economies.keys.filter { $0.count > 3 && $0.first == initial }.sorted()
        return .unknown(suggestions: nearest)
    }
}

/// Writes `contents` to a fresh temporary file named `name` and returns its path.
func temporaryFile(_ name: String, _ contents: String) throws -> String {
    try temporaryFile(name, bytes: Array(contents.utf8))
}

func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "dd-datasets-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Every record of `text` as (line, fields), through the streaming scanner.
func scanAll(_ text: String) throws -> [CSVRecord] {
    let scanner = CSVScanner(text: text, name: "t.csv")
    return try scanner.readAllStrings()
}

/// The repository's Data/ directory (tests run from the package root).
let dataDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Data").path
}()

/// Loads `text` as a file named `name` with `options`.
func load(_ name: String, _ text: String, options: LoadOptions = LoadOptions()) throws -> LoadResult {
    DataLoader(options: options).load(files: [try temporaryFile(name, text)])
}

/// The problem messages of a result, with the temporary directory removed from file names.
func messages(_ result: LoadResult) -> [String] {
    result.report.allProblems.map { problem in
        var text = problem.error.description
        if let file = problem.error.location?.file {
            let base = URL(fileURLWithPath: file).lastPathComponent
            text = text.replacingOccurrences(of: file, with: base)
        }
        return text
    }
}
