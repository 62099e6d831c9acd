import ArgumentParser
import DigitalDivide
@_spi(Tuning) import DivideAnalysis
import Foundation
import Testing
@testable import DivideCLI

@Suite("Uncertainty and sensitivity commands")
struct UncertaintySensitivityCommandsTests {
    @Test func uncertaintyOptionsParse() throws {
        let command = try #require(try Divide.parseAsRoot([
            "uncertainty", "--framework", "apddi", "--year", "2023", "--replications", "500", "--seed", "7",
            "--weight-noise", "0.3", "--levels", "2,3", "--aggregation-alternatives", "arithmetic,geometric-shifted:1",
            "--normalisation-alternatives", "minmax:1,100,fracmax", "--treatment-alternatives", "on,off",
            "--imputation-alternatives", "latest:3,latest:3+mean", "--noise", "net_use=0.1,i992b=0.05",
            "--scores-file", "s.csv", "--format", "csv", "--threads", "2",
        ]) as? UncertaintyCommand)
        #expect(command.replications == 500 && command.seed == 7 && command.scoresFile == "s.csv")
        #expect(command.format == .csv && command.index.threads == 2 && command.index.year == 2023)
        var framework = Framework(root: FrameworkNode(id: "X", content: .composite(children: [], aggregation: nil,
                                                                                  coverage: 0)))
        framework.methods.treatment = .jrc(.init(winsorisationLimit: 3))
        let a = try command.assumptionOptions.assumptions(framework: framework)
        #expect(a.weightNoise == 0.3 && a.weightLevels == [2, 3])
        #expect(a.aggregationAlternatives == [.arithmetic, .geometricShifted(shift: 1)])
        #expect(a.normalisationAlternatives == [.minMax(lower: 1, upper: 100), .fractionOfMax])
        #expect(a.treatmentAlternatives == [.jrc(.init(winsorisationLimit: 3)), .none])
        #expect(a.imputationAlternatives == [[.latest(maxYears: 3)], [.latest(maxYears: 3), .mean]])
        #expect(a.measurementNoise == ["net_use": 0.1, "i992b": 0.05])

        let sensitivity = try #require(try Divide.parseAsRoot([
            "sensitivity", "--samples", "200", "--seed", "3", "--units", "KOR,JPN", "--format", "json",
        ]) as? SensitivityCommand)
        #expect(sensitivity.samples == 200 && sensitivity.units == "KOR,JPN" && sensitivity.format == .json)
        #expect(sensitivity.assumptionOptions.isEmpty)
    }

    @Test func badOptionsAreUsageErrors() {
        for arguments in [
            ["uncertainty", "--replications", "0"],
            ["uncertainty", "--weight-noise", "1.5"],
            ["uncertainty", "--levels", "two"],
            ["uncertainty", "--aggregation-alternatives", "arithmetic,geom"],
            ["uncertainty", "--normalisation-alternatives", "minmax:100,1"],
            ["uncertainty", "--treatment-alternatives", "on,maybe"],
            ["uncertainty", "--noise", "net_use=2"],
            ["uncertainty", "--noise", "net_use"],
            ["uncertainty", "--years", "2020-2022"],
            ["uncertainty", "--engine", "fast"],
            ["sensitivity", "--samples", "1"],
            ["sensitivity", "--bootstrap", "-1"],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try Divide.parseAsRoot(arguments) }
        }
    }

    @Test func methodListsKeepTheirParameters() {
        #expect(AssumptionOptions.methods("minmax:1,100,zscore:50,10,fracmax")
                == ["minmax:1,100", "zscore:50,10", "fracmax"])
        #expect(AssumptionOptions.methods("jrc:5,2,3.5,none") == ["jrc:5,2,3.5", "none"])
        #expect(AssumptionOptions.methods("arithmetic, geometric") == ["arithmetic", "geometric"])
    }

    /// Four units, two indicators, nothing perturbed: every statistic is the nominal rank. Scores by hand (min-max to
    /// [0, 100] per indicator, arithmetic mean): A (10, 1) → (100, 0) → 50; B (0, 3) → (0, 100) → 50; C (5, 2) →
    /// (50, 50) → 50 — a three-way tie at rank 1 — and D (0, 1) → (0, 0) → 0, rank 4.
    static func tiedToy() throws -> (Framework, IndicatorCube) {
        let cube = try IndicatorCube(units: ["A", "B", "C", "D"], series: ["x", "y"], years: [2020],
                                     values: [10, 0, 5, 0, 1, 3, 2, 1])
        let framework = Framework(root: FrameworkNode(id: "T", content: .composite(children: [
            FrameworkNode(id: "x", content: .indicator(IndicatorSpec(series: "x", direction: .higherIsBetter))),
            FrameworkNode(id: "y", content: .indicator(IndicatorSpec(series: "y", direction: .higherIsBetter))),
        ], aggregation: .arithmetic, coverage: 1)))
        return (framework, cube)
    }

    @Test func uncertaintyRenderings() throws {
        let (framework, cube) = try Self.tiedToy()
        let result = try UncertaintyAnalysis.run(framework, cube: cube, assumptions: UncertainAssumptions(),
                                                 options: UncertaintyOptions(replications: 10, seed: 4))
        #expect(UncertaintyCommand.render(result, format: .csv) == """
            unit,nominal_rank,median_rank,p5_rank,p95_rank,mean_abs_shift,mean_rank,best_rank,worst_rank,nominal_score,ranked_replications\r
            A,1,1,1,1,0,1,1,1,50,10\r
            B,1,1,1,1,0,1,1,1,50,10\r
            C,1,1,1,1,0,1,1,1,50,10\r
            D,4,4,4,4,0,4,4,4,0,10\r

            """)
        #expect(UncertaintyCommand.render(result, format: .text) == """
            Uncertainty analysis of T, 2020: 10 replications (seed 4, batched (dgemm per node))
            Varied: nothing (every replication is the nominal index)
            Mean absolute rank shift: 0.00

            unit  nominal  median  p5  p95  mean |shift|  best  worst
            ----  -------  ------  --  ---  ------------  ----  -----
            A           1       1   1    1          0.00     1      1
            B           1       1   1    1          0.00     1      1
            C           1       1   1    1          0.00     1      1
            D           4       4   4    4          0.00     4      4

            """)
        let json = UncertaintyCommand.render(result, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["mean_abs_shift"] as? Double == 0 && object["replications"] as? Int == 10)
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.count == 4 && units[3]["unit"] as? String == "D" && units[3]["p95_rank"] as? Double == 4)
    }

    @Test func sensitivityRenderings() throws {
        let (framework, cube) = try Self.tiedToy()
        let assumptions = UncertainAssumptions(weightNoise: 0.5, weightLevels: [1], treatmentAlternatives: [.none, .none])
        let result = try SensitivityAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                                 options: SensitivityOptions(sampleSize: 64, seed: 2, units: ["A", "D"],
                                                                             bootstrapResamples: 20))
        let csv = UncertaintyCommand.render(try UncertaintyAnalysis.run(framework, cube: cube,
                                                                        assumptions: assumptions), format: .csv)
        #expect(csv.hasPrefix("unit,nominal_rank,median_rank,p5_rank,p95_rank,mean_abs_shift,"))
        let lines = SensitivityCommand.render(result, format: .csv).components(separatedBy: "\r\n")
        #expect(lines[0] == "output,factor,first_order,first_order_lower,first_order_upper,total_effect,"
                + "total_effect_lower,total_effect_upper")
        // D is last whatever the weights: its rank does not vary, so its indices are undefined (empty cells).
        #expect(lines.contains("D,weights-level-1,,,,,,"))
        // The tie A = B = C breaks one way or another under any noise, so the mean absolute rank change is always
        // (0 + 1 + 2 + 0)/4: undefined indices too. The two identical treatments have no effect on A: S_T = 0.
        #expect(lines.contains("mean_abs_rank_change,treatment,,,,,,"))
        #expect(lines.contains { $0.hasPrefix("A,treatment,") && $0.hasSuffix(",0,0,0") })
        let text = SensitivityCommand.render(result, format: .text)
        #expect(text.contains("Rank of D (nominal 4)\nundefined: the output does not vary over the design\n"))
        #expect(text.hasPrefix("Sensitivity analysis of T, 2020: N = 64, 256 runs (batched (dgemm per node));"))
        let json = SensitivityCommand.render(result, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["factors"] as? [[String: Any]])?.count == 2 && object["runs"] as? Int == 256)
        #expect(object["mean_abs_rank_change"] as? [String: Any] != nil)
    }

    /// Both commands on the default preset and the shipped data (the repository's Data/ folder, found from the
    /// working directory the tests run in), through the same code path as `run()`.
    @Test func shippedDataDefaults() throws {
        let command = try #require(try Divide.parseAsRoot(["uncertainty", "--replications", "300"])
                                   as? UncertaintyCommand)
        let computed = try command.index.compute(command.dataOptions)
        let year = try #require(computed.result.latestYear)
        let assumptions = try command.assumptionOptions.assumptions(framework: computed.result.framework,
                                                                    defaults: UncertainAssumptions(weightNoise: 0.25))
        #expect(assumptions.weightNoise == 0.25 && !assumptions.weightLevels.isEmpty)
        let results = try [1, 2].map { threads in
            try UncertaintyAnalysis.run(computed.result.framework, cube: computed.result.cube,
                                        assumptions: assumptions,
                                        options: UncertaintyOptions(replications: 300, seed: 1, year: year,
                                                                    threads: threads, blockSize: 32))
        }
        let result = results[0]
        let csv = UncertaintyCommand.render(result, format: .csv)
        // Byte-identical CSV on 1 and 2 threads.
        #expect(csv == UncertaintyCommand.render(results[1], format: .csv))
        #expect(csv.hasPrefix("unit,nominal_rank,median_rank,p5_rank,p95_rank,"))
        #expect(csv.components(separatedBy: "\r\n").count - 2 == computed.result.cube.units.count)
        // The nominal ranks are those of divide rank.
        for row in result.units {
            #expect(row.nominalRank == computed.result.construction.rank(unit: row.unit, node: result.index,
                                                                         year: year))
        }
        #expect(result.meanAbsoluteShift > 0)
    }
}

@Suite("Progress bar")
struct ProgressBarTests {
    @Test func drawnOnlyOnATerminalOutsideCI() {
        #expect(ProgressBar(label: "x", environment: [:], isTerminal: true).enabled)
        #expect(!ProgressBar(label: "x", environment: [:], isTerminal: false).enabled)
        #expect(!ProgressBar(label: "x", environment: ["CI": "true"], isTerminal: true).enabled)
        #expect(!ProgressBar(label: "x", environment: ["TERM": "dumb"], isTerminal: true).enabled)
    }

    @Test func line() {
        #expect(ProgressBar.line(500, 1000, label: "replications", width: 10) == "[#####·····]  500/1000 replications")
        #expect(ProgressBar.line(1000, 1000, label: "runs", width: 4) == "[####]  1000/1000 runs")
        #expect(ProgressBar.line(0, 7, label: "runs", width: 4) == "[····]  0/7 runs")
    }
}
