import DivideData

extension Framework {
    /// Every structural problem of the tree: duplicate ids, non-positive or non-finite weights, composites
    /// without children, coverage outside [0, 1], goalposts with lower = upper, series not in `knownSeries`
    /// (when given; per-capita denominators included), and methods that need a parameter the indicator lacks
    /// (goalposts, target).
    public func validate(knownSeries: Set<String>? = nil) -> [FrameworkIssue] {
        var issues: [FrameworkIssue] = []
        var seen: [String: (path: [String], line: Int?)] = [:]
        func walk(_ node: FrameworkNode, _ parentPath: [String], isRoot: Bool) {
            let path = parentPath + [node.id]
            func issue(_ kind: FrameworkIssue.Kind, _ message: String) {
                issues.append(FrameworkIssue(path: path, line: node.line, kind: kind, message: message))
            }
            if node.id.isEmpty { issue(.missingField, "expected a non-empty id, found none") }
            if let first = seen[node.id] {
                let at = first.line.map { "line \($0) (\(first.path.joined(separator: "/")))" }
                    ?? first.path.joined(separator: "/")
                issue(.duplicateId, "duplicate id \"\(node.id)\", first used at \(at)")
            } else {
                seen[node.id] = (path, node.line)
            }
            if !isRoot && !(node.weight > 0 && node.weight.isFinite) {
                issue(.nonPositiveWeight, "weight must be > 0, found \(node.weight)")
            }
            switch node.content {
            case .indicator(let spec):
                if spec.series.isEmpty { issue(.missingField, "expected a series code, found none") }
                if let knownSeries {
                    if !spec.series.isEmpty && !knownSeries.contains(spec.series) {
                        issue(.unknownSeries, "series \"\(spec.series)\" is not in the data"
                              + Self.suggestion(spec.series, knownSeries))
                    }
                    if case .perCapita(let d, _) = spec.transform, !knownSeries.contains(d) {
                        issue(.unknownSeries, "denominator series \"\(d)\" is not in the data"
                              + Self.suggestion(d, knownSeries))
                    }
                }
                if let g = spec.goalposts, !(g.lower != g.upper && g.lower.isFinite && g.upper.isFinite) {
                    issue(.badParameter, "goalposts must be two different finite numbers, found [\(g.lower), \(g.upper)]")
                }
                switch (spec.threshold, spec.goalpost) {
                case (nil, nil): break
                case (let t?, let g?):
                    if spec.goalposts != nil {
                        issue(.badParameter, "give either goalposts or threshold and goalpost, found both")
                    } else if !(t.isFinite && g.isFinite && t != g) {
                        issue(.badParameter, "threshold and goalpost must be two different finite numbers, found \(t) and \(g)")
                    } else if spec.direction == .higherIsBetter && !(t < g) {
                        issue(.badParameter, "with direction 1 the threshold (score 0) must be below the goalpost "
                              + "(score 100), found threshold \(t), goalpost \(g)")
                    } else if spec.direction == .lowerIsBetter && !(t > g) {
                        issue(.badParameter, "with direction -1 (lower is better, e.g. prices) the threshold (score 0) "
                              + "must be above the goalpost (score 100), found threshold \(t), goalpost \(g)")
                    } else if spec.transform.applied(toBound: t) == nil || spec.transform.applied(toBound: g) == nil {
                        issue(.badParameter, "threshold \(t) or goalpost \(g) is outside the domain of the transform "
                              + "(log, log10: > 0; log1p: > -1)")
                    } else if let a = spec.transform.applied(toBound: t), let b = spec.transform.applied(toBound: g), a == b {
                        issue(.badParameter, "threshold \(t) and goalpost \(g) are equal after the transform")
                    }
                case (let t, let g):
                    issue(.missingField, t == nil ? "goalpost \(g!) needs a threshold (score 0), none given"
                                                  : "threshold \(t!) needs a goalpost (score 100), none given")
                }
                let n = spec.normalisation ?? methods.normalisation
                if n.needsGoalposts && spec.effectiveGoalposts == nil && (spec.threshold == nil || spec.goalpost == nil) {
                    issue(.missingField, "normalisation \(n.name) needs goalposts, none given")
                }
                if n.needsTarget && spec.target == nil {
                    issue(.missingField, "normalisation \(n.name) needs a target, none given")
                }
                if case .referenceValue = n, spec.direction == .lowerIsBetter {
                    issue(.badParameter, "normalisation \(n.name) needs direction +1, found -1")
                }
                if case .distanceToReference = n, methods.pooledNormalisation {
                    issue(.badParameter, "normalisation \(n.name) cannot be pooled over years")
                }
                if case .perCapita(_, let scale) = spec.transform, !(scale > 0 && scale.isFinite) {
                    issue(.badParameter, "per-capita scale must be > 0, found \(scale)")
                }
            case .composite(let children, _, let coverage):
                if children.isEmpty { issue(.structure, "a composite needs at least one child, found none") }
                if !(coverage >= 0 && coverage <= 1) {
                    issue(.badParameter, "coverage must be a share between 0 and 1, found \(coverage)")
                }
                if let minimum = node.minimumOfficial {
                    let count = Framework(root: node).indicators.count
                    if !(minimum >= 1 && minimum <= count) {
                        issue(.badParameter, "minimum-official must be between 1 and the \(count) indicators below "
                              + "\(node.id), found \(minimum)")
                    }
                }
                for child in children { walk(child, path, isRoot: false) }
            }
        }
        walk(root, [], isRoot: true)
        return issues
    }

    /// Throws ``FrameworkError`` (labelled `file`) when ``validate(knownSeries:)`` finds anything.
    public func validated(knownSeries: Set<String>? = nil, file: String = "<framework>") throws -> Framework {
        let issues = validate(knownSeries: knownSeries)
        guard issues.isEmpty else { throw FrameworkError(file: file, issues: issues) }
        return self
    }

    /// `; did you mean "A", "B"?` with the known codes nearest to `name` (``StringDistance/nearest(to:among:limit:)``);
    /// empty when none is that close.
    package static func suggestion(_ name: String, _ known: Set<String>) -> String {
        StringDistance.didYouMean(name, among: known).map { "; " + $0 } ?? ""
    }
}
