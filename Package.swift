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

        // MARK: - Implementation
        .target(
            name: "LinearAlgebra",
            dependencies: ["CBLAS", "CLAPACKE"]
        ),
        .target(
            name: "DigitalDivide",
            dependencies: [
                "LinearAlgebra",
                .product(name: "Yams", package: "Yams"),
            ],
            // The preset frameworks compiled in (Resources/frameworks links to Data/frameworks): no bundle to find
            // at run time, no checkout needed.
            resources: [.embedInCode("Resources/frameworks")]
        ),
        .executableTarget(
            name: "DivideCLI",
            dependencies: [
                "DigitalDivide",
                "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        // Fixtures are read from the source tree by path (see Support/RepositoryPaths.swift), not bundled.
        .testTarget(name: "DigitalDivideTests", dependencies: ["DigitalDivide"], exclude: ["Fixtures"]),
        .testTarget(name: "DivideCLITests", dependencies: ["DivideCLI"]),
    ]
)
