import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension RegionalOverview {
    /// The overview as one self-contained HTML page (inline CSS and SVG, no scripts), linking each economy's
    /// brief through `links` (ISO3 → relative file name).
    public func html(links: [String: String] = [:]) -> String {
        typealias E = HTMLText
        typealias F = BriefFormatting
        let scored = rows.count { $0.scores.first.flatMap { $0 } != nil }
        var out = "<header><h1>\(E.escape(framework.name))</h1><div class=\"subtitle\">\(E.escape(title)) · \(year)"
        out += "</div><div class=\"meta\">\(E.escape(Self.economiesLine(rows.count, region: region, universe: universe))), "
        out += "\(scored) with an index score · scores 0–100, higher is better · <a href=\"index.html\">all briefs</a></div></header>\n"

        let map = TileMap.svg(
            title: "Tile map of the ESCAP region coloured by the \(framework.name) score, \(year)",
            entries: rows.map { TileMap.Entry(economy: $0.economy, score: $0.scores.first.flatMap { $0 }, rank: $0.rank,
                                              link: links[$0.economy.iso3]) },
            scaleTitle: "Index score, \(year)")
        out += "<section><h2>The region at a glance</h2>\n<figure class=\"tilemap\"><figcaption><b>Index score by "
            + "economy.</b> Each square is one economy, placed roughly where it lies (west to east, north to south; not "
            + "to scale, no borders implied), coloured from dark purple (low) to yellow (high) with its ISO3 code and "
            + "score; hatched grey squares are economies without an index score.</figcaption>\(map)</figure></section>\n"

        var table = "<table class=\"heat\"><thead><tr>"
        table += "<th class=\"num\">Rank</th><th>Economy</th><th>Subregion</th><th class=\"num\">5–95%</th>"
        table += nodes.enumerated().map { k, n in "<th class=\"num\">\(E.escape(k == 0 ? "Index" : n.name))</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for row in rows {
            let name = E.escape(row.economy.name)
            let link = links[row.economy.iso3].map { "<a href=\"\(E.escape($0))\">\(name)</a>" } ?? name
            table += "<tr><td class=\"num\">\(row.rank.map(String.init) ?? "–")</td>"
            table += "<td class=\"economy\" title=\"\(E.escape(F.economy(row.economy)))\">\(link)</td>"
            table += "<td>\(E.escape(row.subregionCode ?? ""))</td>"
            table += "<td class=\"num\">\(E.escape(F.interval(row.rankInterval)))</td>"
            for score in row.scores {
                if let score {
                    let colour = Palette.score(score)
                    table += "<td class=\"num\" style=\"background:\(colour.hex);color:\(Palette.text(on: colour).hex)\">"
                        + "\(F.score(score))</td>"
                } else {
                    table += "<td class=\"num missing\">n/a</td>"
                }
            }
            table += "</tr>\n"
        }
        out += "<section><h2>Leaderboard and pillar heat-table</h2>\n" + HTMLPage.scrolling(table + "</tbody></table>")
        out += "\n<p class=\"small\">Cell colour: the score on the same scale as the map, from dark purple (0) to "
        out += "yellow (100), lighter as the score rises. Economies without an index score are listed last.</p></section>\n"

        out += "<section><h2>Inequality across the region</h2>\n<div class=\"grid\"><div>"
        var inequalityTable = "<table><thead><tr><th></th>"
        inequalityTable += "<th class=\"num\">Scored</th><th class=\"num\">Mean</th><th class=\"num\">Gini</th>"
        inequalityTable += "<th class=\"num\">Theil T</th><th class=\"num\">Between subregions</th></tr></thead><tbody>\n"
        for n in inequality {
            inequalityTable += "<tr><td>\(E.escape(n.name))</td><td class=\"num\">\(E.escape(Self.scored(n)))</td>"
            inequalityTable += "<td class=\"num\">\(F.score(n.mean))</td>"
            inequalityTable += "<td class=\"num\">\(n.gini.map { String(format: "%.3f", $0) } ?? "n/a")</td>"
            inequalityTable += "<td class=\"num\">\(n.theilT.map { String(format: "%.3f", $0) } ?? "n/a")</td>"
            inequalityTable += "<td class=\"num\">\(n.betweenSubregionShare.map(F.percent) ?? "n/a")</td></tr>\n"
        }
        out += HTMLPage.scrolling(inequalityTable + "</tbody></table>")
        out += "<p class=\"small\">Between subregions: the share of Theil T explained by differences "
        out += "between the ESCAP subregions' means.</p></div>\n"
        if lorenz.count >= 2 {
            out += "<figure><figcaption><b>Lorenz curve of the index.</b> The share of the region's total index score "
                + "held by the lowest-scoring economies (in order of score, lowest first); the further the curve sags "
                + "below the dashed line of equality, the more unequal the region.</figcaption>"
            out += SVGCharts.lorenz(title: "Lorenz curve of the index across ESCAP",
                                    points: lorenz.map { ($0.populationShare, $0.valueShare) }, marked: nil,
                                    markLabel: "", colour: BriefHTMLRenderer.economyColour)
            out += "</figure>"
        }
        out += "</div></section>\n"
        return HTMLPage.document(
            title: "\(framework.name) \(year): \(title)",
            extraCSS: """
                td a { color: \(Palette.economy.hex); text-decoration: none; }
                table.heat { font-size: 8pt; } table.heat th, table.heat td { padding: 0.7mm 1.1mm; }
                table.heat th { white-space: normal; overflow-wrap: normal; hyphens: auto; }
                td.economy { max-width: 42mm; }
                figure.tilemap svg { max-width: 165mm; margin: 0 auto; }
                @media print { table.heat { font-size: 8pt; } table.heat th, table.heat td { padding: 0.25mm 1mm; } }

                """,
            body: out)
    }

    /// The overview as GitHub-flavoured Markdown, linking each economy's brief through `links`.
    public func markdown(links: [String: String] = [:]) -> String {
        typealias M = MarkdownText
        typealias F = BriefFormatting
        var out = "# \(M.escape(framework.name)): \(M.escape(title)), \(year)\n\n"
        out += "\(M.escape(Self.economiesLine(rows.count, region: region, universe: universe))); scores 0–100, higher is better.\n\n"
        out += "## Leaderboard and pillar scores\n\n"
        let header = ["Rank", "Economy", "Subregion", "5–95%"] + nodes.map(\.name)
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        out += line(header.map(M.escape)) + "\n"
        out += "| ---: | --- | --- | ---: |" + String(repeating: " ---: |", count: nodes.count) + "\n"
        for row in rows {
            let name = M.escape(F.economy(row.economy))
            let link = links[row.economy.iso3].map { "[\(name)](\($0))" } ?? name
            out += line([row.rank.map(String.init) ?? "–", link, M.escape(row.subregionCode ?? ""),
                         F.interval(row.rankInterval)] + row.scores.map(F.score)) + "\n"
        }
        out += "\n## Inequality across the region\n\n"
        out += MarkdownText.table(
            ["", "Scored", "Mean", "Gini", "Theil T", "Between subregions"],
            inequality.map { n in
                [n.name, Self.scored(n), F.score(n.mean), n.gini.map { String(format: "%.3f", $0) } ?? "n/a",
                 n.theilT.map { String(format: "%.3f", $0) } ?? "n/a", n.betweenSubregionShare.map(F.percent) ?? "n/a"]
            }, numeric: [1, 2, 3, 4, 5]).joined(separator: "\n") + "\n"
        out += "\n*" + M.escape(F.designations) + "*\n"
        return out
    }

    /// "58 economies of the ESCAP region", "11 economies (SEA); scores computed over South-East Asia (11 economies)".
    package static func economiesLine(_ count: Int, region: String?, universe: String?) -> String {
        let name = region ?? "ESCAP"
        var line = name == "ESCAP" ? "\(count) economies of the ESCAP region" : "\(count) economies (\(name))"
        if let universe { line += "; scores computed over \(universe)" }
        return line
    }

    /// "45 of 58 (97% of population)": how many economies, and what share of the region's population, a row of
    /// the inequality table rests on.
    package static func scored(_ n: NodeInequality) -> String {
        var text = n.members.map { "\(n.scored) of \($0)" } ?? String(n.scored)
        if let share = n.populationShare { text += " (\(BriefFormatting.groupShare(share)) of population)" }
        return text
    }
}

/// The index page of a folder of briefs: every economy by subregion, linking its brief and the overview.
public enum BriefIndexPage {
    /// One economy on the index page.
    public struct Entry: Sendable, Equatable {
        /// The economy.
        public var economy: Brief.Economy
        /// Its ESCAP subregion.
        public var subregion: String?
        /// The brief file, relative to the index page.
        public var file: String
        /// Creates the value from its parts.
        public init(economy: Brief.Economy, subregion: String?, file: String) {
            self.economy = economy
            self.subregion = subregion
            self.file = file
        }
    }

    package static func grouped(_ entries: [Entry]) -> [(String, [Entry])] {
        var groups: [String: [Entry]] = [:]
        for e in entries { groups[e.subregion ?? "Other", default: []].append(e) }
        let order = EscapSubregion.allCases.map(\.name) + ["Other"]
        return order.compactMap { name in
            groups[name].map { (name, $0.sorted { $0.economy.name < $1.economy.name }) }
        }
    }

    /// A self-contained HTML page.
    public static func html(title: String, year: Int, entries: [Entry], overview: String?) -> String {
        typealias E = HTMLText
        var out = "<header><h1>\(E.escape(title))</h1>"
        out += "<div class=\"subtitle\">Country briefs · \(year)</div><div class=\"meta\">\(entries.count) economies"
        if let overview { out += " · <a href=\"\(E.escape(overview))\">regional overview</a>" }
        out += "</div></header>\n"
        for (group, list) in grouped(entries) {
            out += "<section><h2>\(E.escape(group))</h2><ul class=\"economies\">"
            out += list.map { "<li><a href=\"\(E.escape($0.file))\">\(E.escape($0.economy.name))</a> "
                + "<span class=\"small\">\(E.escape($0.economy.iso3))</span></li>" }.joined()
            out += "</ul></section>\n"
        }
        return HTMLPage.document(
            title: "\(title) \(year): country briefs",
            extraCSS: "ul.economies { columns: 3; } li a { color: \(Palette.economy.hex); text-decoration: none; }\n",
            body: out)
    }

    /// A Markdown page.
    public static func markdown(title: String, year: Int, entries: [Entry], overview: String?) -> String {
        var out = "# \(MarkdownText.escape(title)): country briefs, \(year)\n\n"
        if let overview { out += "[Regional overview](\(overview))\n\n" }
        for (group, list) in grouped(entries) {
            out += "## \(MarkdownText.escape(group))\n\n"
            out += list.map { "- [\(MarkdownText.escape($0.economy.name)) (\($0.economy.iso3))](\($0.file))" }
                .joined(separator: "\n") + "\n\n"
        }
        out += "*" + MarkdownText.escape(BriefFormatting.designations) + "*\n"
        return out
    }
}
