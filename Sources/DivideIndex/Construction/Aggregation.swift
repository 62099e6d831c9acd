import DivideData
import Foundation
import LinearAlgebra

/// How a node combines its children's scores for each unit.
///
/// Input: a units × children matrix (LinearAlgebra `Matrix`, column-major) of (normalised) scores, NaN = missing, and one weight per child.
/// Unless stated, missing children are skipped and the weights of the present ones rescaled to sum 1
/// (COINr `Aggregate`: "NAs skipped with weights renormalised"). A unit with fewer present children than the
/// node's coverage threshold is not scored (NaN), never 0.
///
/// Source: COINr 1.1 `R/aggregate.R` (`a_amean`, `a_gmean`, `a_hmean`, `a_genmean`, `a_copeland`,
/// `outrankMatrix`); METHODS §1.6 (weighted median); Compind `ci_mpi` (Mazziotta–Pareto).
public enum Aggregation: Sendable, Hashable {
    /// `y = Σ wᵢxᵢ / Σ wᵢ` over present children (COINr `a_amean`).
    case arithmetic
    /// `y = exp(Σ wᵢ ln xᵢ / Σ wᵢ)`; a value ≤ 0 is an error, as in COINr `a_gmean` (see issue #47 there:
    /// min-max to [0, 100] produces zeros — use ``geometricShifted(shift:)`` or min-max to [1, 100]).
    case geometric
    /// Zero-safe geometric mean: `y = exp(Σ wᵢ ln(xᵢ + s) / Σ wᵢ) − s`; a value ≤ −s is an error.
    /// With s = 1 this is the benchmark workload's step-3 index.
    case geometricShifted(shift: Double)
    /// `y = Σ wᵢ / Σ (wᵢ/xᵢ)`; a value ≤ 0 is an error (COINr `a_hmean` errors on zeros; negative values
    /// have no meaning here either).
    case harmonic
    /// Generalised (power) mean `y = (Σ wᵢ xᵢᵖ / Σ wᵢ)^{1/p}`, p ≠ 0 (COINr `a_genmean`); a negative value is
    /// an error, and so is 0 when p < 0.
    case generalised(power: Double)
    /// Weighted median: with children sorted by value and weights normalised to sum 1, the value x₍ₘ₎ with
    /// Σ_{i<m} wᵢ ≤ ½ and Σ_{i>m} wᵢ ≤ ½ (METHODS §1.6). When two values qualify (the cumulative weight is
    /// exactly ½ between them) their mean is returned, which gives the ordinary median for equal weights.
    case weightedMedian
    /// Mazziotta–Pareto index (unweighted, non-compensatory). Each child column is standardised across the
    /// scored units, `zᵢⱼ = 100 + 10·(xᵢⱼ − Mⱼ)/Sⱼ`; per unit, with M_zᵢ and S_zᵢ the mean and sample sd
    /// (n − 1) of its z's and cvᵢ = S_zᵢ/M_zᵢ: `MPIᵢ = M_zᵢ·(1 − cvᵢ²)` (positive penalty, indices where
    /// higher is better) or `M_zᵢ·(1 + cvᵢ²)` (negative). Source: Compind `ci_mpi` as coded (METHODS §5,
    /// key MPI); De Muro, Mazziotta & Pareto (2011) define S with denominator n [U]; we follow Compind.
    /// Weights are ignored; a child with zero spread across units makes the index undefined (NaN scores).
    case mazziottaPareto(penalty: Penalty)
    /// Copeland scores from the weighted outranking matrix (COINr `a_copeland`): with w normalised to sum 1
    /// over all children, `O_pq = Σ w·[x_p > x_q] + ½ Σ w·[x_p = x_q]` over children present for both (p < q),
    /// `O_qp = 1 − O_pq`; entries > ½ → 1, < ½ → −1, = ½ → 0; score = row sum. Only scored units take part.
    case copeland

    /// The sign of the Mazziotta–Pareto penalty.
    public enum Penalty: String, Sendable, Hashable, CaseIterable {
        /// `M(1 − cv²)`: for indices where higher is better.
        case positive
        /// `M(1 + cv²)`: for indices where lower is better.
        case negative
    }

    /// Scores of one node for every unit.
    /// - Parameters:
    ///   - children: units × children scores (one column per child), NaN = missing.
    ///   - weights: one weight ≥ 0 per child.
    ///   - coverage: minimum share (0…1) of present children for a unit to be scored; at least one is always
    ///     required.
    /// - Returns: the scores (NaN = not scored) and, per unit, the share of children present.
    /// - Throws: ``ConstructionError/invalidValue(method:row:column:value:expected:context:)`` for a value the
    ///   method cannot take (row = unit, column = child).
    public func aggregate(_ children: Matrix, weights: [Double], coverage: Double = 0) throws
        -> (scores: [Double], coverage: [Double]) {
        guard weights.count == children.columns else {
            throw ConstructionError.shapeMismatch(
                what: "weights", expected: "\(children.columns) (one per child)", found: "\(weights.count)")
        }
        let units = children.rows, k = children.columns
        let needed = Self.requiredChildren(coverage: coverage, children: k)
        var share = [Double](repeating: 0, count: units)
        var scored = [Bool](repeating: false, count: units)
        for u in 0..<units {
            var present = 0
            for c in 0..<k where !children[u, c].isNaN { present += 1 }
            share[u] = k == 0 ? 0 : Double(present) / Double(k)
            scored[u] = present >= needed
        }
        var scores = [Double](repeating: .nan, count: units)
        switch self {
        case .mazziottaPareto(let penalty):
            scores = mazziottaPareto(children, scored: scored, penalty: penalty)
        case .copeland:
            scores = copeland(children, weights: weights, scored: scored)
        default:
            var values: [Double] = [], w: [Double] = []
            values.reserveCapacity(k); w.reserveCapacity(k)
            for u in 0..<units where scored[u] {
                values.removeAll(keepingCapacity: true); w.removeAll(keepingCapacity: true)
                for c in 0..<k where !children[u, c].isNaN {
                    try check(children[u, c], row: u, column: c)
                    values.append(children[u, c]); w.append(weights[c])
                }
                scores[u] = combine(values, w)
            }
        }
        return (scores, share)
    }

    private func check(_ x: Double, row: Int, column: Int) throws {
        guard let mean = QuasiArithmeticMean(self), !mean.accepts(x) else { return }
        throw ConstructionError.invalidValue(method: name, row: row, column: column, value: x, expected: mean.domain,
                                             context: "")
    }

    private func combine(_ x: [Double], _ w: [Double]) -> Double {
        let total = w.reduce(0, +)
        guard total > 0 else { return .nan }
        if let mean = QuasiArithmeticMean(self) {
            var s = 0.0
            for i in x.indices { s += w[i] * mean.forward(x[i]) }
            return mean.inverse(s / total)
        }
        switch self {
        case .arithmetic, .geometric, .geometricShifted, .harmonic, .generalised:
            return .nan  // quasi-arithmetic, above
        case .weightedMedian:
            return Self.weightedMedian(x, w.map { $0 / total })
        case .mazziottaPareto, .copeland:
            return .nan  // whole-matrix methods, handled in aggregate
        }
    }

    /// Weighted median of `x` with weights `w` summing to 1 (METHODS §1.6 definition, ties of the two
    /// qualifying values broken by their mean).
    package static func weightedMedian(_ x: [Double], _ w: [Double]) -> Double {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var below = 0.0
        let eps = 1e-12
        for (position, i) in order.enumerated() {
            let above = 1 - below - w[i]
            if below <= 0.5 + eps && above <= 0.5 + eps {
                // Both this value and the next qualify when the cumulative weight through it is exactly ½.
                if abs(above - 0.5) <= eps, position + 1 < order.count {
                    return (x[i] + x[order[position + 1]]) / 2
                }
                return x[i]
            }
            below += w[i]
        }
        return .nan
    }

    private func mazziottaPareto(_ g: Matrix, scored: [Bool], penalty: Penalty) -> [Double] {
        var z = Matrix(rows: g.rows, columns: g.columns, repeating: .nan)
        for c in 0..<g.columns {
            let column = (0..<g.rows).map { scored[$0] ? g[$0, c] : .nan }
            let m = SampleStatistics.mean(column), s = SampleStatistics.standardDeviation(column)
            for u in 0..<g.rows where !column[u].isNaN { z[u, c] = 100 + 10 * (column[u] - m) / s }
        }
        return (0..<g.rows).map { u in
            guard scored[u] else { return .nan }
            let row = (0..<g.columns).map { z[u, $0] }
            let m = SampleStatistics.mean(row)
            let present = row.lazy.filter { !$0.isNaN }.count
            let s = present < 2 ? 0 : SampleStatistics.standardDeviation(row)
            let cv = s / m
            return penalty == .positive ? m * (1 - cv * cv) : m * (1 + cv * cv)
        }
    }

    private func copeland(_ g: Matrix, weights: [Double], scored: [Bool]) -> [Double] {
        let total = weights.reduce(0, +)
        let w = weights.map { $0 / total }
        let units = (0..<g.rows).filter { scored[$0] }
        var scores = [Double](repeating: .nan, count: g.rows)
        for u in units { scores[u] = 0 }
        func sign(_ o: Double) -> Double { o > 0.5 ? 1 : (o < 0.5 ? -1 : 0) }
        for (a, p) in units.enumerated() {
            for q in units[(a + 1)...] {
                var o = 0.0
                for c in 0..<g.columns {
                    let xp = g[p, c], xq = g[q, c]
                    if xp > xq { o += w[c] } else if xp == xq { o += w[c] / 2 }
                }
                scores[p] += sign(o)
                scores[q] += sign(1 - o)
            }
        }
        return scores
    }

    /// The method's name as written in a framework file or on the command line.
    public var name: String {
        switch self {
        case .arithmetic: return "arithmetic"
        case .geometric: return "geometric"
        case .geometricShifted(let s): return "geometric-shifted:\(MethodSyntax.format(s))"
        case .harmonic: return "harmonic"
        case .generalised(let p): return "generalised:\(MethodSyntax.format(p))"
        case .weightedMedian: return "median"
        case .mazziottaPareto(let p): return p == .positive ? "mpi" : "mpi:negative"
        case .copeland: return "copeland"
        }
    }
}
