import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Brief renderers: CSV, JSON, HTML")
struct BriefDataRenderingTests {
    // MARK: - CSV

    @Test func csvIsLongWithFourFields() {
        let csv = BriefFixture.brief.csv()
        let records = csv.components(separatedBy: "\r\n").dropLast()
        #expect(records.first == "section,item,field,value")
        #expect(csv.hasSuffix("\r\n"))
        #expect(records.contains("header,,name,\"Korea, Republic of\""))
        #expect(records.contains("index,index,score,81.25"))
        // Negative numbers stay numbers: not prefixed.
        #expect(records.contains("pillar,afford,change_1y,-2.1"))
        #expect(records.contains("pillar,afford,change_1y_rank,-2"))
        #expect(!records.contains { $0.contains("years_to_close") })
        #expect(records.contains("target,bbc-2025-mobile-broadband-price,years_to_reach,12.5"))
        #expect(records.contains("target,bbc-2025-internet-use,years_to_reach,closed"))
        #expect(records.contains("gap_contributor,index:escap:2,name,Fixed broadband"))
        // Missing values keep their record with an empty value.
        #expect(records.contains("pillar,skills,score,"))
        #expect(records.contains("within_economy,urban_rural,ratio,"))
        #expect(records.contains("indicator,fbb,status,carried_forward"))
        #expect(records.contains("indicator,fbb,carried_from_year,2021"))
        #expect(records.contains("trend,JPN,2020,81.5"))
        #expect(records.contains("lorenz,4,value_share,1"))
        #expect(records.contains("note,2,text,Fixed broadband subscriptions per 100 people is carried forward from 2021 (two years old)."))
        // No quoted field holds a line break here, so every record splits into exactly four fields outside quotes.
        for record in records {
            var fields = 1, quoted = false
            for ch in record {
                if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { fields += 1 }
            }
            #expect(fields == 4, "\(record)")
        }
    }

    @Test func csvNeutralisesFormulaInjection() {
        var brief = BriefFixture.brief
        brief.header.economy.name = "=HYPERLINK(\"http://x\",\"click\")"
        brief.indicators[0].name = "+cmd|' /C calc'!A0"
        brief.indicators[0].unit = "-2+3"
        brief.indicators[1].source = "@SUM(A1:A2)"
        brief.notes = ["\tTabbed", "\rReturn", "- a dash note"]
        let records = brief.csv().components(separatedBy: "\r\n")
        #expect(records.contains("header,,name,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""))
        #expect(records.contains("indicator,net,name,'+cmd|' /C calc'!A0"))
        #expect(records.contains("indicator,net,unit,'-2+3"))
        #expect(records.contains("indicator,fbb,source,'@SUM(A1:A2)"))
        #expect(records.contains("note,1,text,'\tTabbed"))
        #expect(records.contains("note,3,text,'- a dash note"))
        #expect(brief.csv().contains("note,2,text,\"'\rReturn\""))
        // Numbers are never prefixed, negative or not.
        #expect(records.contains("pillar,afford,change_1y,-2.1"))
    }

    @Test func spreadsheetCells() {
        #expect(SpreadsheetCSV.field(.text("=1+2")) == "'=1+2")
        #expect(SpreadsheetCSV.field(.text("a,b")) == "\"a,b\"")
        #expect(SpreadsheetCSV.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
        #expect(SpreadsheetCSV.field(.number(-0.5)) == "-0.5")
        #expect(SpreadsheetCSV.field(.number(35990)) == "35990")
        #expect(SpreadsheetCSV.field(.number(.nan)) == "")
        #expect(SpreadsheetCSV.field(.integer(-3)) == "-3")
        #expect(SpreadsheetCSV.field(.empty) == "")
        #expect(SpreadsheetCSV.record([.text("x"), .number(1.5)]) == "x,1.5\r\n")
    }

    // MARK: - JSON

    /// The fixture file pins the schema: renaming or retyping a field breaks this test.
    @Test func jsonMatchesTheSchemaFixture() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/briefs/sample-brief.json")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(try BriefFixture.brief.json() == file)
        #expect(try Brief.decode(json: Data(file.utf8)) == BriefFixture.brief)
        #expect(file.contains("\"schema_version\" : \"2.1\""))
        #expect(file.contains("\"indicator_trends\" : ["))
        #expect(!file.contains("\"years_to_close\""))
        #expect(file.contains("\"years_to_reach\" : \"closed\""))
        #expect(file.contains("\"flag\" : \"carried_forward\""))
        #expect(file.contains("\"band\" : \"favours_men\""))
    }

    @Test func jsonOmitsAbsentValuesAndRoundTrips() throws {
        let brief = BriefFixture.empty
        let json = try brief.json()
        #expect(!json.contains("null"))
        #expect(!json.contains("\"score\""))
        #expect(try Brief.decode(json: Data(json.utf8)) == brief)
    }

    @Test func jsonDecodingNamesTheBadField() {
        let bad = #"{"schema_version":"1.0","header":{"economy":{"iso3":"KOR","name":"K"},"framework":{"id":"x","name":"x"},"year":"2023","vintage":{},"sources":[]},"pillars":[],"indicators":[],"within_economy":{},"trend":[],"notes":[]}"#
        #expect(throws: DecodingError.self) { try Brief.decode(json: Data(bad.utf8)) }
    }

    // MARK: - HTML

    @Test func htmlEscapesEveryTextFromData() {
        let attack = "<script>alert(1)</script>"
        var brief = BriefFixture.brief
        brief.indicators[0].unit = attack
        brief.notes.append(attack)
        brief.header.economy.name = attack
        brief.header.economy.iso3 = "\"><b onmouseover=x>"
        brief.pillars[0].name = attack
        brief.trend[1].economy.iso3 = "'><i>"
        brief.header.sources[0].licence = attack
        let html = brief.html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b onmouseover") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;b onmouseover=x&gt;"))
        #expect(html.contains("&#39;&gt;&lt;i&gt;"))
        // The indicator card's value line, the note and the title all show the text.
        #expect(html.contains("97.2 &lt;script&gt;alert(1)&lt;/script&gt;, 2023 [1]"))
        #expect(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; — Digital Divide Index 2023</title>"))
    }

    @Test func htmlIsSelfContainedAndPrintable() {
        let html = BriefFixture.brief.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains(" src=") && !html.contains("@import"))
        // The only URL is the SVG namespace, which is never fetched.
        let urls = html.components(separatedBy: "http://").count + html.components(separatedBy: "https://").count - 2
        #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
        #expect(html.contains("@page { size: A4;") && html.contains("@media print"))
        // Eight charts: scores against the averages, rank intervals, trend, Lorenz, and one card per indicator with
        // a value (ICT skills has none, and no history: it is listed instead).
        #expect(html.components(separatedBy: "<svg ").count - 1 == 8)
        #expect(html.components(separatedBy: "<figure class=\"card\">").count - 1 == 4)
        #expect(html.contains("aria-label=\"Scores against the subregion and ESCAP averages\""))
        #expect(html.contains("aria-label=\"Rank and its 5–95% interval among 57–58 economies\""))
        #expect(html.contains("aria-label=\"Index over time against peers\""))
        #expect(html.contains("aria-label=\"Lorenz curve of the index across ESCAP\""))
        #expect(html.contains("aria-label=\"Individuals using the Internet: KOR, ENEA and ESCAP by year\""))
        // The economy is marked on the Lorenz curve at (0.75, 0.6): x = 5.6·10.5 + 0.75·130, y = 8 + 130 − 0.6·130.
        #expect(html.contains("<circle cx=\"156.3\" cy=\"60\" r=\"4.5\""))
        // Every chart names its axes: the y axis above it (with the unit), the x axis beside or under it.
        #expect(html.contains(">score (0–100, higher is better)</text>") && html.contains(">ESCAP rank (1 = best)</text>"))
        #expect(html.contains(">index score (0–100), levels</text>") && html.components(separatedBy: ">year</text>").count - 1 == 3)
        #expect(html.contains(">cumulative share of economies</text>") && html.contains(">of the index total</text>"))
        #expect(html.contains(">% of GNI per capita</text>"))
        // Missing shown as missing.
        #expect(html.contains("Urban–rural ratio: no data"))
        #expect(html.contains("<span class=\"flag-missing\">missing</span> (no value for 2023 nor a recent one, and none "
            + "published in these years): ICT skills"))
        #expect(html.contains("<span class=\"value flag-carried_forward\" title=\"ITU DataHub\">45.3 per 100 people, 2021, "
            + "carried forward [1]</span>"))
        #expect(BriefFixture.brief.html() == html)
    }

    @Test func emptyBriefRendersInEveryFormat() throws {
        let brief = BriefFixture.empty
        let text = brief.text()
        #expect(text.contains("No indicators.") && text.contains("Urban–rural ratio: no data"))
        #expect(text.contains("Data years: n/a") && text.contains("Sources: n/a"))
        #expect(brief.markdown().contains("- Gender parity score: no data"))
        #expect(brief.csv().contains("within_economy,gender_parity,score,\r\n"))
        let html = brief.html()
        #expect(html.contains("No index scores over time.") && html.contains("Not ranked."))
        #expect(html.contains("<p class=\"missing\">No data.</p>"))
        _ = try brief.json()
    }

    // MARK: - Layout helpers

    @Test func tableShrinksTheWidestShrinkableColumn() {
        let table = DivideReports.Table(
            columns: [.init(header: "Name", minimumWidth: 5), .init(header: "N", rightAligned: true)],
            rows: [["Individuals using the Internet", "97.2"], ["Skills", "n/a"]])
        let lines = table.lines(width: 16)
        // The narrowed column wraps its cell onto continuation lines (a word wider than the column is broken).
        #expect(lines == ["Name           N", "──────────  ────", "Individual  97.2", "s using", "the", "Internet",
                          "Skills       n/a"])
        #expect(lines.allSatisfy { $0.count <= 16 })
    }

    @Test func wrapBreaksAtSpacesAndBreaksLongWordsWithoutCutting() {
        #expect(TextLayout.wrap("one two three four", width: 9, firstIndent: "• ", indent: "  ")
            == ["• one two", "  three", "  four"])
        #expect(TextLayout.wrap("abcdefghijkl xy", width: 5) == ["abcde", "fghij", "kl xy"])
    }

    @Test func axisMaximum() {
        #expect(SVGCharts.niceMaximum([12, 99.5]) == 100)
        #expect(SVGCharts.niceMaximum([140]) == 200)
        #expect(SVGCharts.niceMaximum([0.7]) == 100)
        #expect(SVGCharts.niceMaximum([2600]) == 5000)
        #expect(SVGCharts.niceMaximum([2400]) == 2500)
    }

    @Test func formatting() {
        #expect(BriefFormatting.value(35990) == "35,990")
        #expect(BriefFormatting.value(-1234567.4) == "-1,234,567")
        #expect(BriefFormatting.value(0.01234) == "0.0123")
        #expect(BriefFormatting.yearsToClose(.years(7.01)) == "8 years")
        #expect(BriefFormatting.interval(Brief.RankInterval(low: 3, high: 3, median: nil, replications: 1)) == "3")
        #expect(HTMLText.coordinate(12.50) == "12.5" && HTMLText.coordinate(-0.001) == "0" && HTMLText.coordinate(3) == "3")
    }
}
