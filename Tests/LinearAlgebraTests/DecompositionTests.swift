import Foundation
import Testing
@testable import LinearAlgebra

@Suite struct DecompositionTests {
    /// A 5×4 matrix with no structure, for reconstruction checks.
    let general = try! Matrix(rows: [
        [2, -1, 0, 3], [1, 4, -2, 0.5], [0, 1, 5, -1], [3, 0, 1, 2], [-1, 2, 2, 1],
    ])

    @Test func eigenMatchesClosedFormAndReconstructs() throws {
        // Tridiagonal(-1, 2, -1), n = 8: λₖ = 2 − 2cos(kπ/9), ascending.
        let n = 8
        var a = Matrix.zeros(rows: n, columns: n)
        for i in 0..<n {
            a[i, i] = 2
            if i + 1 < n { a[i, i + 1] = -1; a[i + 1, i] = -1 }
        }
        let eigen = try SymmetricEigendecomposition(symmetric: a)
        for k in 1...n {
            #expect(abs(eigen.values[k - 1] - (2 - 2 * cos(Double(k) * .pi / 9))) < 1e-13)
        }
        let av = try a * eigen.vectors
        let vl = try eigen.vectors * Matrix.diagonal(eigen.values)
        #expect(av.isApproximatelyEqual(to: vl, absoluteTolerance: 1e-13))
        let vtv = try eigen.vectors.multiplied(by: eigen.vectors, transposingSelf: true)
        #expect(vtv.isApproximatelyEqual(to: .identity(n), absoluteTolerance: 1e-13))
    }

    @Test func eigenOfTwoByTwo() throws {
        // [[2,1],[1,2]]: eigenvalues 1 and 3, eigenvectors (1,−1)/√2 and (1,1)/√2.
        let eigen = try SymmetricEigendecomposition(symmetric: try Matrix(rows: [[2, 1], [1, 2]]))
        #expect(abs(eigen.values[0] - 1) < 1e-15 && abs(eigen.values[1] - 3) < 1e-15)
        #expect(abs(abs(eigen.vectors[0, 1]) - 0.5.squareRoot()) < 1e-15)
        #expect(abs(eigen.vectors[0, 1] - eigen.vectors[1, 1]) < 1e-15)
    }

    @Test func eigenRejectsBadInput() throws {
        #expect(throws: LinearAlgebraError.shapeMismatch(
            operation: "dsyevd", expected: "a square matrix", found: "5x4")) {
            try SymmetricEigendecomposition(symmetric: general)
        }
        #expect(throws: LinearAlgebraError.notSymmetric(operation: "dsyevd", row: 1, column: 0)) {
            try SymmetricEigendecomposition(symmetric: try Matrix(rows: [[1, 2], [3, 1]]))
        }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "dsyevd", row: 1, column: 1, value: .nan)) {
            try SymmetricEigendecomposition(symmetric: try Matrix(rows: [[1, 0], [0, .nan]]))
        }
        #expect(try SymmetricEigendecomposition(symmetric: Matrix.zeros(rows: 0, columns: 0)).values.isEmpty)
    }

    @Test func svdReconstructsAndIsOrthonormal() throws {
        for matrix in [general, general.transposed] {
            let svd = try SingularValueDecomposition(matrix)
            let k = min(matrix.rows, matrix.columns)
            #expect(svd.u.rows == matrix.rows && svd.u.columns == k)
            #expect(svd.vt.rows == k && svd.vt.columns == matrix.columns)
            #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(try svd.reconstructed().isApproximatelyEqual(to: matrix, absoluteTolerance: 1e-13))
            let utu = try svd.u.multiplied(by: svd.u, transposingSelf: true)
            #expect(utu.isApproximatelyEqual(to: .identity(k), absoluteTolerance: 1e-13))
            let vvt = try svd.vt.multiplied(by: svd.vt, transposingOther: true)
            #expect(vvt.isApproximatelyEqual(to: .identity(k), absoluteTolerance: 1e-13))
            // Σσ² = ‖A‖_F² (Frobenius norm is invariant under orthogonal maps).
            let frobenius = matrix.columnMajorValues.reduce(0) { $0 + $1 * $1 }
            #expect(abs(svd.singularValues.reduce(0) { $0 + $1 * $1 } - frobenius) < 1e-12)
        }
    }

    @Test func svdClosedForm() throws {
        // AᵀA = [[25,20],[20,25]] → eigenvalues 45, 5 → σ = 3√5, √5.
        let svd = try SingularValueDecomposition(try Matrix(rows: [[3, 0], [4, 5]]))
        #expect(abs(svd.singularValues[0] - 45.0.squareRoot()) < 1e-14)
        #expect(abs(svd.singularValues[1] - 5.0.squareRoot()) < 1e-14)
        #expect(throws: LinearAlgebraError.self) {
            try SingularValueDecomposition(try Matrix(rows: [[1, .infinity]]))
        }
    }

    @Test func leastSquaresHandSolved() throws {
        // y = a + b·x through (0,1), (1,3), (2,4), (3,4): x̄ = 1.5, ȳ = 3, Sxy = 5, Sxx = 5 → b = 1, a = 1.5;
        // fitted 1.5, 2.5, 3.5, 4.5; residuals −0.5, 0.5, 0.5, −0.5; RSS = 1.
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let fit = try LeastSquaresSolution(a: design, b: [1, 3, 4, 4])
        #expect(abs(fit.coefficients[0] - 1.5) < 1e-14)
        #expect(abs(fit.coefficients[1] - 1) < 1e-14)
        #expect(abs(fit.residualSumOfSquares - 1) < 1e-14)
    }

    @Test func leastSquaresExactAndUnderdetermined() throws {
        // Square system 2x + y = 5, x + 3y = 10 → x = 1, y = 3 (by elimination); RSS 0.
        let square = try LeastSquaresSolution(a: try Matrix(rows: [[2, 1], [1, 3]]), b: [5, 10])
        #expect(abs(square.coefficients[0] - 1) < 1e-14 && abs(square.coefficients[1] - 3) < 1e-14)
        // Exact by construction: a square system has no residual rows (m = n), so the sum is empty.
        #expect(square.residualSumOfSquares == 0)
        // x + y = 2: minimum-norm solution (1, 1).
        let wide = try LeastSquaresSolution(a: try Matrix(rows: [[1, 1]]), b: [2])
        #expect(abs(wide.coefficients[0] - 1) < 1e-14 && abs(wide.coefficients[1] - 1) < 1e-14)
    }

    @Test func leastSquaresRejectsBadInput() throws {
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2]])
        #expect(throws: LinearAlgebraError.self) { try LeastSquaresSolution(a: design, b: [1, 2]) }
        #expect(throws: LinearAlgebraError.nonFinite(operation: "dgels", row: 1, column: 0, value: .nan)) {
            try LeastSquaresSolution(a: design, b: [1, .nan, 2])
        }
        // Two identical columns: rank deficient.
        let deficient = try Matrix(rows: [[1, 1], [2, 2], [3, 3]])
        #expect(throws: LinearAlgebraError.singular(routine: "dgels", info: 2)) {
            try LeastSquaresSolution(a: deficient, b: [1, 2, 3])
        }
    }

    @Test func positiveDefiniteSolve() throws {
        // [[4,2],[2,3]]·x = [6,5] → x = (1/8)·[[3,−2],[−2,4]]·[6,5] = [1, 1].
        let a = try Matrix(rows: [[4, 2], [2, 3]])
        let x = try a.solvePositiveDefinite([6, 5])
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 1) < 1e-15)
        // Two right-hand sides at once: [2,1] → (1/8)[4, −0]... = [0.5, 0].
        let many = try a.solvePositiveDefinite(try Matrix(columns: [[6, 5], [2, 1]]))
        #expect(many.isApproximatelyEqual(to: try Matrix(rows: [[1, 0.5], [1, 0]]), absoluteTolerance: 1e-15))
    }

    @Test func positiveDefiniteRejectsIndefinite() throws {
        // [[1,2],[2,1]] has eigenvalues 3 and −1; the 2×2 leading minor is 1 − 4 < 0.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dposv", info: 2)) {
            try Matrix(rows: [[1, 2], [2, 1]]).solvePositiveDefinite([1, 1])
        }
        #expect(throws: LinearAlgebraError.self) {
            try Matrix(rows: [[1, 2], [2, 5]]).solvePositiveDefinite([1, 1, 1])
        }
    }
}
