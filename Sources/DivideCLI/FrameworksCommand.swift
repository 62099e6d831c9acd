import ArgumentParser
import DigitalDivide
import Foundation

/// `divide frameworks [PRESET|FILE]`: the presets, or one framework's tree with effective weights.
struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "List the preset frameworks, or print one framework's tree with effective weights.",
        discussion: """
            Without an argument: the presets compiled into the library from Data/frameworks (docs/presets.md). With a preset \
            name, a framework YAML file or a COINr iMeta CSV: the tree, each node's weight among its siblings (w) \
            and its effective weight (eff, the product of the weights from the root), its aggregation and coverage \
            threshold, and the methods.
            """
    )

    @Argument(help: ArgumentHelp("A preset name, a framework YAML file or a COINr iMeta CSV.", valueName: "PRESET|FILE"))
    var framework: String?

    func run() throws {
        guard let framework else {
            print(try Self.list(IndexOptions.presets()), terminator: "")
            return
        }
        let options = try IndexOptions.parse(["--framework", framework])
        print(Self.describe(try options.loadFramework()), terminator: "")
    }

    /// One line per preset: name, indicators, whether it reproduces or approximates a publisher's edition, full
    /// name; then per preset how closely (the figure and the command that measured it), and the deprecated names.
    static func list(_ presets: FrameworkPresets) throws -> String {
        var rows: [[String]] = []
        var notes: [String] = []
        for name in presets.names() {
            do {
                let f = try presets.load(name)
                rows.append([name + (name == FrameworkPresets.defaultName ? " (default)" : ""),
                             String(f.indicators.count), f.edition?.status.rawValue ?? "not stated", f.root.name])
                if let e = f.edition {
                    var note = "\(name): \(e.status.rawValue) \(e.title)"
                    if let agreement = e.agreement { note += "\n  agreement: \(agreement)" }
                    if let command = e.command { note += "\n  measured by: \(command)" }
                    notes.append(note)
                }
            } catch {
                rows.append([name, "-", "-", "invalid: \(error)"])
            }
        }
        var text = Table(header: ["preset", "indicators", "edition", "name"], rows: rows, numeric: [1]).text()
        if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
        for (old, alias) in FrameworkPresets.deprecatedAliases.sorted(by: { $0.key < $1.key }) {
            text += "\n\(old) → \(alias.preset) (deprecated alias): \(alias.note)\n"
        }
        return text
    }

    /// The tree with effective weights, then the methods.
    static func describe(_ f: Framework) -> String {
        let m = f.methods
        return "\(f.root.name) (\(f.id)): \(f.indicators.count) indicators\n\n" + f.treeDescription() + "\n\n"
            + "methods: imputation \(m.imputation.map(\.name).joined(separator: "+")), treatment \(m.treatment.name), "
            + "normalisation \(m.normalisation.name)\(m.pooledNormalisation ? " (pooled over years)" : ""), "
            + "aggregation \(m.aggregation.name), weighting \(m.weighting.rawValue)\n"
    }
}
