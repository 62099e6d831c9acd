// Monte Carlo uncertainty analysis (UncertaintyAnalysis.run), 100 replications on one thread so the allocation
// count does not depend on scheduling: a synthetic flagship-sized index (58 × 20 × 3, pillar weights ±25% and the
// index arithmetic or geometric per replication) and the flagship itself (pillar weights ±25%, as
// `divide uncertainty` defaults).

import Benchmark
import DigitalDivide

func monteCarloBenchmarks() {
    let options = UncertaintyOptions(replications: 100, seed: 1, threads: 1)

    Benchmark("montecarlo.synthetic-58x20x3.100-replications") { benchmark in
        let cube = syntheticCube(units: 58, indicators: 20, years: 3)
        var framework = WorkloadFramework.make(indicators: 20, pillars: 4)
        framework.methods.normalisation = .minMax(lower: 1, upper: 100)
        let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: [2],
                                               aggregationAlternatives: [.arithmetic, .geometric],
                                               aggregationLevels: [3])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                                  options: options).meanAbsoluteShift)
        }
    }

    Benchmark("montecarlo.flagship-apddi.100-replications") { benchmark in
        let result = flagship.result
        let levels = Array(Set(ConstructionPlan(result.framework).nodes.filter { $0.parent == 0 }.map(\.level)))
            .sorted()
        let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: levels)
        var options = options
        options.year = result.latestYear
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try UncertaintyAnalysis.run(result.framework, cube: result.cube, assumptions: assumptions,
                                                  options: options).meanAbsoluteShift)
        }
    }
}
