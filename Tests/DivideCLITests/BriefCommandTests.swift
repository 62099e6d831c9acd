import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

@Suite("Brief output in the CLI")
struct BriefOutputTests {
    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(Terminal.useColour(environment: [:], isTerminal: true))
        #expect(!Terminal.useColour(environment: [:], isTerminal: false))
        #expect(!Terminal.useColour(environment: ["NO_COLOR": "1"], isTerminal: true))
        // no-color.org: an empty NO_COLOR does not disable colour.
        #expect(Terminal.useColour(environment: ["NO_COLOR": ""], isTerminal: true))
    }

    @Test func widthFollowsColumnsUpTo100() {
        #expect(Terminal.width(environment: ["COLUMNS": "80"], isTerminal: true) == 80)
        #expect(Terminal.width(environment: ["COLUMNS": "200"], isTerminal: true) == 100)
        #expect(Terminal.width(environment: ["COLUMNS": "80"], isTerminal: false) == 100)
    }

    @Test func renderBriefParsesAndReportsBadFiles() throws {
        let command = try #require(
            try Divide.parseAsRoot(["render-brief", "b.json", "--format", "html", "--output", "o.html"])
                as? RenderBriefCommand)
        #expect(command.path == "b.json" && command.format == .html && command.output == "o.html")
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["render-brief", "b.json", "--format", "pdf"]) }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-brief-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bad = directory.appendingPathComponent("bad.json")
        try Data(#"{"schema_version":"1.0","header":{"economy":{"iso3":"KOR"}}}"#.utf8).write(to: bad)
        do {
            _ = try RenderBriefCommand.load(bad.path)
            Issue.record("expected an error")
        } catch let error as ValidationError {
            #expect(error.message.hasPrefix("\(bad.path): not a brief: header.economy: missing field \"name\""))
        }
    }
}
