// Benchmarks of Monte Carlo uncertainty analysis at the flagship index's size: 58 units × 20 indicators (4 pillars of
// 5, direction −1 for odd indicators), 3 years, 10% missing, min-max to [1, 100]; 1,000 replications with the
// pillar weights ±25% (COINr get_noisy_weights) and the index arithmetic or geometric, chosen per replication.
// For scale (issue 5): COINr's get_sensitivity takes about 3 minutes for 1,000 replications of a 51 × 49 index.
//
// Run: swift package --package-path Benchmarks benchmark --target UncertaintyBenchmarks

import Benchmark
import Foundation
import DigitalDivide
@_spi(Tuning) import DivideAnalysis
import LinearAlgebra

func flagshipSizedCube(units: Int = 58, indicators: Int = 20, years: Int = 3, seed: UInt64 = 42) -> IndicatorCube {
    var rng = Xoshiro256StarStar(seed: seed)
    var cube = try! IndicatorCube(units: (0..<units).map { "U\($0)" }, series: (0..<indicators).map { "S\($0)" },
                                  years: Array(2021..<(2021 + years)))
    for k in cube.values.indices {
        let value = exp(rng.normal())
        cube.values[k] = rng.uniform() < 0.1 ? .nan : value
    }
    return cube
}

func flagshipSizedFramework(indicators: Int = 20, pillars: Int = 4) -> Framework {
    let children = (0..<pillars).map { p in
        FrameworkNode(id: "P\(p)", content: .composite(
            children: stride(from: p, to: indicators, by: pillars).map { i in
                FrameworkNode(id: "I\(i)", content: .indicator(IndicatorSpec(
                    series: "S\(i)", direction: i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
            }, aggregation: .arithmetic, coverage: 0.5))
    }
    var framework = Framework(root: FrameworkNode(id: "IDX", content: .composite(
        children: children, aggregation: .arithmetic, coverage: 1)))
    framework.methods.normalisation = .minMax(lower: 1, upper: 100)
    return framework
}

let weightsAndAggregation = UncertainAssumptions(weightNoise: 0.25, weightLevels: [2],
                                                 aggregationAlternatives: [.arithmetic, .geometric],
                                                 aggregationLevels: [3])

/// The flagship index on the shipped data: the `apddi` preset over the ESCAP economies, as `divide uncertainty`
/// computes it (nil when the repository's Data/ folder is not found).
func flagship() -> (Framework, IndicatorCube, Int)? {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data").path
    guard let loaded = try? DataLoader().load(directory: data),
          let framework = try? FrameworkPresets(directory: data + "/frameworks").load("apddi"),
          let result = try? IndexComputation(framework: framework, units: .group(.escap)).run(panel: loaded.panel),
          let year = result.latestYear else { return nil }
    return (result.framework, result.cube, year)
}

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(5), maxIterations: 200)
    print("BLAS: \(BLASLibrary.summary)")

    for (name, threads, blockSize) in [("1 thread, blocks of 128", 1, 128), ("2 threads, blocks of 128", 2, 128),
                                       ("1 thread, one block of 1000 (BLAS threads as set)", 1, 1000)] {
        Benchmark("uncertainty 58x20, 1000 replications, weights+aggregation, \(name)") { benchmark in
            let cube = flagshipSizedCube()
            let framework = flagshipSizedFramework()
            let options = UncertaintyOptions(replications: 1000, seed: 1, threads: threads, blockSize: blockSize)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: weightsAndAggregation,
                                                      options: options).meanAbsoluteShift)
            }
        }
    }

    // The flagship index (apddi, ESCAP economies, shipped data), pillar weights ±25% (divide uncertainty's default).
    for threads in [1, 2] {
        Benchmark("uncertainty flagship apddi, 1000 replications, pillar weights ±25%, \(threads) thread(s)") {
            benchmark in
            guard let (framework, cube, year) = flagship() else { return }
            let levels = Array(Set(ConstructionPlan(framework).nodes.filter { $0.parent == 0 }.map(\.level))).sorted()
            let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: levels)
            let options = UncertaintyOptions(replications: 1000, seed: 1, year: year, threads: threads)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                                      options: options).meanAbsoluteShift)
            }
        }
    }

    // The reference path: PreparedConstruction.aggregate once per replication.
    Benchmark("uncertainty 58x20, 1000 replications, weights+aggregation, per-replication engine") { benchmark in
        let cube = flagshipSizedCube()
        let framework = flagshipSizedFramework()
        let options = UncertaintyOptions(replications: 1000, seed: 1, engine: .perReplication)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: weightsAndAggregation,
                                                  options: options).meanAbsoluteShift)
        }
    }

    // Normalisation and treatment alternatives too (4 prepared variants), 2 threads.
    Benchmark("uncertainty 58x20, 1000 replications, + normalisation and treatment alternatives, 2 threads") {
        benchmark in
        let cube = flagshipSizedCube()
        let framework = flagshipSizedFramework()
        var assumptions = weightsAndAggregation
        assumptions.normalisationAlternatives = [.minMax(lower: 1, upper: 100), .fractionOfMax]
        assumptions.treatmentAlternatives = [.jrcDefault, .none]
        let options = UncertaintyOptions(replications: 1000, seed: 1, threads: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                                  options: options).meanAbsoluteShift)
        }
    }

    // Sobol: 2 factors (pillar weights, aggregation), N = 500 → 2,000 index computations, 1,000 bootstrap resamples.
    Benchmark("sensitivity 58x20, N = 500, 2 factors, 2 threads") { benchmark in
        let cube = flagshipSizedCube()
        let framework = flagshipSizedFramework()
        let options = SensitivityOptions(sampleSize: 500, seed: 1, units: ["U0"], threads: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SensitivityAnalysis.run(framework, cube: cube, assumptions: weightsAndAggregation,
                                                  options: options).runs)
        }
    }
}
