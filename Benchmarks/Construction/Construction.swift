// Benchmarks of index construction at the benchmark workload's S size (/work/shared/bench/WORKLOAD.md):
// 62 units × 40 indicators × 20 years, 10% missing, 4 pillars (indicator i in pillar i mod 4), direction −1 for
// odd i, min-max 0–100 per indicator and year (constant columns 50), pillars need half their indicators.
//
// Run: swift package --package-path Benchmarks benchmark --target ConstructionBenchmarks

import Benchmark
import Foundation
import DigitalDivide
import LinearAlgebra

/// The S-size cube (Shared/SyntheticCube.swift).
func workloadCube() -> IndicatorCube { syntheticCube(units: 62, indicators: 40, years: 20) }

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(3), maxIterations: 1_000)

    // Steps 1–4 of the workload: normalise, pillars, index, ranks (overall), every year.
    Benchmark("construction S 62x40x20: normalise, aggregate, rank") { benchmark in
        let cube = workloadCube()
        let framework = WorkloadFramework.make(indicators: 40, pillars: 4, index: .arithmetic)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Construction.run(framework, cube: cube).scores.count)
        }
    }

    // The same with mean imputation and the JRC outlier rule in front.
    Benchmark("construction S 62x40x20 with mean imputation and JRC treatment") { benchmark in
        let cube = workloadCube()
        var framework = WorkloadFramework.make(indicators: 40, pillars: 4, index: .geometricShifted(shift: 1))
        framework.methods.imputation = [.mean]
        framework.methods.treatment = .jrcDefault
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Construction.run(framework, cube: cube).scores.count)
        }
    }

    // The JRC rule alone on one indicator-year column of 62 log-normal values.
    Benchmark("JRC treatment of one 62-unit column") { benchmark in
        let cube = workloadCube()
        let column = Array(cube.values[0..<62])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Treatment.jrcDefault.apply(to: column).values.count)
        }
    }

    // LinearAlgebra's ColumnSummary of the same column, for comparison (called ~15 times by the JRC rule).
    Benchmark("JRC probe: ColumnSummary of one 62-unit column") { benchmark in
        let column = Array(workloadCube().values[0..<62])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(ColumnSummary(column).skewness)
        }
    }

    Benchmark("JRC probe: Matrix.columnSummaries of one 62-unit column") { benchmark in
        let column = Array(workloadCube().values[0..<62])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Matrix(rows: 62, columns: 1, columnMajor: column).columnSummaries()[0].skewness)
        }
    }

    // One Monte Carlo replication as the workload's step 5 has it: the latest year only, ranks included.
    Benchmark("re-aggregation S latest year (62x40) with perturbed weights and ranks") { benchmark in
        let prepared = try Construction.prepare(WorkloadFramework.make(indicators: 40, pillars: 4, index: .arithmetic), cube: workloadCube())
            .selecting(years: [2019])
        var rng = Xoshiro256StarStar(seed: 43)
        let weights = prepared.plan.nominalWeights.map { $0 * rng.uniform(in: 0.75..<1.25) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try prepared.aggregate(weights: weights).ranks.count)
        }
    }

    // The flagship on the shipped data: the 58 ESCAP economies × the apddi preset's 20 series × 20 years
    // (2005–2024), carry-forward ≤ 3 years, JRC treatment, min-max, 5 pillars + a sub-pillar, ranks and group
    // ranks. Loading the data is outside the measurement.
    Benchmark("flagship apddi on shipped data: 58 ESCAP economies x 20 years") { benchmark in
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.appendingPathComponent("Data").path
        let files = try DataLoader.csvFiles(in: data)
        let panel = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))).load(files: files).panel
        let framework = try FrameworkPresets(directory: data + "/frameworks").load("apddi")
        let units = CountryRegistry.standard.members(of: .escap).map(\.iso3)
        let computation = IndexComputation(framework: framework, units: .units(units), years: 2005...2024,
                                           groupings: UnitGroupings.countries(units, classification: nil))
        let cube = try IndicatorCube(panel: panel, units: units, series: computation.series,
                                     years: Array(2005...2024), groupings: computation.groupings)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Construction.run(framework, cube: cube).scores.count)
        }
    }

    // The same through the library entry point (cube from the panel over every data year, then construction).
    Benchmark("flagship apddi via IndexComputation (panel -> cube -> construction)") { benchmark in
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.appendingPathComponent("Data").path
        let files = try DataLoader.csvFiles(in: data)
        let panel = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard))).load(files: files).panel
        let framework = try FrameworkPresets(directory: data + "/frameworks").load("apddi")
        let computation = IndexComputation(framework: framework, units: .group(.escap), years: 2005...2024)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try computation.run(panel: panel).construction.scores.count)
        }
    }

    // One Monte Carlo replication: re-aggregate the prepared (normalised) cube with perturbed weights, no ranks.
    Benchmark("re-aggregation S 62x40x20 with perturbed weights") { benchmark in
        let prepared = try Construction.prepare(WorkloadFramework.make(indicators: 40, pillars: 4, index: .arithmetic), cube: workloadCube())
        var rng = Xoshiro256StarStar(seed: 43)
        let weights = prepared.plan.nominalWeights.map { $0 * rng.uniform(in: 0.75..<1.25) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try prepared.aggregate(weights: weights, ranks: false).scores.count)
        }
    }
}
