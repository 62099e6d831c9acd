import CBLAS

/// Whether a BLAS operand is used as stored or transposed.
public enum Transposition: Sendable {
    /// Use the matrix as stored: `op(A) = A`.
    case none
    /// Use its transpose: `op(A) = Aᵀ`.
    case transpose

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// The general matrix product `C ← α·op(A)·op(B) + β·C`, computed in place by BLAS `dgemm`.
    ///
    /// `C` is overwritten without reallocating when its storage is not shared, so a hot loop can reuse one output
    /// matrix. With `β = 0`, `C`'s previous contents are ignored (NaN in `C` does not propagate).
    /// Cost: `2·m·n·k` floating-point operations for `op(A)` of shape `m×k` and `op(B)` of shape `k×n`.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when the inner dimensions
    ///   differ or `C` is not `m×n`.
    public static func gemm(
        transA: Transposition = .none, transB: Transposition = .none,
        alpha: Double = 1, a: Matrix, b: Matrix, beta: Double = 0, c: inout Matrix
    ) throws {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kB, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kB else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "gemm", expected: "op(A) columns = op(B) rows",
                found: "op(A) \(m)x\(k), op(B) \(kB)x\(n)")
        }
        guard c.rows == m, c.columns == n else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "gemm", expected: "C of shape \(m)x\(n)", found: "\(c.rows)x\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {
            // α·op(A)·op(B) is the zero matrix; BLAS would reject lda = 0 on some builds.
            c.withUnsafeMutableBufferPointer { out in
                for index in out.indices { out[index] = beta == 0 ? 0 : beta * out[index] }
            }
            return
        }
        a.withUnsafeBufferPointer { aBuffer in
            b.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    cblas_dgemm(
                        CblasColMajor, transA.cblas, transB.cblas,
                        Int32(m), Int32(n), Int32(k),
                        alpha, aBuffer.baseAddress, Int32(max(1, a.rows)),
                        bBuffer.baseAddress, Int32(max(1, b.rows)),
                        beta, cBuffer.baseAddress, Int32(max(1, m)))
                }
            }
        }
    }

    /// The product `op(self)·op(other)` through BLAS `dgemm`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when the inner dimensions differ.
    public func multiplied(
        by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
    ) throws -> Matrix {
        let m = transposingSelf ? columns : rows
        let n = transposingOther ? other.rows : other.columns
        var result = Matrix.zeros(rows: m, columns: n)
        try Matrix.gemm(
            transA: transposingSelf ? .transpose : .none, transB: transposingOther ? .transpose : .none,
            a: self, b: other, c: &result)
        return result
    }

    /// The matrix product `A·B` through BLAS `dgemm`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `A.columns != B.rows`.
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        try lhs.multiplied(by: rhs)
    }

    /// The matrix–vector product `op(A)·x` through BLAS `dgemv`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `x` has the wrong length.
    public func multiplied(by vector: [Double], transposingSelf: Bool = false) throws -> [Double] {
        let (m, n) = transposingSelf ? (columns, rows) : (rows, columns)
        guard vector.count == n else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "gemv", expected: "a vector of length \(n)", found: "length \(vector.count)")
        }
        var result = [Double](repeating: 0, count: m)
        if m == 0 || n == 0 { return result }
        withUnsafeBufferPointer { aBuffer in
            vector.withUnsafeBufferPointer { xBuffer in
                result.withUnsafeMutableBufferPointer { yBuffer in
                    cblas_dgemv(
                        CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans,
                        Int32(rows), Int32(columns), 1.0, aBuffer.baseAddress, Int32(max(1, rows)),
                        xBuffer.baseAddress, 1, 0.0, yBuffer.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The matrix–vector product `A·x` through BLAS `dgemv`.
    public static func * (lhs: Matrix, rhs: [Double]) throws -> [Double] {
        try lhs.multiplied(by: rhs)
    }
}
