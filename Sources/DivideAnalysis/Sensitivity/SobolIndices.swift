import DivideData
import DivideIndex
import LinearAlgebra

/// A bootstrap confidence interval with the bootstrap standard error.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// The lower percentile of the bootstrap estimates.
    public var lower: Double
    /// The upper percentile.
    public var upper: Double
    /// The sample standard deviation of the bootstrap estimates.
    public var standardError: Double

    package enum CodingKeys: String, CodingKey {
        case lower, upper
        case standardError = "standard_error"
    }
}

/// Which estimator of the first-order effect to use.
public enum FirstOrderEstimator: String, Sendable, Codable, CaseIterable {
    /// Jansen (1999): `V_i = V − (1/2N) Σⱼ (f(B)ⱼ − f(A_B^(i))ⱼ)²` (Saltelli et al. 2010, Table 2, the Jansen form).
    case jansen
    /// Saltelli et al. (2010): `V_i = (1/N) Σⱼ f(B)ⱼ (f(A_B^(i))ⱼ − f(A)ⱼ)` (Table 2; what COINr's
    /// `SA_estimate` uses).
    case saltelli2010 = "saltelli_2010"
}

/// First-order and total-effect Sobol indices of each input, with bootstrap confidence intervals.
public struct SobolIndices: Sendable, Equatable, Codable {
    /// `S_i = V_i / V`, the share of output variance due to input `i` alone.
    public var firstOrder: [Double]
    /// `S_Ti = V_Ti / V`, the share due to input `i` including all its interactions.
    public var totalEffect: [Double]
    /// Bootstrap intervals of ``firstOrder``; empty when no bootstrap was asked for.
    public var firstOrderIntervals: [ConfidenceInterval]
    /// Bootstrap intervals of ``totalEffect``; empty when no bootstrap was asked for.
    public var totalEffectIntervals: [ConfidenceInterval]
    /// `V`, the variance of the `2N` outputs `f(A)` and `f(B)` (divisor `2N`).
    public var variance: Double
    /// The mean of the `2N` outputs `f(A)` and `f(B)`.
    public var mean: Double
    /// `N`.
    public var sampleSize: Int
    /// The number of model runs, `N(k + 2)`.
    public var runs: Int
    /// The first-order estimator used.
    public var estimator: FirstOrderEstimator
    /// The coverage of the intervals, e.g. 0.95.
    public var confidence: Double
    /// The number of bootstrap resamples.
    public var bootstrapResamples: Int

    package enum CodingKeys: String, CodingKey {
        case variance, mean, runs, estimator, confidence
        case firstOrder = "first_order"
        case totalEffect = "total_effect"
        case firstOrderIntervals = "first_order_intervals"
        case totalEffectIntervals = "total_effect_intervals"
        case sampleSize = "sample_size"
        case bootstrapResamples = "bootstrap_resamples"
    }
}

/// Variance-based (Sobol) sensitivity analysis with the Saltelli design and Jansen estimators.
///
/// For a model `Y = f(X₁, …, X_k)` with independent inputs, `V = Var(Y)`, the first-order index
/// `S_i = Var(E[Y | X_i]) / V` and the total-effect index `S_Ti = E[Var(Y | X_~i)] / V`. From the runs of a
/// ``SaltelliDesign``, with `f(A)ⱼ`, `f(B)ⱼ`, `f(A_B^(i))ⱼ` the outputs of row `j`:
/// - first order (Jansen): `S_i = (V − (1/2N) Σⱼ (f(B)ⱼ − f(A_B^(i))ⱼ)²) / V`, since `B` and `A_B^(i)` share only
///   `X_i`, so half their mean squared difference estimates `V − V_i`; or the Saltelli (2010) form,
///   see ``FirstOrderEstimator``;
/// - total effect (Jansen): `S_Ti = (1/2N) Σⱼ (f(A)ⱼ − f(A_B^(i))ⱼ)² / V`, since `A` and `A_B^(i)` differ only in
///   `X_i`.
/// `V` is the variance of all `2N` outputs of `A` and `B`. Bootstrap: resample the `N` rows with replacement
/// (the same rows for every index, from a seeded `Xoshiro256StarStar`; row `= next() mod N`, whose bias
/// `< N/2⁶⁴` is negligible), recompute `V` and the indices, and report the type-7 percentiles at `(1 ∓ c)/2` and
/// the standard deviation. Estimates are not clipped to [0, 1]: sampling error can push a small index below 0.
///
/// References: Saltelli et al. 2010 (above), Table 2; M. J. W. Jansen, "Analysis of variance designs for model
/// output", *Computer Physics Communications* 117, 1999, pp. 35–43; I. M. Sobol', "Global sensitivity indices for
/// nonlinear mathematical models and their Monte Carlo estimates", *Mathematics and Computers in Simulation* 55,
/// 2001, pp. 271–280.
public enum SobolSensitivity {
    /// Estimates the indices from the outputs of every run of `design`, in the order of ``SaltelliDesign/runs``.
    /// - Parameters:
    ///   - design: the Saltelli design the outputs were computed on.
    ///   - outputs: one model output per run of the design, in its order.
    ///   - estimator: the first-order estimator (Jansen or Saltelli 2010).
    ///   - bootstrapResamples: the number of bootstrap resamples (0 for none).
    ///   - confidence: the coverage of the intervals, in (0, 1).
    ///   - seed: seeds the bootstrap's generator.
    /// - Throws: ``AnalysisError`` when the outputs' count is not `N(k + 2)`, an output is not finite, the outputs
    ///   of `A` and `B` have zero variance, or a parameter is out of range.
    public static func estimate(
        design: SaltelliDesign, outputs: [Double], estimator: FirstOrderEstimator = .jansen,
        bootstrapResamples: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 1
    ) throws -> SobolIndices {
        let measure = "Sobol indices"
        guard outputs.count == design.runCount else {
            throw AnalysisError.lengthMismatch(
                measure: measure, argument: "outputs", expected: design.runCount, found: outputs.count)
        }
        for (r, y) in outputs.enumerated() where !y.isFinite {
            throw AnalysisError.nonFinite(measure: measure, argument: "outputs", index: r, value: y)
        }
        guard bootstrapResamples >= 0 else {
            throw AnalysisError.invalidParameter(
                measure: measure, argument: "bootstrapResamples", expected: "≥ 0", found: Double(bootstrapResamples))
        }
        guard confidence > 0 && confidence < 1 else {
            throw AnalysisError.invalidParameter(
                measure: measure, argument: "confidence", expected: "in (0, 1)", found: confidence)
        }
        let n = design.sampleSize, k = design.dimension
        let allRows = Array(0..<n)
        let point = Estimates(outputs: outputs, n: n, k: k, rows: allRows, estimator: estimator)
        guard point.variance > 0 else {
            throw AnalysisError.undefined(measure: measure, reason: "the model output does not vary over A and B")
        }
        var firstIntervals: [ConfidenceInterval] = [], totalIntervals: [ConfidenceInterval] = []
        if bootstrapResamples > 0 {
            var rng = Xoshiro256StarStar(seed: seed)
            var firstSamples = [[Double]](repeating: [], count: k)
            var totalSamples = [[Double]](repeating: [], count: k)
            var rows = [Int](repeating: 0, count: n)
            for _ in 0..<bootstrapResamples {
                for j in 0..<n { rows[j] = Int(rng.next() % UInt64(n)) }
                let e = Estimates(outputs: outputs, n: n, k: k, rows: rows, estimator: estimator)
                for i in 0..<k {
                    // A resample whose outputs happen not to vary has undefined indices: it is skipped.
                    if e.variance > 0 {
                        firstSamples[i].append(e.first[i])
                        totalSamples[i].append(e.total[i])
                    }
                }
            }
            let probabilities = [(1 - confidence) / 2, (1 + confidence) / 2]
            func interval(_ samples: [Double]) throws -> ConfidenceInterval {
                let q = try Quantile.type7(samples, probabilities: probabilities)
                return ConfidenceInterval(
                    lower: q[0], upper: q[1], standardError: ColumnSummary(samples).sampleStandardDeviation)
            }
            firstIntervals = try firstSamples.map(interval)
            totalIntervals = try totalSamples.map(interval)
        }
        return SobolIndices(
            firstOrder: point.first, totalEffect: point.total, firstOrderIntervals: firstIntervals,
            totalEffectIntervals: totalIntervals, variance: point.variance, mean: point.mean, sampleSize: n,
            runs: design.runCount, estimator: estimator, confidence: confidence, bootstrapResamples: bootstrapResamples)
    }

    /// Draws a design, runs `model` on each of its `N(k + 2)` points (in the unit hypercube) and estimates the
    /// indices.
    public static func analyse(
        dimension: Int, sampleSize: Int, seed: UInt64, estimator: FirstOrderEstimator = .jansen,
        bootstrapResamples: Int = 1000, confidence: Double = 0.95,
        model: ([Double]) throws -> Double
    ) throws -> SobolIndices {
        let design = try SaltelliDesign(sampleSize: sampleSize, dimension: dimension, seed: seed)
        var outputs = [Double](repeating: 0, count: design.runCount)
        for r in 0..<design.runCount { outputs[r] = try model(design.run(r)) }
        return try estimate(
            design: design, outputs: outputs, estimator: estimator, bootstrapResamples: bootstrapResamples,
            confidence: confidence, seed: seed &+ 1)
    }

    /// As ``analyse(dimension:sampleSize:seed:estimator:bootstrapResamples:confidence:model:)``, with a model that
    /// evaluates every run at once: it receives the `N(k + 2) × k` matrix ``SaltelliDesign/runs`` and returns one
    /// output per row (e.g. an index engine computing all replications with one matrix product per node).
    public static func analyse(
        dimension: Int, sampleSize: Int, seed: UInt64, estimator: FirstOrderEstimator = .jansen,
        bootstrapResamples: Int = 1000, confidence: Double = 0.95,
        batchModel: (Matrix) throws -> [Double]
    ) throws -> SobolIndices {
        let design = try SaltelliDesign(sampleSize: sampleSize, dimension: dimension, seed: seed)
        let outputs = try batchModel(design.runs)
        return try estimate(
            design: design, outputs: outputs, estimator: estimator, bootstrapResamples: bootstrapResamples,
            confidence: confidence, seed: seed &+ 1)
    }
}

/// The point estimates over a set of rows (all rows, or a bootstrap resample).
private struct Estimates {
    var first: [Double]
    var total: [Double]
    var variance: Double
    var mean: Double

    init(outputs y: [Double], n: Int, k: Int, rows: [Int], estimator: FirstOrderEstimator) {
        let count = Double(rows.count)
        var sum = 0.0
        for j in rows { sum += y[j] + y[n + j] }
        let mean = sum / (2 * count)
        var squares = 0.0
        for j in rows {
            let da = y[j] - mean, db = y[n + j] - mean
            squares += da * da + db * db
        }
        let variance = squares / (2 * count)
        var first = [Double](repeating: 0, count: k), total = first
        for i in 0..<k {
            let base = (2 + i) * n
            var totalSum = 0.0, firstSum = 0.0
            for j in rows {
                let fA = y[j], fB = y[n + j], fAB = y[base + j]
                totalSum += (fA - fAB) * (fA - fAB)
                switch estimator {
                case .jansen: firstSum += (fB - fAB) * (fB - fAB)
                case .saltelli2010: firstSum += fB * (fAB - fA)
                }
            }
            total[i] = totalSum / (2 * count) / variance
            switch estimator {
            case .jansen: first[i] = (variance - firstSum / (2 * count)) / variance
            case .saltelli2010: first[i] = firstSum / count / variance
            }
        }
        self.first = first
        self.total = total
        self.variance = variance
        self.mean = mean
    }
}
