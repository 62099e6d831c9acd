import DivideData
import Foundation
import LinearAlgebra

extension Aggregation {
    /// The number of present children a unit needs under a coverage threshold (a share, 0…1) of `children`:
    /// `max(1, ⌈coverage·children⌉)` (with 1e-9 slack so that ½ of 4 is 2, not 3). Coverage 0.5 is the
    /// benchmark workload's rule `2·n_avail ≥ n_p`: exactly half is enough.
    package static func requiredChildren(coverage: Double, children k: Int) -> Int {
        max(1, Int((coverage * Double(k) - 1e-9).rounded(.up)))
    }

    /// Whether ``aggregateColumns(_:weights:needed:units:scores:share:)`` handles the method.
    package var hasColumnKernel: Bool {
        switch self {
        case .arithmetic, .geometric, .geometricShifted: return true
        default: return false
        }
    }

    /// Column-wise kernel of ``aggregate(_:weights:coverage:)`` for the arithmetic and (shifted) geometric
    /// means: per unit, `num = Σ wᵢ·g(xᵢ)` and `den = Σ wᵢ` over the present children, in child order, so every
    /// unit's sums are the same floating-point operations in the same order as the unit-by-unit form and the
    /// scores are bit-identical to it (a skipped child adds +0 to a sum that started at +0: no change; `g` and
    /// `g⁻¹` are `QuasiArithmeticMean`'s, whose logarithm and exponential are the vector kernels' own).
    /// Runs in LinearAlgebra's `VectorKernels.meanCombine` (AVX-512, AVX2 or baseline, chosen at run time).
    /// - Parameters:
    ///   - columns: one pointer per child to `units` values (NaN = missing).
    /// - Returns: false when a present value is outside the method's domain (the caller then runs the general
    ///   form, which throws the located error); `scores` and `share` are then unspecified.
    package func aggregateColumns(_ columns: [UnsafePointer<Double>], weights: [Double], needed: Int, units U: Int,
                          scores: UnsafeMutablePointer<Double>, share: UnsafeMutablePointer<Double>?) -> Bool {
        let shift: Double
        switch self {
        case .arithmetic: shift = 0
        case .geometric: shift = 0
        case .geometricShifted(let s): shift = s
        default: return false
        }
        guard weights.count == columns.count else { return false }
        let logarithmic = self != .arithmetic
        return columns.withUnsafeBufferPointer { cols in
            weights.withUnsafeBufferPointer { w in
                // [UnsafePointer<Double>] and [UnsafePointer<Double>?] share one layout.
                let pointers = UnsafeRawPointer(cols.baseAddress ?? UnsafePointer(bitPattern: 8)!)
                    .assumingMemoryBound(to: UnsafePointer<Double>?.self)
                let outside = VectorKernels.meanCombine(
                    columns: pointers, weights: w.baseAddress ?? UnsafePointer(bitPattern: 8)!, children: cols.count,
                    count: U, logarithmic: logarithmic, shift: shift, needed: Double(needed), into: scores,
                    share: share)
                return outside == 0
            }
        }
    }
}
