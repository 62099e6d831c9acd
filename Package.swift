// swift-tools-version: 6.1
//
// DigitalDivide: digital-divide indicators and composite indices from the CSV files analysts download.
// The numeric core (LinearAlgebra) is the only module that talks to OpenBLAS and LAPACKE.

import PackageDescription

let package = Package(
    name: "DigitalDivide",
    platforms: [.macOS(.v13)],
    // MARK: - Public API
    products: [
        .library(name: "DigitalDivide", targets: ["DigitalDivide"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .executable(name: "divide", targets: ["DivideCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // .xlsx workbooks are ZIP archives of XML (read with FoundationXML's XMLParser).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // MARK: - System libraries (Debian: libopenblas-dev, liblapacke-dev)
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),

        // MARK: - Implementation: layers in the order data flows; a module imports only the ones above it, so a
        // back-edge does not compile. LinearAlgebra is the only module over BLAS/LAPACK.
        // The vectorised log/exp kernels (AVX-512, AVX2, baseline; chosen at run time by the CPU), used by
        // LinearAlgebra only. Plain C with per-function target attributes: no compiler flags.
        .target(name: "CDivideKernels"),
        .target(
            name: "LinearAlgebra",
            dependencies: ["CBLAS", "CLAPACKE", "CDivideKernels"]
        ),
        // Countries (UN names, groups), readers, the panel, load reports, output files and inert text.
        .target(
            name: "DivideData",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Methods, frameworks (YAML, presets, COINr), construction and the pipeline IndexRequest → IndexRun.
        .target(
            name: "DivideIndex",
            dependencies: ["DivideData", "LinearAlgebra", .product(name: "Yams", package: "Yams")],
            // The preset frameworks compiled in (Resources/frameworks links to Data/frameworks): no bundle to find
            // at run time, no checkout needed.
            resources: [.embedInCode("Resources/frameworks")]
        ),
        // Audit, uncertainty, sensitivity, inequality, convergence, gaps: each starts from an IndexRun/IndexResult.
        .target(name: "DivideAnalysis", dependencies: ["DivideIndex", "DivideData", "LinearAlgebra"]),
        // The brief, the regional overview and their renderers.
        .target(name: "DivideReports", dependencies: ["DivideAnalysis", "DivideIndex", "DivideData", "LinearAlgebra"]),
        // The umbrella a program imports: re-exports the four layers (as swift-collections' Collections does).
        .target(name: "DigitalDivide", dependencies: ["DivideData", "DivideIndex", "DivideAnalysis", "DivideReports"]),
        // The benchmark workload of shared/bench (divide bench workload): not a product, not shipped in the library.
        .target(name: "DivideWorkload", dependencies: ["DigitalDivide", "DivideIndex", "DivideAnalysis", "DivideData", "LinearAlgebra"]),
        .executableTarget(
            name: "DivideCLI",
            dependencies: [
                "DigitalDivide",
                "DivideWorkload",
                "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        // Fixtures are read from the source tree by path (see Support/RepositoryPaths.swift), not bundled.
        .testTarget(name: "DigitalDivideTests",
                    dependencies: ["DigitalDivide", "DivideData", "DivideIndex", "DivideAnalysis", "DivideReports",
                                   "DivideWorkload", "LinearAlgebra"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "DivideCLITests", dependencies: ["DivideCLI"]),
    ]
)
