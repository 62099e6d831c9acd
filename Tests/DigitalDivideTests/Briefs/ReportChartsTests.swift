import Foundation
import Testing
import DigitalDivide
@testable import DivideReports

/// The charts of the HTML reports: axes, end labels that never overlap, the indicator cards (averages only where
/// half a group reports, targets and standing on the card of their indicator), and two-line row labels.
@Suite("Report charts")
struct ReportChartsTests {
    /// The polyline whose tooltip is `name` in `svg`, as its number of points.
    static func pointCount(of name: String, in svg: String) -> Int? {
        guard let end = svg.range(of: "><title>\(name)</title></polyline>") else { return nil }
        let head = svg[..<end.lowerBound]
        guard let start = head.range(of: "<polyline points=\"", options: .backwards) else { return nil }
        let points = head[start.upperBound...].prefix { $0 != "\"" }
        return points.split(separator: " ").count
    }

    /// The indicator card of `name` in `html`.
    static func card(_ name: String, in html: String) -> String? {
        html.components(separatedBy: "<figure class=\"card\">").first { $0.contains("<b>\(name)</b>") }
    }

    @Test func groupAveragesAreDrawnWhereHalfTheGroupReports() throws {
        let html = BriefFixture.brief.html()
        let card = try #require(Self.card("Individuals using the Internet", in: html))
        // The subregion's 2020 mean rests on 2 of 7 economies: left out; 2019, 2021 and 2023 are drawn.
        #expect(Self.pointCount(of: "ENEA", in: card) == 3)
        #expect(Self.pointCount(of: "ESCAP", in: card) == 3)
        #expect(Self.pointCount(of: "KOR", in: card) == 3)
        // Each line named at its end, in a colour legible on white.
        for name in ["KOR", "ENEA", "ESCAP"] { #expect(card.contains(">\(name)</text>")) }
        #expect(card.contains(">%</text>"))  // the y axis's title: the unit
    }

    @Test func targetsAndStandingAreOnTheirIndicatorsCard() throws {
        let html = BriefFixture.brief.html()
        let internet = try #require(Self.card("Individuals using the Internet", in: html))
        #expect(internet.contains("<span class=\"target\">Target 75 by 2025: met</span>"))
        #expect(internet.contains("paint-order=\"stroke\">target 75</text>"))  // the dashed target line, named on it
        #expect(internet.contains("<span class=\"standing up\">Strength: +1.4 sd against the ESCAP mean of 68.4</span>"))
        let price = try #require(Self.card("Mobile data price", in: html))
        #expect(price.contains("Target below 1 by 2025: ≈2036 at −5.0%/yr, off track"))
        #expect(price.contains("<span class=\"standing down\">Weakness: -0.7 sd against the ESCAP mean of 1.20</span>"))
        // Every target has a card here: no separate table; the sources of the targets under the cards.
        #expect(!html.contains("<h2>Targets</h2>"))
        #expect(html.contains("Targets: Broadband Commission, Targets 2025, Target 4; Broadband Commission, Targets 2025, Target 3."))
        // A target whose series no card charts keeps its table row.
        var brief = BriefFixture.brief
        brief.indicatorTrends?[0].series = nil
        let table = brief.html()
        #expect(table.contains("<h2>Targets</h2>") && table.contains("<td>Individuals using the Internet</td>"))
        #expect(!table.contains("<td>Mobile data price</td>"))
    }

    @Test func endLabelsNeverOverlapAndKeepTheirOrder() {
        let placed = SVGCharts.spread([50, 51, 52, 10, 99], gap: 9, within: 0...100)
        let sorted = placed.enumerated().sorted { $0.element < $1.element }.map(\.offset)
        #expect(sorted == [3, 0, 1, 2, 4])
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(placed[b] - placed[a] >= 9 - 1e-9) }
        #expect(placed.allSatisfy { (0...100).contains($0) })
        // Crowded at the bottom: pushed back up, still apart and inside.
        let low = SVGCharts.spread([100, 100, 100], gap: 10, within: 0...100)
        #expect(low == [80, 90, 100])
    }

    @Test func axesAreRoundAndLabelledAsTheirStepNeeds() {
        #expect(SVGCharts.niceAxis([0.6, 2.4]) == (0, 3, 1))
        #expect(SVGCharts.niceAxis([12, 97]) == (0, 100, 25))
        #expect(SVGCharts.niceAxis([-3, 7]) == (-5, 7.5, 2.5))
        #expect(SVGCharts.niceAxis([150], count: 3) == (0, 150, 50))
        #expect(SVGCharts.tickLabel(2.5, step: 0.5) == "2.5" && SVGCharts.tickLabel(2, step: 0.5) == "2.0")
        #expect(SVGCharts.tickLabel(40000, step: 10000) == "40k" && SVGCharts.tickLabel(0.25, step: 0.25) == "0.25")
        #expect(SVGCharts.yearTicks(from: 2015, to: 2024, room: 4) == [2015, 2020, 2024])
        #expect(SVGCharts.yearTicks(from: 2020, to: 2024, room: 6) == [2020, 2021, 2022, 2023, 2024])
        #expect(SVGCharts.yearTicks(from: 2023, to: 2023, room: 4) == [2023])
    }

    @Test func longRowLabelsTakeTwoLinesInsteadOfBeingCut() {
        #expect(SVGCharts.labelLines("Asia-Pacific Digital Divide Index") == ["Asia-Pacific Digital", "Divide Index"])
        #expect(SVGCharts.labelLines("Skills") == ["Skills"])
        #expect(SVGCharts.labelLines(String(repeating: "word ", count: 20)).count == 2)
        let svg = SVGCharts.dotPlot(title: "t", rows: [("Asia-Pacific Digital Divide Index", [50, 40, nil])],
                                    series: [("A", "#000", .circle), ("B", "#111", .diamond), ("C", "#222", .tick)])
        #expect(svg.contains(">Asia-Pacific Digital</text>") && svg.contains(">Divide Index</text>"))
        #expect(!svg.contains("…"))
    }

    @Test func chartsEscapeEveryTextFromData() {
        let attack = "<b onmouseover=x>"
        let svg = SVGCharts.lines(title: attack, series: [.init(name: attack, colour: "#000", points: [(2020, 1), (2021, 2)])],
                                  yTitle: attack)
        #expect(!svg.contains("<b ") && svg.contains("&lt;b onmouseover=x&gt;"))
        let bars = SVGCharts.dotPlot(title: attack, rows: [(attack, [1])], series: [(attack, "#000", .circle)])
        #expect(!bars.contains("<b ") && bars.contains("&lt;b onmouseover=x&gt;"))
    }
}
