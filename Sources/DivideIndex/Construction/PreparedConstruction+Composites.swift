import DivideData
import LinearAlgebra

extension PreparedConstruction {
    /// Aggregates composite nodes for every year into `scores`, each with its method, sibling weights and
    /// coverage threshold, exactly as ``aggregate(weights:methods:ranks:)`` scores them (it runs this).
    ///
    /// Children that are indicators are read from ``normalised``; children that are composites from `children`
    /// (or from `scores` itself when nil), so they must have been aggregated before. The arithmetic and
    /// (shifted) geometric means run column by column (`Aggregation.aggregateColumns`),
    /// the years split over `threads`; other methods, and a node with a value outside its method's domain, run
    /// the general form, which throws the located error.
    /// - Parameters:
    ///   - nodes: composite plan nodes to aggregate, children before parents; nil = all, in the plan's order.
    ///   - weights: one raw weight per plan node; nil = the framework's (PCA loadings under PCA weighting).
    ///   - methods: one aggregation per plan node (nil entries and nil = the framework's).
    ///   - children: the composite children's scores; nil = read them from `scores`.
    ///   - scores: receives the scores of `nodes`.
    ///   - threads: worker threads over the years (results do not depend on it).
    /// - Throws: ``ConstructionError`` for mismatched shapes, a node that is not a composite, or a value a
    ///   method cannot take (node, child, unit, year).
    public func aggregateComposites(_ nodes: [Int]? = nil, weights: [Double]? = nil,
                                    methods: [Aggregation?]? = nil, children: CompositeScores? = nil,
                                    into scores: inout CompositeScores, threads: Int = 1) throws {
        var used = weights ?? plan.nominalWeights
        try aggregateComposites(nodes, explicitWeights: weights != nil, used: &used, methods: methods,
                                children: children, into: &scores, threads: threads)
    }

    /// As the public form; `used` holds the weights and receives PCA loadings where they are derived.
    package func aggregateComposites(_ nodes: [Int]?, explicitWeights: Bool, used: inout [Double],
                             methods: [Aggregation?]?, children source: CompositeScores?,
                             into scores: inout CompositeScores, threads: Int) throws {
        let U = units.count, I = plan.indicators.count, Y = years.count, N = plan.nodes.count
        guard used.count == N else {
            throw ConstructionError.shapeMismatch(what: "weights", expected: "\(N) (one per node)", found: "\(used.count)")
        }
        if let methods, methods.count != N {
            throw ConstructionError.shapeMismatch(what: "aggregation methods", expected: "\(N) (one per node)",
                                                  found: "\(methods.count)")
        }
        for store in [scores] + (source.map { [$0] } ?? []) where store.units != U || store.years != Y
            || store.slots.count != N {
            throw ConstructionError.shapeMismatch(what: "composite scores", expected: "\(U) units × \(Y) years of \(N) nodes",
                                                  found: "\(store.units) units × \(store.years) years of \(store.slots.count) nodes")
        }
        let K = scores.nodes.count
        try normalised.withUnsafeBufferPointer { normalisedBuffer in
            let normalisedBase = SharedPointer(UnsafeMutablePointer(mutating: normalisedBuffer.baseAddress
                                                                    ?? UnsafePointer(bitPattern: 8)!))
            for n in nodes ?? plan.aggregationOrder {
                guard n >= 0, n < N, let slot = scores.slots[n] else {
                    throw ConstructionError.invalidParameter(method: "aggregation", parameter: "node",
                                                             expected: "a composite node", found: "node \(n)")
                }
                let node = plan.nodes[n]
                let k = node.children.count
                // Child c in year y: indicator i → normalised + U·(i + I·y); composite → store + U·(slot + K·y).
                let childIndicator = node.children.map { plan.nodes[$0].indicator }
                let childSlot = node.children.map { scores.slots[$0] ?? 0 }
                @Sendable func column(_ c: Int, _ y: Int, _ store: UnsafePointer<Double>) -> UnsafePointer<Double> {
                    if let i = childIndicator[c] { return UnsafePointer(normalisedBase.base) + U * (i + I * y) }
                    return store + U * (childSlot[c] + K * y)
                }
                if !explicitWeights && plan.weighting == .pca && k > 1 {
                    var stacked = [Double](repeating: .nan, count: U * Y * k)
                    withStore(source, scores) { store in
                        for y in 0..<Y {
                            for c in 0..<k {
                                let from = column(c, y, store)
                                for u in 0..<U { stacked[c * U * Y + y * U + u] = from[u] }
                            }
                        }
                    }
                    let loadings = try PCAWeights.firstComponent(
                        try Matrix(rows: U * Y, columns: k, columnMajor: stacked), node: node.id,
                        children: node.children.map { plan.nodes[$0].id })
                    for (c, child) in node.children.enumerated() { used[child] = loadings[c] }
                }
                let childWeights = node.children.map { used[$0] }
                let method = methods?[n] ?? node.aggregation ?? .arithmetic
                let needed = Aggregation.requiredChildren(coverage: node.coverage, children: k)
                var done = [Bool](repeating: false, count: Y)
                if method.hasColumnKernel && U > 0 {
                    withOptionalBase(source) { otherBase in
                        let other = otherBase.map { SharedPointer(UnsafeMutablePointer(mutating: $0)) }
                        scores.values.withUnsafeMutableBufferPointer { values in
                            scores.coverage.withUnsafeMutableBufferPointer { shares in
                                done.withUnsafeMutableBufferPointer { flags in
                                    let out = SharedPointer(values.baseAddress!), share = SharedPointer(shares.baseAddress!)
                                    let ok = SharedPointer(flags.baseAddress!)
                                    ParallelRanges.run(Y, threads: threads) { years in
                                        let store = UnsafePointer(other?.base ?? out.base)
                                        for y in years {
                                            let columns = (0..<k).map { column($0, y, store) }
                                            let at = U * (slot + K * y)
                                            ok.base[y] = method.aggregateColumns(
                                                columns, weights: childWeights, needed: needed, units: U,
                                                scores: out.base + at, share: share.base + at)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                for y in 0..<Y where !done[y] {
                    var buffer: [Double] = []
                    buffer.reserveCapacity(U * k)
                    withStore(source, scores) { store in
                        for c in 0..<k { buffer += UnsafeBufferPointer(start: column(c, y, store), count: U) }
                    }
                    let result: (scores: [Double], coverage: [Double])
                    do {
                        result = try method.aggregate(try Matrix(rows: U, columns: k, columnMajor: buffer),
                                                      weights: childWeights, coverage: node.coverage)
                    } catch let error as ConstructionError {
                        if case let .invalidValue(_, row, column, _, _, _) = error {
                            throw error.located("node \(node.id), child \(plan.nodes[node.children[column]].id), "
                                                + "unit \(units[row]), year \(years[y])")
                        }
                        throw error
                    }
                    let at = U * (slot + K * y)
                    scores.values.replaceSubrange(at..<(at + U), with: result.scores)
                    scores.coverage.replaceSubrange(at..<(at + U), with: result.coverage)
                }
                // The inclusion rule: too few official values below the node → not scored here (nor above,
                // where the node then counts as a missing child).
                if let minimum = node.minimumOfficial {
                    let descendants = plan.descendantIndicators[n]
                    for y in 0..<Y {
                        let at = U * (slot + K * y)
                        for u in 0..<U where !scores.values[at + u].isNaN {
                            var official = 0
                            for i in descendants where isOfficial(u + U * (i + I * y)) { official += 1 }
                            if official < minimum { scores.values[at + u] = .nan }
                        }
                    }
                }
                // Rescaling: min-max of the node's scores over the units scored here, per year.
                if let bounds = node.rescale {
                    for y in 0..<Y {
                        let at = U * (slot + K * y)
                        var lo = Double.infinity, hi = -Double.infinity
                        for u in 0..<U where !scores.values[at + u].isNaN {
                            lo = min(lo, scores.values[at + u]); hi = max(hi, scores.values[at + u])
                        }
                        guard lo <= hi else { continue }
                        for u in 0..<U where !scores.values[at + u].isNaN {
                            scores.values[at + u] = hi > lo
                                ? (scores.values[at + u] - lo) / (hi - lo) * (bounds.upper - bounds.lower) + bounds.lower
                                : (bounds.lower + bounds.upper) / 2
                        }
                    }
                }
            }
        }
    }
}

/// Runs `body` with the base address of the composite store children are read from: `source`, else `own`.
private func withStore<R>(_ source: CompositeScores?, _ own: CompositeScores,
                          _ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
    try (source ?? own).values.withUnsafeBufferPointer { try body($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
}

/// Runs `body` with the base address of `store`'s values, or nil without a store.
private func withOptionalBase<R>(_ store: CompositeScores?, _ body: (UnsafePointer<Double>?) throws -> R) rethrows -> R {
    guard let store else { return try body(nil) }
    return try store.values.withUnsafeBufferPointer { try body($0.baseAddress) }
}
