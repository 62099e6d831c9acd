import CLAPACKE

/// The linear least-squares solution of `A·x ≈ b`.
///
/// Computed by LAPACK `dgels` (QR factorisation of `A`, no pivoting), which **assumes `A` has full rank**:
/// - `m ≥ n` (over- or exactly determined): `x` minimises `‖b − A·x‖₂`; the residual sum of squares
///   `RSS = Σᵢ (bᵢ − (A·x)ᵢ)²` is the squared norm of elements `n+1…m` of the transformed right-hand side.
/// - `m < n` (under-determined): `x` is the minimum-norm solution of `A·x = b` and the RSS is 0.
/// A rank-deficient `A` is reported as ``LinearAlgebraError/singular(routine:info:)`` rather than solved: exact rank
/// deficiency as LAPACK reports it, and numerical rank deficiency, when a diagonal element of the triangular
/// factor satisfies `|Rᵢᵢ| ≤ max(m, n)·ε·maxⱼ|Rⱼⱼ|` (ε = 2⁻⁵²).
///
/// Reference: Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999, §2.4.2.
public struct LeastSquaresSolution: Sendable {
    /// The solution `x`, of length `n` (the number of columns of `A`).
    public let coefficients: [Double]
    /// The residual sum of squares `‖b − A·x‖₂²` (0 when `m ≤ n`).
    public let residualSumOfSquares: Double

    /// Solves `A·x ≈ b` in the least-squares sense.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `b.count != A.rows`,
    ///   ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` for NaN/∞ in `A` or `b`,
    ///   ``LinearAlgebraError/singular(routine:info:)`` when `A` is not of full rank.
    public init(a: Matrix, b: [Double]) throws {
        let m = a.rows, n = a.columns
        guard b.count == m else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "dgels", expected: "a right-hand side of length \(m)", found: "length \(b.count)")
        }
        try a.requireFinite("dgels")
        try requireFinite(b, "dgels")
        let ldb = max(1, m, n)
        var work = a
        var rhs = [Double](repeating: 0, count: ldb)
        rhs.replaceSubrange(0..<m, with: b)
        if m > 0 && n > 0 {
            let info = work.withUnsafeMutableBufferPointer { aBuffer in
                rhs.withUnsafeMutableBufferPointer { bBuffer in
                    LAPACKE_dgels(
                        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), 1,
                        aBuffer.baseAddress, Int32(max(1, m)), bBuffer.baseAddress, Int32(ldb))
                }
            }
            try LinearAlgebraError.check(info, routine: "dgels") { .singular(routine: $0, info: $1) }
            // dgels only reports an exactly zero diagonal of R (or L); a numerically rank-deficient A leaves a
            // diagonal element at rounding level and a meaningless solution, so reject that too.
            let k = min(m, n)
            let diagonal = (0..<k).map { abs(work[$0, $0]) }
            let threshold = Double(max(m, n)) * Double.ulpOfOne * (diagonal.max() ?? 0)
            if let index = diagonal.firstIndex(where: { $0 <= threshold }) {
                throw LinearAlgebraError.singular(routine: "dgels", info: index + 1)
            }
        }
        self.coefficients = Array(rhs[0..<n])
        self.residualSumOfSquares = m > n ? rhs[n..<m].reduce(0) { $0 + $1 * $1 } : 0
    }
}
