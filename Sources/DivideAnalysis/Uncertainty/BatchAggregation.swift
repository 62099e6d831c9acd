import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// How the denominators `DEN = A·Wᵀ` (the sum of the present children's weights) of a node of indicators are formed.
@_spi(Tuning) public enum DenominatorMethod: String, Sendable, CaseIterable {
    /// `[G; A]·Wᵀ`: the numerators and denominators in one `dgemm` with `2·units` rows.
    case product
    /// `Σ_c W[r, c]` minus the weights of the unit's missing children: half the flops of ``product`` when few
    /// cells are missing (the scatter costs one subtraction per missing cell and replication).
    case missingCells = "missing-cells"
}

/// The operands of a node whose children are all indicators, for one mean, prepared once per analysis:
/// `G = g(z)` (0 where missing) stacked over the availability `A` (2·units × children, column-major), the units the
/// node's coverage rule scores, and the missing cells of those units.
package struct LeafOperands: Sendable {
    package let children: Int
    /// `[G; A]`, `2U × k` column-major.
    package let stacked: [Double]
    /// 1 where the unit has enough children present (the coverage rule), else 0.
    package let scored: [Double]
    /// Units of scored units' missing cells, child by child: child `c`'s are
    /// `missingUnits[missingStarts[c]..<missingStarts[c + 1]]`.
    package let missingUnits: [Int32]
    package let missingStarts: [Int]
    /// The first present value of a scored unit outside the mean's domain (child order, then unit order).
    package let invalid: (unit: Int, child: Int, value: Double)?
}

/// The index scores of a batch of replications that differ only in weights and aggregation methods, computed node by
/// node from the leaves up with one matrix product per node and method (benchmark WORKLOAD.md step 5).
///
/// For a node whose children are all indicators, with `G` the units × children matrix of `g(z)` (0 where missing),
/// `A` the 0/1 availability matrix and `W` the replications × children weights:
/// `NUM = G·Wᵀ`, `DEN = A·Wᵀ` (units × replications, BLAS `dgemm`; `DEN` optionally as the weight sums minus the
/// missing cells, ``DenominatorMethod``) and `score = g⁻¹(NUM / DEN)` where the unit has enough children present
/// (the node's coverage rule) and `DEN > 0`, else NaN — exactly ``Aggregation/aggregate(_:weights:coverage:)`` with
/// the weights renormalised over the present children, up to the order of the sums. A node with composite children
/// combines their per-replication scores element by element in the same order as ``Aggregation`` (one pass per
/// child over a column of units, without per-element branches on the method).
///
/// `G`, `A` and the coverage of every node of indicators are prepared once (``init(plan:values:units:year:means:)``)
/// and shared by every block and thread.
package struct BatchAggregation: Sendable {
    package let plan: ConstructionPlan
    package let units: [String]
    package let year: Int
    /// Normalised values of the year, `values[u + units·i]`, NaN = missing.
    package let values: [Double]
    /// Per plan node: the coverage threshold in children.
    package let needed: [Int]
    /// Per plan node whose children are all indicators: operands per mean prepared.
    package private(set) var leaves: [[QuasiArithmeticMean: LeafOperands]]
    package let leafNodes: [Bool]

    /// Prepares the operands of every node of indicators for the given means (per plan node; a mean met later is
    /// prepared on the fly).
    package init(plan: ConstructionPlan, values: [Double], units: [String], year: Int, means: [[QuasiArithmeticMean]]) {
        self.plan = plan
        self.units = units
        self.year = year
        self.values = values
        var needed = [Int](repeating: 1, count: plan.nodes.count)
        var leafNodes = [Bool](repeating: false, count: plan.nodes.count)
        var leaves = [[QuasiArithmeticMean: LeafOperands]](repeating: [:], count: plan.nodes.count)
        for n in plan.aggregationOrder {
            let node = plan.nodes[n]
            needed[n] = max(1, Int((node.coverage * Double(node.children.count) - 1e-9).rounded(.up)))
            leafNodes[n] = node.children.allSatisfy { plan.nodes[$0].indicator != nil }
        }
        self.needed = needed
        self.leafNodes = leafNodes
        self.leaves = []
        for n in plan.aggregationOrder where leafNodes[n] {
            for mean in Set(means[n]) { leaves[n][mean] = operands(node: n, mean: mean) }
        }
        self.leaves = leaves
    }

    package func operands(node n: Int, mean: QuasiArithmeticMean) -> LeafOperands {
        let U = units.count
        let children = plan.nodes[n].children, k = children.count
        let indicators = children.map { plan.nodes[$0].indicator! }
        var present = [Int](repeating: 0, count: U)
        for i in indicators {
            for u in 0..<U where !values[u + U * i].isNaN { present[u] += 1 }
        }
        let scored = present.map { $0 >= needed[n] ? 1.0 : 0.0 }
        var stacked = [Double](repeating: 0, count: 2 * U * k)
        var invalid: (unit: Int, child: Int, value: Double)?
        for (c, i) in indicators.enumerated() {
            for u in 0..<U {
                let x = values[u + U * i]
                guard !x.isNaN else { continue }
                guard mean.accepts(x) else {
                    if scored[u] == 1 && invalid == nil { invalid = (u, c, x) }
                    continue
                }
                stacked[u + 2 * U * c] = mean.forward(x)
                stacked[U + u + 2 * U * c] = 1
            }
        }
        var missingUnits: [Int32] = [], missingStarts = [0]
        for i in indicators {
            for u in 0..<U where scored[u] == 1 && values[u + U * i].isNaN { missingUnits.append(Int32(u)) }
            missingStarts.append(missingUnits.count)
        }
        return LeafOperands(children: k, stacked: stacked, scored: scored, missingUnits: missingUnits,
                            missingStarts: missingStarts, invalid: invalid)
    }

    package func invalidValue(node n: Int, method: Aggregation, mean: QuasiArithmeticMean, unit u: Int, child c: Int,
                      value: Double) -> ConstructionError {
        .invalidValue(method: method.name, row: u, column: c, value: value, expected: mean.domain,
                      context: "node \(plan.nodes[n].id), child \(plan.nodes[plan.nodes[n].children[c]].id), "
                          + "unit \(units[u]), year \(year)")
    }

    /// Root scores of a block of `B` replications into `workspace.root` (units × B, column-major).
    /// - Parameters:
    ///   - weights: per replication, one raw weight per plan node.
    ///   - methods: per replication, one method per plan node (quasi-arithmetic at every composite).
    /// - Throws: ``ConstructionError/invalidValue(method:row:column:value:expected:context:)`` naming node, child,
    ///   unit and year when a scored unit has a value outside the method's domain.
    package func rootScores(weights: [[Double]], methods: [[Aggregation]], workspace: BatchWorkspace,
                    denominator: DenominatorMethod) throws {
        let U = units.count, B = weights.count
        workspace.reserve(units: U, replications: B, nodes: plan.nodes.count)
        for n in plan.aggregationOrder {
            // Replications grouped by this node's method, in order of first appearance.
            var groups: [(method: Aggregation, replications: [Int])] = []
            for r in 0..<B {
                let m = methods[r][n]
                if let g = groups.firstIndex(where: { $0.method == m }) { groups[g].replications.append(r) }
                else { groups.append((m, [r])) }
            }
            let out = workspace.scores(node: n)
            for (method, reps) in groups {
                guard let mean = QuasiArithmeticMean(method) else {
                    throw ConstructionError.invalidParameter(method: method.name, parameter: "batch aggregation",
                                                             expected: "a quasi-arithmetic mean", found: method.name)
                }
                if leafNodes[n] {
                    let operands = leaves[n][mean] ?? self.operands(node: n, mean: mean)
                    if let bad = operands.invalid {
                        throw invalidValue(node: n, method: method, mean: mean, unit: bad.unit, child: bad.child,
                                           value: bad.value)
                    }
                    leaf(node: n, mean: mean, operands: operands, replications: reps, weights: weights, out: out,
                         workspace: workspace, denominator: denominator)
                } else {
                    try composite(node: n, method: method, mean: mean, replications: reps, weights: weights,
                                  out: out, workspace: workspace)
                }
            }
        }
    }

    /// A node of indicators: `NUM`, `DEN` by `dgemm`, then `g⁻¹(NUM / DEN)` where scored.
    private func leaf(node n: Int, mean: QuasiArithmeticMean, operands: LeafOperands, replications reps: [Int],
                      weights: [[Double]], out: UnsafeMutablePointer<Double>, workspace: BatchWorkspace,
                      denominator: DenominatorMethod) {
        let U = units.count, k = operands.children, Bg = reps.count
        let children = plan.nodes[n].children
        let start = workspace.clock()
        let wk = workspace.weightBuffer(Bg * k)
        for c in 0..<k {
            for (j, r) in reps.enumerated() { wk[j + Bg * c] = weights[r][children[c]] }
        }
        let product = workspace.product
        operands.stacked.withUnsafeBufferPointer { stacked in
            switch denominator {
            case .product:
                // [NUM; DEN] = [G; A]·Wᵀ: 2U × Bg, column j = replication reps[j].
                Matrix.gemm(transB: .transpose, m: 2 * U, n: Bg, k: k, a: stacked.baseAddress!, lda: 2 * U,
                            b: wk, ldb: Bg, c: product, ldc: 2 * U)
            case .missingCells:
                // NUM = G·Wᵀ only (U × Bg, leading dimension 2U as above), DEN below.
                Matrix.gemm(transB: .transpose, m: U, n: Bg, k: k, a: stacked.baseAddress!, lda: 2 * U,
                            b: wk, ldb: Bg, c: product, ldc: 2 * U)
            }
        }
        let afterProduct = workspace.clock()
        workspace.timing.products += afterProduct - start
        var denominatorTime = 0.0
        operands.scored.withUnsafeBufferPointer { scoredBuffer in
            operands.missingUnits.withUnsafeBufferPointer { mu in
                operands.missingStarts.withUnsafeBufferPointer { starts in
                    let scored = scoredBuffer.baseAddress!
                    if denominator == .missingCells {
                        // DEN of every replication of the group into the product's unused DEN rows (U..<2U of each
                        // column), the whole group at once (vectorised over the replications).
                        let t0 = workspace.clock()
                        VectorKernels.missingDenominators(
                            weights: wk, replications: Bg, children: k,
                            missingUnits: mu.baseAddress ?? UnsafePointer(bitPattern: 4)!,
                            missingStarts: starts.baseAddress!, units: U, cursors: workspace.cursorBuffer(k),
                            into: product + U, leadingDimension: 2 * U)
                        denominatorTime += workspace.clock() - t0
                    }
                    for (j, r) in reps.enumerated() {
                        let num = product + 2 * U * j
                        Self.finish(mean: mean, numerators: num, denominators: num + U, scored: scored, units: U,
                                    out: out + U * r)
                    }
                }
            }
        }
        workspace.timing.products += denominatorTime
        workspace.timing.index += workspace.clock() - afterProduct - denominatorTime
    }

    /// `out[u] = g⁻¹(num[u] / den[u])` where the unit is scored and `den > 0`, else NaN: the arithmetic and
    /// (shifted) geometric means in LinearAlgebra's vectorised `VectorKernels.meanFinish` (the CPU's path,
    /// bit-identical on every path), other means through `QuasiArithmeticMean.inverse(_:)`.
    @inline(__always)
    package static func finish(mean: QuasiArithmeticMean, numerators num: UnsafePointer<Double>,
                       denominators den: UnsafePointer<Double>, scored: UnsafePointer<Double>, units U: Int,
                       out: UnsafeMutablePointer<Double>) {
        switch mean {
        case .identity:
            VectorKernels.meanFinish(numerators: num, denominators: den, scored: scored, count: U,
                                     logarithmic: false, shift: 0, into: out)
        case .logarithm(let s):
            VectorKernels.meanFinish(numerators: num, denominators: den, scored: scored, count: U,
                                     logarithmic: true, shift: s, into: out)
        default:
            for u in 0..<U {
                let d = den[u]
                out[u] = scored[u] != 0 && d > 0 ? mean.inverse(num[u] / d) : .nan
            }
        }
    }

    /// A node with a composite child: per replication, `Σ w·g(x)`, `Σ w` and the present count over the children
    /// in child order (as ``Aggregation``), then `g⁻¹` where scored. The arithmetic and (shifted) geometric means
    /// run fused in LinearAlgebra's vectorised `VectorKernels.meanCombine` (one pass over the units, sums in a block
    /// of registers and L1); other means, and a replication with a value outside the mean's domain (to locate it),
    /// take the element-by-element form below.
    private func composite(node n: Int, method: Aggregation, mean: QuasiArithmeticMean, replications reps: [Int],
                           weights: [[Double]], out: UnsafeMutablePointer<Double>, workspace: BatchWorkspace) throws {
        let U = units.count
        let node = plan.nodes[n]
        let start = workspace.clock()
        let sum = workspace.sum, total = workspace.total, count = workspace.count, bad = workspace.bad
        let needed = Double(self.needed[n])
        let k = node.children.count
        let (columns, childWeights) = workspace.columnBuffers(k)
        let kernel: (logarithmic: Bool, shift: Double)?
        switch mean {
        case .identity: kernel = (false, 0)
        case .logarithm(let shift): kernel = (true, shift)
        default: kernel = nil
        }
        try values.withUnsafeBufferPointer { valueBuffer in
            func column(_ child: Int, _ r: Int) -> UnsafePointer<Double> {
                plan.nodes[child].indicator.map { valueBuffer.baseAddress! + U * $0 }
                    ?? UnsafePointer(workspace.scores(node: child) + U * r)
            }
            for r in reps {
                let y = out + U * r
                if let kernel {
                    for (c, child) in node.children.enumerated() {
                        columns[c] = column(child, r)
                        childWeights[c] = weights[r][child]
                    }
                    let outside = VectorKernels.meanCombine(
                        columns: columns, weights: childWeights, children: k, count: U,
                        logarithmic: kernel.logarithmic, shift: kernel.shift, needed: needed, into: y, share: nil)
                    if outside == 0 { continue }
                }
                sum.update(repeating: 0, count: U)
                total.update(repeating: 0, count: U)
                count.update(repeating: 0, count: U)
                bad.update(repeating: 0, count: U)
                var anyBad = false
                for child in node.children {
                    let x = column(child, r)
                    let w = weights[r][child]
                    for u in 0..<U {
                        let v = x[u]
                        guard !v.isNaN else { continue }
                        count[u] += 1
                        guard mean.accepts(v) else {
                            bad[u] = 1
                            anyBad = true
                            continue
                        }
                        sum[u] += w * mean.forward(v)
                        total[u] += w
                    }
                }
                if anyBad {
                    for u in 0..<U where bad[u] != 0 && count[u] >= needed {
                        for (c, child) in node.children.enumerated() {
                            let v = plan.nodes[child].indicator.map { values[u + U * $0] }
                                ?? workspace.scores(node: child)[u + U * r]
                            if !v.isNaN && !mean.accepts(v) {
                                throw invalidValue(node: n, method: method, mean: mean, unit: u, child: c, value: v)
                            }
                        }
                    }
                }
                for u in 0..<U {
                    let t = total[u]
                    y[u] = count[u] >= needed && t > 0 ? mean.inverse(sum[u] / t) : .nan
                }
            }
        }
        workspace.timing.index += workspace.clock() - start
    }
}

/// Seconds spent in each part of a Monte Carlo (benchmark WORKLOAD.md step 5a–5d).
public struct MonteCarloTiming: Sendable, Equatable {
    /// Matrix products of the nodes of indicators (and their denominators), step 5a.
    public var products: Double = 0
    /// Division, coverage, `g`/`g⁻¹` and the composite nodes, step 5b.
    public var index: Double = 0
    /// Competition ranks of every replication, step 5c.
    public var ranks: Double = 0
    /// Quantiles of every unit's ranks, step 5d.
    public var percentiles: Double = 0

    public init(products: Double = 0, index: Double = 0, ranks: Double = 0, percentiles: Double = 0) {
        self.products = products
        self.index = index
        self.ranks = ranks
        self.percentiles = percentiles
    }

    /// The sum of the parts.
    public var total: Double { products + index + ranks + percentiles }

    package static func + (a: MonteCarloTiming, b: MonteCarloTiming) -> MonteCarloTiming {
        MonteCarloTiming(products: a.products + b.products, index: a.index + b.index, ranks: a.ranks + b.ranks,
                         percentiles: a.percentiles + b.percentiles)
    }
}

/// One thread's buffers for blocks of replications (reused from block to block: no allocation per block), and the
/// time it spent in each part when asked to keep time.
package final class BatchWorkspace: @unchecked Sendable {
    package private(set) var units = 0, replications = 0, nodes = 0
    private var nodeScores: UnsafeMutablePointer<Double>
    package private(set) var product: UnsafeMutablePointer<Double>
    package private(set) var denominator: UnsafeMutablePointer<Double>
    package private(set) var sum: UnsafeMutablePointer<Double>
    package private(set) var total: UnsafeMutablePointer<Double>
    package private(set) var count: UnsafeMutablePointer<Double>
    package private(set) var bad: UnsafeMutablePointer<Double>
    private var weights: UnsafeMutablePointer<Double>
    private var weightCapacity = 1
    /// A composite node's child columns and weights for the fused kernel (grown to the widest node, kept).
    private var columns: UnsafeMutablePointer<UnsafePointer<Double>?>
    private var childWeights: UnsafeMutablePointer<Double>
    private var columnCapacity = 1
    private var cursors: UnsafeMutablePointer<Int>
    private var cursorCapacity = 1
    /// Ranks of the block (units × replications, layout chosen by the caller).
    package private(set) var ranks: UnsafeMutablePointer<Int32>
    package let ranker = ReplicationRanker()
    package let keepsTime: Bool
    package var timing = MonteCarloTiming()

    package init(keepsTime: Bool) {
        self.keepsTime = keepsTime
        nodeScores = .allocate(capacity: 1); product = .allocate(capacity: 1); denominator = .allocate(capacity: 1)
        sum = .allocate(capacity: 1); total = .allocate(capacity: 1); count = .allocate(capacity: 1)
        bad = .allocate(capacity: 1); weights = .allocate(capacity: 1); ranks = .allocate(capacity: 1)
        columns = .allocate(capacity: 1); childWeights = .allocate(capacity: 1); cursors = .allocate(capacity: 1)
    }

    deinit {
        for p in [nodeScores, product, denominator, sum, total, count, bad, weights] { p.deallocate() }
        ranks.deallocate()
        columns.deallocate(); childWeights.deallocate(); cursors.deallocate()
    }

    /// Makes room for `U` units, `B` replications and `N` plan nodes.
    package func reserve(units U: Int, replications B: Int, nodes N: Int) {
        guard U > units || B > replications || N > nodes else { return }
        units = max(U, units); replications = max(B, replications); nodes = max(N, nodes)
        for p in [nodeScores, product, denominator, sum, total, count, bad] { p.deallocate() }
        ranks.deallocate()
        let block = max(1, units * replications)
        nodeScores = .allocate(capacity: block * nodes)
        product = .allocate(capacity: 2 * block)
        ranks = .allocate(capacity: block)
        let column = max(1, units)
        denominator = .allocate(capacity: column); sum = .allocate(capacity: column)
        total = .allocate(capacity: column); count = .allocate(capacity: column); bad = .allocate(capacity: column)
    }

    /// The scores of plan node `n`: units × replications, column-major.
    package func scores(node n: Int) -> UnsafeMutablePointer<Double> { nodeScores + n * units * replications }

    /// The root's scores (node 0).
    package var root: UnsafeMutablePointer<Double> { nodeScores }

    package func weightBuffer(_ count: Int) -> UnsafeMutablePointer<Double> {
        Self.grow(&weights, &weightCapacity, to: count)
        return weights
    }

    /// Room for `k` child columns and weights (kept from call to call).
    package func columnBuffers(_ k: Int)
        -> (columns: UnsafeMutablePointer<UnsafePointer<Double>?>, weights: UnsafeMutablePointer<Double>) {
        var capacity = columnCapacity
        Self.grow(&columns, &capacity, to: k)
        Self.grow(&childWeights, &columnCapacity, to: k)
        return (columns, childWeights)
    }

    /// Scratch for `k` positions (the missing-cell denominators' cursors; kept from call to call).
    package func cursorBuffer(_ k: Int) -> UnsafeMutablePointer<Int> {
        Self.grow(&cursors, &cursorCapacity, to: k)
        return cursors
    }

    /// Replaces `buffer` by a larger one (contents not kept) when `count` exceeds its capacity.
    private static func grow<T>(_ buffer: inout UnsafeMutablePointer<T>, _ capacity: inout Int, to count: Int) {
        guard count > capacity else { return }
        buffer.deallocate()
        buffer = .allocate(capacity: count)
        capacity = count
    }

    /// Seconds on a monotonic clock when keeping time, else 0.
    @inline(__always)
    package func clock() -> Double {
        keepsTime ? Double(DispatchTime.now().uptimeNanoseconds) / 1e9 : 0
    }
}
