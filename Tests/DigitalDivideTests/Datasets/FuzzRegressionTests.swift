import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Replays the inputs the fuzzer (`scripts/fuzz-readers.sh`, harness in `Fuzz/`) found interesting or that once
/// crashed, plus hand-made nasty cases, through the same paths as the harness: the first byte selects auto-detection
/// (0) or a forced format, and from 248 the framework YAML (248–251) or brief JSON (252–255) path; the rest is the
/// file. Each must load without crashing, and every problem reported must
/// name the file it came from.
@Suite struct FuzzRegressionTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("Tests/DigitalDivideTests/Fixtures/fuzz-regressions")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 7)
    }

    @Test(arguments: cases)
    func loadsWithoutCrashing(_ file: String) throws {
        let data = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(file)))
        guard let selector = data.first.map(Int.init) else { return }
        var options = LoadOptions()
        options.unitPolicy = selector & 1 == 0 ? .resolve(CountryRegistry.standard) : .verbatim
        options.format = selector == 0 ? nil : DataFormat.allCases[selector % DataFormat.allCases.count]
        let builder = PanelBuilder(options: options)
        let report = DataLoader(options: options).load(bytes: Array(data.dropFirst()), name: "fuzz.csv", into: builder)
        _ = builder.build()
        for problem in report.problems {
            #expect(problem.description.contains("fuzz.csv"), "problem without its file: \(problem)")
        }
        // The harness's other paths (selector 248–251: framework YAML; 252–255: brief JSON, every renderer). Older
        // cases with these selectors were data-reader inputs: they are replayed through both.
        let rest = Array(data.dropFirst())
        if (244..<248).contains(selector) {
            // An Excel workbook (244/246: .xlsx, 245/247: .xls) loaded from a file as every command loads one.
            let path = try temporaryFile("fuzz" + (selector & 1 == 0 ? ".xlsx" : ".xls"), bytes: rest)
            let loaded = DataLoader().load(files: [path])
            _ = loaded.report.problems.map(\.description).joined().count + loaded.panel.indicators.count
        }
        if (248..<252).contains(selector) {
            do { _ = try FrameworkFile.load(yaml: String(decoding: rest, as: UTF8.self), file: "fuzz.yaml") } catch {
                #expect("\(error)".contains("fuzz.yaml"), "framework error without its file: \(error)")
            }
        } else if selector >= 252, let brief = try? Brief.decode(json: Data(rest)) {
            _ = brief.text(width: 80, colour: true).count + brief.markdown().count + brief.html().count + brief.csv().count
        }
    }
}
