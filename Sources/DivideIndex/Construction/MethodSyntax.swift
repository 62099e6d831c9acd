import DivideData
import Foundation

/// Parses the method names used in framework files and in the command-line overrides
/// (`--impute`, `--treat`, `--normalise`, `--aggregate`). Grammar: `name` or `name:p1,p2`.
///
/// | step | accepted |
/// |---|---|
/// | imputation (chain with `+`) | `none`, `mean`, `median`, `group-mean:G`, `group-median:G`, `latest:N`, `linear`, `linear-constant` |
/// | treatment | `none`, `jrc`, `jrc:N,S,K`, `log`, `log-ct`, `boxcox:λ` |
/// | normalisation | `none`, `minmax`, `minmax:L,U`, `zscore`, `zscore:M,S`, `goalposts`, `goalposts:A`, `goalposts-untruncated:A`, `target`, `target-capped`, `dist2max`, `dist2ref:UNIT`, `dist2ref-capped:UNIT`, `rank`, `prank`, `fracmax`, `refvalue:A`, `refvalue-capped:A` |
/// | aggregation | `arithmetic`, `geometric`, `geometric-shifted:S`, `harmonic`, `generalised:P`, `median`, `mpi`, `mpi:negative`, `copeland` |
public enum MethodSyntax {
    /// The accepted spellings, per step, for error messages and `--help`.
    public static let imputationChoices = ["none", "mean", "median", "group-mean:GROUPING", "group-median:GROUPING",
                                           "latest:N", "linear", "linear-constant"]
    public static let treatmentChoices = ["none", "jrc", "jrc:N,SKEW,KURT", "log", "log-ct", "boxcox:LAMBDA"]
    public static let normalisationChoices = ["none", "minmax", "minmax:L,U", "zscore", "zscore:MEAN,SD", "goalposts",
                                              "goalposts:SCALE", "goalposts-untruncated:SCALE", "target",
                                              "target-capped", "dist2max", "dist2ref:UNIT", "dist2ref-capped:UNIT",
                                              "rank", "prank", "fracmax", "refvalue:SCALE", "refvalue-capped:SCALE"]
    public static let aggregationChoices = ["arithmetic", "geometric", "geometric-shifted:S", "harmonic",
                                            "generalised:P", "median", "mpi", "mpi:negative", "copeland"]

    /// An imputation chain such as `latest:3+group-mean:subregion`.
    public static func imputation(_ text: String) throws -> [Imputation] {
        try text.split(separator: "+", omittingEmptySubsequences: false).map { part in
            let (name, p) = split(String(part), step: "imputation", choices: imputationChoices)
            switch name {
            case "none": try none(p, name, "imputation"); return .none
            case "mean": try none(p, name, "imputation"); return .mean
            case "median": try none(p, name, "imputation"); return .median
            case "group-mean", "group-median":
                guard p.count == 1, !p[0].isEmpty else {
                    throw MethodSyntaxError.badParameter(step: "imputation", method: name,
                                                         expected: "a grouping name, e.g. \(name):subregion",
                                                         found: p.joined(separator: ","))
                }
                return name == "group-mean" ? .groupMean(grouping: p[0]) : .groupMedian(grouping: p[0])
            case "latest":
                guard p.count == 1, let n = Int(p[0]), n >= 1 else {
                    throw MethodSyntaxError.badParameter(step: "imputation", method: name,
                                                         expected: "a whole number of years ≥ 1, e.g. latest:3",
                                                         found: p.joined(separator: ","))
                }
                return .latest(maxYears: n)
            case "linear": try none(p, name, "imputation"); return .linear
            case "linear-constant": try none(p, name, "imputation"); return .linearConstant
            default:
                throw MethodSyntaxError.unknown(step: "imputation", found: String(part), valid: imputationChoices)
            }
        }
    }

    /// A treatment such as `jrc` or `boxcox:0.5`.
    public static func treatment(_ text: String) throws -> Treatment {
        let (name, p) = split(text, step: "treatment", choices: treatmentChoices)
        switch name {
        case "none": try none(p, name, "treatment"); return .none
        case "jrc":
            if p.isEmpty { return .jrcDefault }
            guard p.count == 3, let n = Int(p[0]), n >= 1, let s = Double(p[1]), s > 0, let k = Double(p[2]) else {
                throw MethodSyntaxError.badParameter(step: "treatment", method: name,
                                                     expected: "N,SKEW,KURT with N ≥ 1 and SKEW > 0, e.g. jrc:5,2,3.5",
                                                     found: p.joined(separator: ","))
            }
            return .jrc(.init(winsorisationLimit: n, skewThreshold: s, kurtosisThreshold: k))
        case "log": try none(p, name, "treatment"); return .log
        case "log-ct": try none(p, name, "treatment"); return .logShifted
        case "boxcox":
            let l = try numbers(p, count: 1, step: "treatment", method: name, example: "boxcox:0.5")
            return .boxCox(lambda: l[0])
        default:
            throw MethodSyntaxError.unknown(step: "treatment", found: text, valid: treatmentChoices)
        }
    }

    /// A normalisation such as `minmax:0,100`.
    public static func normalisation(_ text: String) throws -> Normalisation {
        let (name, p) = split(text, step: "normalisation", choices: normalisationChoices)
        let step = "normalisation"
        switch name {
        case "none": try none(p, name, step); return .none
        case "minmax":
            if p.isEmpty { return .minMax(lower: 0, upper: 100) }
            let v = try numbers(p, count: 2, step: step, method: name, example: "minmax:0,100")
            guard v[0] < v[1] else {
                throw MethodSyntaxError.badParameter(step: step, method: name, expected: "L < U",
                                                     found: p.joined(separator: ","))
            }
            return .minMax(lower: v[0], upper: v[1])
        case "zscore":
            if p.isEmpty { return .zScore(mean: 0, standardDeviation: 1) }
            let v = try numbers(p, count: 2, step: step, method: name, example: "zscore:100,10")
            guard v[1] > 0 else {
                throw MethodSyntaxError.badParameter(step: step, method: name, expected: "SD > 0",
                                                     found: p.joined(separator: ","))
            }
            return .zScore(mean: v[0], standardDeviation: v[1])
        case "goalposts", "goalposts-untruncated":
            let scale = p.isEmpty ? 100 : try numbers(p, count: 1, step: step, method: name, example: "\(name):100")[0]
            return .goalposts(scale: scale, truncate: name == "goalposts")
        case "target": try none(p, name, step); return .distanceToTarget(cap: false)
        case "target-capped": try none(p, name, step); return .distanceToTarget(cap: true)
        case "dist2max": try none(p, name, step); return .distanceToMax
        case "dist2ref", "dist2ref-capped":
            guard p.count == 1, !p[0].isEmpty else {
                throw MethodSyntaxError.badParameter(step: step, method: name, expected: "a unit code, e.g. \(name):KOR",
                                                     found: p.joined(separator: ","))
            }
            return .distanceToReference(unit: p[0], cap: name == "dist2ref-capped")
        case "rank": try none(p, name, step); return .rank
        case "prank": try none(p, name, step); return .percentileRank
        case "fracmax": try none(p, name, step); return .fractionOfMax
        case "refvalue", "refvalue-capped":
            let scale = p.isEmpty ? 1 : try numbers(p, count: 1, step: step, method: name, example: "\(name):10")[0]
            return .referenceValue(scale: scale, cap: name == "refvalue-capped")
        default:
            throw MethodSyntaxError.unknown(step: step, found: text, valid: normalisationChoices)
        }
    }

    /// An aggregation such as `geometric` or `generalised:2`.
    public static func aggregation(_ text: String) throws -> Aggregation {
        let (name, p) = split(text, step: "aggregation", choices: aggregationChoices)
        let step = "aggregation"
        switch name {
        case "arithmetic": try none(p, name, step); return .arithmetic
        case "geometric": try none(p, name, step); return .geometric
        case "geometric-shifted":
            let s = p.isEmpty ? 1 : try numbers(p, count: 1, step: step, method: name, example: "geometric-shifted:1")[0]
            guard s >= 0 else {
                throw MethodSyntaxError.badParameter(step: step, method: name, expected: "a shift ≥ 0", found: p[0])
            }
            return .geometricShifted(shift: s)
        case "harmonic": try none(p, name, step); return .harmonic
        case "generalised", "generalized":
            let v = try numbers(p, count: 1, step: step, method: name, example: "generalised:2")
            guard v[0] != 0 else {
                throw MethodSyntaxError.badParameter(step: step, method: name,
                                                     expected: "p ≠ 0 (p = 0 is the geometric mean)", found: p[0])
            }
            return .generalised(power: v[0])
        case "median": try none(p, name, step); return .weightedMedian
        case "mpi":
            if p.isEmpty { return .mazziottaPareto(penalty: .positive) }
            guard p.count == 1, let penalty = Aggregation.Penalty(rawValue: p[0]) else {
                throw MethodSyntaxError.badParameter(step: step, method: name, expected: "positive or negative",
                                                     found: p.joined(separator: ","))
            }
            return .mazziottaPareto(penalty: penalty)
        case "copeland": try none(p, name, step); return .copeland
        default:
            throw MethodSyntaxError.unknown(step: step, found: text, valid: aggregationChoices)
        }
    }

    /// Shortest round-trip spelling of a parameter (`100`, not `100.0`).
    package static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    private static func split(_ text: String, step: String, choices: [String]) -> (String, [String]) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return (trimmed, []) }
        let name = String(trimmed[..<colon])
        // Unit and grouping names keep their case.
        let rawParameters = text.trimmingCharacters(in: .whitespaces)
        let after = rawParameters[rawParameters.index(after: rawParameters.firstIndex(of: ":")!)...]
        return (name, after.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) })
    }

    private static func none(_ p: [String], _ name: String, _ step: String) throws {
        guard p.isEmpty else {
            throw MethodSyntaxError.badParameter(step: step, method: name, expected: "no parameters",
                                                 found: p.joined(separator: ","))
        }
    }

    private static func numbers(_ p: [String], count: Int, step: String, method: String,
                                example: String) throws -> [Double] {
        let v = p.compactMap { Double($0) }.filter { $0.isFinite }
        guard p.count == count, v.count == count else {
            throw MethodSyntaxError.badParameter(step: step, method: method,
                                                 expected: "\(count) number\(count == 1 ? "" : "s"), e.g. \(example)",
                                                 found: p.joined(separator: ","))
        }
        return v
    }
}

/// A method name or parameter that could not be parsed.
public enum MethodSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a known method of that step; `valid` lists the accepted spellings.
    case unknown(step: String, found: String, valid: [String])
    /// A known method with parameters it cannot take.
    case badParameter(step: String, method: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .unknown(step, found, valid):
            return "unknown \(step) method \"\(found)\"; valid choices: \(valid.joined(separator: ", "))"
        case let .badParameter(step, method, expected, found):
            return "\(step) method \(method): expected \(expected), found \"\(found)\""
        }
    }
}

extension Normalisation {
    /// The method's name as written in a framework file or on the command line.
    public var name: String {
        let f = MethodSyntax.format
        switch self {
        case .none: return "none"
        case let .minMax(l, u): return "minmax:\(f(l)),\(f(u))"
        case let .zScore(m, s): return "zscore:\(f(m)),\(f(s))"
        case let .goalposts(a, t): return (t ? "goalposts:" : "goalposts-untruncated:") + f(a)
        case let .distanceToTarget(cap): return cap ? "target-capped" : "target"
        case .distanceToMax: return "dist2max"
        case let .distanceToReference(u, cap): return (cap ? "dist2ref-capped:" : "dist2ref:") + u
        case .rank: return "rank"
        case .percentileRank: return "prank"
        case .fractionOfMax: return "fracmax"
        case let .referenceValue(a, cap): return (cap ? "refvalue-capped:" : "refvalue:") + f(a)
        }
    }
}
