import Foundation
import Testing
@testable import DivideCLI

/// The reported data loss and its relatives, through the built `divide`: `--output` never deletes or truncates the
/// user's file, refuses folders and devices, and lost standard output is an error.
@Suite("Output safety (divide)")
struct OutputSafetyTests {
    func shell(_ script: String, in directory: String) throws -> (status: Int32, output: String) {
        try DivideProcess.shell(script, in: directory)
    }

    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The issue's case: `echo old > out.csv; divide compute --output out.csv` replaces it with the complete table.
    @Test func computeReplacesAnExistingOutputWhole() throws {
        let dir = try scratch()
        let (status, output) = try shell(#"echo old > out.csv && "$DIVIDE" compute --output out.csv"#, in: dir)
        #expect(status == 0, "\(output)")
        let text = try #require(contents(dir + "/out.csv"))
        #expect(text.hasPrefix("unit,year,node,level,score,rank"))
        #expect(text.utf8.last == 0x0A && text.utf8.count > 100_000)  // ends with a whole record
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    /// A write that fails half way (a 4 KiB file-size limit) leaves the old file exactly as it was, no partial
    /// file beside it, and says why with a non-zero status.
    @Test func aFailedWriteKeepsTheOldFile() throws {
        let dir = try scratch()
        let (status, output) = try shell(#"echo old > out.csv; ulimit -f 4; "$DIVIDE" compute --output out.csv"#, in: dir)
        #expect(status == 1)
        #expect(output.contains("out.csv: cannot write it (the file size limit was reached)"), "\(output)")
        #expect(contents(dir + "/out.csv") == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test func aFolderOrADeviceAsOutputIsRefusedAndLeftAlone() throws {
        let dir = try scratch()
        let (status, output) = try shell(#"mkdir results && echo mine > results/notes.txt && "$DIVIDE" compute --output results"#, in: dir)
        #expect(status == 1)
        #expect(output.contains("results: expected a regular file to write, found a folder"), "\(output)")
        #expect(contents(dir + "/results/notes.txt") == "mine\n")
        let device = try shell(#""$DIVIDE" compute --output /dev/null; echo "status $?"; ls -l /dev/null | cut -c1"#, in: dir)
        #expect(device.output.contains("found a device") && device.output.contains("status 1") && device.output.hasSuffix("c\n"),
                "\(device.output)")
    }

    /// `> /dev/full`: the brief cannot be written, so the command fails instead of exiting 0.
    @Test func lostStandardOutputIsAnError() throws {
        let dir = try scratch()
        let (status, output) = try shell(#""$DIVIDE" brief KOR > /dev/full"#, in: dir)
        #expect(status == 1)
        #expect(output.contains("standard output: cannot write (the disk is full); the output is incomplete"), "\(output)")
    }

    /// `divide briefs` into an existing folder keeps the user's own files and finishes with a complete manifest.
    @Test func briefsIntoAnExistingFolderKeepTheUsersFiles() throws {
        let dir = try scratch()
        let (status, output) = try shell(#"mkdir out && echo mine > out/notes.txt && "$DIVIDE" briefs --all --format markdown --output out"#, in: dir)
        #expect(status == 0, "\(output)")
        #expect(contents(dir + "/out/notes.txt") == "mine\n")
        let manifest = try #require(contents(dir + "/out/manifest.json"))
        #expect(manifest.contains("\"complete\" : true") && manifest.contains("\"name\" : \"KOR.md\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// Killed while writing (SIGKILL at different moments of `divide compute --output`): the file is always either
    /// the old one or the complete new one, never a truncated mix; at most a `.partial` file is left beside it.
    @Test func killedDuringAWriteLeavesTheOldOrTheNewFileWhole() throws {
        let dir = try scratch()
        for delay in ["0.2", "0.6", "1.0", "1.3", "1.6", "2.5"] {
            let script = """
                echo old > out.csv
                "$DIVIDE" compute --output out.csv 2>/dev/null & pid=$!
                sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
                last=$(tail -c 1 out.csv | od -An -tx1 | tr -d ' ')
                if [ "$(cat out.csv)" = old ]; then echo OLD
                elif head -c 40 out.csv | grep -q '^unit,year,node' && [ "$last" = 0a ]; then echo NEW
                else echo BROKEN; fi
                rm -f .out.csv.*.partial
                """
            let (_, output) = try shell(script, in: dir)
            #expect(output.hasSuffix("OLD\n") || output.hasSuffix("NEW\n"), "after \(delay) s: \(output)")
        }
    }
}

@Suite("Everything a command prints is inert")
struct InertOutputTests {
    @Test func controlCharactersAreEscapedButLineEndsAndTabsStay() {
        #expect(StandardOutput.inert("plain\ttext\r\nnext\n") == "plain\ttext\r\nnext\n")
        #expect(StandardOutput.inert("Evil \u{1B}]0;owned\u{07} \u{1B}[2J\r\n")
                == "Evil \\u{1B}]0;owned\\u{7} \\u{1B}[2J\r\n")
        // A lone CR would overwrite the line on a terminal.
        #expect(StandardOutput.inert("KOR 1\rJPN 9\n") == "KOR 1\\rJPN 9\n")
        #expect(StandardOutput.inert("C1 \u{9B}31m") == "C1 \\u{9B}31m")
    }

    @Test func lostHelpAndVersionOutputIsAnError() throws {
        for arguments in [["--version"], ["help", "brief"], ["brief", "--help"]] {
            let result = try DivideProcess.shell("\"$DIVIDE\" \(arguments.joined(separator: " ")) > /dev/full",
                                                 in: FileManager.default.currentDirectoryPath)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.output.contains("disk is full"), "\(arguments)")
        }
    }
}
