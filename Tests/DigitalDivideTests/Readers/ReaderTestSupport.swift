import Foundation
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Load options resolving countries with the real registry, as the CLI does.
let registryOptions = LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))

/// Loads shipped files (paths relative to Data/) with the real registry.
func loadShipped(_ paths: [String], options: LoadOptions = registryOptions) -> LoadResult {
    DataLoader(options: options).load(files: paths.map { dataDirectory + "/" + $0 })
}

/// Writes several files into one fresh temporary directory and returns the directory.
func temporaryDirectory(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "dd-readers-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in files {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
    return directory.path
}

/// The format detected for `text` as the first records of a file named `name`.
func detectedFormat(_ text: String, name: String = "f.csv") throws -> DataFormat? {
    let sample = try FormatDetection.sample(CSVScanner(text: text, name: name))
    return FormatDetection.detect(sample)?.format
}
