import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension Brief {
    /// The brief as GitHub-flavoured Markdown: headings, pipe tables and lists that paste cleanly into documents.
    /// Text from data is escaped (`|`, `\`, `<`, `>`, `*`, `_`, the backtick, `[`, `]`), so a name or note cannot break a
    /// table or become markup.
    public func markdown() -> String {
        BriefMarkdownRenderer(brief: self).render()
    }
}

package enum MarkdownText {
    /// Backslash-escapes Markdown punctuation and turns line breaks into spaces (``InertText/markdown(_:)``).
    package static func escape(_ text: String) -> String { InertText.markdown(text) }

    /// A pipe table; `numeric` columns are right-aligned. Cells are escaped here.
    package static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(escape).joined(separator: " | ") + " |" }
        return [line(header), "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined()]
            + rows.map(line)
    }
}

package struct BriefMarkdownRenderer {
    package let brief: Brief
    private typealias F = BriefFormatting
    private typealias M = MarkdownText

    package func render() -> String {
        let h = brief.header
        let sub = F.subregionLabel(h)
        let region = F.regionLabel(h)
        var out: [String] = []
        out.append("# " + M.escape(F.economy(h.economy)))
        out.append("")
        out.append("**\(M.escape(h.framework.name))**, \(h.year) · \(M.escape(F.groups(h)))")
        out.append("")
        out.append("Data years: \(F.vintage(h.vintage) ?? F.missing) · Sources: \(M.escape(F.sources(h.sources)))")
        if let universe = F.universe(h) { out += ["", M.escape(universe) + "."] }

        if brief.isUnscored {
            out += ["", "## Not scored", "", M.escape(brief.unscoredSummary)]
            return (out + unscoredSections()).joined(separator: "\n") + "\n"
        }
        out += ["", "## Scores and ranks", ""]
        out += M.table(
            ["", "Score", "Rank (\(region))", "Rank (\(sub))", "Rank (income group)", "Rank 5–95%", "1 year", "5 years"],
            brief.nodes.map { n in
                [n.name, F.score(n.score), F.rank(n.rank), F.rank(n.subregionRank), F.rank(n.incomeGroupRank),
                 F.interval(n.rankInterval), F.change(n.changeOneYear), F.change(n.changeFiveYears)]
            }, numeric: Set(1...7))
        if let r = brief.nodes.compactMap({ $0.rankInterval?.replications }).first {
            out += ["", "Rank 5–95%: percentiles of the rank over \(r) Monte Carlo replications."]
        }

        out += ["", "## Against the region", ""]
        out += M.table(
            ["", "Score", "\(sub) average", "\(sub) best", "\(region) average", "\(region) best"],
            brief.nodes.map { n in
                [n.name, F.score(n.score), F.average(n.subregion), F.best(n.subregion), F.average(n.escap),
                 F.best(n.escap)]
            }, numeric: [1, 2, 4])
        if let basis = F.averagesBasis(brief) { out += ["", M.escape(basis)] }

        out += ["", "## Gaps", ""]
        out += M.table(
            ["", "Gap to \(sub) best", "Gap to \(region) best", "Largest contributors (\(region) gap)"],
            brief.nodes.map { n in
                [n.name, F.gap(n.gapToSubregionBest), F.gap(n.gapToEscapBest), F.contributors(n.gapToEscapBest) ?? ""]
            }, numeric: [1, 2])
        let subContributors = brief.nodes.compactMap { n in
            F.contributors(n.gapToSubregionBest).map { "- \(M.escape(n.name)), gap to \(M.escape(sub)) best: \(M.escape($0))" }
        }
        if !subContributors.isEmpty { out += [""] + subContributors }

        if let targets = brief.targets, !targets.isEmpty {
            out += ["", "## Targets", ""]
            out += M.table(["", "Value", "Target", "At its own growth"],
                           targets.map { [$0.target.name, F.targetValue($0), F.target($0), F.targetStatus($0)] },
                           numeric: [1, 2])
            out += ["", "Raw indicator values against stated targets, growth over the last five years of data. Targets: "
                        + M.escape(F.targetSources(targets).joined(separator: "; ")) + "."]
        }

        out += ["", "## Strengths and weaknesses", ""]
        if let s = brief.standing, !(s.strengths.isEmpty && s.weaknesses.isEmpty) {
            out.append("Against \(M.escape(s.basis)); standing in standard deviations from the peer mean.")
            out.append("")
            out += M.table(
                ["", "Indicator", "Value", "Peer mean", "Unit", "Standing"],
                (s.strengths.map { ("strength", $0) } + s.weaknesses.map { ("weakness", $0) }).map { kind, i in
                    [kind, i.name, F.value(i.value), F.value(i.peerMean), i.unit ?? "", F.standardised(i.standardised)]
                }, numeric: [2, 3, 5])
        } else {
            out.append("No indicator can be compared with peers.")
        }

        out += indicatorsAndWithin()

        if let peers = brief.peers {
            out += ["", "## " + M.escape(F.peersTitle(peers, header: h)), ""]
            let me = Brief.PeerRow(
                economy: h.economy,
                scores: brief.nodes.map { Brief.NodeScore(id: $0.id, score: $0.score, rank: $0.rank?.rank) })
            let everyone = [me] + peers.economies
            out += M.table(
                ["Economy"] + brief.nodes.map(\.name),
                everyone.map { row in
                    [F.economy(row.economy)] + brief.nodes.map { n in
                        F.score(row.scores.first { $0.id == n.id }?.score)
                    }
                }, numeric: Set(1...max(1, brief.nodes.count)))
        }

        out += notesAndDesignations()
        return out.joined(separator: "\n") + "\n"
    }

    private func indicatorsAndWithin() -> [String] {
        var out = ["", "## Indicators", ""]
        out += M.table(
            ["Indicator", "Pillar", "Value", "Unit", "Year", "Source", "Status"],
            brief.indicators.map { r in
                [r.name, r.pillar ?? "", F.value(r.value), r.unit ?? "", r.year.map(String.init) ?? F.missing,
                 r.source ?? "", r.status.label]
            }, numeric: [2, 4])
        out += ["", "## Divide within the economy", ""]
        out.append("- Gender parity score: " + M.escape(F.genderParity(brief.withinEconomy.genderParity)))
        out.append("- Urban–rural ratio: " + M.escape(F.urbanRural(brief.withinEconomy.urbanRural)))
        return out
    }

    private func notesAndDesignations() -> [String] {
        var out = ["", "## Notes", ""]
        out += brief.notes.isEmpty ? ["None."] : brief.notes.map { "- " + M.escape($0) }
        out += ["", "*" + M.escape(F.designations) + "*"]
        return out
    }

    /// What an unscored brief keeps after its summary: the values the data holds, the divide within, the notes.
    private func unscoredSections() -> [String] { indicatorsAndWithin() + notesAndDesignations() }
}
