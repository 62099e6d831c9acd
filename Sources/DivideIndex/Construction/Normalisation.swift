import DivideData
import Foundation

/// How one indicator's raw values are brought onto a common scale.
///
/// Every method first multiplies the column by the indicator's direction d ∈ {+1, −1} (COINr `Normalise`:
/// "directions applied by multiplying by −1 first"), so that higher is always better afterwards; min, max,
/// mean and sd below are those of x·d over the non-missing values. Missing values stay missing.
/// When a method's denominator vanishes (max = min, sd = 0, a single value) every present value gets the
/// `degenerate` score passed to ``apply(to:direction:goalposts:target:referenceRow:degenerate:)`` — COINr
/// yields NaN there, the benchmark workload 50.
///
/// Source: COINr 1.1 `R/normalise.R` (`n_minmax`, `n_zscore`, `n_goalposts`, `n_dist2targ`, `n_dist2ref`,
/// `n_dist2max`, `n_rank`, `n_prank`, `n_fracmax`); ITU IDI 2009–2017 methodology for ``referenceValue(scale:cap:)``.
public enum Normalisation: Sendable, Hashable {
    /// Raw values, direction applied: y = x·d.
    case none
    /// `y = (x·d − min)/(max − min)·(u − l) + l` (COINr `n_minmax(l_u = c(l, u))`).
    case minMax(lower: Double, upper: Double)
    /// `y = (x·d − mean)/sd·s + m`, sd with denominator n − 1 (COINr `n_zscore(m_sd = c(m, s))`).
    case zScore(mean: Double, standardDeviation: Double)
    /// Goalposts (l, u) of the indicator, in raw units: `y = (x − l)/(u − l)` for d = +1,
    /// `y = (u − x)/(u − l)` for d = −1, clipped to [0, 1] when `truncate`, times `scale`
    /// (COINr `n_goalposts(gposts = c(l, u, scale), trunc2posts)`).
    case goalposts(scale: Double, truncate: Bool)
    /// Distance to the indicator's target t (raw units): `y = (x − min)/(t − min)` for d = +1,
    /// `y = (max − x)/(max − t)` for d = −1 (min, max of raw x); capped at 1 when `cap`
    /// (COINr `n_dist2targ`; METHODS §1.4).
    case distanceToTarget(cap: Bool)
    /// Distance to the best value: `y = 1 − (max − x·d)/(max − min)` (COINr `n_dist2max`).
    case distanceToMax
    /// Distance to a reference unit's value r = (x·d)[ref]: `y = 1 − (r − x·d)/(r − min)`, capped at 1 when
    /// `cap` (COINr `n_dist2ref(iref, cap_max)`). NaN everywhere when the reference unit is missing.
    case distanceToReference(unit: String, cap: Bool)
    /// Rank of x·d, ascending, ties at the lowest rank: R `rank(x, ties.method = "min")` (COINr `n_rank`).
    case rank
    /// Percentile rank `(rank_min − 1)/(n − 1)`, n = number of non-missing values (COINr `n_prank`).
    case percentileRank
    /// Fraction of the maximum: `y = x·d / max` (COINr `n_fracmax`; meaningful for d = +1, positive data).
    case fractionOfMax
    /// ITU IDI (2009–2017) reference-value form `y = x/ref·scale`, ref = the indicator's target (for the
    /// bandwidth indicator give a `log10` transform and a logged target: log10(x)/log10(ref)); capped at
    /// `scale` when `cap` ([U] whether ITU capped at 1: METHODS §3.2 only states z = x/ref).
    /// Direction −1 is rejected (the IDI has no lower-is-better indicator).
    case referenceValue(scale: Double, cap: Bool)

    /// Normalises one column.
    /// - Parameters:
    ///   - column: the raw values (NaN = missing).
    ///   - direction: +1 (higher is better) or −1.
    ///   - goalposts: (lower, upper) for ``goalposts(scale:truncate:)``.
    ///   - target: for ``distanceToTarget(cap:)`` and ``referenceValue(scale:cap:)``.
    ///   - referenceRow: the row of the reference unit for ``distanceToReference(unit:cap:)``.
    ///   - degenerate: the score of every present value when the method's denominator is zero.
    public func apply(to column: [Double], direction: Double, goalposts: (lower: Double, upper: Double)? = nil,
                      target: Double? = nil, referenceRow: Int? = nil,
                      degenerate: Double = .nan) throws -> [Double] {
        let x = column.map { $0 * direction }
        func fill(_ value: Double) -> [Double] { x.map { $0.isNaN ? .nan : value } }
        switch self {
        case .none:
            return x
        case let .minMax(l, u):
            guard let (lo, hi) = SampleStatistics.range(x) else { return x }
            guard hi > lo else { return fill(degenerate) }
            guard (hi - lo).isFinite else {   // extreme finite values: in halves (exact), without overflow
                return x.map { ($0 / 2 - lo / 2) / (hi / 2 - lo / 2) * (u - l) + l }
            }
            return x.map { ($0 - lo) / (hi - lo) * (u - l) + l }
        case let .zScore(m, s):
            let mean = SampleStatistics.mean(x), sd = SampleStatistics.standardDeviation(x)
            guard sd > 0 else { return fill(degenerate) }
            return x.map { ($0 - mean) / sd * s + m }
        case let .goalposts(scale, truncate):
            guard let gp = goalposts else {
                throw ConstructionError.missingParameter(method: "goalposts", parameter: "goalposts", context: "")
            }
            let width = gp.upper - gp.lower
            return column.map { raw in
                guard !raw.isNaN else { return .nan }
                var y = direction < 0 ? (gp.upper - raw) / width : (raw - gp.lower) / width
                if truncate { y = min(max(y, 0), 1) }
                return y * scale
            }
        case let .distanceToTarget(cap):
            guard let t = target else {
                throw ConstructionError.missingParameter(method: "distance to target", parameter: "target",
                                                         context: "")
            }
            guard let (lo, hi) = SampleStatistics.range(column) else { return column }
            let denominator = direction < 0 ? hi - t : t - lo
            guard denominator != 0 else { return fill(degenerate) }
            return column.map { raw in
                guard !raw.isNaN else { return .nan }
                let y = direction < 0 ? (hi - raw) / denominator : (raw - lo) / denominator
                return cap ? min(y, 1) : y
            }
        case .distanceToMax:
            guard let (lo, hi) = SampleStatistics.range(x) else { return x }
            guard hi > lo else { return fill(degenerate) }
            return x.map { 1 - (hi - $0) / (hi - lo) }
        case let .distanceToReference(unit, cap):
            guard let row = referenceRow, x.indices.contains(row) else {
                throw ConstructionError.missingParameter(method: "distance to reference", parameter: "unit \(unit)",
                                                         context: "")
            }
            let r = x[row]
            guard !r.isNaN, let (lo, _) = SampleStatistics.range(x) else { return x.map { _ in .nan } }
            guard r != lo else { return fill(degenerate) }
            return x.map { v in
                let y = 1 - (r - v) / (r - lo)
                return cap ? min(y, 1) : y
            }
        case .rank:
            return SampleStatistics.ascendingMinRanks(x)
        case .percentileRank:
            let n = x.lazy.filter { !$0.isNaN }.count
            guard n > 1 else { return fill(degenerate) }
            return SampleStatistics.ascendingMinRanks(x).map { ($0 - 1) / Double(n - 1) }
        case .fractionOfMax:
            guard let (_, hi) = SampleStatistics.range(x) else { return x }
            guard hi != 0 else { return fill(degenerate) }
            return x.map { $0 / hi }
        case let .referenceValue(scale, cap):
            guard let ref = target else {
                throw ConstructionError.missingParameter(method: "reference value", parameter: "target",
                                                         context: "")
            }
            guard direction > 0 else {
                throw ConstructionError.invalidParameter(method: "reference value", parameter: "direction",
                                                         expected: "+1", found: "-1")
            }
            guard ref != 0 else {
                throw ConstructionError.invalidParameter(method: "reference value", parameter: "target",
                                                         expected: "a non-zero reference", found: "0")
            }
            return column.map { raw in
                let y = raw / ref * scale
                return cap ? min(y, scale) : y
            }
        }
    }

    /// Whether the method needs the indicator's goalposts (`goalposts`) or target (`target`).
    package var needsGoalposts: Bool { if case .goalposts = self { return true } else { return false } }
    package var needsTarget: Bool {
        switch self {
        case .distanceToTarget, .referenceValue: return true
        default: return false
        }
    }
}
