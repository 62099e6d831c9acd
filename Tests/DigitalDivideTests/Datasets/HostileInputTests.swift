import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Inputs that are not plain files, and text that must stay inert: pipes and FIFOs are read as streams (format
/// detection loses no bytes), endless devices and folders are refused, control characters never reach a terminal.
@Suite("Hostile inputs")
struct HostileInputTests {
    static let tidy = "country,year,indicator,value\nKOR,2020,x,1\nJPN,2020,x,2\n"

    static func load(_ path: String) -> FileReport {
        DataLoader().load(files: [path]).report.files[0]
    }

    @Test func aFifoIsReadOnceAsAStreamWithEveryRecord() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        // The writer: a child shell, so that this process only reads.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '%s' \"$0\" > \"$1\"", Self.tidy, path]
        try writer.run()
        let report = Self.load(path)
        writer.waitUntilExit()
        #expect(report.format == .tidy && report.records == 2 && report.valuesUsed == 2, "\(report.problems)")
    }

    @Test func aPipeLosesNoBytesToDetection() throws {
        let pipe = Pipe()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        let text = Self.tidy + (0..<5000).map { "CHN,\(1990 + $0 % 30),y\($0 / 30),\($0)\n" }.joined()
        let writer = Thread {
            pipe.fileHandleForWriting.write(Data(text.utf8))
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let report = Self.load(path)
        #expect(report.records == 5002 && report.valuesUsed == 5002, "\(report.records) records")
    }

    @Test func endlessDevicesAndFoldersAreRefusedWithTheReason() throws {
        for (path, found) in [("/dev/zero", "a device"), (FileManager.default.temporaryDirectory.path, "a folder")] {
            let report = Self.load(path)
            let problem = try #require(report.problems.first, "\(path)")
            #expect(problem.error.reason == .unreadableFile && problem.error.found == found, "\(problem.error)")
            #expect(report.rejected[.unreadableFile] == 1)
        }
    }

    /// ESC, BEL, DEL and C1 controls in data text are shown escaped in messages, never sent raw.
    @Test func controlCharactersInMessagesAreEscaped() {
        let quoted = DivideError.quote("\u{1B}[31mKOR\u{1B}[0m\u{07}\u{7F}\u{9B}x")
        #expect(quoted == "\"\\u{1B}[31mKOR\\u{1B}[0m\\u{7}\\u{7F}\\u{9B}x\"")
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        let builder = PanelBuilder(options: LoadOptions())
        let report = DataLoader().load(bytes: Array("country,year,indicator,value\n\u{1B}]0;pwned\u{07},2020,x,1\n".utf8),
                                       name: "c.csv", into: builder)
        let message = report.problems.map(\.description).joined()
        #expect(!message.isEmpty && !message.contains("\u{1B}") && !message.contains("\u{07}"))
    }

    /// Nearest-name search has a bound: a megabyte "name" gets no suggestion (and no seconds of edit distances);
    /// messages quote at most 60 characters of it.
    @Test func longNamesAreBounded() {
        let long = String(repeating: "x", count: 1_000_000)
        #expect(CountryRegistry.standard.suggestions(for: long).isEmpty)
        #expect(!CountryRegistry.standard.suggestions(for: "Koria").isEmpty)
        #expect(DivideError.quote(long).count == 62)
    }
}
