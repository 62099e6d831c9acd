import ArgumentParser
import DigitalDivide
import Foundation

/// `divide audit`: the JRC-style statistical audit of an index (docs: Audit in the library).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Statistical audit of an index: indicator statistics, correlations, Cronbach's alpha, PCA, "
            + "and the rank impact of removing each element.",
        discussion: """
            Flags: indicators — low_availability (< 0.65 of units), many_zeros, few_unique (< 0.5 of units), \
            outliers (|skew| > 2 and kurtosis > 3.5), as COINr get_stats; correlations (Pearson unless \
            --correlation) — weak with the parent (< 0.3), negative (< -0.4), collinear (> 0.9) between indicators with the same parent; \
            coherence — low_alpha (Cronbach < 0.7), not_one_dimensional (not exactly one eigenvalue > 1 with PC1 \
            ≥ 60%), negative_loading. The year defaults to the latest meaningfully scored one. CSV is one long \
            table: section,node,other,measure,value,flags.
            """
    )

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "Output format: text, markdown, csv, json or xlsx (default: from --output's extension, else text).")
    var format: ReportFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "The coefficient the correlation flags read: pearson, spearman or kendall.")
    var correlation: CorrelationKind = .pearson

    func validate() throws {
        if index.years != nil { throw ValidationError("audit reports one year: give --year, not --years") }
        _ = try ReportFormat.resolve(format, output: output, default: .text)
    }

    func run() throws {
        let run = try index.compute(dataOptions)
        let result = run.result
        guard let year = index.year ?? result.latestYear else {
            throw ValidationError("no unit has an index score in any year; nothing to audit")
        }
        let report: AuditReport
        do {
            report = try Audit.run(result, year: year,
                                   thresholds: AuditThresholds(flagCorrelation: correlation))
        } catch let error as AnalysisError {
            throw ValidationError(error.description)
        }
        try writeReport(try ReportFormat.resolve(format, output: output, default: .text), to: output,
                        text: { Self.render(report, format: $0) }, workbook: { Self.workbook(report) })
    }

    static func render(_ report: AuditReport, format: OutputFormat) -> String {
        switch format {
        case .json: return JSON.encode(report)
        case .csv: return csv(report)
        case .text: return Section.text(sections(report), heading: heading(report))
        case .markdown: return Section.markdown(sections(report), heading: heading(report))
        }
    }

    static func heading(_ r: AuditReport) -> String {
        "Statistical audit of \(r.index), \(r.year) (\(r.units) units, \(r.scoredUnits) with an index score)"
    }

    static func flags(_ f: [String]) -> String { f.isEmpty ? "ok" : f.joined(separator: " ") }

    static func sections(_ r: AuditReport) -> [Section] {
        let kind = r.thresholds.flagCorrelation
        let stats = Table(
            header: ["indicator", "observed", "after imputation", "non-zero", "unique", "skew", "kurt", "treatment",
                     "flags"],
            rows: r.indicators.map { s in
                [s.indicator, "\(s.available)/\(s.units)", s.availableAfterImputation.map { "\($0)" } ?? "", "\(s.nonZero)", "\(s.unique)", fixed(s.skewness, 2),
                 fixed(s.kurtosis, 2), treatment(s.treatment), flags(s.flags)]
            }, numeric: [1, 2, 3, 4, 5, 6])
        let correlations = Table(
            header: ["node", "with", "relation", "pearson", "spearman", "kendall", "n", "flags"],
            rows: r.correlations.filter { $0.relation != "ancestor" }.map { c in
                [c.node, c.ancestor, c.relation, fixed(c.coefficients.pearson, 2), fixed(c.coefficients.spearman, 2),
                 fixed(c.coefficients.kendall, 2), "\(c.coefficients.count)",
                 flags(c.flags)]
            }, numeric: [3, 4, 5, 6])
        let flaggedPairs = r.pairs.filter { $0.flags.contains("collinear") || $0.flags.contains("negative") }
        let pairs = Table(
            header: ["group", "indicator", "indicator", "pearson", "spearman", "kendall", "n", "flags"],
            rows: flaggedPairs.map { p in
                [p.group, p.first, p.second, fixed(p.coefficients.pearson, 2), fixed(p.coefficients.spearman, 2),
                 fixed(p.coefficients.kendall, 2), "\(p.coefficients.count)", flags(p.flags)]
            }, numeric: [3, 4, 5, 6])
        let coherence = Table(
            header: ["node", "children", "complete", "alpha", "alpha std", "PC1 share", "eigenvalues > 1", "PC1 loadings",
                     "flags"],
            rows: r.coherence.map { c in
                [c.node, "\(c.children.count)", "\(c.cronbach.completeCases)", fixed(c.cronbach.raw, 2),
                 fixed(c.cronbach.standardised, 2), fixed(c.pca?.varianceShares.first, 2),
                 c.pca.map { "\($0.componentsAboveOne)" } ?? "", c.pca?.loadings.map { fixed($0, 2) }
                     .joined(separator: " ") ?? "", flags(c.flags) + (c.note.map { " (\($0))" } ?? "")]
            }, numeric: [1, 2, 3, 4, 5, 6])
        let removals = Table(
            header: ["removed", "level", "mean |Δrank|", "max |Δrank|", "units", "no longer scored"],
            rows: r.removals.map { m in
                [m.node, "\(m.level)", fixed(m.meanAbsoluteRankChange, 2), m.maxAbsoluteRankChange.map(String.init) ?? "",
                 "\(m.comparedUnits)", m.note ?? m.unitsNoLongerScored.joined(separator: " ")]
            }, numeric: [1, 2, 3, 4])
        return [
            Section(title: "Indicators (values before imputation and treatment)", table: stats),
            Section(title: "Correlations with parent, pillar and index (flags on \(kind.rawValue))", table: correlations),
            Section(title: "Flagged pairs of indicators with the same parent (\(flaggedPairs.count) of \(r.pairs.count) pairs)", table: pairs),
            Section(title: "Coherence: Cronbach's alpha and principal components", table: coherence),
            Section(title: "Remove one element: index rank changes", table: removals),
        ]
    }

    static func treatment(_ t: TreatmentSummary?) -> String {
        guard let t else { return "" }
        if let transform = t.transform { return transform + (t.stillFails == true ? " (still fails)" : "") }
        if t.winsorised > 0 { return "winsorised \(t.winsorised)" + (t.stillFails == true ? " (still fails)" : "") }
        return t.failedBefore == true ? "failed" : "passed"
    }

    /// One long table: `section,node,other,measure,value,flags`.
    static func csv(_ r: AuditReport) -> String {
        var rows: [[String]] = []
        func number(_ x: Double?) -> String { x.map(formatNumber) ?? "" }
        for s in r.indicators {
            let f = s.flags.joined(separator: " ")
            for (measure, value) in [("available", Double(s.available) as Double?),
                                     ("available_after_imputation", s.availableAfterImputation.map(Double.init)),
                                     ("availability", s.availability),
                                     ("non_zero", Double(s.nonZero)), ("unique", Double(s.unique)),
                                     ("mean", s.mean), ("standard_deviation", s.standardDeviation),
                                     ("skewness", s.skewness), ("kurtosis", s.kurtosis),
                                     ("skewness_after_treatment", s.treatment?.skewAfter),
                                     ("kurtosis_after_treatment", s.treatment?.kurtosisAfter),
                                     ("winsorised", s.treatment.map { Double($0.winsorised) })] {
                rows.append(["indicator", s.indicator, s.series, measure, number(value), f])
            }
        }
        for c in r.correlations {
            for kind in CorrelationKind.allCases {
                rows.append(["correlation_\(c.relation)", c.node, c.ancestor, kind.rawValue,
                             number(c.coefficients.value(kind)), c.flags.joined(separator: " ")])
            }
        }
        for p in r.pairs {
            for kind in CorrelationKind.allCases {
                rows.append(["pair", p.first, p.second, kind.rawValue, number(p.coefficients.value(kind)),
                             p.flags.joined(separator: " ")])
            }
        }
        for c in r.coherence {
            let f = c.flags.joined(separator: " ")
            rows.append(["coherence", c.node, "", "cronbach_alpha", number(c.cronbach.raw), f])
            rows.append(["coherence", c.node, "", "cronbach_alpha_standardised", number(c.cronbach.standardised), f])
            if let pca = c.pca {
                for (j, value) in pca.eigenvalues.enumerated() {
                    rows.append(["coherence", c.node, "PC\(j + 1)", "eigenvalue", number(value), f])
                }
                for (j, value) in pca.loadings.enumerated() {
                    rows.append(["coherence", c.node, c.children[j], "pc1_loading", number(value), f])
                }
                rows.append(["coherence", c.node, "", "pc1_share", number(pca.varianceShares[0]), f])
            }
        }
        for m in r.removals {
            rows.append(["removal", m.node, "", "mean_absolute_rank_change", number(m.meanAbsoluteRankChange),
                         m.note ?? ""])
            rows.append(["removal", m.node, "", "max_absolute_rank_change",
                         number(m.maxAbsoluteRankChange.map(Double.init)), m.note ?? ""])
        }
        return Table(header: ["section", "node", "other", "measure", "value", "flags"], rows: rows, numeric: [4]).csv()
    }
}

extension CorrelationKind: ExpressibleByArgument {}
