import CLAPACKE

extension Matrix {
    /// Solves `A·X = B` for a symmetric positive-definite `A` (`self`) by Cholesky factorisation, LAPACK `dposv`.
    ///
    /// `A = L·Lᵀ` is factorised from the lower triangle, then `X` is found by two triangular solves.
    /// Reference: Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999, §2.3.1.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `A` is not square or
    ///   `B.rows != A.rows`, ``LinearAlgebraError/nonFinite(operation:row:column:value:)``,
    ///   ``LinearAlgebraError/notSymmetric(operation:row:column:)``,
    ///   ``LinearAlgebraError/notPositiveDefinite(routine:info:)`` when a leading minor is not positive.
    public func solvePositiveDefinite(_ b: Matrix, symmetryTolerance: Double = 1e-10) throws -> Matrix {
        guard isSquare else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "dposv", expected: "a square matrix", found: "\(rows)x\(columns)")
        }
        guard b.rows == rows else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "dposv", expected: "a right-hand side with \(rows) rows", found: "\(b.rows) rows")
        }
        try requireFinite("dposv")
        try b.requireFinite("dposv")
        let n = rows
        let scale = max(maxAbsoluteValue, Double.leastNormalMagnitude)
        for j in 0..<n {
            for i in (j + 1)..<max(j + 1, n) where abs(self[i, j] - self[j, i]) > symmetryTolerance * scale {
                throw LinearAlgebraError.notSymmetric(operation: "dposv", row: i, column: j)
            }
        }
        var a = self
        var x = b
        if n > 0 && b.columns > 0 {
            let info = a.withUnsafeMutableBufferPointer { aBuffer in
                x.withUnsafeMutableBufferPointer { xBuffer in
                    LAPACKE_dposv(
                        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), Int32(b.columns),
                        aBuffer.baseAddress, Int32(n), xBuffer.baseAddress, Int32(n))
                }
            }
            try LinearAlgebraError.check(info, routine: "dposv") { .notPositiveDefinite(routine: $0, info: $1) }
        }
        return x
    }

    /// Solves `A·x = b` for one right-hand side; see ``solvePositiveDefinite(_:symmetryTolerance:)-(Matrix,_)``.
    public func solvePositiveDefinite(_ b: [Double], symmetryTolerance: Double = 1e-10) throws -> [Double] {
        try solvePositiveDefinite(
            Matrix(unchecked: b, rows: b.count, columns: 1), symmetryTolerance: symmetryTolerance
        ).columnMajorValues
    }
}
