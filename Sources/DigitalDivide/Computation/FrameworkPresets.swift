import Foundation

/// The preset frameworks shipped as YAML files in `Data/frameworks/` (one file per preset; the preset's name
/// is the file name without `.yaml`, e.g. `apddi`).
public struct FrameworkPresets: Sendable {
    /// The folder holding the preset files.
    public let directory: String

    /// The flagship preset, the default of every index command.
    public static let defaultName = "apddi"

    /// Old preset names that still load, each with the preset it now names and why it is deprecated.
    public static let deprecatedAliases: [String: (preset: String, note: String)] = [
        "idi2023": ("idi2024-datahub",
                    "idi2023 is deprecated: it carried ITU's name without ITU's method (own goalposts, 7 of 10 "
                        + "indicators). It now names idi2024-datahub, ITU's IDI 2024 method on the shipped DataHub "
                        + "series (an approximation); for ITU's own IDI 2024 scores use idi2024."),
    ]

    /// The deprecation note of an old preset name, or nil for a current one.
    public static func deprecation(of name: String) -> String? { deprecatedAliases[name.lowercased()]?.note }

    public init(directory: String) {
        self.directory = directory
    }

    /// The preset names, sorted, with the flagship first.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
        return names.filter { $0 == Self.defaultName } + names.filter { $0 != Self.defaultName }
    }

    /// The file of a preset (a deprecated alias gives its new preset's file), or nil when there is no such preset.
    public func path(of name: String) -> String? {
        let file = Self.deprecatedAliases[name.lowercased()]?.preset ?? name.lowercased()
        let path = (directory as NSString).appendingPathComponent(file + ".yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Loads and validates a preset.
    /// - Throws: ``FrameworkError`` (an unknown preset is reported with the valid names).
    public func load(_ name: String, knownSeries: Set<String>? = nil) throws -> Framework {
        guard let path = path(of: name) else {
            throw FrameworkError(file: name, issues: [FrameworkIssue(
                path: [], kind: .syntax,
                message: "no preset or file named \"\(name)\"; presets: \(names().joined(separator: ", "))")])
        }
        return try FrameworkFile.load(contentsOf: URL(fileURLWithPath: path), knownSeries: knownSeries)
    }
}
