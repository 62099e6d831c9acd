// The library's hot paths with CI thresholds on their allocation counts: load, normalise, aggregate, rank, the whole
// index, Monte Carlo and one economy's brief, at small fixed sizes so the whole target runs in seconds.
//
// mallocCountTotal is deterministic for this single-threaded work and is checked against the committed thresholds in
// Benchmarks/Thresholds/ by scripts/check-benchmarks.sh (CI); wall clock and throughput are reported, never asserted.
// Deliberate changes: scripts/update-benchmark-thresholds.sh.
//
// Run: swift package --package-path Benchmarks benchmark --target HotPathBenchmarks

import Benchmark

/// A regression of more than this many percent in mallocCountTotal (p90 over the iterations) fails the check; a
/// reduction of more than this is reported as an improvement, to be locked in by updating the thresholds.
let mallocTolerancePercent = 2.0

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal, .wallClock, .throughput],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 10,
        thresholds: [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: mallocTolerancePercent])])

    loadBenchmarks()
    constructionBenchmarks()
    monteCarloBenchmarks()
    briefBenchmarks()
}
