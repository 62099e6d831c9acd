import CLAPACKE

/// The eigen-decomposition `A = V·Λ·Vᵀ` of a real symmetric matrix.
///
/// Computed by LAPACK `dsyevd` (divide and conquer). The eigenvalues are in **ascending** order and column `k` of
/// ``vectors`` is a unit eigenvector for `values[k]`, so `A·V = V·diag(values)` and `VᵀV = I`. The sign of each
/// eigenvector is whatever LAPACK returns (eigenvectors are defined up to sign).
///
/// Reference: Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999, §2.4.4.
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ.
    public let values: [Double]
    /// Orthonormal eigenvectors, one per column, in the order of ``values``.
    public let vectors: Matrix

    /// Eigenvalues and eigenvectors of the symmetric matrix `matrix`.
    ///
    /// - Parameters:
    ///   - matrix: a square symmetric matrix `A`.
    ///   - symmetryTolerance: the largest accepted `|A[i,j] − A[j,i]|` relative to `max|A|`; beyond it the
    ///     input is rejected (LAPACK would silently read only one triangle).
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` for a non-square matrix,
    ///   ``LinearAlgebraError/nonFinite(operation:row:column:value:)``,
    ///   ``LinearAlgebraError/notSymmetric(operation:row:column:)``,
    ///   ``LinearAlgebraError/didNotConverge(routine:info:)``.
    public init(symmetric matrix: Matrix, symmetryTolerance: Double = 1e-10) throws {
        guard matrix.isSquare else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "dsyevd", expected: "a square matrix", found: "\(matrix.rows)x\(matrix.columns)")
        }
        try matrix.requireFinite("dsyevd")
        let n = matrix.rows
        let scale = max(matrix.maxAbsoluteValue, Double.leastNormalMagnitude)
        for j in 0..<n {
            for i in (j + 1)..<max(j + 1, n) where abs(matrix[i, j] - matrix[j, i]) > symmetryTolerance * scale {
                throw LinearAlgebraError.notSymmetric(operation: "dsyevd", row: i, column: j)
            }
        }
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = a.withUnsafeMutableBufferPointer { aBuffer in
                w.withUnsafeMutableBufferPointer { wBuffer in
                    LAPACKE_dsyevd(
                        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(n),
                        aBuffer.baseAddress, Int32(n), wBuffer.baseAddress)
                }
            }
            try LinearAlgebraError.check(info, routine: "dsyevd") {
                .didNotConverge(routine: $0, info: $1)
            }
        }
        self.values = w
        self.vectors = a
    }
}
