import Foundation
import Testing
import DigitalDivide
@testable import DivideReports

/// The page frame every HTML report shares, its print rules, and the regional overview and comparison pages built
/// on it.
@Suite("HTML pages: frame, print rules, overview, comparison")
struct HTMLPageTests {
    /// The rules inside `@media print { … }` of the shared style sheet.
    static var printRules: String {
        let css = HTMLPage.css
        guard let start = css.range(of: "@media print {") else { return "" }
        return String(css[start.upperBound...])
    }

    /// Every `font-size: N pt` in `css`.
    static func pointSizes(_ css: String) -> [Double] {
        css.components(separatedBy: "font-size:").dropFirst().compactMap { rest in
            let value = rest.drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }
            return rest.drop { $0 == " " }.dropFirst(value.count).hasPrefix("pt") ? Double(value) : nil
        }
    }

    @Test func printIsA4AtALegibleSizeAndNeverSplitsARowGroup() {
        let print = Self.printRules
        #expect(HTMLPage.css.contains("@page { size: A4;"))
        #expect(print.contains("body { background: #fff; font-size: 8.5pt;"))
        #expect(print.contains("table { font-size: 8.5pt; }"))
        // Nothing in print is set below the fine print (notes, sources, captions' explanations).
        let sizes = Self.pointSizes(print)
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= HTMLPage.finePrint }, "\(sizes)")
        #expect(HTMLPage.printBodySize >= 8.5 && HTMLPage.finePrint >= 7.5)
        // Table headers repeat on each page; rows, row groups and figures are never split by a page break.
        #expect(HTMLPage.css.contains("thead { display: table-header-group; }"))
        #expect(HTMLPage.css.contains("tr, tbody.group { break-inside: avoid; }"))
        #expect(HTMLPage.css.contains("figure { margin: 0; break-inside: avoid; }"))
        #expect(print.contains("h2 {") && print.contains("break-after: avoid;"))
        // On screen a table scrolls inside its box rather than spilling out of the page card.
        #expect(HTMLPage.css.contains(".table-wrap { max-width: 100%; overflow-x: auto; }"))
    }

    @Test func everyTableOfABriefScrollsInsideTheCard() {
        let html = BriefFixture.brief.html()
        let tables = html.components(separatedBy: "<table").count - 1
        #expect(tables >= 2)
        #expect(html.components(separatedBy: "<div class=\"table-wrap\"><table").count - 1 == tables)
    }

    @Test func theFrameLoadsNothingAndCarriesTheDisclaimer() {
        let page = HTMLPage.document(title: "<T>", extraCSS: ".x { }\n", body: "<p>b</p>", footer: ["<f>"])
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(page.contains("<title>&lt;T&gt;</title>") && page.contains("<p>&lt;f&gt;</p>"))
        #expect(page.contains("<p class=\"designations\">The designations employed"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains(" src="))
    }

    static let overview = RegionalOverview(
        framework: .init(id: "ddi", name: "Digital Divide Index"), year: 2023,
        nodes: [.init(id: "index", name: "Digital Divide Index"), .init(id: "access", name: "Access")],
        rows: [
            .init(economy: .init(iso3: "KOR", name: "Korea, Republic of"), subregionCode: "ENEA", rank: 1,
                  rankInterval: nil, scores: [90, 95]),
            .init(economy: .init(iso3: "TUV", name: "<i>Tuvalu</i>"), subregionCode: "Pacific", rank: 2,
                  rankInterval: nil, scores: [20, nil]),
            .init(economy: .init(iso3: "NIU", name: "Niue"), subregionCode: "Pacific", rank: nil, rankInterval: nil,
                  scores: [nil, 40]),
        ],
        inequality: [.init(id: "index", name: "Digital Divide Index", scored: 2, mean: 55, gini: 0.3, theilT: 0.2,
                           betweenSubregionShare: 0.5)],
        lorenz: [.init(populationShare: 0, valueShare: 0), .init(populationShare: 0.5, valueShare: 0.18),
                 .init(populationShare: 1, valueShare: 1)])

    @Test func theOverviewHasATileMapAndAColourBlindSafeHeatTable() {
        let html = Self.overview.html(links: ["KOR": "KOR.html"])
        #expect(html.contains("aria-label=\"Tile map of the ESCAP region coloured by the Digital Divide Index score, 2023\""))
        #expect(html.contains("<title>Niue (NIU): not scored</title>"))
        #expect(html.contains("<a href=\"KOR.html\"><g><title>Korea, Republic of (KOR): 90.0, rank 1</title>"))
        // Heat cells on the viridis scale, the number in black or white, whichever reads better on it.
        let cell = "style=\"background:\(Palette.score(20).hex);color:\(Palette.text(on: Palette.score(20)).hex)\">20.0</td>"
        #expect(html.contains(cell))
        #expect(Palette.text(on: Palette.score(20)).hex == "#ffffff" && Palette.text(on: Palette.score(90)).hex == "#000000")
        #expect(!html.contains("#f8696b") && html.contains("dark purple (0) to yellow (100)"))
        #expect(html.contains("<div class=\"table-wrap\"><table class=\"heat\">"))
        #expect(!html.contains("<i>") && html.contains("&lt;i&gt;Tuvalu&lt;/i&gt;"))
        #expect(html.contains("<p class=\"designations\">"))
    }

    @Test func theComparisonPageReusesTheFrame() {
        var kor = BriefFixture.brief, jpn = BriefFixture.brief
        jpn.header.economy = .init(iso3: "JPN", name: "<b>Japan</b>")
        jpn.index?.score = 83
        kor.header.sources.append(.init(name: "Other <src>", licence: nil))
        let table = DivideReports.Table(header: ["", "KOR", "JPN"], rows: [["Digital Divide Index", "81.2 (3)", "83.0 (2)"],
                                                                         ["  change, 1 year", "+1.4 ▲", "n/a"]],
                                        numeric: [1, 2])
        let html = ComparisonPage.html([kor, jpn], table: table, note: "Scores with the ESCAP rank in brackets.")
        #expect(html.contains("<title>Digital Divide Index, 2023: KOR, JPN</title>"))
        #expect(html.contains("Korea, Republic of (KOR) · &lt;b&gt;Japan&lt;/b&gt; (JPN)") && !html.contains("<b>Japan"))
        #expect(html.contains("<td class=\"num missing\">n/a</td>") && html.contains("<td class=\"sub\">change, 1 year</td>"))
        #expect(html.contains("<div class=\"table-wrap\"><table><thead><tr><th></th><th class=\"num\">KOR</th>"))
        #expect(html.contains("aria-label=\"Index and pillar scores of KOR, JPN\""))
        #expect(html.contains("[2] Other &lt;src&gt;; [3] World Bank WDI") && html.contains("<p class=\"designations\">"))
        #expect(html.contains("Content-Security-Policy"))
        // Too many economies to tell apart by colour: the table alone.
        let many = Array(repeating: kor, count: ComparisonPage.chartedEconomies + 1)
        #expect(!ComparisonPage.html(many, table: table, note: "").contains("<svg"))
    }
}
