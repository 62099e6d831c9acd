import Foundation

/// The preset frameworks: YAML files, one per preset, whose name is the file name without `.yaml` (e.g. `apddi`).
///
/// ``shipped`` holds the presets of this release, compiled into the library as package resources
/// (`Data/frameworks/*.yaml`, embedded with SwiftPM's `embedInCode`), so a program that imports DigitalDivide has
/// them wherever it runs, with no resource bundle to find and no checkout. ``init(directory:)`` reads presets from a
/// folder of your own instead.
public struct FrameworkPresets: Sendable {
    /// The folder holding the preset files; `nil` for the ``shipped`` presets.
    public let directory: String?
    private let embedded: [String: [UInt8]]

    /// The flagship preset, the default of every index command.
    public static let defaultName = "apddi"

    /// The presets of this release, compiled in. Adding a YAML file to `Data/frameworks` needs a line here (a
    /// test checks that the folder and this list agree).
    public static let shipped = FrameworkPresets(embedded: [
        "apddi": PackageResources.apddi_yaml,
        "idi2017": PackageResources.idi2017_yaml,
        "idi2023": PackageResources.idi2023_yaml,
        "tii": PackageResources.tii_yaml,
    ])

    /// Presets read from the `.yaml` files of `directory`.
    public init(directory: String) {
        self.directory = directory
        embedded = [:]
    }

    private init(embedded: [String: [UInt8]]) {
        directory = nil
        self.embedded = embedded
    }

    /// The preset names, sorted, with the flagship first.
    public func names() -> [String] {
        let names: [String]
        if let directory {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
        } else {
            names = embedded.keys.sorted()
        }
        return names.filter { $0 == Self.defaultName } + names.filter { $0 != Self.defaultName }
    }

    /// The file of a preset read from a folder; `nil` when there is no such preset or it is compiled in.
    public func path(of name: String) -> String? {
        guard let directory else { return nil }
        let path = (directory as NSString).appendingPathComponent(name.lowercased() + ".yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The YAML text of a preset; `nil` when there is no such preset.
    public func yaml(of name: String) -> String? {
        if directory != nil {
            return path(of: name).flatMap { FileManager.default.contents(atPath: $0) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return embedded[name.lowercased()].map { String(decoding: $0, as: UTF8.self) }
    }

    /// Loads and validates a preset. Messages name the preset's file as `NAME.yaml`.
    /// - Throws: ``FrameworkError`` (an unknown preset is reported with the valid names).
    public func load(_ name: String, knownSeries: Set<String>? = nil) throws -> Framework {
        if let path = path(of: name) {
            return try FrameworkFile.load(contentsOf: URL(fileURLWithPath: path), knownSeries: knownSeries)
        }
        guard directory == nil, let yaml = yaml(of: name) else {
            throw FrameworkError(file: name, issues: [FrameworkIssue(
                path: [], kind: .syntax,
                message: "no preset or file named \"\(name)\"; presets: \(names().joined(separator: ", "))")])
        }
        return try FrameworkFile.load(yaml: yaml, file: name.lowercased() + ".yaml", knownSeries: knownSeries)
    }
}
