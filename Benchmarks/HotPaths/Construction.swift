// Index construction through the library's own entry points, on the workload's S-size synthetic cube
// (62 × 40 × 20) and on the flagship (apddi, ESCAP economies, shipped data):
// normalise = Construction.prepare (transforms, imputation, treatment, normalisation per indicator and year);
// aggregate = PreparedConstruction.aggregate without ranks; rank = ScoreRanking of every node and year, and
// aggregate with overall and group ranks; index = IndexComputation.run (panel → cube → construction).

import Benchmark
import DigitalDivide

func constructionBenchmarks() {
    let synthetic = "synthetic-62x40x20"
    let cube = syntheticCube(units: small.units, indicators: small.indicators, years: small.years)
    let framework = WorkloadFramework.make(indicators: small.indicators, pillars: 4)

    Benchmark("normalise.\(synthetic)") { benchmark in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Construction.prepare(framework, cube: cube).normalised.count)
        }
    }
    Benchmark("normalise.flagship-apddi") { benchmark in
        let (framework, cube) = (flagship.framework, flagship.result.cube)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try Construction.prepare(framework, cube: cube).normalised.count)
        }
    }

    Benchmark("aggregate.\(synthetic)") { benchmark in
        let prepared = try Construction.prepare(framework, cube: cube)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try prepared.aggregate(ranks: false).scores.count)
        }
    }
    Benchmark("aggregate.flagship-apddi") { benchmark in
        let prepared = try Construction.prepare(flagship.framework, cube: flagship.result.cube)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try prepared.aggregate(ranks: false).scores.count)
        }
    }

    Benchmark("rank.\(synthetic).every-node-and-year") { benchmark in
        let result = try Construction.run(framework, cube: cube)
        let columns = result.years.indices.flatMap { y in
            result.plan.nodes.indices.map { n in result.scores(node: n, year: y) }
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for column in columns { blackHole(ScoreRanking.competition(column).count) }
        }
    }
    Benchmark("rank.flagship-apddi.aggregate-with-group-ranks") { benchmark in
        let prepared = try Construction.prepare(flagship.framework, cube: flagship.result.cube)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try prepared.aggregate(ranks: true).groupRanks.count)
        }
    }

    Benchmark("index.flagship-apddi.computation") { benchmark in
        let (computation, panel) = (flagship.computation, flagship.panel)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try computation.run(panel: panel).construction.scores.count)
        }
    }
}
