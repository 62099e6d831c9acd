import Foundation
import LinearAlgebra

/// A quasi-arithmetic mean `y = g⁻¹(Σ wᵢ g(xᵢ) / Σ wᵢ)` over the present children: the form of every
/// ``Aggregation`` that a batch of replications can compute with matrix products.
///
/// arithmetic `g(x) = x`; geometric `g = ln` (x > 0); shifted geometric `g(x) = ln(x + s)` (x > −s), `g⁻¹(y) = eʸ − s`;
/// harmonic `g(x) = 1/x` (x > 0); generalised mean of power p `g(x) = xᵖ` (x ≥ 0, x > 0 when p < 0).
/// The weighted median, Mazziotta–Pareto and Copeland are not of this form (nil).
enum QuasiArithmeticMean: Sendable, Equatable {
    case identity
    case logarithm(shift: Double)
    case reciprocal
    case power(Double)

    init?(_ method: Aggregation) {
        switch method {
        case .arithmetic: self = .identity
        case .geometric: self = .logarithm(shift: 0)
        case .geometricShifted(let s): self = .logarithm(shift: s)
        case .harmonic: self = .reciprocal
        case .generalised(let p): self = .power(p)
        case .weightedMedian, .mazziottaPareto, .copeland: return nil
        }
    }

    /// `g(x)`, or nil when `x` is outside the method's domain (the values ``Aggregation`` rejects).
    @inline(__always)
    func forward(_ x: Double) -> Double? {
        switch self {
        case .identity: return x
        case .logarithm(let s): return x + s > 0 ? (s == 0 ? log(x) : log(x + s)) : nil
        case .reciprocal: return x > 0 ? 1 / x : nil
        case .power(let p): return (x > 0 || (x == 0 && p > 0)) ? pow(x, p) : nil
        }
    }

    /// `g⁻¹(y)`.
    @inline(__always)
    func inverse(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .logarithm(let s): return s == 0 ? exp(y) : exp(y) - s
        case .reciprocal: return 1 / y
        case .power(let p): return pow(y, 1 / p)
        }
    }

    /// What the domain requires, in the words ``Aggregation`` uses.
    var domain: String {
        switch self {
        case .identity: return "a number"
        case .logarithm(let s): return s == 0 ? "a value > 0" : "a value > \(-s)"
        case .reciprocal: return "a value > 0"
        case .power(let p): return p > 0 ? "a value ≥ 0" : "a value > 0"
        }
    }
}

/// The index scores of a batch of replications that differ only in weights and aggregation methods, computed node by
/// node from the leaves up with one matrix product per node and method (benchmark WORKLOAD.md step 5).
///
/// For a node whose children are all indicators, with `G` the units × children matrix of `g(z)` (0 where missing),
/// `A` the 0/1 availability matrix and `W` the replications × children weights:
/// `NUM = G·Wᵀ`, `DEN = A·Wᵀ` (units × replications, BLAS `dgemm`) and `score = g⁻¹(NUM / DEN)` where the unit has
/// enough children present (the node's coverage rule) and `DEN > 0`, else NaN — exactly
/// ``Aggregation/aggregate(_:weights:coverage:)`` with the weights renormalised over the present children, up to the
/// order of the sums. A node with composite children combines their per-replication scores element by element in
/// the same order as ``Aggregation`` (bit-identical results there).
enum BatchAggregation {
    /// Root scores, units × replications column-major (column `r` is replication `r`).
    /// - Parameters:
    ///   - values: normalised indicator values of one year, `values[u + units·i]`, NaN = missing.
    ///   - weights: per replication, one raw weight per plan node.
    ///   - methods: per replication, one method per plan node (quasi-arithmetic at every composite).
    /// - Throws: ``ConstructionError/invalidValue(method:row:column:value:expected:context:)`` naming node, child,
    ///   unit and year when a scored unit has a value outside the method's domain.
    static func rootScores(plan: ConstructionPlan, values: [Double], units: [String], year: Int,
                           weights: [[Double]], methods: [[Aggregation]]) throws -> [Double] {
        let U = units.count, R = weights.count
        var nodeScores = [[Double]](repeating: [], count: plan.nodes.count)
        for n in plan.aggregationOrder {
            let node = plan.nodes[n]
            let children = node.children, k = children.count
            let needed = max(1, Int((node.coverage * Double(k) - 1e-9).rounded(.up)))
            var out = [Double](repeating: .nan, count: U * R)
            // Replications grouped by this node's method, in order of first appearance.
            var groups: [(method: Aggregation, replications: [Int])] = []
            for r in 0..<R {
                let m = methods[r][n]
                if let g = groups.firstIndex(where: { $0.method == m }) { groups[g].replications.append(r) }
                else { groups.append((m, [r])) }
            }
            let leafChildren = children.allSatisfy { plan.nodes[$0].indicator != nil }
            func invalid(_ method: Aggregation, _ mean: QuasiArithmeticMean, unit u: Int, child c: Int,
                         value: Double) -> ConstructionError {
                .invalidValue(method: method.name, row: u, column: c, value: value, expected: mean.domain,
                              context: "node \(node.id), child \(plan.nodes[children[c]].id), unit \(units[u]), "
                                  + "year \(year)")
            }
            for (method, reps) in groups {
                guard let mean = QuasiArithmeticMean(method) else {
                    throw ConstructionError.invalidParameter(method: method.name, parameter: "batch aggregation",
                                                             expected: "a quasi-arithmetic mean", found: method.name)
                }
                let B = reps.count
                var wk = [Double](repeating: 0, count: B * k)
                for c in 0..<k {
                    for (j, r) in reps.enumerated() { wk[j + B * c] = weights[r][children[c]] }
                }
                if leafChildren {
                    var present = [Int](repeating: 0, count: U)
                    for child in children {
                        let i = plan.nodes[child].indicator!
                        for u in 0..<U where !values[u + U * i].isNaN { present[u] += 1 }
                    }
                    var g = [Double](repeating: 0, count: U * k), a = g
                    for (c, child) in children.enumerated() {
                        let i = plan.nodes[child].indicator!
                        for u in 0..<U {
                            let x = values[u + U * i]
                            guard !x.isNaN else { continue }
                            guard let gx = mean.forward(x) else {
                                if present[u] >= needed {
                                    throw invalid(method, mean, unit: u, child: c, value: x)
                                }
                                continue
                            }
                            g[u + U * c] = gx
                            a[u + U * c] = 1
                        }
                    }
                    let gMatrix = try Matrix(rows: U, columns: k, columnMajor: g)
                    let aMatrix = try Matrix(rows: U, columns: k, columnMajor: a)
                    let wMatrix = try Matrix(rows: B, columns: k, columnMajor: wk)
                    var num = Matrix.zeros(rows: U, columns: B), den = Matrix.zeros(rows: U, columns: B)
                    try Matrix.gemm(transB: .transpose, a: gMatrix, b: wMatrix, c: &num)
                    try Matrix.gemm(transB: .transpose, a: aMatrix, b: wMatrix, c: &den)
                    num.withUnsafeBufferPointer { numbers in
                        den.withUnsafeBufferPointer { denominators in
                            for (j, r) in reps.enumerated() {
                                for u in 0..<U where present[u] >= needed {
                                    let d = denominators[u + U * j]
                                    if d > 0 { out[u + U * r] = mean.inverse(numbers[u + U * j] / d) }
                                }
                            }
                        }
                    }
                } else {
                    for r in reps {
                        let w = weights[r]
                        for u in 0..<U {
                            var present = 0, s = 0.0, total = 0.0
                            var bad: (child: Int, value: Double)?
                            for (c, child) in children.enumerated() {
                                let x = plan.nodes[child].indicator.map { values[u + U * $0] }
                                    ?? nodeScores[child][u + U * r]
                                guard !x.isNaN else { continue }
                                present += 1
                                guard let gx = mean.forward(x) else {
                                    if bad == nil { bad = (c, x) }
                                    continue
                                }
                                s += w[child] * gx
                                total += w[child]
                            }
                            guard present >= needed else { continue }
                            if let bad { throw invalid(method, mean, unit: u, child: bad.child, value: bad.value) }
                            if total > 0 { out[u + U * r] = mean.inverse(s / total) }
                        }
                    }
                }
            }
            nodeScores[n] = out
        }
        return nodeScores[0]
    }
}
