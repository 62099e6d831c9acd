// swift-tools-version: 6.1
// A program that embeds DigitalDivide: it depends on the library by path (this checkout).
import PackageDescription

let package = Package(
    name: "first-index",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "DigitalDivide", path: "../../.."),
    ],
    targets: [
        .executableTarget(
            name: "first-index",
            dependencies: [.product(name: "DigitalDivide", package: "DigitalDivide")]
        ),
    ]
)
