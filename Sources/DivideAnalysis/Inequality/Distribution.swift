import DivideData
import DivideIndex

/// A validated distribution of a non-negative quantity over units, with population shares.
///
/// Values `xᵢ` are finite and `≥ 0`; shares `pᵢ = wᵢ/Σw` come from positive finite weights (population), or are
/// `1/N` each when unweighted; the mean `μ = Σ pᵢ xᵢ` is positive. Every inequality measure is written in this
/// weighted form, so the unweighted measures are the special case `pᵢ = 1/N`.
package struct Distribution {
    package let values: [Double]
    package let shares: [Double]
    package let isWeighted: Bool
    package let mean: Double
    /// Unit indices sorted by value ascending (stable, so ties keep input order).
    package let order: [Int]
    /// `Pₖ`: the population share of the `k + 1` poorest units along ``order``; the last is exactly 1.
    package let cumulativeShares: [Double]

    package init(_ values: [Double], weights: [Double]?, measure: String) throws {
        guard !values.isEmpty else { throw AnalysisError.empty(measure: measure, argument: "values") }
        for (index, x) in values.enumerated() {
            guard x.isFinite else {
                throw AnalysisError.nonFinite(measure: measure, argument: "values", index: index, value: x)
            }
            guard x >= 0 else {
                throw AnalysisError.outOfDomain(
                    measure: measure, argument: "values", index: index, expected: "a value ≥ 0", found: x)
            }
        }
        let n = values.count
        var raw: [Double]
        if let weights {
            guard weights.count == n else {
                throw AnalysisError.lengthMismatch(
                    measure: measure, argument: "weights", expected: n, found: weights.count)
            }
            for (index, w) in weights.enumerated() {
                guard w.isFinite else {
                    throw AnalysisError.nonFinite(measure: measure, argument: "weights", index: index, value: w)
                }
                guard w > 0 else {
                    throw AnalysisError.outOfDomain(
                        measure: measure, argument: "weights", index: index, expected: "a weight > 0", found: w)
                }
            }
            raw = weights
        } else {
            raw = [Double](repeating: 1, count: n)
        }
        let total = raw.reduce(0, +)
        guard total.isFinite else {
            throw AnalysisError.undefined(measure: measure, reason: "the weights sum to \(total)")
        }
        let shares = raw.map { $0 / total }
        var mean = 0.0
        for i in 0..<n { mean += shares[i] * values[i] }
        guard mean > 0 else {
            throw AnalysisError.undefined(measure: measure, reason: "every value is 0, so the mean is 0")
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var cumulative = [Double](repeating: 0, count: n)
        var running = 0.0
        for (k, i) in order.enumerated() {
            running += raw[i]
            cumulative[k] = running / total
        }
        cumulative[n - 1] = 1
        self.values = values
        self.shares = shares
        self.isWeighted = weights != nil
        self.mean = mean
        self.order = order
        self.cumulativeShares = cumulative
    }

    package var count: Int { values.count }

    /// The first index whose value is 0, if any (Theil L and Atkinson ε ≥ 1 need every value positive).
    package var firstZero: Int? { values.firstIndex(of: 0) }

    /// Throws when a value is 0, naming it: for measures that take `ln xᵢ` or `xᵢ^(1−ε)` with `ε > 1`.
    package func requirePositive(measure: String) throws {
        if let index = firstZero {
            throw AnalysisError.outOfDomain(
                measure: measure, argument: "values", index: index, expected: "a value > 0 (the measure takes logarithms or negative powers)",
                found: values[index])
        }
    }
}
