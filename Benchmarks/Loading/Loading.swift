// Benchmarks of the data loader: the workload's long CSV (`unit,indicator,year,value`, WORKLOAD.md) at a size that
// fits a quick run (200 units × 40 indicators × 20 years, 10% missing ≈ 144,000 rows), and the shipped `Data/`
// folder as every command loads it. The side-by-side comparison with pandas on the real M-size file is
// Benchmarks/load_side_by_side.py.
//
// Run: swift package --package-path Benchmarks benchmark --target LoadingBenchmarks

import Benchmark
import DigitalDivide
@_spi(Tuning) import DivideData
import Foundation
import LinearAlgebra

/// Writes a workload-format CSV with log-normal values (shortest round-trip text), 10% missing, fixed seed.
func writeWorkloadCSV(units: Int, indicators: Int, years: Int, seed: UInt64 = 42) -> String {
    var rng = Xoshiro256StarStar(seed: seed)
    var text = "unit,indicator,year,value\n"
    text.reserveCapacity(units * indicators * years * 28)
    for c in 0..<units {
        for i in 0..<indicators {
            for y in 0..<years {
                let value = exp(rng.normal())
                if rng.uniform() < 0.1 { continue }
                text += "\(c),\(i),\(y),\(value)\n"
            }
        }
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("divide-bench-load-\(units).csv").path
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The repository's `Data/` folder, from this file's location.
let shippedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Data").path

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(3), maxIterations: 200)

    let csv = writeWorkloadCSV(units: 200, indicators: 40, years: 20)
    Benchmark("load workload CSV 200x40x20, no provenance") { benchmark in
        let loader = DataLoader(options: .benchmark)
        for _ in benchmark.scaledIterations {
            blackHole(loader.load(files: [csv]).panel.cellCount)
        }
    }
    Benchmark("load workload CSV 200x40x20, with provenance") { benchmark in
        var options = LoadOptions.benchmark
        options.tracksProvenance = true
        let loader = DataLoader(options: options)
        for _ in benchmark.scaledIterations {
            blackHole(loader.load(files: [csv]).panel.cellCount)
        }
    }
    Benchmark("load shipped Data/ (every file, country resolution)") { benchmark in
        let loader = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard)))
        for _ in benchmark.scaledIterations {
            blackHole(try loader.load(directory: shippedData).panel.cellCount)
        }
    }
}
