import CLAPACKE

/// The thin singular value decomposition `A = U·Σ·Vᵀ` of an `m×n` matrix.
///
/// Computed by LAPACK `dgesdd` (divide and conquer) with `jobz = 'S'`: with `k = min(m, n)`, ``u`` is `m×k` with
/// orthonormal columns, ``singularValues`` holds σ₁ ≥ σ₂ ≥ … ≥ σₖ ≥ 0 (**descending**), and ``vt`` is `k×n` with
/// orthonormal rows. Singular vectors are defined up to a common sign per pair.
///
/// Reference: Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999, §2.4.6.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors, `m×k`.
    public let u: Matrix
    /// Singular values in descending order, `k` of them.
    public let singularValues: [Double]
    /// Right singular vectors transposed, `k×n`.
    public let vt: Matrix

    /// The thin SVD of `matrix`.
    /// - Throws: ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` for NaN or infinite input,
    ///   ``LinearAlgebraError/didNotConverge(routine:info:)`` when the bidiagonal SVD fails.
    public init(_ matrix: Matrix) throws {
        try matrix.requireFinite("dgesdd")
        let m = matrix.rows, n = matrix.columns, k = min(m, n)
        var a = matrix
        var s = [Double](repeating: 0, count: k)
        var u = Matrix.zeros(rows: m, columns: k)
        var vt = Matrix.zeros(rows: k, columns: n)
        if k > 0 {
            let info = a.withUnsafeMutableBufferPointer { aBuffer in
                s.withUnsafeMutableBufferPointer { sBuffer in
                    u.withUnsafeMutableBufferPointer { uBuffer in
                        vt.withUnsafeMutableBufferPointer { vtBuffer in
                            LAPACKE_dgesdd(
                                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(m), Int32(n),
                                aBuffer.baseAddress, Int32(max(1, m)), sBuffer.baseAddress,
                                uBuffer.baseAddress, Int32(max(1, m)), vtBuffer.baseAddress, Int32(max(1, k)))
                        }
                    }
                }
            }
            try LinearAlgebraError.check(info, routine: "dgesdd") { .didNotConverge(routine: $0, info: $1) }
        }
        self.u = u
        self.singularValues = s
        self.vt = vt
    }

    /// `U·diag(σ)·Vᵀ`, which equals the decomposed matrix up to rounding.
    public func reconstructed() throws -> Matrix {
        var us = u
        for j in 0..<singularValues.count {
            for i in 0..<us.rows { us[i, j] *= singularValues[j] }
        }
        return try us * vt
    }
}
