import DivideData

/// One node given by reference to its parent, as in COINr's `iMeta` table (`iCode`, `Parent`, `Weight`, …).
public struct FlatNode: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// The parent's id; nil for the root (exactly one node).
    public var parent: String?
    public var weight: Double
    /// Set for indicators, nil for composites.
    public var indicator: IndicatorSpec?
    public var aggregation: Aggregation?
    public var coverage: Double
    /// Where the node was defined (e.g. a line of an `iMeta` file), for error messages.
    public var line: Int?

    public init(id: String, name: String? = nil, parent: String?, weight: Double = 1,
                indicator: IndicatorSpec? = nil, aggregation: Aggregation? = nil, coverage: Double = 0,
                line: Int? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.weight = weight
        self.indicator = indicator
        self.aggregation = aggregation
        self.coverage = coverage
        self.line = line
    }
}

extension Framework {
    /// Builds the tree from nodes that name their parent (children keep the order they are listed in).
    /// - Throws: ``FrameworkError`` (file `source`) for duplicate ids, unknown parents, cycles, no root or
    ///   several roots, indicators with children, and everything ``validate(knownSeries:)`` finds.
    public init(nodes: [FlatNode], methods: MethodChoices = MethodChoices(), knownSeries: Set<String>? = nil,
                source: String = "<flat nodes>") throws {
        var issues: [FrameworkIssue] = []
        var byId: [String: FlatNode] = [:]
        for node in nodes {
            if byId[node.id] != nil {
                issues.append(FrameworkIssue(path: [node.id], line: node.line, kind: .duplicateId,
                                             message: "duplicate id \"\(node.id)\""))
            } else {
                byId[node.id] = node
            }
        }
        var children: [String: [String]] = [:]
        for node in nodes where byId[node.id] == node {
            guard let parent = node.parent else { continue }
            if byId[parent] == nil {
                issues.append(FrameworkIssue(path: [node.id], line: node.line, kind: .unknownParent,
                                             message: "parent \"\(parent)\" is not a node of the framework"))
            } else if byId[parent]?.indicator != nil {
                issues.append(FrameworkIssue(path: [node.id], line: node.line, kind: .structure,
                                             message: "parent \"\(parent)\" is an indicator, expected a composite"))
            } else {
                children[parent, default: []].append(node.id)
            }
        }
        // Cycles: follow parents from every node; a node met twice on one walk closes a cycle.
        var reported = Set<String>()
        for node in nodes {
            var walk: [String] = [node.id]
            var current = node.parent
            while let p = current, byId[p] != nil {
                if let start = walk.firstIndex(of: p) {
                    let cycle = Array(walk[start...])
                    if reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        issues.append(FrameworkIssue(
                            path: [p], line: byId[p]?.line, kind: .cycle,
                            message: "parent references form a cycle: \((cycle + [p]).joined(separator: " → "))"))
                    }
                    break
                }
                walk.append(p)
                current = byId[p]?.parent
            }
        }
        let roots = nodes.filter { $0.parent == nil }
        if roots.count != 1 {
            issues.append(FrameworkIssue(path: [], kind: .structure,
                                         message: "expected exactly one root (a node without parent), found \(roots.count)"
                                             + (roots.isEmpty ? "" : ": " + roots.map(\.id).joined(separator: ", "))))
        }
        guard issues.isEmpty, let root = roots.first else { throw FrameworkError(file: source, issues: issues) }
        func build(_ id: String) -> FrameworkNode {
            let flat = byId[id]!
            let content: FrameworkNode.Content
            if let spec = flat.indicator {
                content = .indicator(spec)
            } else {
                content = .composite(children: (children[id] ?? []).map(build), aggregation: flat.aggregation,
                                     coverage: flat.coverage)
            }
            return FrameworkNode(id: id, name: flat.name, weight: flat.weight, content: content, line: flat.line)
        }
        let framework = Framework(root: build(root.id), methods: methods)
        let more = framework.validate(knownSeries: knownSeries)
        guard more.isEmpty else { throw FrameworkError(file: source, issues: more) }
        self = framework
    }
}
