// Benchmarks of the numeric core: dgemm at two shapes and NaN-aware column statistics.
//
// Run: swift package --package-path Benchmarks benchmark
// Pin OPENBLAS_NUM_THREADS when comparing runs; the BLAS in use is printed first.
// dgemm of m×k by k×n costs 2·m·n·k flops: GFLOP/s = 2mnk / (wall-clock ns per call).

import Benchmark
import LinearAlgebra

/// A matrix of uniform draws in [-1, 1) from a fixed seed.
func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var rng = Xoshiro256StarStar(seed: seed)
    let values = (0..<(rows * columns)).map { _ in rng.uniform(in: -1..<1) }
    return try! Matrix(rows: rows, columns: columns, columnMajor: values)
}

let benchmarks: @Sendable () -> Void = {
    print("BLAS: \(BLASLibrary.summary)")

    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(3), maxIterations: 1_000)

    // The framework's own per-sample allocations, to subtract from the mallocCountTotal of the others.
    Benchmark("baseline: empty loop") { benchmark in
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { blackHole(index) }
    }

    // 500×500 · 500×500: 2·500³ = 2.5·10⁸ flops per call.
    Benchmark("dgemm 500x500 * 500x500 (2.5e8 flop)") { benchmark in
        let a = randomMatrix(rows: 500, columns: 500, seed: 1)
        let b = randomMatrix(rows: 500, columns: 500, seed: 2)
        var c = Matrix.zeros(rows: 500, columns: 500)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try Matrix.gemm(a: a, b: b, c: &c)
            blackHole(c[0, 0])
        }
    }

    // The Monte-Carlo shape: 1000 draws × 62 indicators times 62 × 40 aggregation weights, output reused.
    // 2·1000·62·40 = 4.96·10⁶ flops per call.
    Benchmark("dgemm 1000x62 * 62x40 in place (4.96e6 flop)") { benchmark in
        let a = randomMatrix(rows: 1000, columns: 62, seed: 3)
        let b = randomMatrix(rows: 62, columns: 40, seed: 4)
        var c = Matrix.zeros(rows: 1000, columns: 40)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try Matrix.gemm(a: a, b: b, c: &c)
            blackHole(c[0, 0])
        }
    }

    // Column statistics of a 2000×100 panel with 10% missing values.
    Benchmark("columnSummaries 2000x100, 10% NaN") { benchmark in
        var rng = Xoshiro256StarStar(seed: 5)
        var m = randomMatrix(rows: 2000, columns: 100, seed: 6)
        m.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where rng.uniform() < 0.1 { buffer[index] = .nan }
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(m.columnSummaries())
        }
    }
}
