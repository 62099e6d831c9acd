import Foundation
import Testing
@testable import DivideData
@testable import DivideReports

/// The brief and the regional overview as Excel workbooks: one sheet per table, numbers as numbers, units in their
/// own columns, notes and sources on sheets of their own; every sheet reads back through the project's reader.
@Suite("Brief and overview workbooks")
struct BriefWorkbookTests {
    static let sheetNames = ["About", "Scores", "Gap contributors", "Standing", "Indicators", "Within economy", "Peers",
                             "Trend", "Lorenz", "Targets", "Notes", "Sources"]

    func sheet(_ book: XLSXWorkbook, _ name: String) throws -> XLSXWorkbook.Sheet {
        try #require(book.sheets.first { $0.name == name })
    }

    func column(_ sheet: XLSXWorkbook.Sheet, _ header: String) throws -> Int {
        try #require(sheet.columns.firstIndex { $0.header == header }, "no column \(header) in \(sheet.name)")
    }

    @Test func everyTableIsASheetWithTypedCells() throws {
        let book = BriefFixture.brief.workbook()
        #expect(book.sheets.map(\.name) == Self.sheetNames)

        let scores = try sheet(book, "Scores")
        #expect(scores.rows.map { $0[0] } == [.text("index"), .text("access"), .text("afford"), .text("skills")])
        let index = scores.rows[0]
        #expect(index[try column(scores, "score")] == .number(81.25))
        #expect(index[try column(scores, "rank")] == .integer(3))
        #expect(index[try column(scores, "ranked")] == .integer(58))
        #expect(index[try column(scores, "rank 95th percentile")] == .number(5))
        #expect(index[try column(scores, "change 5 years")] == .number(6.25))
        #expect(index[try column(scores, "change 5 years from")] == .integer(2018))
        #expect(index[try column(scores, "ESCAP best economy")] == .text("SGP"))
        #expect(index[try column(scores, "gap to ESCAP best")] == .number(7.35))
        #expect(scores.columns[try column(scores, "score")].numberFormat == "0.0")
        // Not scored: empty cells, not "n/a".
        #expect(scores.rows[3][try column(scores, "score")] == .empty)
        #expect(scores.rows[2][try column(scores, "change 5 years")] == .empty)

        let indicators = try sheet(book, "Indicators")
        #expect(indicators.columns.map(\.header) == ["indicator", "name", "pillar", "value", "unit", "year", "source",
                                                     "status", "carried forward from"])
        #expect(indicators.rows[3] == [.text("gni"), .text("GNI per capita, Atlas method"), .text("Affordability"),
                                       .number(35990), .text("current US$"), .integer(2023), .text("World Bank WDI"),
                                       .text("imputed"), .empty])
        #expect(indicators.rows[1][7] == .text("carried forward from 2021") && indicators.rows[1][8] == .integer(2021))

        let contributors = try sheet(book, "Gap contributors")
        #expect(contributors.rows.count == 2 + 3 + 1 + 1 + 1)
        #expect(contributors.rows[0] == [.text("index"), .text("subregion best"), .number(83), .text("JPN"), .number(1.75),
                                         .integer(1), .text("skills"), .text("ICT skills"), .number(1.2), .number(0.686)])
        #expect(contributors.columns.last?.numberFormat == "0%")

        let within = try sheet(book, "Within economy")
        #expect(within.rows.count == 1)
        #expect(within.rows[0][4] == .number(96.1) && within.rows[0][7] == .number(0.9776))
        #expect(within.rows[0][8] == .text("favours men (ITU parity band 0.98–1.02)"))   // words, not favours_men

        let peers = try sheet(book, "Peers")
        #expect(peers.columns.map(\.header) == ["iso3", "economy", "index score", "index rank", "access score",
                                                "access rank", "afford score", "afford rank", "skills score", "skills rank"])
        #expect(peers.rows[1] == [.text("CHN"), .text("China"), .number(70.4), .integer(12), .number(75), .integer(15),
                                  .number(85), .integer(4), .empty, .empty])

        let targets = try sheet(book, "Targets")
        let reach = try column(targets, "years to reach")
        #expect(targets.rows[0][reach] == .empty && targets.rows[1][reach] == .number(12.5))
        #expect(targets.rows[1][try column(targets, "growth a year")] == .number(-0.05))
        #expect(targets.rows[1][try column(targets, "direction")] == .text("at most"))

        #expect(try sheet(book, "Trend").rows.count == 6 + 3 + 3)
        #expect(try sheet(book, "Lorenz").rows[1] == [.number(0.25), .number(0.15)])
        #expect(try sheet(book, "Sources").rows == [[.text("ITU DataHub"), .text("CC BY 4.0")],
                                                    [.text("World Bank WDI"), .text("CC BY 4.0")]])
        let notes = try sheet(book, "Notes").rows
        #expect(notes.contains([.text("brief"), .text(BriefFixture.brief.notes[0])]))
        #expect(notes.contains([.text("standing"), .text("ESCAP region (58)")]))
        let about = try sheet(book, "About").rows
        #expect(about.contains([.text("year"), .integer(2023)]) && about.contains([.text("iso3"), .text("KOR")]))
        #expect(about.contains([.text("Gini of the index across the ESCAP region"), .number(0.125)]))
    }

    @Test func aBriefWithNothingKeepsEverySheet() throws {
        let book = BriefFixture.empty.workbook()
        #expect(book.sheets.map(\.name) == Self.sheetNames)
        #expect(try sheet(book, "Scores").rows.isEmpty && !sheet(book, "Scores").columns.isEmpty)
        #expect(try sheet(book, "Sources").rows.isEmpty)
    }

    /// Every sheet of the written file reads back through the project's own .xlsx reader, cell by cell.
    @Test func readsBackThroughTheReader() throws {
        let book = BriefFixture.brief.workbook()
        let directory = try InputFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("KOR.xlsx").path
        try book.write(to: path)
        let read = try Workbook.sheets(path: path, kind: .xlsx)
        #expect(read.map(\.name) == Self.sheetNames)
        for (written, back) in zip(book.sheets, read) {
            #expect(back.rows == Self.expectedText(written), "sheet \(written.name)")
        }
    }

    /// What the reader gives for a written sheet: the header, then each cell as text (numbers as their shortest
    /// decimal, in percent under a percent format as Excel shows them; empty cells as ""), rows cut after their
    /// last non-empty cell.
    static func expectedText(_ sheet: XLSXWorkbook.Sheet) -> [[String]] {
        let rows = [sheet.columns.map { XLSXWorkbook.Cell.text($0.header) }] + sheet.rows
        let percent = sheet.columns.map { $0.numberFormat?.contains("%") == true }
        return rows.map { row in
            var cells = row.enumerated().map { c, cell -> String in
                switch cell {
                case .text(let s): return s
                case .number(let x):
                    guard x.isFinite else { return "" }
                    return c < percent.count && percent[c] ? Workbook.number((x * 100 * 1e9).rounded() / 1e9) : Workbook.number(x)
                case .integer(let n): return String(n)
                case .empty: return ""
                }
            }
            while cells.last == "" { cells.removeLast() }
            return cells
        }
    }

    @Test func theOverviewHasItsTables() throws {
        let overview = RegionalOverview(
            framework: .init(id: "ddi", name: "Digital Divide Index"), year: 2023,
            nodes: [.init(id: "index", name: "Digital Divide Index"), .init(id: "access", name: "Access")],
            rows: [.init(economy: BriefFixture.sgp, subregionCode: "SEA", rank: 1,
                         rankInterval: .init(low: 1, high: 2, median: 1, replications: 100), scores: [88.6, 93.4]),
                   .init(economy: BriefFixture.mng, subregionCode: "ENEA", rank: nil, rankInterval: nil,
                         scores: [nil, 48])],
            inequality: [.init(id: "index", name: "Digital Divide Index", scored: 1, mean: 88.6, gini: 0, theilT: 0,
                               betweenSubregionShare: nil)],
            lorenz: [.init(populationShare: 0, valueShare: 0), .init(populationShare: 1, valueShare: 1)])
        let book = overview.workbook()
        #expect(book.sheets.map(\.name) == ["Leaderboard", "Inequality", "Lorenz", "Notes"])
        let leaderboard = try sheet(book, "Leaderboard")
        #expect(leaderboard.columns.map(\.header) == ["rank", "iso3", "economy", "subregion", "rank 5th percentile",
                                                      "rank 95th percentile", "Digital Divide Index", "Access"])
        #expect(leaderboard.rows[0] == [.integer(1), .text("SGP"), .text("Singapore"), .text("SEA"), .number(1),
                                        .number(2), .number(88.6), .number(93.4)])
        #expect(leaderboard.rows[1] == [.empty, .text("MNG"), .text("Mongolia"), .text("ENEA"), .empty, .empty, .empty,
                                        .number(48)])
        #expect(try sheet(book, "Inequality").rows[0][6] == .empty)
        _ = try book.data()
    }
}
