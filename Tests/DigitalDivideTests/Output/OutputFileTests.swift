import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// ``OutputFile`` and ``OutputFolder``: a destination is replaced whole or left as it was, and nothing but a regular
/// file the caller named is ever replaced.
@Suite("Output files")
struct OutputFileTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Files in `folder` other than the ones named: nothing stray (no `.partial` left behind).
    static func listing(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func writesANewFileAndReplacesAnExistingOneWhole() throws {
        let folder = try Self.scratch()
        let path = folder + "/out.csv"
        try OutputFile.write("a,b\n1,2\n", to: path)
        #expect(Self.contents(path) == "a,b\n1,2\n")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        try OutputFile.write("new\n", to: path)
        #expect(Self.contents(path) == "new\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o640)  // a replaced file keeps its mode
        #expect(Self.listing(folder) == ["out.csv"])
    }

    @Test func createsMissingParentFolders() throws {
        let folder = try Self.scratch()
        try OutputFile.write("x", to: folder + "/a/b/c.txt")
        #expect(Self.contents(folder + "/a/b/c.txt") == "x")
    }

    @Test func anAbandonedFileLeavesTheDestinationAsItWas() throws {
        let folder = try Self.scratch()
        let path = folder + "/scores.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let file = try OutputFile(path: path)
            try file.append(String(repeating: "partial,row\n", count: 20_000))  // past the 64 KiB buffer
            file.abandon()
        }
        do { _ = try OutputFile(path: path) }  // dropped without commit: abandoned by deinit
        #expect(Self.contents(path) == "old\n")
        #expect(Self.listing(folder) == ["scores.csv"])
    }

    @Test func refusesFoldersDevicesAndFifosAndTouchesNothing() throws {
        let folder = try Self.scratch()
        let inner = folder + "/results"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
        try "keep".write(toFile: inner + "/keep.txt", atomically: false, encoding: .utf8)
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, found) in [(inner, "a folder"), ("/dev/null", "a device"), (fifo, "a named pipe (FIFO)")] {
            #expect {
                try OutputFile.write("x", to: path)
            } throws: { error in
                guard let error = error as? DivideError else { return false }
                return error.reason == .unwritableOutput && error.found == found && error.location?.file == path
            }
        }
        #expect(Self.contents(inner + "/keep.txt") == "keep")
        #expect(Self.listing(folder) == ["pipe", "results"])
        #expect(Self.listing(inner) == ["keep.txt"])
    }

    @Test func followsASymbolicLinkToARegularFileAndKeepsTheLink() throws {
        let folder = try Self.scratch()
        try "old".write(toFile: folder + "/real.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: folder + "/real.csv")
        try OutputFile.write("new", to: folder + "/link.csv")
        #expect(Self.contents(folder + "/real.csv") == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.csv")) == folder + "/real.csv")
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/none")
        #expect(throws: DivideError.self) { try OutputFile.write("x", to: folder + "/dangling") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/none"))
    }

    @Test func aDestinationInAFolderThatCannotTakeFilesIsAnError() throws {
        // /proc takes no new files: the failure comes before any byte, names the path and says nothing was written.
        #expect {
            try OutputFile.write("x", to: "/proc/divide-test-output")
        } throws: { error in
            guard let error = error as? DivideError else { return false }
            return error.reason == .unwritableOutput && error.location?.file == "/proc/divide-test-output"
                && error.hint?.contains("nothing was written") == true
        }
    }

    @Test func aNewBatchFolderAppearsWholeWithItsManifest() throws {
        let folder = try Self.scratch()
        let batch = try OutputFolder(path: folder + "/briefs", tool: "test")
        try batch.write("a", as: "KOR.md")
        #expect(!FileManager.default.fileExists(atPath: folder + "/briefs"))  // staged beside it until complete
        try batch.write("b", as: "JPN.md")
        #expect(try batch.commit() == ["KOR.md", "JPN.md"])
        #expect(Self.listing(folder) == ["briefs"])
        #expect(Self.listing(folder + "/briefs") == ["JPN.md", "KOR.md", "manifest.json"])
        let manifest = try #require(Self.contents(folder + "/briefs/manifest.json"))
        #expect(manifest.contains("\"complete\" : true") && manifest.contains("\"name\" : \"KOR.md\""))
    }

    @Test func anInterruptedBatchIsRecognisable() throws {
        let folder = try Self.scratch()
        // New folder: nothing appears.
        do {
            let batch = try OutputFolder(path: folder + "/new", tool: "test")
            try batch.write("a", as: "KOR.md")
            batch.abandon()
        }
        #expect(Self.listing(folder).isEmpty)
        // Existing folder: the user's own files stay, the manifest says incomplete.
        try FileManager.default.createDirectory(atPath: folder + "/old", withIntermediateDirectories: false)
        try "mine".write(toFile: folder + "/old/notes.txt", atomically: false, encoding: .utf8)
        do {
            let batch = try OutputFolder(path: folder + "/old", tool: "test")
            try batch.write("a", as: "KOR.md")
        }
        #expect(Self.contents(folder + "/old/notes.txt") == "mine")
        #expect(Self.contents(folder + "/old/manifest.json")?.contains("\"complete\" : false") == true)
        // A file where the folder should be: refused, untouched.
        try "file".write(toFile: folder + "/plain", atomically: false, encoding: .utf8)
        #expect(throws: DivideError.self) { try OutputFolder(path: folder + "/plain", tool: "test") }
        #expect(Self.contents(folder + "/plain") == "file")
        // Names that would leave the folder are refused.
        let batch = try OutputFolder(path: folder + "/names", tool: "test")
        for name in ["../x", "a/b", "..", "", "manifest.json"] {
            #expect(throws: DivideError.self) { try batch.write("x", as: name) }
        }
    }
}
