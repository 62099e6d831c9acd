import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// Nothing silent: a rejected input value is said on every index command; a year with no scores is an error that
/// says which years have them, never an empty table with exit 0.
@Suite("No silent outcome (divide)")
struct NoSilentOutcomeTests {
    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        try DivideProcess.run(arguments, in: directory)
    }

    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("silent-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var csv = "country,year,indicator,value\n"
        for (k, unit) in ["KOR", "JPN", "CHN", "IND"].enumerated() {
            for year in 2020...2022 { csv += "\(unit),\(year),a,\(10 * k + year - 2000)\n\(unit),\(year),b,\(50 - k)\n" }
        }
        csv += "IND,2022,a,1O\n"   // a typo: letter O for zero
        try? csv.write(toFile: path + "/data.csv", atomically: false, encoding: .utf8)
        try? """
            id: two
            name: Two
            aggregation: arithmetic
            children:
              - {id: a, series: a, direction: higher}
              - {id: b, series: b, direction: higher}
            """.write(toFile: path + "/two.yaml", atomically: false, encoding: .utf8)
        return path
    }()

    @Test(arguments: [["rank"], ["compute"], ["gaps"], ["audit"]])
    func aRejectedValueIsSaidOnEveryIndexCommand(command: [String]) throws {
        let (status, output) = try run(command + ["--framework", "two.yaml", "--no-default-data", "--data", "data.csv",
                                                  "--group", "all"], in: Self.folder)
        #expect(status == 0, "\(output)")
        #expect(output.contains("note: 1 values were rejected while loading (first: data.csv:26:4 (value))"), "\(output)")
        let strict = try run(command + ["--framework", "two.yaml", "--no-default-data", "--data", "data.csv",
                                        "--group", "all", "--strict"], in: Self.folder)
        #expect(strict.status != 0 && strict.output.contains("rejected"), "\(strict.output)")
    }

    @Test func threadCountsAreBounded() {
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["rank", "--threads", "100000"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["rank", "--threads", "0"]) }
        #expect((try? Divide.parseAsRoot(["rank", "--threads", "256"])) != nil)
    }

    @Test func aYearWithoutScoresIsAnErrorThatSaysWhichYearsHaveThem() throws {
        let (status, output) = try run(["rank", "--framework", "two.yaml", "--no-default-data", "--data", "data.csv",
                                        "--group", "all", "--year", "2030"], in: Self.folder)
        #expect(status == 2)
        #expect(output.contains("no scores for 2030 on two (later than the data reach: they end in 2022); years with scores: 2020–2022"),
                "\(output)")
        // Every index command, not only rank: an empty report is never written as if complete.
        for command in ["compute", "audit", "gaps"] {
            let (status, output) = try run([command, "--framework", "two.yaml", "--no-default-data", "--data", "data.csv",
                                            "--group", "all", "--year", "2030"], in: Self.folder)
            #expect(status == 2 && output.contains("no scores for 2030"), "\(command): \(output)")
        }
    }
}

/// Text is inert in every output format: data text cannot reach a terminal as a control sequence or become markup.
@Suite("Inert text in tables")
struct InertTextTableTests {
    static let hostile = "\u{1B}]0;owned\u{07}<script>alert(1)</script>|x"

    @Test func textTablesShowControlCharactersEscaped() {
        let text = Table(header: ["unit", "name"], rows: [["KOR", Self.hostile]]).text()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("\\u{1B}]0;owned\\u{7}"))
    }

    @Test func markdownTablesEscapeHTMLAndPipes() {
        let markdown = Table(header: ["unit", "name"], rows: [["KOR", Self.hostile]]).markdown()
        #expect(!markdown.contains("<script>") && markdown.contains("\\<script\\>"))
        #expect(markdown.contains("\\|x") && !markdown.contains("\u{1B}"))
        #expect(InertText.markdown("a & b") == "a \\& b")
    }
}

extension InertTextTableTests {
    /// A hostile brief JSON (render-brief) cannot drive the terminal: with colour on, the only escapes are the
    /// renderer's own SGR codes (ESC [ … m).
    @Test func theTextBriefOfAHostileJSONHasOnlyItsOwnEscapes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/briefs/sample-brief.json")
        let json = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "Korea, Republic of", with: "Korea\\u001b]0;owned\\u0007\\u001b[2J")
        let brief = try Brief.decode(json: Data(json.utf8))
        let text = brief.text(width: 100, colour: true)
        #expect(text.contains("Korea\\u{1B}]0;owned\\u{7}\\u{1B}[2J"))
        // Every raw ESC starts one of the renderer's SGR sequences: ESC [ digits m.
        let scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() where s.value == 0x1B {
            var j = k + 1
            #expect(j < scalars.count && scalars[j] == "[")
            j += 1
            while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
            #expect(j < scalars.count && scalars[j] == "m", "an escape that is not SGR at \(k)")
        }
        #expect(!text.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0xE000 || $0.value == 0xE001 })
    }
}
