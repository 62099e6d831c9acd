import DivideData
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
        "egdi": PackageResources.egdi_yaml,
        "idi2017": PackageResources.idi2017_yaml,
        "idi2024": PackageResources.idi2024_yaml,
        "idi2024-datahub": PackageResources.idi2024_datahub_yaml,
        "tii": PackageResources.tii_yaml,
    ])

    /// Old preset names that still load, each with the preset it now names and why it is deprecated.
    public static let deprecatedAliases: [String: (preset: String, note: String)] = [
        "idi2023": ("idi2024-datahub",
                    "idi2023 is deprecated: it carried ITU's name without ITU's method (own goalposts, 7 of 10 "
                        + "indicators). It now names idi2024-datahub, ITU's IDI 2024 method on the shipped DataHub "
                        + "series (an approximation); for ITU's own IDI 2024 scores use idi2024."),
    ]

    /// The deprecation note of an old preset name, or nil for a current one.
    public static func deprecation(of name: String) -> String? { deprecatedAliases[name.lowercased()]?.note }

    /// The preset a name stands for: itself, or the preset a deprecated alias now names.
    package static func resolved(_ name: String) -> String {
        deprecatedAliases[name.lowercased()]?.preset ?? name.lowercased()
    }

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

    /// The file of a preset read from a folder (a deprecated alias gives its new preset's file); `nil` when there is
    /// no such preset or it is compiled in.
    public func path(of name: String) -> String? {
        guard let directory else { return nil }
        let path = (directory as NSString).appendingPathComponent(Self.resolved(name) + ".yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The YAML text of a preset; `nil` when there is no such preset.
    public func yaml(of name: String) -> String? {
        if directory != nil {
            return path(of: name).flatMap { FileManager.default.contents(atPath: $0) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return embedded[Self.resolved(name)].map { String(decoding: $0, as: UTF8.self) }
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
        return try FrameworkFile.load(yaml: yaml, file: Self.resolved(name) + ".yaml", knownSeries: knownSeries)
    }
}
