import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

@Suite("Analysis commands: parsing")
struct AnalysisCommandsParseTests {
    @Test func optionsParse() throws {
        let audit = try #require(try Divide.parseAsRoot(
            ["audit", "--year", "2022", "--correlation", "spearman", "--format", "csv"]) as? AuditCommand)
        #expect(audit.index.year == 2022 && audit.correlation == .spearman && audit.format == .csv)
        let inequality = try #require(try Divide.parseAsRoot([
            "inequality", "--indicator", "IT.NET.USER.ZS", "--year", "2022", "--group", "SEA", "--by", "income",
            "--weighted-by", "SP.POP.TOTL", "--format", "json",
        ]) as? InequalityCommand)
        #expect(inequality.indicator == "IT.NET.USER.ZS" && inequality.by == .income)
        #expect(inequality.weightedBy == "SP.POP.TOTL" && inequality.index.group == "SEA")
        let convergence = try #require(try Divide.parseAsRoot(
            ["convergence", "--node", "CONN", "--years", "2015-2022", "--coverage", "available"]) as? ConvergenceCommand)
        #expect(convergence.node == "CONN" && convergence.index.yearRange == 2015...2022)
        #expect(convergence.coverage == .available)
        let gaps = try #require(try Divide.parseAsRoot(
            ["gaps", "--country", "India", "--frontier", "target:100"]) as? GapsCommand)
        #expect(gaps.country == "India" && gaps.frontier == .target(100))
        #expect(try (Divide.parseAsRoot(["gaps"]) as? GapsCommand)?.frontier == .escap)
    }

    @Test func badOptionsAreUsageErrors() {
        for arguments in [
            ["audit", "--years", "2018-2020"],
            ["audit", "--correlation", "cosine"],
            ["inequality", "--indicator", "a", "--node", "b"],
            ["inequality", "--years", "2018-2020"],
            ["inequality", "--by", "continent"],
            ["inequality", "--epsilon", "-1"],
            ["convergence", "--year", "2020"],
            ["convergence", "--coverage", "some"],
            ["gaps", "--frontier", "target:abc"],
            ["gaps", "--frontier", "world"],
            ["gaps", "--urban-series", "U"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Divide.parseAsRoot(arguments) }
        }
    }
}

@Suite("Analysis commands: rendering")
struct AnalysisCommandsRenderTests {
    // Values 1 2 3 4: Gini (2·30 − 5·10)/(4·10) = 0.25; CV √1.25/2.5 = 0.4472; S80/S20 = 0.8/0.2 = 4; Theil T, L and
    // Atkinson(0.5) from python3 -c "import numpy as np; x=np.array([1,2,3,4.]); m=x.mean(); r=x/m;
    //   print(np.mean(r*np.log(r)), np.mean(np.log(m/x)), 1-np.mean(np.sqrt(r))**2)"
    //   → 0.10644013528622318 0.12177727428716867 0.055585857369545355
    @Test func inequalityText() throws {
        let report = InequalityReport(
            target: "series X", year: 2020, weightedBy: nil, by: nil, units: ["A", "B", "C", "D"],
            excluded: [.init(unit: "E", reason: "no value in 2020")],
            summary: try Inequality.summary([1, 2, 3, 4]))
        let text = InequalityCommand.render(report, format: .text)
        #expect(text.hasPrefix("""
            Inequality of series X, 2020, 4 economies

            Measures

            measure                    value
            ------------------------  ------
            Gini                      0.2500
            Theil T                   0.1064
            Theil L                   0.1218
            Atkinson (ε = 0.5)        0.0556
            coefficient of variation  0.4472
            S80/S20                    4.000
            mean                       2.500
            economies                      4

            """))
        #expect(text.hasSuffix("""
            Excluded (1)

            unit  economy  reason
            ----  -------  ----------------
            E     E        no value in 2020

            """))
        // L(0.5) = (1 + 2)/10.
        #expect(text.contains("0.5  0.300\n"))
    }

    @Test func inequalityJSONKeysAreExact() throws {
        let report = InequalityReport(
            target: "series X", year: 2020, weightedBy: "SP.POP.TOTL", by: "subregion", units: ["A", "B", "C"],
            excluded: [], summary: try Inequality.summary([1, 2, 4], weights: [1, 1, 2], groups: ["g", "g", "h"]))
        let object = try #require(try JSONSerialization.jsonObject(
            with: Data(InequalityCommand.render(report, format: .json).utf8)) as? [String: Any])
        for key in ["gini", "theil_t", "theil_l", "atkinson", "cv", "decomposition"] {
            #expect(object[key] != nil, "\(key)")
        }
        let decomposition = try #require(object["decomposition"] as? [String: Any])
        #expect(Set(decomposition.keys) == ["between", "within", "groups"])
        let between = try #require(decomposition["between"] as? [String: Double])
        let within = try #require(decomposition["within"] as? [String: Double])
        let total = try #require(object["theil_t"] as? Double)
        #expect(abs(between["theil_t"]! + within["theil_t"]! - total) < 1e-12)
        #expect(object["weighted_by"] as? String == "SP.POP.TOTL")
    }

    // A: 1 → 2, B: 3 → 4. Means 2, 3; population sd 1, 1; CV 1/2, 1/3; ranks unchanged (γ = 1);
    // δ = (3 − 1), (4 − 2) = 2, 2.
    @Test func convergenceCSV() throws {
        let target = AnalysisTarget(label: "series X", units: ["A", "B"], years: [2020, 2021],
                                    values: [[1, 2], [3, 4]], higherIsBetter: true)
        let report = try ConvergenceReport.measure(target, coverage: .balanced)
        #expect(ConvergenceCommand.render(report, format: .csv) == """
            year,units,mean,sd,cv,gamma,delta\r
            2020,2,2,1,0.5,1,2\r
            2021,2,3,1,0.3333333333333333,1,2\r

            """)
        #expect(report.notes == ["beta: beta convergence: expected at least 3 observations, found 2"]
            || report.beta != nil)
    }

    // Counts per year 1, 1, 4, 4, 2, 1 (max 4): the last year with at least 2 is 2015, window 2005–2015.
    @Test func convergenceDefaultWindowEndsWhereCoverageHolds() {
        let n = Double.nan
        let target = AnalysisTarget(label: "x", units: ["A", "B", "C", "D"], years: [2010, 2011, 2012, 2013, 2015, 2016],
                                    values: [[1, 1, 1, 1, 1, 1], [n, n, 1, 1, 1, n], [n, n, 1, 1, n, n],
                                             [n, n, 1, 1, n, n]], higherIsBetter: true)
        #expect(target.defaultWindow == 2005...2015)
    }

    // Counts per year 4, 4, 3, 2, 1 (max 4): the latest year with at least 2 is 2022 — not 1990, the latest year
    // with the most values, the old rule.
    @Test func latestWellCoveredYearSkipsAThinLastYear() {
        let n = Double.nan
        let target = AnalysisTarget(label: "x", units: ["A", "B", "C", "D"], years: [1990, 2000, 2021, 2022, 2023],
                                    values: [[0, 1, 5, 6, 7], [0, 2, 6, 7, n], [0, 3, 7, n, n], [0, 4, n, n, n]],
                                    higherIsBetter: true)
        #expect(target.latestWellCoveredYear == 2022)
        #expect(target.defaultWindow == 2012...2022)
    }

    @Test func gapsCSV() throws {
        var row = GapsReport.Row(unit: "AAA", name: "A", peerGroup: "all")
        row.score = 50
        row.frontier = 80
        row.frontierUnit = "BBB"
        row.gap = 30
        row.relativeGap = 0.375
        row.contributions = [.init(indicator: "x", contribution: 20, share: 2.0 / 3, weight: 0.5),
                             .init(indicator: "y", contribution: 10, share: 1.0 / 3, weight: 0.5)]
        row.genderParity = try Gaps.genderParity(female: 49, male: 50)
        let report = GapsReport(index: "I", year: 2024, window: [2019, 2024], frontier: "target 80",
                                paritySeries: ["F", "M"], urbanRuralSeries: nil, rows: [row])
        #expect(GapsCommand.render(report, format: .csv) == """
            unit,peer_group,score,frontier,frontier_unit,gap,relative_gap,cagr,frontier_cagr,years_to_close,\
            largest_contributor,gender_parity_score,gender_parity_band,urban_rural_ratio\r
            AAA,all,50,80,BBB,30,0.375,,,,x,0.98,parity,\r

            """)
        #expect(GapsCommand.parityText(row) == "no data")
    }

    // The hand-worked 3-indicator index of the library's remove-one test: mean |Δrank| 1.5, 1, 1.
    @Test func auditRemovalTable() throws {
        let nodes = ["i1", "i2", "i3"].map {
            FrameworkNode(id: $0, content: .indicator(IndicatorSpec(series: $0, direction: .higherIsBetter)))
        }
        let framework = Framework(
            root: FrameworkNode(id: "IDX", content: .composite(children: nodes, aggregation: nil, coverage: 0)),
            methods: MethodChoices(normalisation: .none))
        let cube = try IndicatorCube(units: ["A", "B", "C", "D"], series: ["i1", "i2", "i3"], years: [2020],
                                     values: [10, 0, 0, 4, 0, 6, 0, 4, 0, 0, 9, 4])
        let report = try Audit.run(framework, cube: cube)
        let sections = AuditCommand.sections(report)
        #expect(sections.map(\.title).last == "Remove one element: index rank changes")
        #expect(sections.last!.table.text() == """
            removed  level  mean |Δrank|  max |Δrank|  units  no longer scored
            -------  -----  ------------  -----------  -----  ----------------
            i1           1          1.50            2      4
            i2           1          1.00            2      4
            i3           1          1.00            1      4

            """)
        let csv = AuditCommand.render(report, format: .csv)
        #expect(csv.hasPrefix("section,node,other,measure,value,flags\r\n"))
        #expect(csv.contains("removal,i1,,mean_absolute_rank_change,1.5,\r\n"))
    }
}

/// Every analysis command on the default preset and the shipped data (the test runs from the package root).
@Suite("Analysis commands: shipped data", .serialized)
struct AnalysisCommandsShippedDataTests {
    static let run: IndexRun? = {
        guard let command = try? Divide.parseAsRoot(["audit"]) as? AuditCommand else { return nil }
        return try? command.index.compute(command.dataOptions)
    }()

    @Test func everyCommandRunsWithNoFlags() throws {
        let run = try #require(Self.run, "the default preset did not compute on the shipped data")
        let year = try #require(run.result.latestYear)
        let audit = try Audit.run(run.result.framework, cube: run.result.cube, year: year)
        #expect(audit.indicators.count == run.result.plan.indicators.count)
        #expect(audit.removals.count == run.result.plan.nodes.count - 1)
        #expect(AuditCommand.render(audit, format: .text).contains("Statistical audit of apddi"))

        let target = try AnalysisTarget.resolve(indicator: nil, node: nil, run: run)
        let inequality = try InequalityReport.measure(target, year: year, run: run, by: .subregion,
                                                       weightedBy: "SP.POP.TOTL", epsilon: 0.5)
        #expect(inequality.summary.gini > 0 && inequality.summary.gini < 1)
        #expect(inequality.units.count + inequality.excluded.count == target.units.count)
        let d = try #require(inequality.summary.decomposition)
        #expect(abs(d.between.theilT + d.within.theilT - inequality.summary.theilT) < 1e-12)

        let convergence = try ConvergenceReport.measure(target, coverage: .balanced)
        #expect(convergence.sigma != nil && convergence.delta != nil)

        let gaps = try GapsReport.measure(run, year: nil, window: nil, frontier: .subregion, only: nil,
                                           parity: ("IT_MOB_OWN.FEMALE", "IT_MOB_OWN.MALE"), urbanRural: nil)
        #expect(gaps.rows.count == run.result.construction.units.count)
        // Every scored economy has a non-negative gap to the best of its subregion, and someone is at it.
        let scored = gaps.rows.filter { $0.score != nil }
        #expect(scored.allSatisfy { ($0.gap ?? -1) >= 0 })
        #expect(scored.contains { $0.gap == 0 })
        // Targets on raw indicators, none on relative scores: the JSON keeps years_to_close empty.
        #expect(gaps.rows.contains { !$0.targets.isEmpty })
        #expect(GapsCommand.render(gaps, format: .json).contains("\"years_to_close\" : null"))
        #expect(gaps.rows.contains { $0.genderParity != nil })
    }

    // Bug: without --year, `divide inequality --indicator IT.NET.USER.ZS` measured 1990 (internet use is 0, so
    // present, for nearly every economy in 1990, more than in any recent year). The default is now a recent year
    // that holds at least half the best coverage, and the heading says why it was chosen.
    @Test func inequalityOfASeriesDefaultsToARecentWellCoveredYear() throws {
        let run = try #require(Self.run)
        let target = try AnalysisTarget.resolve(indicator: "IT.NET.USER.ZS", node: nil, run: run)
        let (year, note) = try target.defaultYear(in: run)
        #expect(year >= 2018, "defaulted to \(year)")
        let counts = target.years.indices.map { t in target.values.count { !$0[t].isNaN } }
        let inYear = try #require(target.column(year)).count { !$0.isNaN }
        #expect(2 * inYear >= counts.max()!)
        var report = try InequalityReport.measure(target, year: year, run: run, by: nil, weightedBy: nil, epsilon: 0.5)
        report.yearNote = note
        #expect(InequalityCommand.render(report, format: .text).contains("\(year) (the latest year with at least half"))
    }

    /// Coverage is said: the share of economies and of population a figure rests on, with a warning when it is not
    /// regional. Internet use in 2024 has 10 of the 58 economies; their population share is recomputed here from
    /// SP.POP.TOTL independently of the library's loop.
    @Test func inequalitySaysWhatShareOfThePopulationItCovers() throws {
        let run = try #require(Self.run)
        let target = try AnalysisTarget.resolve(indicator: "IT.NET.USER.ZS", node: nil, run: run)
        let report = try InequalityReport.measure(target, year: 2024, run: run)
        let coverage = try #require(report.coverage)
        #expect(coverage.economies == report.units.count && coverage.of == target.units.count)
        func population(_ u: String) -> Double {
            run.panel.series(unit: u, indicator: "SP.POP.TOTL").filter { $0.year <= 2024 }.last?.value ?? 0
        }
        let expected = report.units.map(population).reduce(0, +) / target.units.map(population).reduce(0, +)
        #expect(abs(try #require(coverage.populationShare) - expected) < 1e-12)
        if coverage.populationShare! < 0.9 || 4 * coverage.economies < 3 * coverage.of {
            #expect(coverage.warning?.hasPrefix("not a regional figure") == true)
            #expect(InequalityCommand.render(report, format: .text).contains("WARNING: not a regional figure"))
        }
        let weighted = try InequalityReport.measure(
            AnalysisTarget.resolve(indicator: nil, node: nil, run: run), year: 2024, run: run, weightedBy: "SP.POP.TOTL")
        #expect(weighted.coverage?.populationSeries == "SP.POP.TOTL")
    }

    /// Convergence compares like with like: the index gains its Trust pillar in 2020, so the default window starts
    /// there, and a window across it says so.
    @Test func convergenceWindowsRespectBreaksInTheMakeUp() throws {
        let run = try #require(Self.run)
        let target = try AnalysisTarget.resolve(indicator: nil, node: nil, run: run)
        let trust = try #require(target.breaks.first { $0.change.contains("Trust and security enters") })
        let window = try #require(target.defaultWindow)
        #expect(window.lowerBound >= trust.year)
        let across = try ConvergenceReport.measure(target.restricted(to: (trust.year - 2)...window.upperBound))
        #expect(across.notes.contains { $0.contains("changes in \(trust.year) (Trust and security enters)") })
        let within = try ConvergenceReport.measure(target.restricted(to: window))
        #expect(!within.notes.contains { $0.contains("changes in") })
    }

    @Test func unknownTargetsAreUsageErrors() throws {
        let run = try #require(Self.run)
        #expect(throws: ConstructionError.self) { try AnalysisTarget.resolve(indicator: "NO.SUCH", node: nil, run: run) }
        #expect(throws: ConstructionError.self) { try AnalysisTarget.resolve(indicator: nil, node: "NOPE", run: run) }
    }

    // COINr's ASEM example through an iData/iMeta pair. Cross-check of the audit's wiring against pandas on the
    // scores `divide compute` writes:
    //   divide compute --framework Data/examples/coinr/asem/ASEM_iMeta.csv \
    //     --data Data/examples/coinr/asem/ASEM_iData.csv --format csv > /tmp/asem.csv
    //   python3 -c "import pandas as pd, numpy as np; d=pd.read_csv('/tmp/asem.csv'); node='Instit';
    //     kids=d[d.parent==node].node.unique(); X=d[d.node.isin(kids)].pivot(index='unit',columns='node',
    //     values='score')[list(kids)].dropna(); k=X.shape[1];
    //     print(len(X), k/(k-1)*(1-X.var(ddof=1).sum()/X.sum(axis=1).var(ddof=1)),
    //     np.linalg.eigvalsh(np.corrcoef(X.values.T))[-1]/k)"
    //   → Instit: 47 -0.014050831301023603 0.5753267759070783; ConEcFin: 48 0.9222680042493253 0.7789771366869408
    @Test func coinrPairAuditMatchesPandas() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/examples/coinr/asem")
        let command = try #require(try Divide.parseAsRoot([
            "audit", "--framework", root.appendingPathComponent("ASEM_iMeta.csv").path,
            "--data", root.appendingPathComponent("ASEM_iData.csv").path,
        ]) as? AuditCommand)
        let run = try command.index.compute(command.dataOptions)
        let report = try Audit.run(run.result.framework, cube: run.result.cube, year: 2018)
        let instit = try #require(report.coherence.first { $0.node == "Instit" })
        #expect(instit.cronbach.completeCases == 47)
        #expect(abs(instit.cronbach.raw! - -0.014050831301023603) < 1e-9)
        #expect(abs(instit.pca!.varianceShares[0] - 0.5753267759070783) < 1e-9)
        #expect(instit.flags == ["low_alpha", "not_one_dimensional", "negative_loading"])
        let conEcFin = try #require(report.coherence.first { $0.node == "ConEcFin" })
        #expect(abs(conEcFin.cronbach.raw! - 0.9222680042493253) < 1e-9)
        #expect(abs(conEcFin.pca!.varianceShares[0] - 0.7789771366869408) < 1e-9)
        // TBTs, the ASEM indicator known to pull against its group, is flagged against its parent.
        #expect(report.correlations.first { $0.node == "TBTs" && $0.relation == "parent" }?.flags == ["weak", "negative"])
    }
}
