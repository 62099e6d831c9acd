// swift-tools-version: 6.1
//
// libFuzzer harness for DigitalDivide's data readers. Not part of the main build (its target has no `main`: libFuzzer
// provides it). Build and run with `scripts/fuzz-readers.sh`, which passes `-sanitize=fuzzer,address` and
// `-parse-as-library` (no unsafe flags in any manifest).

import PackageDescription

let package = Package(
    name: "DigitalDivideFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "DigitalDivide", path: "../"),
    ],
    targets: [
        .executableTarget(
            name: "FuzzReaders",
            dependencies: [.product(name: "DigitalDivide", package: "DigitalDivide")]
        ),
    ]
)
