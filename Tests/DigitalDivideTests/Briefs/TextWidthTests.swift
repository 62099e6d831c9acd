import Foundation
import Testing
@testable import DivideReports
import DivideIndex

/// Issue 17, point 2: text briefs fit the width they claim and still say everything: long indicator names and
/// sources wrap instead of being cut ("Population covered by at least…"), each source is given in full.
@Suite(.serialized) struct TextWidthTests {
    static let run: IndexRun? = try? IndexRequest(data: [RepositoryPaths.data.path]).run()

    @Test(arguments: ["KOR", "TUV", "IND", "FSM", "PRK"])
    func everyLineFitsAndNothingIsCut(iso3: String) throws {
        let run = try #require(Self.run)
        let brief = try BriefBuilder(run: run).brief(for: iso3)
        for width in [80, 100, 132] {
            let text = brief.text(width: width)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let over = lines.filter { $0.count > width }
            #expect(over.isEmpty, "\(iso3) at \(width): \(over.count) lines wider, e.g. \(over.first ?? "")")
            #expect(!text.contains("…"), "\(iso3) at \(width): a cut word")
            // Every indicator's name and source are there in full (words may wrap onto the next line).
            let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            for row in brief.indicators {
                for word in (row.name + " " + (row.source ?? "")).split(separator: " ").map(String.init) where word.count < width / 2 {
                    #expect(words.contains(word), "\(iso3) at \(width): '\(word)' of \(row.name) / \(row.source ?? "") missing")
                }
            }
        }
    }

    @Test func aWordWiderThanTheLineIsBrokenNotCut() {
        let lines = TextLayout.wrap("see https://datahub.itu.int/data/?e=KOR&c=701&i=11624 now", width: 20)
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "seehttps://datahub.itu.int/data/?e=KOR&c=701&i=11624now")
        let table = Table(columns: [.init(header: "a"), .init(header: "long", minimumWidth: 4)],
                          rows: [["x", "one two three four"]]).lines(width: 12)
        #expect(table.allSatisfy { $0.count <= 12 })
        #expect(table.count > 3)
        #expect(table.dropFirst(2).map { $0.dropFirst(3) }.joined(separator: " ") == "one two three four")
    }
}
