import DivideData
import Foundation
import Yams

/// Reads a framework from its YAML file format (documented in docs/framework-format.md).
///
/// Decoding uses `Codable` through Yams; every node remembers its line, and validation collects *all*
/// problems — unknown keys, unknown series, duplicate ids, non-positive weights, missing directions, unknown
/// method names, bad parameters — into one ``FrameworkError`` whose lines read
/// `file.yaml:LINE (root/pillar/indicator): message`.
public enum FrameworkFile {
    /// Loads and validates the framework in the file at `url`; messages name the file as `url.relativePath`.
    public static func load(contentsOf url: URL, knownSeries: Set<String>? = nil) throws -> Framework {
        let text: String
        do {
            text = try InputFile.text(url.path, what: "a framework file")
        } catch {
            // The reason in plain words ("found a folder", "found UTF-16 text (little-endian); save the file as
            // UTF-8"), without repeating the path the framework error already names.
            let reason = "expected \(error.expected ?? "a framework file"), found \(error.found ?? "an unreadable file")"
                + (error.hint.map { "; " + $0 } ?? "")
            throw FrameworkError(file: url.relativePath, issues: [FrameworkIssue(
                path: [], kind: .syntax, message: "cannot read the file: " + reason)])
        }
        return try load(yaml: text, file: url.relativePath, knownSeries: knownSeries)
    }

    /// Loads and validates a framework from YAML text.
    /// - Parameters:
    ///   - yaml: the framework file's text.
    ///   - file: labels the error messages.
    ///   - knownSeries: the series codes present in the data; when given, indicators naming another series are
    ///     errors.
    public static func load(yaml: String, file: String = "<yaml>", knownSeries: Set<String>? = nil) throws -> Framework {
        let document: FrameworkDocument
        do {
            try checkBounds(yaml: yaml, file: file)
            document = try YAMLDecoder().decode(FrameworkDocument.self, from: yaml)
        } catch let error as YamlError {
            throw FrameworkError(file: file, issues: [syntaxIssue(error, yaml: yaml)])
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let yamlError = context.underlyingError as? YamlError {
                throw FrameworkError(file: file, issues: [syntaxIssue(yamlError, yaml: yaml)])
            }
            throw FrameworkError(file: file, issues: [decodingIssue(error, yaml: yaml)])
        }
        var issues: [FrameworkIssue] = []
        let methods = document.methods.map { $0.choices(root: document.node.id ?? "", issues: &issues) }
            ?? MethodChoices()
        let root = document.node.build(parentPath: [], isRoot: true, issues: &issues)
        let edition = document.edition.flatMap { $0.info(root: document.node.id ?? "", issues: &issues) }
        var universe: CountryGroup?
        if let text = document.universe {
            do {
                universe = try CountryGroup(parsing: text)
            } catch {
                issues.append(FrameworkIssue(path: [document.node.id ?? "", "universe"], line: document.universeLine,
                                             kind: .badParameter, message: error.description))
            }
        }
        let framework = Framework(root: root, methods: methods, edition: edition, universe: universe)
        issues += framework.validate(knownSeries: knownSeries)
        guard issues.isEmpty else {
            throw FrameworkError(file: file, issues: issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return framework
    }

    /// The largest framework file read (4 MiB: the shipped presets are under 10 KiB).
    public static let maxBytes = 4 << 20
    /// The most YAML nodes a framework may expand to, aliases counted each time they are used (100,000): a file
    /// of nested aliases ("billion laughs") would otherwise take hours and gigabytes.
    public static let maxExpandedNodes = 100_000

    /// Refuses, before decoding, a file over ``maxBytes`` or one that expands to more than ``maxExpandedNodes``
    /// nodes. (A mapping that repeats a key is refused by the YAML composer, with its line.)
    package static func checkBounds(yaml: String, file: String) throws {
        guard yaml.utf8.count <= maxBytes else {
            throw FrameworkError(file: file, issues: [FrameworkIssue(
                path: [], kind: .syntax,
                message: "the file has \(yaml.utf8.count) bytes; a framework may have at most \(maxBytes)")])
        }
        guard let root = try Yams.compose(yaml: yaml) else { return }
        var budget = maxExpandedNodes
        func walk(_ node: Node) -> Bool {
            budget -= 1
            if budget < 0 { return false }
            switch node {
            case .scalar, .alias: return true
            case .sequence(let sequence): return sequence.allSatisfy(walk)
            case .mapping(let mapping): return mapping.allSatisfy { walk($0.key) && walk($0.value) }
            }
        }
        guard walk(root) else {
            throw FrameworkError(file: file, issues: [FrameworkIssue(
                path: [], kind: .syntax,
                message: "the file expands to more than \(maxExpandedNodes) YAML nodes (aliases counted each time "
                    + "they are used); a framework may have at most that many")])
        }
    }

    private static func syntaxIssue(_ error: YamlError, yaml: String) -> FrameworkIssue {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return FrameworkIssue(path: [], line: mark.line, kind: .syntax, message: "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams names the keys and where the mapping is; the lines of each key's two occurrences are found in
            // the text (the same key at the same indentation after that mark), and the error stands at the repeat.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            var repeats: [(key: String, first: Int, again: Int)] = []
            for key in duplicates {
                var seen: (indent: Int, line: Int)?
                for n in max(0, context.mark.line - 1)..<lines.count {
                    let line = lines[n]
                    let body = line.drop { $0 == " " }
                    let item = body.hasPrefix("- ") ? body.dropFirst(2).drop { $0 == " " } : body
                    guard item.hasPrefix(key), item.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":")
                    else { continue }
                    let indent = line.count - item.count
                    if let first = seen {
                        if first.indent == indent { repeats.append((key, first.line, n + 1)); break }
                    } else {
                        seen = (indent, n + 1)
                    }
                }
            }
            if let first = repeats.first {
                return FrameworkIssue(
                    path: [], line: first.again, kind: .syntax,
                    message: repeats.map { "the key \"\($0.key)\" is given twice in one mapping (lines \($0.first) and "
                        + "\($0.again))" }.joined(separator: "; ") + "; YAML keys must be unique")
            }
            return FrameworkIssue(
                path: [], line: context.mark.line, kind: .syntax,
                message: "the key" + (duplicates.count == 1 ? " " : "s ") + duplicates.map { "\"\($0)\"" }
                    .joined(separator: ", ") + " is repeated in the mapping that starts here; YAML keys must be unique")
        default:
            return FrameworkIssue(path: [], kind: .syntax, message: "YAML: \(error)")
        }
    }

    private static func decodingIssue(_ error: DecodingError, yaml: String) -> FrameworkIssue {
        let path: [CodingKey], message: String
        switch error {
        case let .typeMismatch(type, context):
            path = context.codingPath; message = "expected \(describe(type)), found something else"
        case let .valueNotFound(type, context):
            path = context.codingPath; message = "expected \(describe(type)), found nothing"
        case let .keyNotFound(key, context):
            path = context.codingPath; message = "expected the key \"\(key.stringValue)\", found none"
        case let .dataCorrupted(context):
            path = context.codingPath; message = context.debugDescription
        @unknown default:
            path = []; message = "\(error)"
        }
        let readable = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        var node = try? Yams.compose(yaml: yaml)
        for key in path {
            if let i = key.intValue, case .sequence(let s)? = node, i < s.count { node = s[i] }
            else { node = node?[key.stringValue] }
        }
        var text = message
        if let found = node?.scalar?.string, message.hasSuffix("found something else") {
            text = message.replacingOccurrences(of: "found something else", with: "found \"\(found)\"")
        }
        return FrameworkIssue(path: readable, line: node?.mark?.line, kind: .syntax, message: text)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }
}

// MARK: - The file's shape (Codable)

/// The message for a key the mapping does not know, listing the known ones.
private func unknownKey(_ key: String, known: Set<String>) -> String {
    "unknown key \"\(key)\"; known keys: \(known.sorted().joined(separator: ", "))"
}

/// Any key, so that unknown keys can be reported rather than silently ignored.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct FrameworkDocument: Decodable {
    var node: NodeDocument
    var methods: MethodsDocument?
    var edition: EditionDocument?
    /// The root's `universe:` (a country group name), with its line.
    var universe: String?
    var universeLine: Int?

    init(from decoder: Decoder) throws {
        node = try NodeDocument(from: decoder, extraKeys: ["methods", "edition", "universe"])
        let c = try decoder.container(keyedBy: AnyKey.self)
        methods = try c.decodeIfPresent(MethodsDocument.self, forKey: AnyKey("methods"))
        edition = try c.decodeIfPresent(EditionDocument.self, forKey: AnyKey("edition"))
        universe = try c.decodeIfPresent(String.self, forKey: AnyKey("universe"))
        universeLine = universe == nil ? nil : decoder.mark?.line
    }
}

/// The root's `edition:` mapping: which publisher's edition the framework reproduces or approximates.
private struct EditionDocument: Decodable {
    static let keys: Set<String> = ["status", "title", "agreement", "command"]
    var status: String?
    var title: String?
    var agreement: String?
    var command: String?
    var line: Int?
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        line = decoder.mark?.line
        let c = try decoder.container(keyedBy: AnyKey.self)
        func get(_ key: String) throws -> String? { try c.decodeIfPresent(String.self, forKey: AnyKey(key)) }
        status = try get("status"); title = try get("title"); agreement = try get("agreement")
        command = try get("command")
        unknownKeys = c.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) }.sorted()
    }

    func info(root: String, issues: inout [FrameworkIssue]) -> EditionInfo? {
        let path = [root, "edition"]
        func issue(_ kind: FrameworkIssue.Kind, _ message: String) {
            issues.append(FrameworkIssue(path: path, line: line, kind: kind, message: message))
        }
        for key in unknownKeys {
            issue(.structure, unknownKey(key, known: Self.keys))
        }
        let valid = EditionInfo.Status.allCases.map(\.rawValue).joined(separator: ", ")
        guard let status else { issue(.missingField, "edition needs a status (\(valid)), found none"); return nil }
        guard let s = EditionInfo.Status(rawValue: status.lowercased()) else {
            issue(.badParameter, "edition status must be one of \(valid), found \"\(status)\""); return nil
        }
        guard let title, !title.isEmpty else { issue(.missingField, "edition needs a title, found none"); return nil }
        if s != .project && agreement == nil {
            issue(.missingField, "an edition that \(s.rawValue) a publisher's needs agreement: how closely (a figure, "
                  + "or why none could be measured), with command: what measured it")
        }
        return EditionInfo(status: s, title: title, agreement: agreement, command: command)
    }
}

/// A direction written as 1, -1, +1, "higher" or "lower".
private struct DirectionValue: Decodable {
    var value: Direction?
    var text: String
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { text = "\(i)"; value = Direction(rawValue: i) }
        else {
            text = try c.decode(String.self)
            switch text.lowercased() {
            case "+1", "1", "higher", "higher-is-better": value = .higherIsBetter
            case "-1", "lower", "lower-is-better": value = .lowerIsBetter
            default: value = nil
            }
        }
    }
}

private struct NodeDocument: Decodable {
    static let keys: Set<String> = ["id", "name", "weight", "series", "direction", "unit", "goalposts", "target",
                                    "transform", "normalisation", "treatment", "aggregation", "coverage", "children",
                                    "threshold", "goalpost", "minimum-official", "rescale"]
    var id: String?
    var name: String?
    var weight: Double?
    var series: String?
    var direction: DirectionValue?
    var unit: String?
    var goalposts: [Double]?
    var target: Double?
    var transform: String?
    var normalisation: String?
    var treatment: String?
    var aggregation: String?
    var coverage: Double?
    var children: [NodeDocument]?
    var threshold: Double?
    var goalpost: Double?
    var minimumOfficial: Int?
    var rescale: String?
    var line: Int?
    var unknownKeys: [String]
    var presentKeys: Set<String>

    init(from decoder: Decoder) throws { try self.init(from: decoder, extraKeys: []) }

    init(from decoder: Decoder, extraKeys: Set<String>) throws {
        line = decoder.mark?.line
        let c = try decoder.container(keyedBy: AnyKey.self)
        func get<T: Decodable>(_ key: String) throws -> T? { try c.decodeIfPresent(T.self, forKey: AnyKey(key)) }
        id = try get("id"); name = try get("name"); weight = try get("weight"); series = try get("series")
        direction = try get("direction"); unit = try get("unit"); goalposts = try get("goalposts")
        target = try get("target"); transform = try get("transform"); normalisation = try get("normalisation")
        treatment = try get("treatment"); aggregation = try get("aggregation"); coverage = try get("coverage")
        children = try get("children")
        threshold = try get("threshold"); goalpost = try get("goalpost"); minimumOfficial = try get("minimum-official")
        rescale = try get("rescale")
        presentKeys = Set(c.allKeys.map(\.stringValue))
        unknownKeys = c.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) && !extraKeys.contains($0) }.sorted()
    }

    func build(parentPath: [String], isRoot: Bool, issues: inout [FrameworkIssue]) -> FrameworkNode {
        let nodeId = id ?? ""
        let path = parentPath + [nodeId.isEmpty ? "?" : nodeId]
        func issue(_ kind: FrameworkIssue.Kind, _ message: String) {
            issues.append(FrameworkIssue(path: path, line: line, kind: kind, message: message))
        }
        for key in unknownKeys {
            issue(.structure, unknownKey(key, known: Self.keys))
        }
        if id == nil { issue(.missingField, "expected an id, found none") }
        if isRoot && presentKeys.contains("weight") { issue(.structure, "the root has no weight; remove \"weight\"") }
        let content: FrameworkNode.Content
        if let series {
            if children != nil { issue(.structure, "a node has either series (an indicator) or children, found both") }
            for key in ["aggregation", "coverage", "minimum-official", "rescale"] where presentKeys.contains(key) {
                issue(.structure, "\"\(key)\" belongs to composites, found on indicator \(nodeId)")
            }
            var dir = Direction.higherIsBetter
            if let direction {
                if let d = direction.value { dir = d }
                else { issue(.missingDirection, "direction must be 1, -1, higher or lower, found \"\(direction.text)\"") }
            } else {
                issue(.missingDirection, "indicator \(nodeId) needs a direction (1 = higher is better, -1 = lower), found none")
            }
            var gp: Goalposts?
            if let goalposts {
                if goalposts.count == 2 { gp = Goalposts(lower: goalposts[0], upper: goalposts[1]) }
                else { issue(.badParameter, "goalposts must be [lower, upper], found \(goalposts.count) numbers") }
            }
            let spec = IndicatorSpec(series: series, direction: dir, unit: unit, goalposts: gp, target: target,
                                     transform: parseTransform(issue), normalisation: parse(normalisation, issue,
                                                                                           MethodSyntax.normalisation),
                                     treatment: parse(treatment, issue, MethodSyntax.treatment),
                                     threshold: threshold, goalpost: goalpost)
            content = .indicator(spec)
        } else {
            if children == nil { issue(.structure, "a node needs series (an indicator) or children, found neither") }
            for key in ["direction", "goalposts", "target", "transform", "normalisation", "treatment", "unit",
                        "threshold", "goalpost"]
            where presentKeys.contains(key) {
                issue(.structure, "\"\(key)\" belongs to indicators, found on composite \(nodeId)")
            }
            let built = (children ?? []).map { $0.build(parentPath: path, isRoot: false, issues: &issues) }
            content = .composite(children: built, aggregation: parse(aggregation, issue, MethodSyntax.aggregation),
                                 coverage: coverage ?? 0)
        }
        var bounds: Goalposts?
        if series == nil, let rescale {
            if case .minMax(let l, let u)? = try? MethodSyntax.normalisation(rescale), l != u {
                bounds = Goalposts(lower: l, upper: u)
            } else {
                issue(.badParameter, "rescale: expected minmax:LOWER,UPPER with two different numbers (e.g. minmax:0,1), "
                      + "found \"\(rescale)\"")
            }
        }
        return FrameworkNode(id: nodeId, name: name, weight: weight ?? 1, content: content, line: line,
                             minimumOfficial: series == nil ? minimumOfficial : nil, rescale: bounds)
    }

    private func parse<T>(_ text: String?, _ issue: (FrameworkIssue.Kind, String) -> Void,
                          _ parser: (String) throws -> T) -> T? {
        guard let text else { return nil }
        do { return try parser(text) } catch let error as MethodSyntaxError {
            if case .unknown = error { issue(.unknownMethod, error.description) } else { issue(.badParameter, error.description) }
        } catch { issue(.badParameter, "\(error)") }
        return nil
    }

    private func parseTransform(_ issue: (FrameworkIssue.Kind, String) -> Void) -> IndicatorTransform {
        guard let transform else { return .none }
        let t = transform.trimmingCharacters(in: .whitespaces)
        switch t.lowercased() {
        case "none": return .none
        case "log": return .log
        case "log10": return .log10
        case "log1p", "ln1p": return .log1p
        case "positive": return .positive
        default: break
        }
        if t.lowercased().hasPrefix("per-capita:") {
            let parts = t.dropFirst("per-capita:".count).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.count == 1, !parts[0].isEmpty { return .perCapita(denominator: parts[0], scale: 1) }
            if parts.count == 2, let s = Double(parts[1]) { return .perCapita(denominator: parts[0], scale: s) }
            issue(.badParameter, "per-capita transform: expected per-capita:SERIES or per-capita:SERIES,SCALE, found \"\(t)\"")
            return .none
        }
        if t.lowercased().hasPrefix("cap:") {
            if let upper = Double(t.dropFirst("cap:".count).trimmingCharacters(in: .whitespaces)), upper.isFinite {
                return .cap(upper: upper)
            }
            issue(.badParameter, "cap transform: expected cap:NUMBER, e.g. cap:120, found \"\(t)\"")
            return .none
        }
        if t.lowercased().hasPrefix("ratio:") {
            // x / SERIES: the same arithmetic as per-capita with scale 1 (e.g. female ÷ male ownership).
            let d = t.dropFirst("ratio:".count).trimmingCharacters(in: .whitespaces)
            if !d.isEmpty, !d.contains(",") { return .perCapita(denominator: d, scale: 1) }
            issue(.badParameter, "ratio transform: expected ratio:SERIES, found \"\(t)\"")
            return .none
        }
        issue(.unknownMethod, "unknown transform \"\(t)\"; valid choices: none, log, log10, log1p, positive, per-capita:SERIES[,SCALE], ratio:SERIES, cap:NUMBER")
        return .none
    }
}

private struct MethodsDocument: Decodable {
    static let keys: Set<String> = ["imputation", "treatment", "normalisation", "pooled", "aggregation", "weighting",
                                    "degenerate-score", "screen"]
    var imputation: String?
    var treatment: String?
    var normalisation: String?
    var pooled: Bool?
    var aggregation: String?
    var weighting: String?
    var degenerateScore: Double?
    var screen: Double?
    var line: Int?
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        line = decoder.mark?.line
        let c = try decoder.container(keyedBy: AnyKey.self)
        func get<T: Decodable>(_ key: String) throws -> T? { try c.decodeIfPresent(T.self, forKey: AnyKey(key)) }
        imputation = try get("imputation"); treatment = try get("treatment"); normalisation = try get("normalisation")
        pooled = try get("pooled"); aggregation = try get("aggregation"); weighting = try get("weighting")
        degenerateScore = try get("degenerate-score"); screen = try get("screen")
        unknownKeys = c.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) }.sorted()
    }

    func choices(root: String, issues: inout [FrameworkIssue]) -> MethodChoices {
        var m = MethodChoices()
        let path = [root, "methods"]
        func record(_ error: Error) {
            let kind: FrameworkIssue.Kind
            if let e = error as? MethodSyntaxError, case .unknown = e { kind = .unknownMethod } else { kind = .badParameter }
            issues.append(FrameworkIssue(path: path, line: line, kind: kind, message: "\(error)"))
        }
        for key in unknownKeys {
            issues.append(FrameworkIssue(path: path, line: line, kind: .structure,
                                         message: unknownKey(key, known: Self.keys)))
        }
        do { if let imputation { m.imputation = try MethodSyntax.imputation(imputation) } } catch { record(error) }
        do { if let treatment { m.treatment = try MethodSyntax.treatment(treatment) } } catch { record(error) }
        do { if let normalisation { m.normalisation = try MethodSyntax.normalisation(normalisation) } } catch { record(error) }
        do { if let aggregation { m.aggregation = try MethodSyntax.aggregation(aggregation) } } catch { record(error) }
        if let pooled { m.pooledNormalisation = pooled }
        if let degenerateScore { m.degenerateScore = degenerateScore }
        if let screen {
            if screen >= 0 && screen <= 1 { m.screen = screen } else {
                issues.append(FrameworkIssue(path: path, line: line, kind: .badParameter,
                                             message: "screen must be a share between 0 and 1, found \(screen)"))
            }
        }
        if let weighting {
            if let w = Weighting(rawValue: weighting.lowercased()) { m.weighting = w } else {
                issues.append(FrameworkIssue(path: path, line: line, kind: .unknownMethod,
                                             message: "unknown weighting \"\(weighting)\"; valid choices: "
                                                 + Weighting.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        return m
    }
}
