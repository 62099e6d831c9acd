import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Mutation fuzzing in the test suite: random byte edits of real shipped files and random CSV go through every
/// reader (forced and detected). Nothing may crash; every listed problem must carry a location in the file.
@Suite("Readers survive malformed input")
struct ReaderRobustnessTests {
    static let seeds: [String] = [
        "/worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        "/worldbank/API_SP.POP.TOTL_DS2_en_csv_v2_85.csv",
        "/worldbank/Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        "/itu/gci-2020-blavatnik/gci_2020.csv",
    ]

    func head(_ path: String, lines: Int) throws -> [UInt8] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dataDirectory + path)))
        var count = 0
        var end = 0
        while end < bytes.count && count < lines {
            if bytes[end] == 0x0A { count += 1 }
            end += 1
        }
        return Array(bytes[..<end])
    }

    func mutate<G: RandomNumberGenerator>(_ input: [UInt8], _ generator: inout G) -> [UInt8] {
        var bytes = input
        let interesting: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0xE2, 0x2E, 0x2D, 0x30, 0x39, 0x65]
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            guard !bytes.isEmpty else { bytes = [0x22]; continue }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[at] = interesting.randomElement(using: &generator)!
            case 1: bytes.insert(interesting.randomElement(using: &generator)!, at: at)
            case 2: bytes.remove(at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
            default: bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
        }
        return bytes
    }

    @Test func mutatedRealFilesAndRandomCSVNeverCrash() throws {
        var generator = SeededGenerator(state: 2026)
        var inputs: [[UInt8]] = []
        for seed in Self.seeds {
            let original = try head(seed, lines: 12)
            for _ in 0..<60 { inputs.append(mutate(original, &generator)) }
        }
        for _ in 0..<60 { inputs.append(randomCSV(&generator, records: Int.random(in: 1...20, using: &generator))) }
        inputs.append([])
        inputs.append([0xEF, 0xBB, 0xBF])
        inputs.append(Array("\"".utf8))
        let formats: [DataFormat?] = [nil, .tidy, .worldBank, .worldBankIndicatorMetadata, .sdmx]
        for (index, bytes) in inputs.enumerated() {
            let path = try temporaryFile("fuzz\(index).csv", bytes: bytes)
            for format in formats {
                var options = LoadOptions(unitPolicy: .resolve(TestResolver()))
                options.format = format
                let result = DataLoader(options: options).load(files: [path])
                let report = try #require(result.report.files.first)
                #expect(report.records >= 0 && report.valuesUsed <= max(report.records, 0) * 100)
                for problem in report.problems {
                    #expect(problem.error.location?.file == path)
                }
                _ = result.panel.withValues { $0.reduce(0, +) }
            }
        }
    }

    @Test func fuzzCorpusReplays() throws {
        #expect(fuzzCorpus.count == 48)
        for (index, encoded) in fuzzCorpus.enumerated() {
            let bytes = try #require(Data(base64Encoded: encoded))
            let path = try temporaryFile("corpus\(index).csv", bytes: Array(bytes))
            for format in [nil, DataFormat.tidy, .worldBank, .worldBankIndicatorMetadata, .sdmx] {
                var options = LoadOptions()
                options.format = format
                let result = DataLoader(options: options).load(files: [path])
                for problem in result.report.allProblems { #expect(problem.error.location?.file == path) }
            }
        }
    }

    @Test func decimalParserNeverCrashesOnRandomBytes() {
        var generator = SeededGenerator(state: 7)
        let alphabet = Array("0123456789.eE+- xn".utf8) + [0xFF, 0x00]
        for _ in 0..<100_000 {
            let bytes = (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let outcome = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
            if case .number(let value) = outcome {
                // Whatever parses must agree with the standard library.
                #expect(Double(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)) == value)
            }
        }
    }
}
