import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("CSV scanner (RFC 4180)")
struct CSVScannerTests {
    @Test func plainRecordsAndLineNumbers() throws {
        let records = try scanAll("a,b,c\n1,2,3\n\n4,,6\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["a", "b", "c"]), CSVRecord(line: 2, fields: ["1", "2", "3"]),
            CSVRecord(line: 4, fields: ["4", "", "6"]),
        ])
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let records = try scanAll("name,note\n\"Korea, Rep.\",\"said \"\"hi\"\"\nthen left\"\nnext,x\n")
        #expect(records.count == 3)
        #expect(records[1] == CSVRecord(line: 2, fields: ["Korea, Rep.", "said \"hi\"\nthen left"]))
        // The record after a two-line record starts on physical line 4.
        #expect(records[2] == CSVRecord(line: 4, fields: ["next", "x"]))
    }

    @Test func byteOrderMarkCRLFAndLoneCR() throws {
        let scanner = CSVScanner(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r3,4".utf8), name: "t.csv")
        let records = try scanner.readAllStrings()
        #expect(scanner.hadByteOrderMark)
        #expect(records == [
            CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["1", "2"]),
            CSVRecord(line: 3, fields: ["3", "4"]),
        ])
    }

    @Test func trailingCommaGivesAnEmptyLastField() throws {
        #expect(try scanAll("\"a\",\"b\",\r\n\"1\",\"2\",") == [
            CSVRecord(line: 1, fields: ["a", "b", ""]), CSVRecord(line: 2, fields: ["1", "2", ""]),
        ])
    }

    @Test func textAfterAClosingQuoteIsKept() throws {
        #expect(try scanAll("\"ab\"cd,e\n") == [CSVRecord(line: 1, fields: ["abcd", "e"])])
        #expect(try scanAll("x\"y,z\n") == [CSVRecord(line: 1, fields: ["x\"y", "z"])])
        // …and flagged, so that the readers can reject it: field 2 of the second record.
        let scanner = CSVScanner(text: "a,b\n1,\"2\"3\n4,\"5\"\n", name: "t.csv")
        var flags: [Int?] = []
        while try scanner.nextRecord() { flags.append(scanner.textAfterQuoteField) }
        #expect(flags == [nil, 2, nil])
    }

    /// Strict reading: `"1"2` in a data file is rejected at its line and column, never read as 1 or 12.
    @Test func readersRejectTextAfterAClosingQuote() throws {
        let builder = PanelBuilder(options: LoadOptions())
        let report = DataLoader().load(bytes: Array("country,year,indicator,value\nKOR,2020,x,\"1\"2\nJPN,2020,x,3\n".utf8),
                                       name: "q.csv", into: builder)
        #expect(report.rejected[.malformedQuote] == 1 && report.valuesUsed == 1)
        let problem = try #require(report.problems.first { $0.error.reason == .malformedQuote })
        #expect(problem.error.location?.description == "q.csv:2:4 (value)")
    }

    @Test func unterminatedQuoteIsLocatedWhereItOpened() throws {
        let scanner = CSVScanner(text: "a,b\n1,2\n3,\"open\nmore\nlines\n", name: "q.csv")
        #expect(try scanner.nextStrings() != nil)
        #expect(try scanner.nextStrings() != nil)
        do {
            _ = try scanner.nextStrings()
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .unterminatedQuote)
            #expect(error.location == SourceLocation(file: "q.csv", line: 3))
            #expect(error.description.hasPrefix("q.csv:3: expected a closing quote"))
        }
    }

    @Test func invalidUTF8IsFlaggedPerRecord() throws {
        let bytes = Array("a,b\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n3,é\n".utf8)
        let scanner = CSVScanner(bytes: bytes, name: "u.csv")
        #expect(try scanner.nextRecord() && scanner.invalidUTF8Field == nil)
        #expect(try scanner.nextRecord() && scanner.invalidUTF8Field == nil)
        #expect(try scanner.nextRecord() && scanner.invalidUTF8Field == 2)
        #expect(try scanner.nextRecord() && scanner.invalidUTF8Field == nil && scanner.string(1) == "é")
        do {
            let again = CSVScanner(bytes: bytes, name: "u.csv")
            _ = try again.readAllStrings()
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "u.csv:3:2: expected UTF-8 text, found \"\u{FFFD}(\"; re-save the file as UTF-8")
        }
    }

    @Test func utf8ValidatorRejectsOverlongsSurrogatesAndTruncation() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }
        #expect(valid(Array("Türkiye … 한국 😀".utf8)))
        #expect(!valid([0xC0, 0xAF]))  // overlong "/"
        #expect(!valid([0xED, 0xA0, 0x80]))  // surrogate U+D800
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!valid([0xE2, 0x80]))  // truncated
        #expect(!valid([0x80]))  // lone continuation
    }

    /// Chunk boundaries fall everywhere with a 64-byte chunk: the records must be the same as in one piece.
    @Test func smallChunksGiveTheSameRecords() throws {
        var text = "\u{FEFF}unit,note,value\r\n"
        for i in 0..<300 {
            text += "U\(i),\"line \(i), with \"\"quotes\"\"\nand a break\",\(Double(i) / 7)\r\n"
            if i % 17 == 0 { text += "\r\n" }
        }
        let path = try temporaryFile("chunks.csv", text)
        let streamed = try CSVScanner(path: path, chunkSize: 64).readAllStrings()
        let whole = try scanAll(text)
        #expect(streamed == whole)
        #expect(streamed.count == 301)
        #expect(streamed.last?.fields == ["U299", "line 299, with \"quotes\"\nand a break", "\(299.0 / 7)"])
    }

    @Test func aRecordLargerThanTheBufferGrowsIt() throws {
        let long = String(repeating: "x", count: 1000)
        let path = try temporaryFile("long.csv", "a,b\n\(long),\"\(long)\"\n")
        let records = try CSVScanner(path: path, chunkSize: 64).readAllStrings()
        #expect(records.map(\.fields) == [["a", "b"], [long, long]])
    }

    @Test func unreadableFileIsATypedError() {
        #expect(throws: DivideError.self) { try CSVScanner(path: "/nonexistent/file.csv") }
    }
}
