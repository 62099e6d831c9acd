import CBLAS

extension Matrix {
    /// `C ← α·op(A)·op(B) + β·C` on column-major buffers the caller owns (BLAS `dgemm`), for hot loops that reuse
    /// their workspace between calls instead of building ``Matrix`` values.
    ///
    /// `op(A)` is `m×k`, `op(B)` is `k×n`, `C` is `m×n`; `lda`, `ldb`, `ldc` are the leading dimensions (≥ the
    /// stored rows). Cost `2·m·n·k` flops. Nothing is done when `m`, `n` or `k` is 0 (C is left as it is).
    /// The caller guarantees the shapes (this is the unchecked form of ``gemm(transA:transB:alpha:a:b:beta:c:)``).
    public static func gemm(transA: Transposition = .none, transB: Transposition = .none, m: Int, n: Int, k: Int,
                            alpha: Double = 1, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a,
                    Int32(max(1, lda)), b, Int32(max(1, ldb)), beta, c, Int32(max(1, ldc)))
    }
}
