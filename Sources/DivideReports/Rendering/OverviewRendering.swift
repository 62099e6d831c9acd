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
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(E.escape("\(framework.name) \(year): \(title)"))</title>\n"
        out += "<style>\n\(BriefHTMLRenderer.css)\n"
        out += ".heat td.num { color: #111; } td a { color: #1f5aa6; text-decoration: none; }\n"
            + "table.heat { font-size: 7.5pt; } table.heat th, table.heat td { padding: 0.8mm 1.1mm; }\n"
            + "td.economy { max-width: 38mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }\n</style>\n</head>\n<body>\n<main>\n"
        out += "<header><h1>\(E.escape(framework.name))</h1><div class=\"subtitle\">\(E.escape(title)) · \(year)"
        out += "</div><div class=\"meta\">\(E.escape(Self.economiesLine(rows.count, region: region, universe: universe))) · scores 0–100, higher is better"
        out += " · <a href=\"index.html\">all briefs</a></div></header>\n"

        out += "<section><h2>Leaderboard and pillar heat-table</h2>\n<table class=\"heat\"><thead><tr>"
        out += "<th class=\"num\">Rank</th><th>Economy</th><th>Subregion</th><th class=\"num\">5–95%</th>"
        out += nodes.enumerated().map { k, n in "<th class=\"num\">\(E.escape(k == 0 ? "Index" : n.name))</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for row in rows {
            let name = E.escape(row.economy.name)
            let link = links[row.economy.iso3].map { "<a href=\"\(E.escape($0))\">\(name)</a>" } ?? name
            out += "<tr><td class=\"num\">\(row.rank.map(String.init) ?? "–")</td>"
            out += "<td class=\"economy\" title=\"\(E.escape(F.economy(row.economy)))\">\(link)</td>"
            out += "<td>\(E.escape(row.subregionCode ?? ""))</td>"
            out += "<td class=\"num\">\(E.escape(F.interval(row.rankInterval)))</td>"
            for score in row.scores {
                if let score {
                    out += "<td class=\"num\" style=\"background:\(Self.heat(score))\">\(F.score(score))</td>"
                } else {
                    out += "<td class=\"num missing\">n/a</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody></table>\n<p class=\"small\">Cell colour: score from red (0) through yellow (50) to green (100). "
        out += "Economies without an index score are listed last.</p></section>\n"

        out += "<section><h2>Inequality across the region</h2>\n<div class=\"grid\"><div><table><thead><tr><th></th>"
        out += "<th class=\"num\">Scored</th><th class=\"num\">Mean</th><th class=\"num\">Gini</th>"
        out += "<th class=\"num\">Theil T</th><th class=\"num\">Between subregions</th></tr></thead><tbody>\n"
        for n in inequality {
            out += "<tr><td>\(E.escape(n.name))</td><td class=\"num\">\(E.escape(Self.scored(n)))</td>"
            out += "<td class=\"num\">\(F.score(n.mean))</td>"
            out += "<td class=\"num\">\(n.gini.map { String(format: "%.3f", $0) } ?? "n/a")</td>"
            out += "<td class=\"num\">\(n.theilT.map { String(format: "%.3f", $0) } ?? "n/a")</td>"
            out += "<td class=\"num\">\(n.betweenSubregionShare.map(F.percent) ?? "n/a")</td></tr>\n"
        }
        out += "</tbody></table><p class=\"small\">Between subregions: the share of Theil T explained by differences "
        out += "between the ESCAP subregions' means.</p></div>\n"
        if lorenz.count >= 2 {
            out += "<figure><figcaption>Lorenz curve of the index</figcaption>"
            out += SVGCharts.lorenz(title: "Lorenz curve of the index across ESCAP",
                                    points: lorenz.map { ($0.populationShare, $0.valueShare) }, marked: nil,
                                    markLabel: "", colour: BriefHTMLRenderer.economyColour)
            out += "</figure>"
        }
        out += "</div></section>\n"
        out += "<footer><p class=\"designations\">\(HTMLText.escape(BriefFormatting.designations))</p></footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
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

    /// Red (0) → yellow (50) → green (100), light enough for black text.
    package static func heat(_ score: Double) -> String {
        let t = min(1, max(0, score / 100))
        let (r, g, b): (Double, Double, Double) = t < 0.5
            ? (248, 105 + 2 * t * (230 - 105), 107 + 2 * t * (132 - 107))
            : (248 - 2 * (t - 0.5) * (248 - 99), 230 - 2 * (t - 0.5) * (230 - 190), 132 - 2 * (t - 0.5) * (132 - 123))
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
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
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(E.escape("\(title) \(year): country briefs"))</title>\n<style>\n\(BriefHTMLRenderer.css)\n"
        out += "ul.economies { columns: 3; } td a, li a { color: #1f5aa6; text-decoration: none; }\n</style>\n"
        out += "</head>\n<body>\n<main>\n<header><h1>\(E.escape(title))</h1>"
        out += "<div class=\"subtitle\">Country briefs · \(year)</div><div class=\"meta\">\(entries.count) economies"
        if let overview { out += " · <a href=\"\(E.escape(overview))\">regional overview</a>" }
        out += "</div></header>\n"
        for (group, list) in grouped(entries) {
            out += "<section><h2>\(E.escape(group))</h2><ul class=\"economies\">"
            out += list.map { "<li><a href=\"\(E.escape($0.file))\">\(E.escape($0.economy.name))</a> "
                + "<span class=\"small\">\(E.escape($0.economy.iso3))</span></li>" }.joined()
            out += "</ul></section>\n"
        }
        out += "<footer><p class=\"designations\">\(E.escape(BriefFormatting.designations))</p></footer>\n"
        return out + "</main>\n</body>\n</html>\n"
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
