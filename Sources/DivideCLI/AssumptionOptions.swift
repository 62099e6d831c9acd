import ArgumentParser
import DigitalDivide
import Foundation

/// The uncertain assumptions of `divide uncertainty` and `divide sensitivity`.
///
/// Lists are comma-separated; a method's own parameters stay with it (`minmax:1,100,fracmax` is two methods).
/// `--treatment-alternatives on,off`: `on` is the framework's treatment (COINr's JRC rule when it has none), `off` none.
struct AssumptionOptions: ParsableArguments {
    @Option(name: .customLong("weight-noise"), help: ArgumentHelp(
        "Each weight of the chosen levels becomes w·(1 + x·U(−1,1)) (default 0.25; 0 = fixed).", valueName: "X"))
    var weightNoise: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Levels whose weights get noise (1 = indicators; default: the pillars' level).", valueName: "L,L"))
    var levels: String?

    @Option(name: .customLong("aggregation-alternatives"), help: ArgumentHelp(
        "Aggregations to choose among per replication, e.g. arithmetic,geometric-shifted:1.", valueName: "M,M"))
    var aggregationAlternatives: String?

    @Option(name: .customLong("aggregation-levels"), help: ArgumentHelp(
        "Composite levels the chosen aggregation applies to (default: every composite).", valueName: "L,L"))
    var aggregationLevels: String?

    @Option(name: .customLong("normalisation-alternatives"), help: ArgumentHelp(
        "Normalisations to choose among, e.g. minmax:0,100,zscore:50,10.", valueName: "M,M"))
    var normalisationAlternatives: String?

    @Option(name: .customLong("imputation-alternatives"), help: ArgumentHelp(
        "Imputation chains to choose among, e.g. latest:3,latest:3+mean.", valueName: "M,M"))
    var imputationAlternatives: String?

    @Option(name: .customLong("treatment-alternatives"), help: ArgumentHelp(
        "Outlier treatments to choose among: on,off or methods such as jrc,none.", valueName: "M,M"))
    var treatmentAlternatives: String?

    @Option(name: .long, help: ArgumentHelp(
        "Relative measurement error per indicator (id or series code), e.g. net_use=0.1,i992b=0.05.",
        valueName: "CODE=E,…"))
    var noise: String?

    /// Whether any assumption was given on the command line.
    var isEmpty: Bool {
        weightNoise == nil && levels == nil && aggregationAlternatives == nil && aggregationLevels == nil
            && normalisationAlternatives == nil && imputationAlternatives == nil && treatmentAlternatives == nil
            && noise == nil
    }

    func validate() throws {
        if let weightNoise, !(weightNoise >= 0 && weightNoise <= 1) {
            throw ValidationError("--weight-noise: expected a relative amount in [0, 1], found \(weightNoise)")
        }
        _ = try assumptions(framework: nil)
    }

    /// Splits `a,b:1,2,c` into methods, keeping numeric parameters with the method before them.
    static func methods(_ text: String) -> [String] {
        var out: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if let first = part.first, first.isNumber || first == "-" || first == "." || first == "+", !out.isEmpty {
                out[out.count - 1] += "," + part
            } else {
                out.append(part.trimmingCharacters(in: .whitespaces))
            }
        }
        return out
    }

    static func levelList(_ text: String, option: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let level = Int(part.trimmingCharacters(in: .whitespaces)), level >= 1 else {
                throw ValidationError("\(option): expected levels such as 2,3 (whole numbers ≥ 1), found \"\(part)\"")
            }
            return level
        }
    }

    /// The assumptions, with `defaults` filling what was not given. `framework` resolves the default weight level
    /// (its pillars') and `on` in the treatment alternatives; without it (validation) placeholders are used.
    func assumptions(framework: Framework?, defaults: UncertainAssumptions? = nil) throws -> UncertainAssumptions {
        var a = defaults ?? UncertainAssumptions()
        do {
            if let weightNoise { a.weightNoise = weightNoise }
            if let levels { a.weightLevels = try Self.levelList(levels, option: "--levels") }
            else if let framework {
                let plan = ConstructionPlan(framework)
                a.weightLevels = Array(Set(plan.nodes[0].children.map { plan.nodes[$0].level })).sorted()
            }
            if let aggregationAlternatives {
                a.aggregationAlternatives = try Self.methods(aggregationAlternatives).map(MethodSyntax.aggregation)
            }
            if let aggregationLevels {
                a.aggregationLevels = try Self.levelList(aggregationLevels, option: "--aggregation-levels")
            }
            if let normalisationAlternatives {
                a.normalisationAlternatives = try Self.methods(normalisationAlternatives)
                    .map(MethodSyntax.normalisation)
            }
            if let imputationAlternatives {
                a.imputationAlternatives = try Self.methods(imputationAlternatives).map(MethodSyntax.imputation)
            }
            if let treatmentAlternatives {
                let on = framework.map { $0.methods.treatment == .none ? Treatment.jrcDefault : $0.methods.treatment }
                    ?? .jrcDefault
                a.treatmentAlternatives = try Self.methods(treatmentAlternatives).map { name in
                    switch name.lowercased() {
                    case "on": return on
                    case "off": return .none
                    default: return try MethodSyntax.treatment(name)
                    }
                }
            }
        } catch let error as MethodSyntaxError {
            throw ValidationError(error.description)
        }
        if let noise {
            a.measurementNoise = [:]
            for item in noise.split(separator: ",") {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, let e = Double(parts[1]), e >= 0 && e <= 1 else {
                    throw ValidationError("--noise: expected CODE=ERROR with ERROR in [0, 1], e.g. net_use=0.1, "
                                          + "found \"\(item)\"")
                }
                a.measurementNoise[parts[0]] = e
            }
        }
        return a
    }
}
