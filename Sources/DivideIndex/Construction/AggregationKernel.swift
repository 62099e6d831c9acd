import DivideData
import Foundation

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
    /// means: per unit, `num = Σ wᵢ·f(xᵢ)` and `den = Σ wᵢ` over the present children, in child order, so every
    /// unit's sums are the same floating-point operations in the same order as the unit-by-unit form and the
    /// scores are bit-identical to it (a skipped child adds +0 to a sum that started at +0: no change).
    /// Four units at a time keep their sums in registers while the children's columns stream past.
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
        let logarithmic = self != .arithmetic
        let k = columns.count, required = Double(needed), children = Double(k)
        return columns.withUnsafeBufferPointer { cols in
            weights.withUnsafeBufferPointer { w in
                var outside = false
                var u = 0
                // Blocks of four units, sums in registers.
                if !logarithmic && k > 0 {
                    while u + 4 <= U {
                        var num = SIMD4<Double>(repeating: 0), den = num, count = num
                        for c in 0..<k {
                            let v = UnsafeRawPointer(cols[c] + u).loadUnaligned(as: SIMD4<Double>.self)
                            let missing = v .!= v
                            num += (w[c] * v).replacing(with: 0, where: missing)
                            den += SIMD4(repeating: w[c]).replacing(with: 0, where: missing)
                            count += SIMD4(repeating: 1).replacing(with: 0, where: missing)
                        }
                        let mean = num / den
                        let scored = (count .>= SIMD4(repeating: required)) .& (den .> 0)
                        let result = SIMD4<Double>(repeating: .nan).replacing(with: mean, where: scored)
                        UnsafeMutableRawPointer(scores + u).storeBytes(of: result, as: SIMD4<Double>.self)
                        if let share {
                            UnsafeMutableRawPointer(share + u).storeBytes(of: count / children, as: SIMD4<Double>.self)
                        }
                        u += 4
                    }
                }
                // The rest (every unit for the logarithmic means): one unit at a time.
                while u < U {
                    var num = 0.0, den = 0.0, count = 0.0
                    for c in 0..<k {
                        let v = cols[c][u]
                        guard !v.isNaN else { continue }
                        if logarithmic {
                            outside = outside || !(v + shift > 0)
                            num += w[c] * log(v + shift)
                        } else {
                            num += w[c] * v
                        }
                        den += w[c]
                        count += 1
                    }
                    let scored = count >= required && den > 0
                    switch self {
                    case .arithmetic: scores[u] = scored ? num / den : .nan
                    case .geometric: scores[u] = scored ? exp(num / den) : .nan
                    default: scores[u] = scored ? exp(num / den) - shift : .nan
                    }
                    share?[u] = k == 0 ? 0 : count / children
                    u += 1
                }
                return !outside
            }
        }
    }
}
