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

    package static let economyColour = Palette.economy.hex
    package static let subregionColour = Palette.subregion.hex
    package static let escapColour = Palette.region.hex
    /// An average over a group is drawn for a year only when at least this share of the group's economies has a
    /// value that year (a mean of a few reporters is not the group's).
    package static let averageCoverage = 0.5

    package func render() -> String {
        let h = brief.header
        var out = header()
        // A brief with indicator trends (schema 2.1) shows strengths, weaknesses and the divide within the economy on
        // and under its indicator cards; an older one keeps their table and section.
        let cards = brief.indicatorTrends != nil
        if brief.isUnscored {
            out += "<section><h2>Not scored</h2>\n<p>\(E.escape(brief.unscoredSummary))</p></section>\n"
            out += indicators()
            out += targets()
            if !cards { out += "<section class=\"keep\">" + withinLine() + "</section>\n" }
            out += notes()
        } else {
            out += kpis()
            out += charts()
            out += scores()
            out += trendAndDistribution()
            out += peers()
            out += indicators()
            out += targets()
            if !cards { out += standing() }
            out += notes()
        }
        return HTMLPage.document(
            title: "\(h.economy.name) — \(h.framework.name) \(h.year)", body: out,
            footer: ["Sources: " + F.numberedSources(h.sources) + " · Schema \(brief.schemaVersion) · DigitalDivide"])
    }

    /// "48" when every node is ranked among the same number of economies, else "48–55" (each row says its own).
    package static func rankedCount(_ counts: [Int]) -> String {
        guard let low = counts.min(), let high = counts.max() else { return "0" }
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    // MARK: - Pieces

    private func cell(_ text: String, numeric: Bool = false, unit: Bool = false) -> String {
        let cls = [numeric ? "num" : nil, unit ? "unit" : nil, text == F.missing ? "missing" : nil].compactMap { $0 }
        return "<td" + (cls.isEmpty ? "" : " class=\"\(cls.joined(separator: " "))\"") + ">\(E.escape(text))</td>"
    }

    private func changeCell(_ change: Brief.Change?) -> String {
        guard let change else { return cell(F.missing, numeric: true) }
        return "<td class=\"num \(change.direction.rawValue)\">\(E.escape(F.change(change)))</td>"
    }

    private func headRow(_ titles: [String], numeric: Set<Int>) -> String { HTMLPage.headRow(titles, numeric: numeric) }

    /// A figure: the chart under a caption that names it (`title`) and says what the reader sees (`explanation`).
    private func figure(_ title: String, _ explanation: String, _ chart: String) -> String {
        "<figure><figcaption><b>\(E.escape(title)).</b> \(E.escape(explanation))</figcaption>\(chart)</figure>\n"
    }

    private var economyName: String { brief.header.economy.name }

    private func header() -> String {
        let h = brief.header
        var out = "<header>\n<h1>\(E.escape(F.economy(h.economy)))</h1>\n"
        out += "<div class=\"subtitle\">\(E.escape(h.framework.name)) · \(h.year)</div>\n"
        out += "<div class=\"meta\">\(E.escape(F.groups(h))) · <span class=\"nowrap\">Data years: "
            + "\(E.escape(F.vintage(h.vintage) ?? F.missing))</span>"
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
        kpi("Index score", F.score(index.score), "of 100")
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
        let sub = F.subregionLabel(h)
        let dots = SVGCharts.dotPlot(
            title: "Scores against the subregion and \(F.regionLabel(brief.header)) averages",
            rows: nodes.map { ($0.name, [$0.score, $0.subregion?.average, $0.escap?.average]) },
            series: [(h.economy.iso3, Self.economyColour, .circle), ("\(sub) average", Self.subregionColour, .diamond),
                     ("\(F.regionLabel(brief.header)) average", Self.escapColour, .tick)])
        let counts = nodes.compactMap { $0.rank?.of }
        var out = "<div class=\"grid\">\n" + figure(
            "Scores against the averages",
            "\(economyName) (dots) against the unweighted averages of \(sub) (diamonds) and \(F.regionLabel(brief.header)) (ticks).", dots)
        if !counts.isEmpty {
            // Each node is ranked among the economies it scores: name that number, per row when they differ.
            let among = Self.rankedCount(counts)
            let intervals = SVGCharts.rankIntervals(
                title: "Rank and its 5–95% interval among \(among) economies",
                rows: nodes.map { ($0.name, $0.rank?.rank, $0.rank?.of, $0.rankInterval?.low, $0.rankInterval?.high) },
                colour: Self.economyColour, axisTitle: "\(F.regionLabel(brief.header)) rank (1 = best)")
            let replications = nodes.compactMap { $0.rankInterval?.replications }.first
            out += figure(
                "Rank and 5–95% rank interval (of \(among))",
                "\(F.regionLabel(brief.header)) rank (dot; 1 = best) on a track to the last rank; "
                    + (replications.map { "whiskers: the middle 90% of \($0) Monte Carlo ranks." }
                        ?? "no rank intervals were computed."), intervals)
        } else {
            out += "<figure><figcaption><b>Ranks.</b></figcaption><p class=\"missing\">Not ranked.</p></figure>\n"
        }
        return out + "</div>\n"
    }

    /// One table of every node: score, ranks, rank interval, changes, the subregion and ESCAP averages and the
    /// gaps to the best of each (with the holder of the best score); the largest contributors to the gaps below it.
    private func scores() -> String {
        let sub = F.subregionLabel(brief.header)
        let region = F.regionLabel(brief.header)
        var table = "<table class=\"scores\">" + headRow(
            ["", "Score", "\(region) rank", "\(sub) rank", "Income group rank", "Rank 5–95%", "Change, 1 year",
             "Change, 5 years", "\(sub) average", "\(region) average", "Gap to \(sub) best", "Gap to \(region) best"],
            numeric: Set(1...11))
        table += "<tbody>\n"
        for n in brief.nodes {
            table += "<tr\(n.kind == .index ? " class=\"index\"" : "")>" + cell(n.name) + cell(F.score(n.score), numeric: true)
                + cell(F.rank(n.rank), numeric: true) + cell(F.rank(n.subregionRank), numeric: true)
                + cell(F.rank(n.incomeGroupRank), numeric: true) + cell(F.interval(n.rankInterval), numeric: true)
                + changeCell(n.changeOneYear) + changeCell(n.changeFiveYears)
                + cell(F.average(n.subregion), numeric: true) + cell(F.average(n.escap), numeric: true)
                + gapCell(n.gapToSubregionBest) + gapCell(n.gapToEscapBest) + "</tr>\n"
        }
        var out = "<section><h2>Scores, ranks and gaps</h2>\n" + HTMLPage.scrolling(table + "</tbody></table>") + "\n"
        var legend = ["Rank/number of economies ranked."]
        if let r = brief.nodes.compactMap({ $0.rankInterval?.replications }).first {
            legend.append("Rank 5–95%: percentiles of the rank over \(r) Monte Carlo replications.")
        }
        if let y = brief.nodes.compactMap({ $0.changeOneYear?.fromYear }).first { legend.append("1 year: since \(y).") }
        if let y = brief.nodes.compactMap({ $0.changeFiveYears?.fromYear }).first { legend.append("5 years: since \(y).") }
        if brief.nodes.contains(where: { $0.changeOneYear != nil || $0.changeFiveYears != nil }) {
            legend.append("Changes: in levels normalised over all years (see the notes).")
        }
        legend.append("Averages: unweighted, over the economies with a score. Gaps: score points to the best economy "
            + "(in brackets); scores are relative (rescaled each year), so no years to close are extrapolated from them.")
        out += "<p class=\"small\">\(E.escape(legend.joined(separator: " ")))</p>\n"
        if let basis = F.averagesBasis(brief) { out += "<p class=\"small\">\(E.escape(basis))</p>\n" }
        // What holds the index back most, as shares of the positive contributions to its gaps to the ESCAP and the
        // subregion best (the pillars' contributors are in the JSON, CSV, Markdown and text).
        var parts: [String] = []
        if let n = brief.index {
            if let c = F.contributors(n.gapToEscapBest) { parts.append("<b>Gap to the \(E.escape(region)) best</b>: \(E.escape(c)).") }
            if let c = F.contributors(n.gapToSubregionBest) {
                parts.append("<b>Gap to the \(E.escape(sub)) best</b>: \(E.escape(c)).")
            }
        }
        if !parts.isEmpty {
            out += "<p class=\"small\">Largest contributors to the index's gaps, as shares of what holds the economy "
                + "back (the pillars' in the JSON, CSV and Markdown). " + parts.joined(separator: " ") + "</p>\n"
        }
        return out + "</section>\n"
    }

    /// A gap with the holder of the best score in brackets (which may wrap under it); when several tie, they are
    /// all named in the cell's tooltip.
    private func gapCell(_ gap: Brief.Gap?) -> String {
        guard let gap else { return cell(F.missing, numeric: true) }
        let who = F.holder(gap.frontierEconomy, tied: gap.frontierTiedEconomies)
            .map { $0.hasPrefix("(") ? " " + $0 : " (\($0))" } ?? ""
        let tip = F.tiedList(gap.frontierTiedEconomies).map { " title=\"\(E.escape("Tied: " + $0))\"" } ?? ""
        return "<td class=\"num gap\"\(tip)>\(E.escape(F.gap(gap) + who))</td>"
    }

    /// The targets the indicator cards do not show (a target is drawn on the card of the indicator that reads its
    /// series, when the brief has indicator trends), in a table.
    private func targets() -> String {
        guard let targets = brief.targets, !targets.isEmpty else { return "" }
        let onCards = targetsOnCards
        let rest = targets.filter { p in !onCards.contains { $0.target.id == p.target.id } }
        guard !rest.isEmpty else { return "" }
        var table = "<table>" + headRow(["", "Value", "Target", "At its own growth"], numeric: [1, 2])
        table += "<tbody>\n"
        for p in rest {
            table += "<tr>" + cell(p.target.name) + cell(F.targetValue(p), numeric: true)
                + cell(F.target(p), numeric: true) + "<td class=\"text\">\(E.escape(F.targetStatus(p)))</td></tr>\n"
        }
        table += "</tbody></table>"
        return "<section><h2>Targets</h2>\n" + HTMLPage.scrolling(table)
            + "\n<p class=\"small\">" + E.escape(targetsNote(rest)) + "</p></section>\n"
    }

    private func targetsNote(_ targets: [TargetProgress]) -> String {
        "Raw indicator values against stated targets, growth over the last five years of data. Targets: "
            + F.targetSources(targets).joined(separator: "; ") + "."
    }

    /// The targets whose series an indicator card charts in the same units.
    private var targetsOnCards: [TargetProgress] {
        let series = Set((brief.indicatorTrends ?? []).compactMap(\.series))
        return (brief.targets ?? []).filter { series.contains($0.target.series) }
    }

    private func trendAndDistribution() -> String {
        let lines = brief.trend.enumerated().map { k, s in
            SVGCharts.Line(name: s.economy.iso3, colour: Palette.series[k % Palette.series.count].hex,
                           width: k == 0 ? 2.6 : 1.4, points: s.points.map { (year: $0.year, value: $0.value) })
        }
        let trend = SVGCharts.lines(title: "Index over time against peers", series: lines,
                                    yTitle: "index score (0–100), levels", yRange: 0...100, width: 460, height: 140,
                                    empty: "No index scores over time.")
        let peers = max(0, brief.trend.count - 1)
        var out = "<div class=\"grid wide\">\n" + figure(
            "Index over time against peers",
            "\(economyName) (thick line)"
                + (peers > 0 ? " and the \(peers) peer\(peers == 1 ? "" : "s") with the nearest scores" : "")
                + ", named at their ends; normalised over all years at once, so a line shows a change of level.",
            trend)
        if let d = brief.distribution, d.lorenz.count >= 2 {
            let chart = SVGCharts.lorenz(
                title: "Lorenz curve of the index across \(F.regionLabel(brief.header))",
                points: d.lorenz.map { ($0.populationShare, $0.valueShare) },
                marked: d.economyPoint.map { ($0.populationShare, $0.valueShare) },
                markLabel: brief.header.economy.iso3, colour: Self.economyColour, size: 130, fontSize: 10.5)
            let gini = d.gini.map { String(format: "Gini %.3f", $0) } ?? "Gini n/a"
            out += figure(
                "Distribution across \(F.regionLabel(brief.header))",
                "Lorenz curve over \(d.units) economies, lowest score first (\(gini)); below the diagonal: unequal.",
                chart)
        } else {
            out += "<figure><figcaption><b>Distribution across \(E.escape(F.regionLabel(brief.header))).</b></figcaption>"
                + "<p class=\"missing\">No data.</p></figure>\n"
        }
        return out + "</div>\n"
    }

    /// The group averages drawn in an indicator chart: the years in which at least ``averageCoverage`` of the
    /// group's economies have a value.
    private func average(_ g: Brief.GroupTrend?) -> [(year: Int, value: Double)] {
        guard let g else { return [] }
        return g.points.filter { Double($0.economies) >= Self.averageCoverage * Double(g.of) }
            .map { (year: $0.year, value: $0.value) }
    }

    /// The indicators as cards, one per indicator with a value or a history: its pillar, name, the value used with
    /// unit, year, status and source, and a chart of its published values for the economy against the subregion
    /// and region averages. A brief written before schema 2.1 (no ``Brief/indicatorTrends``) gets the table.
    private func indicators() -> String {
        guard let trends = brief.indicatorTrends else { return indicatorTable() }
        let h = brief.header
        let sub = h.subregionCode ?? "Subregion"
        let numbers = sourceNumbers
        let onCards = targetsOnCards
        var byID: [String: Brief.IndicatorTrend] = [:]
        for t in trends where byID[t.indicatorId] == nil { byID[t.indicatorId] = t }
        let shown = brief.indicators.filter { $0.status.flag != .missing || !(byID[$0.indicatorId]?.economy.isEmpty ?? true) }
        let years = trends.flatMap { t in t.economy.map(\.year) + (t.escap?.points.map(\.year) ?? []) }
        var standings: [String: Brief.StandingIndicator] = [:]
        for i in (brief.standing?.strengths ?? []) + (brief.standing?.weaknesses ?? []) where standings[i.indicatorId] == nil {
            standings[i.indicatorId] = i
        }
        var out = "<section><div class=\"lead\"><h2>Indicators</h2>\n<p class=\"small\">"
            + E.escape("The value each score uses (year, status, [source]); the indicator as published for "
                + "\(h.economy.iso3) (solid) against the unweighted averages of \(sub) (dashed) and \(F.regionLabel(brief.header)) (dotted)"
                + (years.min().flatMap { a in years.max().map { ", \(a)–\($0)" } } ?? "")
                + ", where at least half of each group has a value; nothing carried or imputed.")
            + (brief.standing.map { s in " " + E.escape("Strength, weakness: the three furthest above and below the "
                + "mean of the \(s.basis), in standard deviations (sign turned where lower is better).") } ?? "")
            + "</p></div>\n<div class=\"multiples\">\n"
        for r in shown {
            let t = byID[r.indicatorId]
            let value: String
            switch r.status.flag {
            case .observed: value = [F.value(r.value), r.unit ?? ""].joined(separator: " ") + ", \(r.year.map(String.init) ?? F.missing)"
            case .carriedForward: value = [F.value(r.value), r.unit ?? ""].joined(separator: " ") + ", \(r.year.map(String.init) ?? F.missing), carried forward"
            case .imputed: value = "imputed"
            case .missing: value = "no value for \(h.year) nor a recent one"
            }
            let reference = sourceReference(r.source, numbers)
            let standing = standings[r.indicatorId].map { i in
                "<span class=\"standing \(i.standardised >= 0 ? "up" : "down")\">" + E.escape(
                    "\(i.standardised >= 0 ? "Strength" : "Weakness"): \(F.standardised(i.standardised)) against the "
                        + "\(F.regionLabel(brief.header)) mean of \(F.value(i.peerMean))") + "</span>"
            } ?? ""
            let lines = [SVGCharts.Line(name: h.economy.iso3, colour: Self.economyColour, width: 2.2,
                                        points: (t?.economy ?? []).map { (year: $0.year, value: $0.value) }),
                         SVGCharts.Line(name: sub, colour: Self.subregionColour, width: 1.5, dash: "4 2",
                                        points: average(t?.subregion)),
                         SVGCharts.Line(name: F.regionLabel(brief.header), colour: Self.escapColour, width: 1.5, dash: "1.5 1.5",
                                        points: average(t?.escap))]
            // Targets on the series: thin black dashed lines across the years shown, named on the line.
            let targets = t?.series.map { s in onCards.filter { $0.target.series == s } } ?? []
            let chart = SVGCharts.lines(
                title: "\(r.name): \(h.economy.iso3), \(sub) and \(F.regionLabel(brief.header)) by year", series: lines,
                yTitle: r.unit ?? t?.unit ?? "value",
                references: targets.map { (label: "target " + F.score($0.target.value).replacingOccurrences(of: ".0", with: ""),
                                           value: $0.target.value) },
                width: 160, height: 78, fontSize: 9)
            let targetLines = targets.map { p in
                "<span class=\"target\">" + E.escape("Target \(F.target(p)): \(F.targetStatus(p))") + "</span>"
            }.joined()
            out += "<figure class=\"card\"><figcaption><span class=\"name\">"
                + (r.pillar.map { "<span class=\"pillar\">\(E.escape($0))</span> " } ?? "")
                + "<b>\(E.escape(r.name))</b></span><span class=\"value flag-\(r.status.flag.rawValue)\" title=\"\(E.escape(r.source ?? ""))\">"
                + E.escape(value + (reference.isEmpty ? "" : " " + reference)) + "</span>\(standing)\(targetLines)</figcaption>"
                + "\(chart)</figure>\n"
        }
        out += "</div>\n"
        let missing = brief.indicators.filter { r in !shown.contains { $0.indicatorId == r.indicatorId } }
        if !missing.isEmpty {
            out += "<p class=\"small\"><span class=\"flag-missing\">missing</span> " + E.escape(
                "(no value for \(h.year) nor a recent one, and none published in these years): "
                    + missing.map { r in r.name + (r.source.map { " " + sourceReference($0, numbers) } ?? "") }
                        .joined(separator: "; ")) + "</p>\n"
        }
        if !onCards.isEmpty {
            out += "<p class=\"small\">" + E.escape(targetsNote(onCards) + " Drawn as black dashed lines; with the year "
                + "each would be reached at its own growth.") + "</p>\n"
        }
        return out + withinLine() + "</section>\n"
    }

    /// Strengths and weaknesses against the region, and the divide within the economy under them.
    private func standing() -> String {
        var out = "<section class=\"keep\"><h2>Strengths and weaknesses</h2>\n"
        if let s = brief.standing, !(s.strengths.isEmpty && s.weaknesses.isEmpty) {
            out += "<p class=\"small\">\(E.escape("Against \(s.basis): standard deviations above (+) or below (−) the peer mean, sign turned where lower is better."))</p>\n"
            var table = "<table>" + headRow(["", "Indicator", "Value", "Peer mean", "Unit", "Standing"], numeric: [2, 3, 5])
            table += "<tbody>\n"
            for (kind, list) in [("Strength", s.strengths), ("Weakness", s.weaknesses)] {
                for i in list {
                    table += "<tr>" + cell(kind) + cell(i.name) + cell(F.value(i.value), numeric: true)
                        + cell(F.value(i.peerMean), numeric: true) + cell(i.unit ?? "", unit: true)
                        + "<td class=\"num \(i.standardised >= 0 ? "up" : "down")\">\(E.escape(F.standardised(i.standardised)))</td></tr>\n"
                }
            }
            out += HTMLPage.scrolling(table + "</tbody></table>")
        } else {
            out += "<p class=\"missing\">No indicator can be compared with peers.</p>\n"
        }
        return out + withinLine() + "</section>\n"
    }

    /// The divide within the economy in one paragraph.
    private func withinLine() -> String {
        let w = brief.withinEconomy
        return "<p class=\"within\"><b>Divide within the economy.</b> "
            + "Gender parity score: \(E.escape(F.genderParity(w.genderParity))). "
            + "Urban–rural ratio: \(E.escape(F.urbanRural(w.urbanRural))).</p>\n"
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

    /// The indicator table (briefs without ``Brief/indicatorTrends``), compact for print: sources as reference
    /// numbers into the footer's list, and a pillar's indicators without a value named together on one line (each
    /// keeps its row in the JSON, CSV and Markdown). Each pillar is one row group (`tbody`), which a page break does
    /// not split.
    private func indicatorTable() -> String {
        var out = "<table class=\"indicators\">"
        out += headRow(["Indicator", "Value", "Unit", "Year", "Source", "Status"], numeric: [1, 3])
        let numbers = sourceNumbers
        var groups: [(pillar: String?, rows: [Brief.IndicatorRow])] = []
        for r in brief.indicators {
            if let last = groups.last, last.pillar == r.pillar { groups[groups.count - 1].rows.append(r) }
            else { groups.append((r.pillar, [r])) }
        }
        for group in groups {
            out += "<tbody class=\"group\">\n"
            out += "<tr class=\"group\"><td colspan=\"6\">\(E.escape(group.pillar ?? "Other indicators"))</td></tr>\n"
            for r in group.rows where r.status.flag != .missing {
                let source = r.source ?? ""
                out += "<tr>" + cell(r.name) + cell(F.value(r.value), numeric: true)
                    + cell(r.unit ?? "", unit: true) + cell(r.year.map(String.init) ?? F.missing, numeric: true)
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
            out += "</tbody>\n"
        }
        return "<section><h2>Indicators</h2>\n" + HTMLPage.scrolling(out + "</table>") + "</section>\n"
    }

    /// Peers beside the economy, one column per economy (by ISO3 code, the brief's economy first and in bold; the
    /// names in a key under the table) and one row per node. A long list (a large subregion) is cut into two tables,
    /// one under the other, so no table is wider than the page.
    private func peers() -> String {
        guard let peers = brief.peers else { return "" }
        let nodes = brief.nodes
        let columns: [(economy: Brief.Economy, scores: [Double?])] = [(brief.header.economy, nodes.map(\.score))]
            + peers.economies.map { p in (p.economy, nodes.map { n in p.scores.first { $0.id == n.id }?.score }) }
        func table(_ part: ArraySlice<(economy: Brief.Economy, scores: [Double?])>) -> String {
            var t = "<table class=\"peers\"><thead><tr><th></th>" + part.map { c in
                "<th class=\"num\" title=\"\(E.escape(c.economy.name))\">\(E.escape(c.economy.iso3))</th>"
            }.joined() + "</tr></thead><tbody>\n"
            for (k, node) in nodes.enumerated() {
                t += "<tr\(node.kind == .index ? " class=\"index\"" : "")>" + cell(node.name)
                    + part.map { cell(F.score($0.scores[k]), numeric: true) }.joined() + "</tr>\n"
            }
            return HTMLPage.scrolling(t + "</tbody></table>")
        }
        var out = "<section><h2>\(E.escape(F.peersTitle(peers, header: brief.header)))</h2>\n"
        if columns.count > Self.peersPerColumn {
            let half = (columns.count + 1) / 2
            out += table(columns[..<half]) + table(columns[half...])
        } else {
            out += table(columns[...])
        }
        out += "<p class=\"small\">" + E.escape("Scores 0–100; n/a: not scored. "
            + columns.map { "\($0.economy.iso3): \($0.economy.name)" }.joined(separator: "; ") + ".") + "</p>\n"
        return out + "</section>\n"
    }

    /// Above this many economies (the brief's and its peers) the peers table is cut into two tables.
    package static let peersPerColumn = 12

    private func notes() -> String {
        var out = "<section class=\"notes\"><h2>Notes</h2>\n"
        guard !brief.notes.isEmpty else { return out + "<p>None.</p></section>\n" }
        out += "<ul>" + brief.notes.map { "<li>\(E.escape($0))</li>" }.joined() + "</ul>"
        return out + "</section>\n"
    }
}
