import Foundation
import LinearAlgebra

/// A quasi-arithmetic mean `y = g⁻¹(Σ wᵢ g(xᵢ) / Σ wᵢ)` over the present children: the form of every
/// ``Aggregation`` that a batch of replications can compute with matrix products.
///
/// arithmetic `g(x) = x`; geometric `g = ln` (x > 0); shifted geometric `g(x) = ln(x + s)` (x > −s), `g⁻¹(y) = eʸ − s`;
/// harmonic `g(x) = 1/x` (x > 0); generalised mean of power p `g(x) = xᵖ` (x ≥ 0, x > 0 when p < 0).
/// The weighted median, Mazziotta–Pareto and Copeland are not of this form (nil).
///
/// The one formulation of these means: the construction (``Aggregation/aggregate(_:weights:coverage:)``), the Monte
/// Carlo engine's batches (one matrix product per node) and the gap attribution (additive in `g`-space) all
/// evaluate `g`, `g⁻¹` and the domain through it. The logarithm and exponential are LinearAlgebra's
/// `VectorKernels.log` and `VectorKernels.exp` (< 1 ulp), the same bits as the vectorised batch kernels on every
/// CPU path, so a mean computed one unit at a time equals the batch kernels' bit for bit.
package enum QuasiArithmeticMean: Sendable, Hashable {
    case identity
    case logarithm(shift: Double)
    case reciprocal
    case power(Double)

    package init?(_ method: Aggregation) {
        switch method {
        case .arithmetic: self = .identity
        case .geometric: self = .logarithm(shift: 0)
        case .geometricShifted(let s): self = .logarithm(shift: s)
        case .harmonic: self = .reciprocal
        case .generalised(let p): self = .power(p)
        case .weightedMedian, .mazziottaPareto, .copeland: return nil
        }
    }

    /// Whether `x` is inside the method's domain (the values ``Aggregation`` accepts).
    @inline(__always)
    package func accepts(_ x: Double) -> Bool {
        switch self {
        case .identity: return true
        case .logarithm(let s): return x + s > 0
        case .reciprocal: return x > 0
        case .power(let p): return x > 0 || (x == 0 && p > 0)
        }
    }

    /// `g(x)` for `x` inside the domain.
    @inline(__always)
    package func forward(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .logarithm(let s): return s == 0 ? VectorKernels.log(x) : VectorKernels.log(x + s)
        case .reciprocal: return 1 / x
        case .power(let p): return pow(x, p)
        }
    }

    /// `g′(x)`, for the gap attribution's limit when two scores agree.
    @inline(__always)
    package func derivative(_ x: Double) -> Double {
        switch self {
        case .identity: return 1
        case .logarithm(let s): return 1 / (x + s)
        case .reciprocal: return -1 / (x * x)
        case .power(let p): return p * pow(x, p - 1)
        }
    }

    /// `g⁻¹(y)`.
    @inline(__always)
    package func inverse(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .logarithm(let s): return s == 0 ? VectorKernels.exp(y) : VectorKernels.exp(y) - s
        case .reciprocal: return 1 / y
        case .power(let p): return pow(y, 1 / p)
        }
    }

    /// What the domain requires, in the words ``Aggregation`` uses.
    package var domain: String {
        switch self {
        case .identity: return "a number"
        case .logarithm(let s): return s == 0 ? "a value > 0" : "a value > \(-s)"
        case .reciprocal: return "a value > 0"
        case .power(let p): return p > 0 ? "a value ≥ 0" : "a value > 0"
        }
    }
}

