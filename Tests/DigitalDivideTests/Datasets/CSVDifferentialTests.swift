import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// A deliberately simple byte-at-a-time RFC 4180 reader with the scanner's documented leniencies (blank lines
/// skipped, lone CR ends a record, text after a closing quote kept, a quote inside an unquoted field literal): the
/// independent truth the streaming scanner (SWAR fast path, chunk refills) is compared with.
func referenceRecords(_ bytes: [UInt8]) -> (records: [CSVRecord], unterminatedAt: Int?) {
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let n = bytes.count
    var line = 1
    var records: [CSVRecord] = []
    while i < n {
        if bytes[i] == 0x0A { i += 1; line += 1; continue }
        if bytes[i] == 0x0D { i += (i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1; line += 1; continue }
        let startLine = line
        var fields: [String] = []
        while true {
            var field: [UInt8] = []
            if i < n && bytes[i] == 0x22 {
                let openedAt = line
                i += 1
                while true {
                    if i >= n { return (records, openedAt) }
                    if bytes[i] == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        break
                    }
                    if bytes[i] == 0x0A { line += 1 }
                    field.append(bytes[i])
                    i += 1
                }
            }
            while i < n && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { field.append(bytes[i]); i += 1 }
            fields.append(String(decoding: field, as: UTF8.self))
            if i >= n { break }
            if bytes[i] == 0x2C {
                i += 1
                if i >= n { fields.append(""); break }
                continue
            }
            i += (bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
            line += 1
            break
        }
        records.append(CSVRecord(line: startLine, fields: fields))
    }
    return (records, nil)
}

/// Random CSV text over an alphabet rich in separators, quotes, line ends and multi-byte UTF-8.
func randomCSV<G: RandomNumberGenerator>(_ generator: inout G, records: Int) -> [UInt8] {
    let plain: [String] = ["a", "b", "7", "-1.5", " ", "é", "한", "…", "😀", "x\"y", "NA", ".."]
    let quotedPieces: [String] = ["a", ",", "\"\"", "\n", "\r\n", "é", " ", "1"]
    let ends = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
    var text = Bool.random(using: &generator) ? "\u{FEFF}" : ""
    for r in 0..<records {
        let width = Int.random(in: 1...6, using: &generator)
        for f in 0..<width {
            if f > 0 { text += "," }
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: text += ""
            case 1:
                text += "\""
                for _ in 0..<Int.random(in: 0...5, using: &generator) { text += quotedPieces.randomElement(using: &generator)! }
                text += "\""
                if Int.random(in: 0..<10, using: &generator) == 0 { text += "tail" }
            default:
                var field = ""
                for _ in 0..<Int.random(in: 1...12, using: &generator) { field += plain.randomElement(using: &generator)! }
                if field.hasPrefix("\"") { field = "q" + field }
                text += field
            }
        }
        if r < records - 1 || Bool.random(using: &generator) { text += ends.randomElement(using: &generator)! }
    }
    return Array(text.utf8)
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {  // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CSV scanner against a reference reader")
struct CSVDifferentialTests {
    @Test(arguments: [64, 100, 4096])
    func randomFilesMatchTheReference(chunkSize: Int) throws {
        var generator = SeededGenerator(state: UInt64(chunkSize))
        for _ in 0..<150 {
            let bytes = randomCSV(&generator, records: Int.random(in: 1...60, using: &generator))
            let expected = referenceRecords(bytes)
            let path = try temporaryFile("r.csv", bytes: bytes)
            let scanner = try CSVScanner(path: path, chunkSize: chunkSize)
            var got: [CSVRecord] = []
            do {
                while let record = try scanner.nextStrings() { got.append(record) }
                #expect(expected.unterminatedAt == nil)
            } catch {
                #expect(error.reason == .unterminatedQuote)
                #expect(error.location?.line == expected.unterminatedAt)
            }
            #expect(got == expected.records, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if got != expected.records { return }
        }
    }
}
