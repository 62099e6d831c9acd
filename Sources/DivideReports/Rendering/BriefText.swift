import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension Brief {
    /// The brief as aligned plain text for a terminal.
    ///
    /// Every line fits in `width` columns (100 by default; 80 gives a narrower layout with truncated names).
    /// With `colour`, section titles are bold and direction marks green (▲) or red (▼) using ANSI escapes; the
    /// caller decides (a terminal, and `NO_COLOR` unset).
    public func text(width: Int = 100, colour: Bool = false) -> String {
        BriefTextRenderer(brief: self, width: max(width, 60), colour: colour).render()
    }
}

package struct BriefTextRenderer {
    package let brief: Brief
    package let width: Int
    package let colour: Bool
    private typealias F = BriefFormatting

    /// The narrowest a name column may become.
    private var nameMinimum: Int { width >= 100 ? 24 : 14 }

    package func render() -> String {
        var lines: [String] = []
        lines += header()
        if brief.isUnscored {
            lines += section("Not scored", TextLayout.wrap(brief.unscoredSummary, width: width))
            if let targets = brief.targets, !targets.isEmpty { lines += section("Targets", targetsTable(targets)) }
            lines += section("Indicators", indicatorTable())
            lines += section("Divide within the economy", within())
            lines += section("Notes", notes())
            return lines.map { paint(InertText.terminal($0, keepLineBreaks: true)) }.joined(separator: "\n") + "\n"
        }
        lines += section("Scores and ranks", scoresTable())
        lines += section("Against the region", regionTable())
        lines += section("Gaps", gaps())
        if let targets = brief.targets, !targets.isEmpty { lines += section("Targets", targetsTable(targets)) }
        lines += section(standingTitle(), standing())
        lines += section("Indicators", indicatorTable())
        lines += section("Divide within the economy", within())
        if let peers = brief.peers { lines += section(F.peersTitle(peers, header: brief.header), peersTable(peers)) }
        lines += section("Notes", notes())
        // Data text is made inert first (control characters shown escaped); only then do our own bold marks
        // become ANSI escapes, so a name from a file can never reach the terminal as a control sequence.
        return lines.map { paint(InertText.terminal($0, keepLineBreaks: true)) }.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    private func header() -> [String] {
        let h = brief.header
        var lines = TextLayout.wrap(F.economy(h.economy), width: width).map(bold)
        lines += TextLayout.wrap("\(h.framework.name) · \(h.year)", width: width)
        lines += TextLayout.wrap(F.groups(h), width: width)
        lines += TextLayout.wrap("Data years: \(F.vintage(h.vintage) ?? F.missing)", width: width)
        if let universe = F.universe(h) { lines += TextLayout.wrap(universe, width: width) }
        lines += TextLayout.wrap("Sources: " + F.sources(h.sources), width: width, indent: "  ")
        return lines
    }

    private func section(_ title: String, _ body: [String]) -> [String] {
        ["", bold(title.uppercased())] + body
    }

    private func scoresTable() -> [String] {
        let table = Table(
            columns: [
                .init(header: "", minimumWidth: nameMinimum), .init(header: "Score", rightAligned: true),
                .init(header: F.regionLabel(brief.header), rightAligned: true), .init(header: F.subregionLabel(brief.header), rightAligned: true),
                .init(header: "Income", rightAligned: true), .init(header: "5–95%", rightAligned: true),
                .init(header: "1 year", rightAligned: true), .init(header: "5 years", rightAligned: true),
            ],
            rows: brief.nodes.map { n in
                [n.name, F.score(n.score), F.rank(n.rank), F.rank(n.subregionRank), F.rank(n.incomeGroupRank),
                 F.interval(n.rankInterval), F.change(n.changeOneYear), F.change(n.changeFiveYears)]
            })
        var lines = table.lines(width: width)
        let years = brief.nodes.compactMap { $0.changeOneYear?.fromYear }.first.map { "1 year: since \($0)" }
        let five = brief.nodes.compactMap { $0.changeFiveYears?.fromYear }.first.map { "5 years: since \($0)" }
        let replications = brief.nodes.compactMap { $0.rankInterval?.replications }.first
            .map { "5–95%: rank interval over \($0) Monte Carlo replications" }
        let levels = years == nil && five == nil ? nil : "changes in levels normalised over all years (Notes)"
        let legend = ["Ranks: position/economies ranked", replications, years, five, levels].compactMap { $0 }
        lines += TextLayout.wrap(legend.joined(separator: "; ") + ".", width: width)
        return lines
    }

    private func regionTable() -> [String] {
        let sub = F.subregionLabel(brief.header)
        return Table(
            columns: [
                .init(header: "", minimumWidth: nameMinimum), .init(header: "Score", rightAligned: true),
                .init(header: "\(sub) avg", rightAligned: true), .init(header: "\(sub) best"),
                .init(header: "\(F.regionLabel(brief.header)) avg", rightAligned: true),
                .init(header: "\(F.regionLabel(brief.header)) best"),
            ],
            rows: brief.nodes.map { n in
                [n.name, F.score(n.score), F.average(n.subregion), F.best(n.subregion), F.average(n.escap),
                 F.best(n.escap)]
            }
        ).lines(width: width) + (F.averagesBasis(brief).map { TextLayout.wrap($0, width: width) } ?? [])
    }

    private func gaps() -> [String] {
        let sub = F.subregionLabel(brief.header)
        var lines = Table(
            columns: [
                .init(header: "", minimumWidth: nameMinimum), .init(header: "To \(sub) best", rightAligned: true),
                .init(header: "To \(F.regionLabel(brief.header)) best", rightAligned: true),
            ],
            rows: brief.nodes.map { n in
                [n.name, F.gap(n.gapToSubregionBest), F.gap(n.gapToEscapBest)]
            }
        ).lines(width: width)
        lines += TextLayout.wrap(
            "Gaps in score points. Scores are relative (rescaled each year over the region), so no years to close are "
                + "extrapolated from them; progress towards stated targets is under Targets.", width: width)
        for n in brief.nodes {
            for (label, gap) in [(sub, n.gapToSubregionBest), (F.regionLabel(brief.header), n.gapToEscapBest)] {
                guard let text = F.contributors(gap) else { continue }
                lines += TextLayout.wrap(
                    "\(n.name), gap to \(label) best, largest contributors: \(text)", width: width,
                    firstIndent: "• ", indent: "  ")
            }
        }
        return lines
    }

    private func targetsTable(_ targets: [TargetProgress]) -> [String] {
        var lines = Table(
            columns: [
                .init(header: "", minimumWidth: nameMinimum), .init(header: "Value", rightAligned: true),
                .init(header: "Target", rightAligned: true), .init(header: "At its own growth"),
            ],
            rows: targets.map { [$0.target.name, F.targetValue($0), F.target($0), F.targetStatus($0)] }
        ).lines(width: width)
        lines += TextLayout.wrap("Raw indicator values against stated targets; growth: the indicator's own compound rate "
                                 + "over its last five years of data; on track: reached by the target's year. "
                                 + "Targets: " + F.targetSources(targets).joined(separator: "; ") + ".", width: width)
        return lines
    }

    private func standingTitle() -> String {
        "Strengths and weaknesses" + (brief.standing.map { " (against \($0.basis))" } ?? "")
    }

    private func standing() -> [String] {
        guard let standing = brief.standing, !(standing.strengths.isEmpty && standing.weaknesses.isEmpty) else {
            return ["No indicator can be compared with peers."]
        }
        let rows = standing.strengths.map { ("strength", $0) } + standing.weaknesses.map { ("weakness", $0) }
        return Table(
            columns: [
                .init(header: ""), .init(header: "Indicator", minimumWidth: 16),
                .init(header: "Value", rightAligned: true), .init(header: "Peer mean", rightAligned: true),
                .init(header: "Unit", minimumWidth: 6), .init(header: "Standing", rightAligned: true),
            ],
            rows: rows.map { kind, s in
                [kind, s.name, F.value(s.value), F.value(s.peerMean), s.unit ?? "", F.standardised(s.standardised)]
            }
        ).lines(width: width)
            + TextLayout.wrap("Standing: standard deviations above (+) or below (−) the peer mean; "
                + "indicators where lower is better are turned round.", width: width)
    }

    private func indicatorTable() -> [String] {
        guard !brief.indicators.isEmpty else { return ["No indicators."] }
        let wide = width >= 100
        func status(_ s: Brief.ValueStatus) -> String {
            guard s.flag == .carriedForward else { return s.label }
            return (wide ? "carried fwd " : "c/f ") + (s.fromYear.map(String.init) ?? "")
        }
        var legend = !wide && brief.indicators.contains { $0.status.flag == .carriedForward }
            ? ["c/f YEAR: carried forward from YEAR."] : []
        // Sources are long ("World Telecommunication/ICT Indicators Database, International Telecommunication Union
        // (ITU), uri: …"): the table names each by a number, the legend under it in full.
        var sources: [String] = []
        func reference(_ source: String?) -> String {
            guard let source, !source.isEmpty else { return "" }
            if let k = sources.firstIndex(of: source) { return "[\(k + 1)]" }
            sources.append(source)
            return "[\(sources.count)]"
        }
        let rows = brief.indicators.map { r in
            [r.name, F.value(r.value), r.unit ?? "", r.year.map(String.init) ?? F.missing, reference(r.source),
             status(r.status)]
        }
        for (k, source) in sources.enumerated() {
            legend += TextLayout.wrap("[\(k + 1)] " + source, width: width, indent: "    ")
        }
        return Table(
            columns: [
                .init(header: "Indicator", minimumWidth: width >= 100 ? 20 : 14),
                .init(header: "Value", rightAligned: true), .init(header: "Unit", minimumWidth: 5),
                .init(header: "Year", rightAligned: true), .init(header: "Source"),
                .init(header: "Status", minimumWidth: 8),
            ],
            rows: rows
        ).lines(width: width) + ["Sources:"] + legend
    }

    private func within() -> [String] {
        let w = brief.withinEconomy
        return TextLayout.wrap("Gender parity score: " + F.genderParity(w.genderParity), width: width, indent: "  ")
            + TextLayout.wrap("Urban–rural ratio: " + F.urbanRural(w.urbanRural), width: width, indent: "  ")
    }

    /// Pillars down, economies across; economies split into blocks that fit the width.
    private func peersTable(_ peers: Brief.Peers) -> [String] {
        let nodes = brief.nodes
        let me = Brief.PeerRow(
            economy: brief.header.economy,
            scores: nodes.map { Brief.NodeScore(id: $0.id, score: $0.score, rank: $0.rank?.rank) })
        let everyone = [me] + peers.economies
        let nameWidth = min(nameMinimum + 4, nodes.map(\.name.count).max() ?? 0)
        let perBlock = max(1, (width - nameWidth) / 7)
        var lines: [String] = []
        var start = 0
        while start < everyone.count {
            let block = Array(everyone[start..<min(everyone.count, start + perBlock)])
            if start > 0 { lines.append("") }
            lines += Table(
                columns: [.init(header: "", minimumWidth: min(nameWidth, 12))]
                    + block.map { .init(header: $0.economy.iso3, rightAligned: true) },
                rows: nodes.map { node in
                    [node.name] + block.map { row in F.score(row.scores.first { $0.id == node.id }?.score) }
                }
            ).lines(width: width)
            start += perBlock
        }
        return lines
    }

    private func notes() -> [String] {
        guard !brief.notes.isEmpty else { return ["None."] }
        return brief.notes.flatMap { TextLayout.wrap($0, width: width, firstIndent: "• ", indent: "  ") }
    }

    // MARK: - Colour

    /// Bold is marked with two private-use characters while the text is laid out (they are not control
    /// characters, so ``InertText`` leaves them) and turned into ANSI escapes last, by ``paint(_:)``.
    private static let (boldOn, boldOff) = ("\u{E000}", "\u{E001}")

    private func bold(_ text: String) -> String { colour ? Self.boldOn + text + Self.boldOff : text }

    private func paint(_ line: String) -> String {
        guard colour else { return line }
        return line.replacingOccurrences(of: Self.boldOn, with: "\u{1B}[1m")
            .replacingOccurrences(of: Self.boldOff, with: "\u{1B}[0m")
            .replacingOccurrences(of: "▲", with: "\u{1B}[32m▲\u{1B}[0m")
            .replacingOccurrences(of: "▼", with: "\u{1B}[31m▼\u{1B}[0m")
    }
}
