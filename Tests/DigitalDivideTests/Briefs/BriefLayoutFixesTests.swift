import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// The fixes found by looking at all 58 printed briefs: rank counts per node, ties for the best, numbered sources
/// and grouped missing indicators, and long peer lists laid out side by side.
@Suite("Brief renderers: ranks per node, ties, sources, print layout")
struct BriefLayoutFixesTests {
    /// The fixture with the index ranked among 48 economies and one pillar among 55 (a pillar can score economies
    /// the index does not).
    static var unevenlyRanked: Brief {
        var brief = BriefFixture.brief
        brief.index?.rank = Brief.RankPosition(rank: 3, of: 48)
        brief.pillars[0].rank = Brief.RankPosition(rank: 2, of: 55)
        brief.pillars[1].rank = Brief.RankPosition(rank: 9, of: 48)
        return brief
    }

    @Test func rankChartNamesEachNodesOwnRankedCount() {
        let html = Self.unevenlyRanked.html()
        // Each row says how many economies it is ranked among, and the index is never "of 55".
        #expect(html.contains("Digital Divide Index: rank 3 of 48"))
        #expect(html.contains("Access and infrastructure: rank 2 of 55"))
        #expect(html.contains(">of 48</text>") && html.contains(">of 55</text>"))
        #expect(html.contains("Rank and 5–95% rank interval (of 48–55)"))
        #expect(!html.contains("(of 55)") && !html.contains("rank 3 of 55"))
        // The KPI and the table agree with the chart.
        #expect(html.contains("<div class=\"value\">3/48</div>"))
        #expect(html.contains("<td class=\"num\">3/48</td>"))
        // The same counts in text, Markdown and JSON.
        #expect(Self.unevenlyRanked.text().contains("3/48") && Self.unevenlyRanked.text().contains("2/55"))
        #expect(Self.unevenlyRanked.markdown().contains("| 3/48 |"))
        let json = try? Self.unevenlyRanked.json()
        #expect(json?.contains("\"rank\" : {\n      \"of\" : 48,\n      \"rank\" : 3\n    }") == true)
        // One count for every node: the caption names it once.
        var even = BriefFixture.brief
        even.pillars[1].rank = Brief.RankPosition(rank: 9, of: 58)
        #expect(even.html().contains("Rank and 5–95% rank interval (of 58)"))
        #expect(BriefHTMLRenderer.rankedCount([48, 55, 49]) == "48–55")
        #expect(BriefHTMLRenderer.rankedCount([58, 58]) == "58")
    }

    static var tied: Brief {
        var brief = BriefFixture.brief
        let tied = [BriefFixture.jpn, BriefFixture.kor, BriefFixture.sgp]
        brief.pillars[0].escap = Brief.Benchmark(group: "ESCAP", average: 55.1, best: 100, bestEconomy: BriefFixture.jpn,
                                                 bestTiedEconomies: tied, scored: 58)
        brief.index?.gapToEscapBest?.frontierTiedEconomies = [BriefFixture.jpn, BriefFixture.sgp]
        return brief
    }

    @Test func tiedBestIsSaidTiedInEveryFormat() throws {
        let brief = Self.tied
        // Text and Markdown say "tied" with the count instead of naming one economy.
        #expect(brief.text().contains("100.0 (3 tied)"))
        #expect(!brief.text().contains("100.0 JPN"))
        #expect(brief.markdown().contains("| 100.0 (3 tied) |"))
        // HTML names them all in the gap cell's tooltip.
        let html = brief.html()
        #expect(html.contains("title=\"Tied: JPN, SGP\">7.3 (2 tied)</td>"))
        // JSON lists them; CSV writes them space-separated (and an empty cell where nobody ties).
        let json = try brief.json()
        #expect(json.contains("\"best_tied_economies\" : ["))
        #expect(json.contains("\"frontier_tied_economies\" : ["))
        #expect(try Brief.decode(json: Data(json.utf8)) == brief)
        let csv = brief.csv()
        #expect(csv.contains("pillar,access,escap_best_tied_iso3,JPN KOR SGP\r\n"))
        #expect(csv.contains("pillar,access,subregion_best_tied_iso3,\r\n"))
        // Without a tie nothing changes: one holder, named.
        #expect(BriefFixture.brief.text().contains("88.6 SGP"))
        #expect(!(try BriefFixture.brief.json()).contains("tied"))
    }

    @Test func indicatorCardsCiteNumberedSourcesAndListMissingValues() {
        var brief = BriefFixture.brief
        brief.indicators.append(Brief.IndicatorRow(
            indicatorId: "lit", name: "Adult literacy rate", pillar: "Skills", value: nil, unit: "%", year: nil,
            source: "World Bank WDI", status: .missing))
        let html = brief.html()
        #expect(html.contains("Sources: [1] ITU DataHub (CC BY 4.0); [2] World Bank WDI (CC BY 4.0)"))
        #expect(html.contains("title=\"ITU DataHub\">97.2 %, 2023 [1]</span>"))
        #expect(html.contains("title=\"World Bank WDI\">imputed [2]</span>"))
        // The indicators without a value nor a history share one line, each with its source.
        #expect(html.contains("none published in these years): ICT skills; Adult literacy rate [2]</p>"))
        // A source the footer does not list is written out.
        brief.indicators[0].source = "Elsewhere"
        #expect(brief.html().contains("title=\"Elsewhere\">97.2 %, 2023 Elsewhere</span>"))
    }

    /// A brief written before schema 2.1 has no indicator trends: its indicators keep the table, one row group per
    /// pillar (which a page break does not split), and strengths and weaknesses their own table.
    @Test func briefsWithoutTrendsKeepTheIndicatorTable() {
        var brief = BriefFixture.brief
        brief.indicatorTrends = nil
        brief.indicators.append(Brief.IndicatorRow(
            indicatorId: "lit", name: "Adult literacy rate", pillar: "Skills", value: nil, unit: "%", year: nil,
            source: "World Bank WDI", status: .missing))
        let html = brief.html()
        #expect(!html.contains("<figure class=\"card\">"))
        #expect(html.contains("<table class=\"indicators\">"))
        #expect(html.components(separatedBy: "<tbody class=\"group\">").count - 1 == 3)
        #expect(html.contains("<td class=\"src\" title=\"ITU DataHub\">[1]</td>"))
        #expect(html.contains("(no value for 2023 nor a recent one): ICT skills; Adult literacy rate [2]</td>"))
        #expect(html.components(separatedBy: "<tr class=\"no-value\">").count - 1 == 1)
        #expect(html.contains("<td class=\"flag-carried_forward\">carried forward from 2021</td>"))
        #expect(html.contains("<h2>Strengths and weaknesses</h2>") && html.contains("<h2>Targets</h2>"))
    }

    @Test func longPeerListsAreSplitIntoTwoTables() throws {
        var brief = BriefFixture.brief
        let few = brief.html()
        let fewSection = try #require(few.components(separatedBy: "<h2>Peers").last)
        #expect(fewSection.components(separatedBy: "<table class=\"peers\">").count - 1 == 1)
        // One column per economy, by ISO3 code with its name in the tooltip and the key; one row per node.
        #expect(fewSection.contains("<th class=\"num\" title=\"Japan\">JPN</th>"))
        #expect(fewSection.contains("KOR: Korea, Republic of; JPN: Japan; CHN: China; MNG: Mongolia."))
        let peer = brief.peers!.economies[0]
        brief.peers?.economies = (0..<20).map { k in
            var row = peer
            row.economy = Brief.Economy(iso3: String(format: "P%02d", k), name: "Peer \(k)")
            return row
        }
        let many = brief.html()
        let section = try #require(many.components(separatedBy: "<h2>Peers").last)
        // 21 economies (the brief's and 20 peers): 11 columns in the first table, 10 in the second, one under the
        // other; each table has a row per node (the index and three pillars).
        let tables = section.components(separatedBy: "</table>")
        #expect(tables.count >= 3)
        #expect(tables[0].components(separatedBy: "<th class=\"num\"").count - 1 == 11)
        #expect(tables[1].components(separatedBy: "<th class=\"num\"").count - 1 == 10)
        #expect(tables[0].components(separatedBy: "<tr").count - 2 == 4)
        #expect(tables[1].components(separatedBy: "<tr").count - 2 == 4)
    }
}
