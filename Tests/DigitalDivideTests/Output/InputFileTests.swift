import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideData
@testable import DivideReports

/// Inputs that are not data files (frameworks, group files, saved briefs) are read one way: folders, devices and
/// UTF-16 named as such; JSON errors located; duplicate column names refused.
@Suite("Input files: what they are, said in plain words")
struct InputFileTests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func foldersDevicesAndMissingFilesAreNamed() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = #expect(throws: DivideError.self) { try InputFile.text(directory.path, what: "a framework file") }
        #expect(folder?.description.contains("found a folder") == true)
        let device = #expect(throws: DivideError.self) { try InputFile.text("/dev/zero", what: "a brief (JSON)") }
        #expect(device?.description.contains("found a device") == true)
        let missing = #expect(throws: DivideError.self) { try InputFile.bytes(directory.path + "/nope", what: "x") }
        #expect(missing?.description.contains("no such file") == true)
    }

    @Test func utf16AndWorkbooksAreRecognised() throws {
        let little: [UInt8] = [0xFF, 0xFE] + Array("id: x".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(InputFile.wrongEncoding(little) == "UTF-16 text (little-endian)")
        let noMark = Array("country,year".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(InputFile.wrongEncoding(noMark) == "UTF-16 text (big-endian)")
        #expect(InputFile.wrongEncoding([0x50, 0x4B, 0x03, 0x04, 0, 0]) == "an Excel workbook or another ZIP archive")
        #expect(InputFile.wrongEncoding(Array("country,year\nKOR,2020\n".utf8)) == nil)
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("u16.csv").path
        let text = "country,year,indicator,value\nKOR,2020,x,1\n"
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: URL(fileURLWithPath: path))
        let framework = #expect(throws: DivideError.self) { try InputFile.text(path, what: "a framework file") }
        #expect(framework?.description.contains("UTF-16 text (little-endian)") == true)
        // A data file in UTF-16: the load report says so, with the fix.
        let report = DataLoader().load(files: [path]).report
        let problem = try #require(report.files.first?.problems.first)
        #expect(problem.error.description.contains("UTF-16 text (little-endian)"))
        #expect(problem.error.description.contains("save it as UTF-8"))
    }

    @Test func duplicateColumnNamesAreRefused() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("dup.csv").path
        try Data("country,year,indicator,value,value\nKOR,2020,x,1,2\n".utf8).write(to: URL(fileURLWithPath: path))
        let loaded = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))).load(files: [path])
        #expect(loaded.panel.cellCount == 0)
        let error = try #require(loaded.report.files.first?.problems.first?.error)
        #expect(error.reason == .duplicateEntry)
        #expect(error.description.contains("dup.csv:1:5") && error.description.contains("columns 4 and 5"))
    }

    @Test func jsonSyntaxErrorsAreLocated() {
        #expect(JSONSyntax.firstError(in: Array("{\"a\": [1, 2]}".utf8)) == nil)
        #expect(JSONSyntax.firstError(in: Array("{\"a\": [1,\n 2,, 3]}".utf8))
                == "line 2, column 4 (byte 14): expected a value, found \",\"")
        #expect(JSONSyntax.firstError(in: Array("{\"a\": \"cut".utf8))
                == "line 1, column 11 (byte 11): the file ends before the JSON is complete (cut short?)")
        #expect(JSONSyntax.firstError(in: Array("[1] x".utf8)) == "line 1, column 5 (byte 5): text after the end of the JSON value")
    }
}
