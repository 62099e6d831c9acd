import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension Brief {
    /// The brief as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, no network, laid
    /// out for A4 print. Every text and attribute value that comes from data is HTML-escaped.
    public func html() -> String {
        BriefHTMLRenderer(brief: self).render()
    }
}

package struct BriefHTMLRenderer {
    package let brief: Brief
    private typealias F = BriefFormatting
    private typealias E = HTMLText

    package static let economyColour = "#1f5aa6"
    package static let subregionColour = "#f28e2b"
    package static let escapColour = "#9aa5b1"
    package static let peerColours = ["#1f5aa6", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2", "#edc948", "#9c755f",
                              "#ff9da7", "#4e79a7", "#bab0ac"]

    package static let css = """
    @page { size: A4; margin: 9mm 10mm; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #1d2329; margin: 0; background: #f4f5f7; font-size: 10pt; line-height: 1.35; }
    main { max-width: 190mm; margin: 0 auto; background: #fff; padding: 9mm 10mm; }
    header { border-bottom: 3px solid #1f5aa6; padding-bottom: 3mm; margin-bottom: 3mm; }
    h1 { font-size: 20pt; margin: 0 0 1mm 0; }
    h2 { font-size: 11.5pt; margin: 5mm 0 2mm 0; color: #1f5aa6; border-bottom: 1px solid #dde2e8; padding-bottom: 1mm; }
    .subtitle { font-size: 11pt; color: #3b4550; }
    .meta { font-size: 8.5pt; color: #56616c; margin-top: 1mm; }
    .kpis { display: flex; gap: 3mm; margin: 3mm 0; }
    .kpi { flex: 1; border: 1px solid #dde2e8; border-radius: 2mm; padding: 2mm 3mm; }
    .kpi .label { font-size: 8pt; color: #56616c; text-transform: uppercase; letter-spacing: .03em; }
    .kpi .value { font-size: 15pt; font-weight: 600; }
    .kpi .note { font-size: 8pt; color: #56616c; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin-top: 3mm; }
    figure { margin: 0; break-inside: avoid; }
    figcaption { font-size: 9pt; font-weight: 600; margin-bottom: 1mm; }
    table { border-collapse: collapse; width: 100%; font-size: 8.5pt; break-inside: auto; }
    th, td { padding: 1mm 1.5mm; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top; }
    th { background: #f1f4f7; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr { break-inside: avoid; }
    tr.index td:first-child, tr.index td.num { font-weight: 600; }
    .up { color: #1a7f37; } .down { color: #c62828; } .flat { color: #56616c; }
    .missing { color: #8a949e; }
    td[class^="flag-"] { white-space: nowrap; }
    tr.group td { font-weight: 600; background: #f7f9fb; color: #1f5aa6; }
    td.src { white-space: nowrap; }
    tr.no-value td { color: #56616c; }
    .flag-imputed { color: #8a5a00; } .flag-carried_forward { color: #8a5a00; } .flag-missing { color: #c62828; }
    ul { margin: 1mm 0; padding-left: 5mm; }
    .small { font-size: 8pt; color: #56616c; }
    .grid.peers { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; gap: 3mm; margin-top: 0; }
    .grid.peers th { font-size: 80%; white-space: normal; vertical-align: bottom; }
    .grid.peers th, .grid.peers td { padding-left: 0.8mm; padding-right: 0.8mm; }
    .grid.peers th:first-child { width: 36%; }
    footer { margin-top: 4mm; font-size: 8pt; color: #56616c; border-top: 1px solid #dde2e8; padding-top: 2mm; }
    @media print {
      body { background: #fff; font-size: 7.5pt; line-height: 1.18; }
      h1 { font-size: 16pt; }
      h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm 0; }
      table { font-size: 6.6pt; }
      th, td { padding: 0.35mm 1.2mm; }
      figure svg { max-height: 46mm; }
      .small { font-size: 7pt; }
      footer { margin-top: 2mm; font-size: 7pt; }
      .kpi { padding: 1.2mm 2mm; } .kpi .value { font-size: 13pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      .kpis { margin: 2mm 0; }
    }
    """

    package func render() -> String {
        let h = brief.header
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing may load or run: no scripts, no network; only the inline style and inline SVG.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(E.escape("\(h.economy.name) — \(h.framework.name) \(h.year)"))</title>\n"
        out += "<style>\n\(Self.css)\n</style>\n</head>\n<body>\n<main>\n"
        out += header()
        if brief.isUnscored {
            out += "<section><h2>Not scored</h2>\n<p>\(E.escape(brief.unscoredSummary))</p></section>\n"
            out += targets()
            out += within()
            out += indicators()
            out += notes()
        } else {
            out += kpis()
            out += charts()
            out += scores()
            out += trendAndDistribution()
            out += gaps()
            out += targets()
            out += standing()
            out += within()
            out += indicators()
            out += peers()
            out += notes()
        }
        out += "<footer>\(E.escape("Sources: " + F.numberedSources(h.sources)))"
        out += " · Schema \(E.escape(brief.schemaVersion)) · DigitalDivide"
        out += "<p class=\"designations\">\(E.escape(F.designations))</p></footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// "48" when every node is ranked among the same number of economies, else "48–55" (each row says its own).
    package static func rankedCount(_ counts: [Int]) -> String {
        guard let low = counts.min(), let high = counts.max() else { return "0" }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    // MARK: - Pieces

    private func cell(_ text: String, numeric: Bool = false) -> String {
        let cls = [numeric ? "num" : nil, text == F.missing ? "missing" : nil].compactMap { $0 }
        return "<td" + (cls.isEmpty ? "" : " class=\"\(cls.joined(separator: " "))\"") + ">\(E.escape(text))</td>"
    }

    private func changeCell(_ change: Brief.Change?) -> String {
        guard let change else { return cell(F.missing, numeric: true) }
        return "<td class=\"num \(change.direction.rawValue)\">\(E.escape(F.change(change)))</td>"
    }

    private func headRow(_ titles: [String], numeric: Set<Int>) -> String {
        "<thead><tr>" + titles.enumerated().map { k, t in
            "<th" + (numeric.contains(k) ? " class=\"num\"" : "") + ">\(E.escape(t))</th>"
        }.joined() + "</tr></thead>"
    }

    private func header() -> String {
        let h = brief.header
        var out = "<header>\n<h1>\(E.escape(F.economy(h.economy)))</h1>\n"
        out += "<div class=\"subtitle\">\(E.escape(h.framework.name)) · \(h.year)</div>\n"
        out += "<div class=\"meta\">\(E.escape(F.groups(h))) · Data years: "
            + "\(E.escape(F.vintage(h.vintage) ?? F.missing))"
            + (F.universe(h).map { " · " + E.escape($0) } ?? "") + "</div>\n</header>\n"
        return out
    }

    private func kpis() -> String {
        guard let index = brief.index else { return "" }
        var out = "<div class=\"kpis\">\n"
        func kpi(_ label: String, _ value: String, _ note: String, valueClass: String? = nil) {
            out += "<div class=\"kpi\"><div class=\"label\">\(E.escape(label))</div>"
                + "<div class=\"value\(valueClass.map { " " + $0 } ?? "")\">\(E.escape(value))</div>"
                + "<div class=\"note\">\(E.escape(note))</div></div>\n"
        }
        kpi(index.name, F.score(index.score), "score")
        kpi("\(F.regionLabel(brief.header)) rank", F.rank(index.rank),
            index.rankInterval.map { "5–95%: \(F.interval($0))" } ?? "no rank interval")
        kpi("Since \(index.changeOneYear.map { String($0.fromYear) } ?? "last year")", F.change(index.changeOneYear),
            "score points", valueClass: index.changeOneYear?.direction.rawValue)
        kpi("Since \(index.changeFiveYears.map { String($0.fromYear) } ?? "five years ago")",
            F.change(index.changeFiveYears), "score points", valueClass: index.changeFiveYears?.direction.rawValue)
        kpi("Gap to \(F.regionLabel(brief.header)) best", F.gap(index.gapToEscapBest), "score points")
        return out + "</div>\n"
    }

    private func charts() -> String {
        let h = brief.header
        let nodes = brief.nodes
        let subName = h.subregionCode.map { "\($0) average" } ?? "Subregion average"
        let bars = SVGCharts.groupedBars(
            title: "Scores against the subregion and \(F.regionLabel(brief.header)) averages",
            rows: nodes.map { ($0.name, [$0.score, $0.subregion?.average, $0.escap?.average]) },
            series: [.init(name: h.economy.iso3, colour: Self.economyColour),
                     .init(name: subName, colour: Self.subregionColour),
                     .init(name: "\(F.regionLabel(brief.header)) average", colour: Self.escapColour)])
        let counts = nodes.compactMap { $0.rank?.of }
        var out = "<div class=\"grid\">\n<figure><figcaption>Scores against the averages</figcaption>\(bars)</figure>\n"
        if !counts.isEmpty {
            // Each node is ranked among the economies it scores: name that number, per row when they differ.
            let among = Self.rankedCount(counts)
            let intervals = SVGCharts.rankIntervals(
                title: "Rank and its 5–95% interval among \(among) economies",
                rows: nodes.map { ($0.name, $0.rank?.rank, $0.rank?.of, $0.rankInterval?.low, $0.rankInterval?.high) },
                colour: Self.economyColour)
            out += "<figure><figcaption>\(E.escape("Rank and 5–95% rank interval (of \(among))"))</figcaption>"
                + "\(intervals)</figure>\n"
        } else {
            out += "<figure><figcaption>Ranks</figcaption><p class=\"missing\">Not ranked.</p></figure>\n"
        }
        return out + "</div>\n"
    }

    private func scores() -> String {
        let sub = F.subregionLabel(brief.header)
        var out = "<section><h2>Scores and ranks</h2>\n<table>"
        out += headRow(["", "Score", "\(F.regionLabel(brief.header)) rank", "\(sub) rank", "Income group rank", "Rank 5–95%", "1 year",
                        "5 years"], numeric: Set(1...7))
        out += "<tbody>\n"
        for n in brief.nodes {
            out += "<tr\(n.kind == .index ? " class=\"index\"" : "")>" + cell(n.name) + cell(F.score(n.score), numeric: true)
                + cell(F.rank(n.rank), numeric: true) + cell(F.rank(n.subregionRank), numeric: true)
                + cell(F.rank(n.incomeGroupRank), numeric: true) + cell(F.interval(n.rankInterval), numeric: true)
                + changeCell(n.changeOneYear) + changeCell(n.changeFiveYears) + "</tr>\n"
        }
        out += "</tbody></table>\n"
        var legend = ["Ranks among the economies with a score (rank/number ranked)."]
        if let r = brief.nodes.compactMap({ $0.rankInterval?.replications }).first {
            legend.append("Rank 5–95%: percentiles of the rank over \(r) Monte Carlo replications.")
        }
        if let y = brief.nodes.compactMap({ $0.changeOneYear?.fromYear }).first { legend.append("1 year: since \(y).") }
        if let y = brief.nodes.compactMap({ $0.changeFiveYears?.fromYear }).first { legend.append("5 years: since \(y).") }
        if brief.nodes.contains(where: { $0.changeOneYear != nil || $0.changeFiveYears != nil }) {
            legend.append("Changes in levels normalised over all years (see the notes).")
        }
        out += "<p class=\"small\">\(E.escape(legend.joined(separator: " ")))</p>\n"

        out += "<h2>Against the region</h2>\n<table>"
        out += headRow(["", "Score", "\(sub) average", "\(sub) best", "\(F.regionLabel(brief.header)) average",
                        "\(F.regionLabel(brief.header)) best"],
                       numeric: Set(1...5))
        out += "<tbody>\n"
        for n in brief.nodes {
            out += "<tr\(n.kind == .index ? " class=\"index\"" : "")>" + cell(n.name) + cell(F.score(n.score), numeric: true)
                + cell(F.average(n.subregion), numeric: true)
                + tiedCell(F.best(n.subregion), tied: n.subregion?.bestTiedEconomies)
                + cell(F.average(n.escap), numeric: true)
                + tiedCell(F.best(n.escap), tied: n.escap?.bestTiedEconomies) + "</tr>\n"
        }
        out += "</tbody></table>\n"
        if let basis = F.averagesBasis(brief) { out += "<p class=\"small\">\(E.escape(basis))</p>\n" }
        return out + "</section>\n"
    }

    private func gapCell(_ gap: Brief.Gap?) -> String {
        guard let gap else { return cell(F.missing, numeric: true) }
        let who = F.holder(gap.frontierEconomy, tied: gap.frontierTiedEconomies)
            .map { $0.hasPrefix("(") ? " " + $0 : " (\($0))" } ?? ""
        return tiedCell(F.gap(gap) + who, tied: gap.frontierTiedEconomies)
    }

    /// A numeric cell naming a best score's holder; when several tie, they are all named in its tooltip.
    private func tiedCell(_ text: String, tied: [Brief.Economy]?) -> String {
        guard let list = F.tiedList(tied) else { return cell(text, numeric: true) }
        return "<td class=\"num\" title=\"\(E.escape("Tied: " + list))\">\(E.escape(text))</td>"
    }

    private func gaps() -> String {
        let sub = F.subregionLabel(brief.header)
        var out = "<section><h2>Gaps to the best</h2>\n<table>"
        out += headRow(["", "To \(sub) best", "To \(F.regionLabel(brief.header)) best",
                        "Largest contributors to the \(F.regionLabel(brief.header)) gap"],
                       numeric: [1, 2])
        out += "<tbody>\n"
        for n in brief.nodes {
            out += "<tr\(n.kind == .index ? " class=\"index\"" : "")>" + cell(n.name)
                + gapCell(n.gapToSubregionBest) + gapCell(n.gapToEscapBest)
                + "<td class=\"text\">\(E.escape(F.contributors(n.gapToEscapBest) ?? ""))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        // The subregion gap's contributors for the index only (all of them are in the JSON, CSV and Markdown).
        let subLines = (brief.index.map { [$0] } ?? []).compactMap { n in
            F.contributors(n.gapToSubregionBest).map { "\(n.name), gap to \(sub) best: \($0)." }
        }
        out += "<p class=\"small\">Gaps in score points to the best economy (in brackets); contributors as shares of "
            + "what holds the economy back. Scores are relative (rescaled each year over the region): no years to close "
            + "are extrapolated from them; see the targets."
            + (subLines.isEmpty ? "" : " Largest contributors to the \(E.escape(sub)) gap: "
                + subLines.map(E.escape).joined(separator: " "))
        return out + "</p></section>\n"
    }

    private func targets() -> String {
        guard let targets = brief.targets, !targets.isEmpty else { return "" }
        var out = "<section><h2>Targets</h2>\n<table>"
        out += headRow(["", "Value", "Target", "At its own growth"], numeric: [1, 2])
        out += "<tbody>\n"
        for p in targets {
            out += "<tr>" + cell(p.target.name) + cell(F.targetValue(p), numeric: true) + cell(F.target(p), numeric: true)
                + "<td class=\"text\">\(E.escape(F.targetStatus(p)))</td></tr>\n"
        }
        out += "</tbody></table>\n<p class=\"small\">Raw indicator values against stated targets, growth over the last "
            + "five years of data. Targets: " + E.escape(F.targetSources(targets).joined(separator: "; ")) + ".</p>"
        return out + "</section>\n"
    }

    private func trendAndDistribution() -> String {
        let series = brief.trend.map { s in
            (name: s.economy.iso3, points: s.points.map { (year: $0.year, value: $0.value) })
        }
        let trend = SVGCharts.lines(title: "Index over time against peers", series: series, colours: Self.peerColours)
        var out = "<div class=\"grid\">\n<figure><figcaption>Index over time against peers</figcaption>\(trend)</figure>\n"
        if let d = brief.distribution, d.lorenz.count >= 2 {
            let chart = SVGCharts.lorenz(
                title: "Lorenz curve of the index across \(F.regionLabel(brief.header))",
                points: d.lorenz.map { ($0.populationShare, $0.valueShare) },
                marked: d.economyPoint.map { ($0.populationShare, $0.valueShare) },
                markLabel: brief.header.economy.iso3, colour: Self.economyColour)
            let gini = d.gini.map { String(format: "Gini %.3f", $0) } ?? "Gini n/a"
            out += "<figure><figcaption>\(E.escape("Distribution across \(F.regionLabel(brief.header)) (\(d.units) economies, \(gini))"))"
                + "</figcaption>\(chart)</figure>\n"
        } else {
            out += "<figure><figcaption>Distribution across \(E.escape(F.regionLabel(brief.header)))</figcaption><p class=\"missing\">No data.</p></figure>\n"
        }
        return out + "</div>\n"
    }

    private func standing() -> String {
        var out = "<section><h2>Strengths and weaknesses</h2>\n"
        guard let s = brief.standing, !(s.strengths.isEmpty && s.weaknesses.isEmpty) else {
            return out + "<p class=\"missing\">No indicator can be compared with peers.</p></section>\n"
        }
        out += "<p class=\"small\">\(E.escape("Against \(s.basis): standard deviations above (+) or below (−) the peer mean."))</p>\n<table>"
        out += headRow(["", "Indicator", "Value", "Peer mean", "Unit", "Standing"], numeric: [2, 3, 5])
        out += "<tbody>\n"
        for (kind, list) in [("Strength", s.strengths), ("Weakness", s.weaknesses)] {
            for i in list {
                out += "<tr>" + cell(kind) + cell(i.name) + cell(F.value(i.value), numeric: true)
                    + cell(F.value(i.peerMean), numeric: true) + cell(i.unit ?? "")
                    + "<td class=\"num \(i.standardised >= 0 ? "up" : "down")\">\(E.escape(F.standardised(i.standardised)))</td></tr>\n"
            }
        }
        return out + "</tbody></table></section>\n"
    }

    private func within() -> String {
        let w = brief.withinEconomy
        return "<section><h2>Divide within the economy</h2>\n<ul>"
            + "<li>Gender parity score: \(E.escape(F.genderParity(w.genderParity)))</li>"
            + "<li>Urban–rural ratio: \(E.escape(F.urbanRural(w.urbanRural)))</li></ul></section>\n"
    }

    /// The header's sources, numbered from 1 in the order the footer lists them.
    private var sourceNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        for (k, source) in brief.header.sources.enumerated() where numbers[source.name] == nil { numbers[source.name] = k + 1 }
        return numbers
    }

    /// A row's source as the footer's reference number ("[2]"), or its name when the footer does not list it.
    private func sourceReference(_ source: String?, _ numbers: [String: Int]) -> String {
        guard let source else { return "" }
        return numbers[source].map { "[\($0)]" } ?? source
    }

    /// The indicator table, compact for print: sources as reference numbers into the footer's list, and a pillar's
    /// indicators without a value named together on one line (each keeps its row in the JSON, CSV and Markdown).
    private func indicators() -> String {
        var out = "<section><h2>Indicators</h2>\n<table class=\"indicators\">"
        out += headRow(["Indicator", "Value", "Unit", "Year", "Source", "Status"], numeric: [1, 3])
        out += "<tbody>\n"
        let numbers = sourceNumbers
        var groups: [(pillar: String?, rows: [Brief.IndicatorRow])] = []
        for r in brief.indicators {
            if let last = groups.last, last.pillar == r.pillar { groups[groups.count - 1].rows.append(r) }
            else { groups.append((r.pillar, [r])) }
        }
        for group in groups {
            out += "<tr class=\"group\"><td colspan=\"6\">\(E.escape(group.pillar ?? "Other indicators"))</td></tr>\n"
            for r in group.rows where r.status.flag != .missing {
                let source = r.source ?? ""
                out += "<tr>" + cell(r.name) + cell(F.value(r.value), numeric: true)
                    + cell(r.unit ?? "") + cell(r.year.map(String.init) ?? F.missing, numeric: true)
                    + "<td class=\"src\" title=\"\(E.escape(source))\">\(E.escape(sourceReference(r.source, numbers)))</td>"
                    + "<td class=\"flag-\(r.status.flag.rawValue)\">\(E.escape(r.status.label))</td></tr>\n"
            }
            let missing = group.rows.filter { $0.status.flag == .missing }
            if !missing.isEmpty {
                let names = missing.map { r in
                    r.name + (r.source.map { " " + sourceReference($0, numbers) } ?? "")
                }
                out += "<tr class=\"no-value\"><td colspan=\"6\"><span class=\"flag-missing\">missing</span> "
                    + "\(E.escape("(no value for \(brief.header.year) nor a recent one): " + names.joined(separator: "; ")))</td></tr>\n"
            }
        }
        return out + "</tbody></table></section>\n"
    }

    /// Peers beside the economy; a long list (a large subregion) is laid out as two tables side by side so the
    /// brief still prints on two pages.
    private func peers() -> String {
        guard let peers = brief.peers else { return "" }
        let nodes = brief.nodes
        let me = "<tr class=\"index\">" + cell(F.economy(brief.header.economy))
            + nodes.map { cell(F.score($0.score), numeric: true) }.joined() + "</tr>\n"
        let rows = [me] + peers.economies.map { p in
            "<tr>" + cell(F.economy(p.economy))
                + nodes.map { n in cell(F.score(p.scores.first { $0.id == n.id }?.score), numeric: true) }.joined()
                + "</tr>\n"
        }
        func table(_ rows: ArraySlice<String>) -> String {
            "<table>" + headRow(["Economy"] + nodes.map(\.name), numeric: Set(1...max(1, nodes.count)))
                + "<tbody>\n" + rows.joined() + "</tbody></table>"
        }
        var out = "<section><h2>\(E.escape(F.peersTitle(peers, header: brief.header)))</h2>\n"
        if rows.count > Self.peersPerColumn {
            let half = (rows.count + 1) / 2
            out += "<div class=\"grid peers\">" + table(rows[..<half]) + table(rows[half...]) + "</div>\n"
        } else {
            out += table(rows[...]) + "\n"
        }
        return out + "</section>\n"
    }

    /// Above this many rows (the economy and its peers) the peers table is split into two side-by-side tables.
    package static let peersPerColumn = 12

    private func notes() -> String {
        var out = "<section><h2>Notes</h2>\n"
        guard !brief.notes.isEmpty else { return out + "<p>None.</p></section>\n" }
        out += "<ul>" + brief.notes.map { "<li>\(E.escape($0))</li>" }.joined() + "</ul>"
        return out + "</section>\n"
    }
}
