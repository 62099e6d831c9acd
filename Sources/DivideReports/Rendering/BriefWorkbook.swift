import DivideAnalysis
import DivideData
import DivideIndex

extension Brief {
    /// The brief as an Excel workbook: one sheet per table of the brief, numbers as numbers (scores shown with one
    /// decimal, shares as percentages; the stored values keep full precision), units in their own columns, and
    /// the notes and sources on sheets of their own. Write it with `XLSXWorkbook.write(to:)`.
    ///
    /// Sheets: About (economy, groups, framework, year, data vintage, distribution), Scores (index and pillars:
    /// score, ranks, rank interval, changes, benchmarks, gaps), Gap contributors, Standing (strengths and
    /// weaknesses), Indicators, Within economy, Peers, Trend, Lorenz, Targets, Notes, Sources. A sheet whose part
    /// of the brief is empty keeps its header row, so every brief's workbook has the same shape.
    public func workbook() -> XLSXWorkbook {
        var book = XLSXWorkbook()
        typealias Column = XLSXWorkbook.Column
        let score = "0.0", share = "0%"
        func text(_ s: String?) -> XLSXWorkbook.Cell { s.map { .text($0) } ?? .empty }
        func number(_ x: Double?) -> XLSXWorkbook.Cell { x.map { .number($0) } ?? .empty }
        func integer(_ n: Int?) -> XLSXWorkbook.Cell { n.map { .integer($0) } ?? .empty }
        func economy(_ e: Brief.Economy?) -> XLSXWorkbook.Cell { text(e?.iso3) }
        func tied(_ list: [Brief.Economy]?) -> XLSXWorkbook.Cell { text(list.map { $0.map(\.iso3).joined(separator: " ") }) }

        let h = header
        var about: [[XLSXWorkbook.Cell]] = [
            [.text("economy"), .text(h.economy.name)], [.text("iso3"), .text(h.economy.iso3)],
            [.text("subregion"), text(h.subregion)], [.text("subregion code"), text(h.subregionCode)],
            [.text("income group"), text(h.incomeGroup)], [.text("index"), .text(h.framework.name)],
            [.text("framework id"), .text(h.framework.id)], [.text("year"), .integer(h.year)],
            [.text("latest data year"), integer(h.vintage.latestYear)],
            [.text("oldest data year"), integer(h.vintage.oldestYear)],
        ]
        if let d = distribution {
            about += [[.text("economies with an index score"), .integer(d.units)],
                      [.text("Gini of the index across the ESCAP region"), number(d.gini)],
                      [.text("Lorenz point of the economy: share of economies"), number(d.economyPoint?.populationShare)],
                      [.text("Lorenz point of the economy: share of the index total"), number(d.economyPoint?.valueShare)]]
        }
        book.addSheet("About", columns: [Column("field"), Column("value")], rows: about)

        let benchmarkColumns = ["subregion", "ESCAP"].flatMap { group in
            [Column("\(group) average", numberFormat: score), Column("\(group) best", numberFormat: score),
             Column("\(group) best economy"), Column("\(group) best tied with")]
        }
        book.addSheet("Scores", columns: [
            Column("node"), Column("name"), Column("level"), Column("score", numberFormat: score), Column("rank"),
            Column("ranked"), Column("subregion rank"), Column("subregion ranked"), Column("income group rank"),
            Column("income group ranked"), Column("rank 5th percentile", numberFormat: score),
            Column("rank 95th percentile", numberFormat: score), Column("rank median", numberFormat: score),
            Column("replications"), Column("change 1 year", numberFormat: score), Column("change 1 year from"),
            Column("rank change 1 year"), Column("change 1 year measured on"),
            Column("change 5 years", numberFormat: score), Column("change 5 years from"),
            Column("rank change 5 years"), Column("change 5 years measured on"),
        ] + benchmarkColumns + [
            Column("gap to subregion best", numberFormat: score), Column("gap to ESCAP best", numberFormat: score),
        ], rows: nodes.map { n in
            var row: [XLSXWorkbook.Cell] = [
                .text(n.id), .text(n.name), .text(n.kind.rawValue), number(n.score), integer(n.rank?.rank),
                integer(n.rank?.of), integer(n.subregionRank?.rank), integer(n.subregionRank?.of),
                integer(n.incomeGroupRank?.rank), integer(n.incomeGroupRank?.of), number(n.rankInterval?.low),
                number(n.rankInterval?.high), number(n.rankInterval?.median), integer(n.rankInterval?.replications),
            ]
            for change in [n.changeOneYear, n.changeFiveYears] {
                row += [number(change?.delta), integer(change?.fromYear), integer(change?.rankDelta), text(change?.basis)]
            }
            for b in [n.subregion, n.escap] {
                row += [number(b?.average), number(b?.best), economy(b?.bestEconomy), tied(b?.bestTiedEconomies)]
            }
            return row + [number(n.gapToSubregionBest?.gap), number(n.gapToEscapBest?.gap)]
        })

        var contributors: [[XLSXWorkbook.Cell]] = []
        for n in nodes {
            for (label, gap) in [("subregion best", n.gapToSubregionBest), ("ESCAP best", n.gapToEscapBest)] {
                guard let gap else { continue }
                for (k, c) in gap.contributors.enumerated() {
                    contributors.append([.text(n.id), .text(label), .number(gap.frontier), economy(gap.frontierEconomy),
                                         .number(gap.gap), .integer(k + 1), .text(c.indicatorId), .text(c.name),
                                         .number(c.points), number(c.share)])
                }
            }
        }
        book.addSheet("Gap contributors", columns: [
            Column("node"), Column("gap to"), Column("frontier score", numberFormat: score), Column("frontier economy"),
            Column("gap", numberFormat: score), Column("order"), Column("indicator"), Column("name"),
            Column("points", numberFormat: score), Column("share of gap", numberFormat: share),
        ], rows: contributors)

        let standingRows = [("strength", standing?.strengths ?? []), ("weakness", standing?.weaknesses ?? [])]
            .flatMap { kind, list in
                list.map { x -> [XLSXWorkbook.Cell] in
                    [.text(kind), .text(x.indicatorId), .text(x.name), text(x.pillar), number(x.value), text(x.unit),
                     number(x.peerMean), .number(x.standardised)]
                }
            }
        book.addSheet("Standing", columns: [
            Column("standing"), Column("indicator"), Column("name"), Column("pillar"), Column("value"), Column("unit"),
            Column("peer mean"), Column("standard deviations from peers", numberFormat: "0.0"),
        ], rows: standingRows)

        book.addSheet("Indicators", columns: [
            Column("indicator"), Column("name"), Column("pillar"), Column("value"), Column("unit"), Column("year"),
            Column("source"), Column("status"), Column("carried forward from"),
        ], rows: indicators.map { r in
            [.text(r.indicatorId), .text(r.name), text(r.pillar), number(r.value), text(r.unit), integer(r.year),
             text(r.source), .text(r.status.label), integer(r.status.fromYear)]
        })

        var within: [[XLSXWorkbook.Cell]] = []
        if let g = withinEconomy.genderParity {
            within.append([.text("gender parity score (women ÷ men)"), .text(g.indicator), integer(g.year),
                           .text("women"), .number(g.female), .text("men"), .number(g.male), .number(g.score),
                           .text(BriefFormatting.band(g.band) + " (ITU parity band 0.98–1.02)")])
        }
        if let u = withinEconomy.urbanRural {
            within.append([.text("urban ÷ rural"), .text(u.indicator), integer(u.year), .text("urban"),
                           .number(u.urban), .text("rural"), .number(u.rural), .number(u.ratio), .empty])
        }
        book.addSheet("Within economy", columns: [
            Column("divide"), Column("indicator"), Column("year"), Column("group"), Column("value (%)"),
            Column("compared with"), Column("their value (%)"), Column("ratio", numberFormat: "0.000"), Column("reading"),
        ], rows: within)

        let peerNodes = nodes.map(\.id)
        book.addSheet("Peers", columns: [Column("iso3"), Column("economy")] + peerNodes.flatMap {
            [Column("\($0) score", numberFormat: score), Column("\($0) rank")]
        }, rows: (peers?.economies ?? []).map { p in
            var row: [XLSXWorkbook.Cell] = [.text(p.economy.iso3), .text(p.economy.name)]
            for id in peerNodes {
                let s = p.scores.first { $0.id == id }
                row += [number(s?.score), integer(s?.rank)]
            }
            return row
        })

        book.addSheet("Trend", columns: [
            Column("iso3"), Column("economy"), Column("year"), Column("index score", numberFormat: score),
        ], rows: trend.flatMap { series in
            series.points.map { [.text(series.economy.iso3), .text(series.economy.name), .integer($0.year), .number($0.value)] }
        })

        book.addLorenzSheet(distribution?.lorenz ?? [])

        book.addSheet("Targets", columns: [
            Column("target"), Column("name"), Column("series"), Column("target value"), Column("direction"),
            Column("by year"), Column("value"), Column("year"), Column("growth from"), Column("growth to"),
            Column("growth a year", numberFormat: "0.0%"), Column("years to reach", numberFormat: "0.0"),
            Column("reach"), Column("on track"), Column("source"), Column("url"),
        ], rows: (targets ?? []).map { p in
            let t = p.target
            var years: XLSXWorkbook.Cell = .empty
            if case .years(let y)? = p.yearsToReach, y.isFinite { years = .number(y) }
            return [.text(t.id), .text(t.name), .text(t.series), .number(t.value),
                    .text(t.higherIsBetter ? "at least" : "at most"), integer(t.byYear), .number(p.value),
                    .integer(p.year), integer(p.window.first), integer(p.window.last), number(p.growth), years,
                    .text(BriefFormatting.targetStatus(p)), text(p.onTrack.map { $0 ? "yes" : "no" }), .text(t.source),
                    text(t.url)]
        })

        var notes: [(about: String, note: String)] = []
        if isUnscored { notes.append(("not scored", unscoredSummary)) }
        notes += [
            ("scores", "The scores of the index (\(h.framework.name)) and its pillars are on the framework's scale "
                + "(0–100 for the shipped presets); ranks are among the ESCAP-region economies scored in \(h.year) "
                + "(1 = best)."),
            ("changes", "Changes are in score points since the year named beside them; a rank change above 0 is a "
                + "rise in the ranking."),
            ("units", "Indicator values are in the unit of their own column; shares are stored as fractions "
                + "(0.25) and shown as percentages."),
        ]
        if let basis = standing?.basis { notes.append(("standing", basis)) }
        notes += self.notes.map { ("brief", $0) }
        notes.append(("designations", BriefFormatting.designations))
        notes.append(("schema", "The brief follows schema \(schemaVersion) of docs/brief-schema.md (its JSON form)."))
        book.addNotes(notes)
        book.addSheet("Sources", columns: [Column("source"), Column("licence")],
                      rows: h.sources.map { [.text($0.name), text($0.licence)] })
        return book
    }
}

extension RegionalOverview {
    /// The regional overview as an Excel workbook: Leaderboard (rank, rank interval and every node's score per
    /// economy), Inequality (per node: economies scored, mean, Gini, Theil T and its share between subregions),
    /// Lorenz (the index across the region), Notes.
    public func workbook() -> XLSXWorkbook {
        var book = XLSXWorkbook()
        typealias Column = XLSXWorkbook.Column
        func number(_ x: Double?) -> XLSXWorkbook.Cell { x.map { .number($0) } ?? .empty }
        book.addSheet("Leaderboard", columns: [
            Column("rank"), Column("iso3"), Column("economy"), Column("subregion"),
            Column("rank 5th percentile", numberFormat: "0.0"), Column("rank 95th percentile", numberFormat: "0.0"),
        ] + nodes.map { Column($0.name, numberFormat: "0.0") }, rows: rows.map { r in
            [r.rank.map { .integer($0) } ?? .empty, .text(r.economy.iso3), .text(r.economy.name),
             r.subregionCode.map { .text($0) } ?? .empty, number(r.rankInterval?.low), number(r.rankInterval?.high)]
                + r.scores.map(number)
        })
        book.addSheet("Inequality", columns: [
            Column("node"), Column("name"), Column("economies scored"), Column("mean score", numberFormat: "0.0"),
            Column("Gini", numberFormat: "0.000"), Column("Theil T", numberFormat: "0.000"),
            Column("share of Theil T between subregions", numberFormat: "0%"),
        ], rows: inequality.map { n in
            [.text(n.id), .text(n.name), .integer(n.scored), number(n.mean), number(n.gini), number(n.theilT),
             number(n.betweenSubregionShare)]
        })
        book.addLorenzSheet(lorenz)
        book.addNotes([
            ("overview", "\(framework.name) (\(framework.id)), \(year): every ESCAP-region economy computed, by "
                + "index rank, then the economies not scored (empty score cells)."),
            ("scores", "Scores are on the framework's scale (0–100 for the shipped presets); the rank interval is "
                + "the 5th–95th percentile of the rank under the uncertainty analysis, when it was run."),
            ("inequality", "Gini and Theil T of each node's scores across the economies scored; the share between "
                + "subregions is the between-group part of Theil T over the ESCAP subregions."),
            ("designations", BriefFormatting.designations),
        ])
        return book
    }
}

extension XLSXWorkbook {
    /// A sheet "Lorenz": the cumulative shares of economies and of the index total, one point a row.
    mutating func addLorenzSheet(_ points: [Brief.CurvePoint]) {
        addSheet("Lorenz", columns: [Column("share of economies", numberFormat: "0.000"),
                                     Column("share of the index total", numberFormat: "0.000")],
                 rows: points.map { [.number($0.populationShare), .number($0.valueShare)] })
    }
}
