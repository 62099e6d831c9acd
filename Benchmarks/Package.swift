// swift-tools-version: 6.1
//
// Benchmarks for DigitalDivide, kept in their own package so the benchmark dependency stays out of the main build.
// Run from the repository root: `swift package --package-path Benchmarks benchmark`.

import PackageDescription

let package = Package(
    name: "DigitalDivideBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "DigitalDivide", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // A small fixed workload whose instruction count (valgrind --tool=callgrind) CI compares with a committed
        // count (scripts/check-instructions.sh): not timed, no benchmark harness.
        .executableTarget(
            name: "InstructionCount",
            dependencies: [
                .product(name: "DigitalDivide", package: "DigitalDivide"),
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
            ],
            path: "InstructionCount"
        ),
        // The hot paths with malloc-count thresholds checked in CI (scripts/check-benchmarks.sh).
        .executableTarget(
            name: "HotPathBenchmarks",
            dependencies: [
                .product(name: "DigitalDivide", package: "DigitalDivide"),
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: [
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "LinearAlgebra",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConstructionBenchmarks",
            dependencies: [
                .product(name: "DigitalDivide", package: "DigitalDivide"),
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Construction",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "UncertaintyBenchmarks",
            dependencies: [
                .product(name: "DigitalDivide", package: "DigitalDivide"),
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Uncertainty",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LoadingBenchmarks",
            dependencies: [
                .product(name: "DigitalDivide", package: "DigitalDivide"),
                .product(name: "LinearAlgebra", package: "DigitalDivide"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Loading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
