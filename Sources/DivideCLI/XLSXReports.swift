import DigitalDivide
import Foundation

// The workbooks of the report commands (`--format xlsx`): one sheet per table, numbers as numbers, units in their
// own columns, notes and sources on sheets of their own (docs/output-formats.md).

private typealias Column = XLSXWorkbook.Column
private typealias Cell = XLSXWorkbook.Cell

extension ComputeCommand {
    /// Scores (the long table of the CSV, with each indicator value's unit), Nodes (the framework tree with
    /// effective weights), Notes, Sources.
    static func workbook(_ run: IndexRun, units keep: Set<String>?) -> XLSXWorkbook {
        let result = run.result, plan = result.plan
        let table = longTable(result, units: keep, panel: run.panel, unitColumn: true)
        let formats = ["score": "0.00", "coverage": "0%", "imputed_share": "0%"]
        var book = XLSXWorkbook()
        book.addSheet("Scores", columns: table.header.map { Column($0, numberFormat: formats[$0]) }, rows: table.rows)
        let effective = result.construction.effectiveWeights()
        book.addSheet("Nodes", columns: [Column("node"), Column("name"), Column("level"), Column("parent"),
                                         Column("effective weight", numberFormat: "0.000")],
                      rows: plan.nodes.enumerated().map { n, node in
                          [.text(node.id), .text(node.name), .integer(node.level),
                           .text(node.parent.map { plan.nodes[$0].id }), .number(effective[n])]
                      })
        IndexSheets.addNotesAndSources(run, notes: [
            ("years", result.years.map(String.init).joined(separator: ", ")),
            ("score", "the node's score on the framework's scale (0–100 for the shipped presets); empty: not scored "
                + "(too few inputs). rank: among the economies computed (1 = best)."),
            ("coverage", "the share of the node's indicators with a value (shown as a percentage); imputed_share: the "
                + "share of them carried forward or imputed."),
            ("value", "for indicator rows, the raw value used, in value_unit; origin says whether it was observed, "
                + "carried forward from source_year or imputed, and source_location the file and line it came from."),
            ("columns", "as in the CSV of divide compute (docs/compute-output.md), with value_unit added."),
        ], to: &book)
        return book
    }
}

extension RankCommand {
    /// Leaderboard (scores and ranks as numbers, filled as a share shown in percent), Notes, Sources.
    static func workbook(_ run: IndexRun, year: Int, level: RankLevel) -> XLSXWorkbook {
        let (table, values) = leaderboard(run, year: year, level: level)
        let columns = table.columns.enumerated().map { c, column -> Column in
            if column.header == "filled" { return Column("filled", numberFormat: "0%") }
            // A node's rank column is named after it ("rank" repeats in the text).
            if column.header == "rank", c > 0 { return Column("\(table.columns[c - 1].header) rank") }
            let score = column.rightAligned && !column.header.hasPrefix("rank")
            return Column(column.header, numberFormat: score ? "0.00" : nil)
        }
        var book = XLSXWorkbook()
        book.addSheet("Leaderboard", columns: columns, rows: values.map { $0.map(Cell.init) })
        IndexSheets.addNotesAndSources(run, notes: [
            ("title", title(run, year: year)),
            ("scores", "on the framework's scale (0–100 for the shipped presets), full precision (shown with two "
                + "decimals); empty: not scored. Ranks: 1 = best."),
            ("filled", "share of the index's indicator values carried forward or imputed (0–1, shown as a percentage)"),
        ], to: &book)
        return book
    }
}

extension CoverageCommand {
    /// Latest year (economies × indicators, the latest year with a value), Indicators (the summary), Notes.
    static func workbook(_ table: CoverageTable, group: String) -> XLSXWorkbook {
        var book = XLSXWorkbook()
        book.addSheet("Latest year",
                      columns: [Column("iso3"), Column("economy"), Column("subregion")]
                          + table.indicators.map { Column($0.code) },
                      rows: table.economies.enumerated().map { e, economy in
                          [.text(economy.iso3), .text(economy.name), .text(economy.subregion)]
                              + table.latest[e].map { Cell.integer($0) }
                      })
        book.addSheet("Indicators", columns: [Column("indicator"), Column("name"), Column("economies with data"),
                                              Column("economies"), Column("latest years (year: economies)")],
                      rows: table.indicators.map { indicator in
                          [.text(indicator.code), .text(indicator.name), .integer(indicator.economiesWithData),
                           .integer(table.economies.count),
                           .text(indicator.latestYears.map { "\($0.year): \($0.economies)" }.joined(separator: ", "))]
                      })
        book.addNotes([
            ("group", "\(group): \(table.economies.count) economies"),
            ("latest year", "each cell is the latest year in which the economy has a value of the indicator in the "
                + "loaded data; empty: no value in any year."),
        ])
        return book
    }
}

extension SeriesCommand {
    /// Series (year, value, unit, where each value came from), Sources (the indicator's name, unit, source and
    /// licence), Notes.
    static func workbook(_ series: SeriesTable) -> XLSXWorkbook {
        let info = series.indicator
        var book = XLSXWorkbook()
        book.addSheet("Series", columns: [Column("year"), Column("value"), Column("unit"), Column("source location"),
                                          Column("publisher"), Column("vintage")],
                      rows: series.points.map { p in
                          [.integer(p.year), .number(p.value), .text(info.unit), .text(p.location), .text(p.publisher),
                           .text(p.vintage)]
                      })
        book.addSheet("Sources", columns: [Column("indicator"), Column("name"), Column("unit"), Column("source"),
                                           Column("licence")],
                      rows: [[.text(info.code), .text(info.name), .text(info.unit), .text(info.source),
                              .text(info.licence)]])
        book.addNotes([("economy", "\(series.unitName ?? series.unit) (\(series.unit))"),
                       ("values", "as loaded, one per year; source location is the file and line of each value")])
        return book
    }

    /// Series (every series the economy has: code, name, unit, first and last year, number of values), Notes.
    static func listWorkbook(panel: Panel, economy: Country) -> XLSXWorkbook {
        var rows: [[Cell]] = []
        for info in panel.indicators {
            let years = panel.series(unit: economy.iso3, indicator: info.code).map(\.year)
            guard let first = years.min(), let last = years.max() else { continue }
            rows.append([.text(info.code), .text(info.name), .text(info.unit), .integer(first), .integer(last),
                         .integer(years.count), .text(info.source), .text(info.licence)])
        }
        var book = XLSXWorkbook()
        book.addSheet("Series", columns: ["indicator", "name", "unit", "first year", "last year", "values", "source",
                                          "licence"].map { Column($0) }, rows: rows)
        book.addNotes([("economy", "\(economy.name) (\(economy.iso3)): \(rows.count) series in the loaded data")])
        return book
    }
}

extension CompareCommand {
    /// Scores (economy × node: score, ranks, rank interval, changes, gap), Economies (gender parity, missing
    /// indicators), Notes, Sources.
    static func workbook(_ briefs: [Brief]) -> XLSXWorkbook {
        var book = XLSXWorkbook()
        var rows: [[Cell]] = []
        for b in briefs {
            for n in b.nodes {
                rows.append([.text(b.header.economy.iso3), .text(b.header.economy.name), .text(n.id), .text(n.name),
                             .number(n.score), .integer(n.rank?.rank), .integer(n.rank?.of),
                             .number(n.rankInterval?.low), .number(n.rankInterval?.high),
                             .number(n.changeOneYear?.delta), .integer(n.changeOneYear?.fromYear),
                             .number(n.changeFiveYears?.delta), .integer(n.changeFiveYears?.fromYear),
                             .number(n.gapToEscapBest?.gap)])
            }
        }
        let score = "0.0"
        book.addSheet("Scores", columns: [
            Column("iso3"), Column("economy"), Column("node"), Column("name"), Column("score", numberFormat: score),
            Column("rank"), Column("ranked"), Column("rank 5th percentile", numberFormat: score),
            Column("rank 95th percentile", numberFormat: score), Column("change 1 year", numberFormat: score),
            Column("change 1 year from"), Column("change 5 years", numberFormat: score), Column("change 5 years from"),
            Column("gap to ESCAP best", numberFormat: score),
        ], rows: rows)
        book.addSheet("Economies", columns: [
            Column("iso3"), Column("economy"), Column("gender parity score", numberFormat: "0.000"),
            Column("gender parity year"), Column("indicators missing"), Column("indicators"),
        ], rows: briefs.map { b in
            let parity = b.withinEconomy.genderParity
            return [.text(b.header.economy.iso3), .text(b.header.economy.name), .number(parity?.score),
                    .integer(parity?.year), .integer(b.indicators.count { $0.status.flag == .missing }),
                    .integer(b.indicators.count)]
        })
        if let first = briefs.first {
            book.addNotes([
                ("index", "\(first.header.framework.name) (framework \(first.header.framework.id)), \(first.header.year)"),
                ("scores", "on the framework's scale (0–100 for the shipped presets); ranks among the ESCAP-region "
                    + "economies scored (1 = best); empty: not scored or not computed."),
                ("changes", "in score points since the year beside them; the gap is to the best ESCAP-region score."),
            ])
            var seen: Set<String> = []
            let sources = briefs.flatMap(\.header.sources).filter { seen.insert($0.name).inserted }
            book.addSheet("Sources", columns: [Column("source"), Column("licence")],
                          rows: sources.map { [.text($0.name), .text($0.licence)] })
        }
        return book
    }
}

extension AuditCommand {
    /// Indicators, Correlations, Pairs, Coherence, PC1 loadings, Eigenvalues, Removals, Notes.
    static func workbook(_ r: AuditReport) -> XLSXWorkbook {
        let two = "0.00", three = "0.000"
        func flags(_ f: [String]) -> Cell { f.isEmpty ? .empty : .text(f.joined(separator: " ")) }
        var book = XLSXWorkbook()
        book.addSheet("Indicators", columns: [
            Column("indicator"), Column("series"), Column("units"), Column("observed"),
            Column("after imputation"), Column("availability", numberFormat: "0%"), Column("non-zero"),
            Column("unique"), Column("min"), Column("max"), Column("mean"), Column("median"),
            Column("standard deviation"), Column("skewness", numberFormat: two), Column("kurtosis", numberFormat: two),
            Column("treatment"), Column("skewness after treatment", numberFormat: two),
            Column("kurtosis after treatment", numberFormat: two), Column("winsorised"), Column("flags"),
        ], rows: r.indicators.map { s in
            [.text(s.indicator), .text(s.series), .integer(s.units), .integer(s.available),
             .integer(s.availableAfterImputation), .number(s.availability), .integer(s.nonZero), .integer(s.unique),
             .number(s.min), .number(s.max), .number(s.mean), .number(s.median), .number(s.standardDeviation),
             .number(s.skewness), .number(s.kurtosis), .text(treatment(s.treatment)), .number(s.treatment?.skewAfter),
             .number(s.treatment?.kurtosisAfter), .integer(s.treatment?.winsorised), flags(s.flags)]
        })
        let coefficients = [Column("pearson", numberFormat: three), Column("spearman", numberFormat: three),
                            Column("kendall", numberFormat: three), Column("n"), Column("flags")]
        func coefficientCells(_ c: CorrelationTriple, _ f: [String]) -> [Cell] {
            [.number(c.pearson), .number(c.spearman), .number(c.kendall), .integer(c.count), flags(f)]
        }
        book.addSheet("Correlations", columns: [Column("node"), Column("with"), Column("relation")] + coefficients,
                      rows: r.correlations.map { c in
                          [.text(c.node), .text(c.ancestor), .text(c.relation)] + coefficientCells(c.coefficients, c.flags)
                      })
        book.addSheet("Pairs", columns: [Column("group"), Column("indicator"), Column("other indicator")] + coefficients,
                      rows: r.pairs.map { p in
                          [.text(p.group), .text(p.first), .text(p.second)] + coefficientCells(p.coefficients, p.flags)
                      })
        book.addSheet("Coherence", columns: [
            Column("node"), Column("children"), Column("complete cases"), Column("Cronbach alpha", numberFormat: three),
            Column("Cronbach alpha standardised", numberFormat: three), Column("PC1 share", numberFormat: "0%"),
            Column("eigenvalues above 1"), Column("flags"), Column("note"),
        ], rows: r.coherence.map { c in
            [.text(c.node), .integer(c.children.count), .integer(c.cronbach.completeCases), .number(c.cronbach.raw),
             .number(c.cronbach.standardised), .number(c.pca?.varianceShares.first),
             .integer(c.pca?.componentsAboveOne), flags(c.flags), .text(c.note)]
        })
        book.addSheet("PC1 loadings", columns: [Column("node"), Column("child"), Column("loading", numberFormat: three)],
                      rows: r.coherence.flatMap { c in
                          (c.pca?.loadings ?? []).enumerated().map { j, loading in
                              [.text(c.node), .text(c.children[j]), .number(loading)]
                          }
                      })
        book.addSheet("Eigenvalues", columns: [Column("node"), Column("component"),
                                               Column("eigenvalue", numberFormat: three),
                                               Column("share of variance", numberFormat: "0%")],
                      rows: r.coherence.flatMap { c -> [[Cell]] in
                          guard let pca = c.pca else { return [] }
                          return pca.eigenvalues.enumerated().map { j, value in
                              [.text(c.node), .text("PC\(j + 1)"), .number(value),
                               .number(pca.varianceShares.indices.contains(j) ? pca.varianceShares[j] : nil)]
                          }
                      })
        book.addSheet("Removals", columns: [
            Column("removed"), Column("level"), Column("mean absolute rank change", numberFormat: two),
            Column("max absolute rank change"), Column("units compared"), Column("no longer scored"), Column("note"),
        ], rows: r.removals.map { m in
            [.text(m.node), .integer(m.level), .number(m.meanAbsoluteRankChange), .integer(m.maxAbsoluteRankChange),
             .integer(m.comparedUnits), .text(m.unitsNoLongerScored.joined(separator: " ")), .text(m.note)]
        })
        let t = r.thresholds
        book.addNotes([
            ("audit", heading(r)),
            ("indicator flags", "low_availability: observed for fewer than \(formatNumber(t.availability)) of units; "
                + "many_zeros; few_unique (fewer than \(formatNumber(t.unique)) of units); outliers (|skewness| > "
                + "\(formatNumber(t.skewness)) and kurtosis > \(formatNumber(t.kurtosis))), as COINr get_stats."),
            ("correlation flags", "on \(t.flagCorrelation.rawValue): weak with the parent (< \(formatNumber(t.weak))), "
                + "negative (< \(formatNumber(t.negative))), collinear (> \(formatNumber(t.collinear))) between "
                + "indicators with the same parent."),
            ("coherence flags", "low_alpha (Cronbach < \(formatNumber(t.cronbach))), not_one_dimensional, "
                + "negative_loading."),
            ("statistics", "values before imputation and treatment, in each indicator's own unit (see the framework)."),
        ])
        return book
    }
}
