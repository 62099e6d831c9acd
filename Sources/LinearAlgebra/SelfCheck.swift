import Foundation

/// Known-answer checks of the linked BLAS and LAPACK, run by `divide doctor`.
///
/// Each check computes something whose answer is known in closed form and compares within a tolerance, so a
/// broken or mis-linked library shows up as a failure rather than as wrong numbers later.
public enum SelfCheck {
    /// The outcome of one check.
    public struct Result: Sendable, Equatable {
        /// A short name, e.g. `"dgemm 2x3 · 3x2"`.
        public let name: String
        /// Whether the computed answer matched the known one.
        public let passed: Bool
        /// What was compared (the largest error, or the error thrown).
        public let detail: String

        /// A result, e.g. for rendering tests.
        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    /// Runs every check, in a fixed order.
    public static func run() -> [Result] {
        [gemm(), eigen(), svd(), leastSquares(), positiveDefiniteSolve(), vectorKernels()]
    }

    /// The vector kernels' check alone (its name gives the path this process takes: AVX-512, AVX2 or baseline).
    public static func vectorKernelsCheck() -> Result { vectorKernels() }

    /// The vectorised `ln(x + 1)` and `eˣ` on the path this machine takes, against the C library on 4096 values
    /// (index scores 0…100 and their logarithms' range), in ulps of the C library's result, and the path's
    /// results against the scalar form (bit-identical by construction).
    static func vectorKernels() -> Result {
        check("vector log/exp, \(VectorKernels.path) path (ulps from libm)", tolerance: 1) {
            let n = 4096
            let x = (0..<n).map { 100 * Double($0) / Double(n - 1) }, e = (0..<n).map { -7 + 14 * Double($0) / Double(n) }
            var logs = [Double](repeating: 0, count: n), exps = logs
            VectorKernels.logShifted(x, shift: 1, into: &logs, count: n)
            VectorKernels.expShifted(e, shift: 0, into: &exps, count: n)
            var worst = 0.0
            for i in 0..<n {
                guard logs[i] == VectorKernels.log(x[i] + 1), exps[i] == VectorKernels.exp(e[i]) else { return .infinity }
                let l = Foundation.log(x[i] + 1), p = Foundation.exp(e[i])
                worst = max(worst, l == 0 ? abs(logs[i]) : abs(logs[i] - l) / l.ulp, abs(exps[i] - p) / p.ulp)
            }
            return worst
        }
    }

    static func check(_ name: String, tolerance: Double, _ body: () throws -> Double) -> Result {
        do {
            let error = try body()
            let passed = error <= tolerance
            return Result(
                name: name, passed: passed,
                detail: "max error \(format(error)) (tolerance \(format(tolerance)))")
        } catch {
            return Result(name: name, passed: false, detail: "\(error)")
        }
    }

    static func format(_ value: Double) -> String {
        value == 0 ? "0" : String(describing: value)
    }

    /// `[[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]`, exact in floating point.
    static func gemm() -> Result {
        check("dgemm 2x3 · 3x2 (exact integers)", tolerance: 0) {
            let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
            let b = try Matrix(rows: [[7, 8], [9, 10], [11, 12]])
            let expected = try Matrix(rows: [[58, 64], [139, 154]])
            let product = try a * b
            guard product.rows == 2, product.columns == 2 else { return .infinity }
            return zip(product.columnMajorValues, expected.columnMajorValues).map { abs($0 - $1) }.max() ?? 0
        }
    }

    /// The `n×n` tridiagonal matrix with 2 on the diagonal and −1 beside it has eigenvalues
    /// `λₖ = 2 − 2·cos(kπ/(n+1))`, `k = 1…n`; also checks `A·V = V·Λ`.
    static func eigen() -> Result {
        check("dsyevd tridiagonal(-1, 2, -1) n=6 (closed form)", tolerance: 1e-12) {
            let n = 6
            var a = Matrix.zeros(rows: n, columns: n)
            for i in 0..<n {
                a[i, i] = 2
                if i + 1 < n { a[i, i + 1] = -1; a[i + 1, i] = -1 }
            }
            let decomposition = try SymmetricEigendecomposition(symmetric: a)
            var worst = 0.0
            for k in 1...n {
                let exact = 2 - 2 * cos(Double(k) * .pi / Double(n + 1))
                worst = max(worst, abs(decomposition.values[k - 1] - exact))
            }
            let av = try a * decomposition.vectors
            let vl = try decomposition.vectors * Matrix.diagonal(decomposition.values)
            for (x, y) in zip(av.columnMajorValues, vl.columnMajorValues) { worst = max(worst, abs(x - y)) }
            return worst
        }
    }

    /// `[[3,0],[4,5]]` has `AᵀA = [[25,20],[20,25]]`, so singular values `√45 = 3√5` and `√5`; also checks
    /// `U·Σ·Vᵀ = A`.
    static func svd() -> Result {
        check("dgesdd [[3,0],[4,5]] (σ = 3√5, √5; U·Σ·Vᵀ = A)", tolerance: 1e-12) {
            let a = try Matrix(rows: [[3, 0], [4, 5]])
            let svd = try SingularValueDecomposition(a)
            var worst = max(
                abs(svd.singularValues[0] - 45.0.squareRoot()), abs(svd.singularValues[1] - 5.0.squareRoot()))
            let back = try svd.reconstructed()
            for (x, y) in zip(back.columnMajorValues, a.columnMajorValues) { worst = max(worst, abs(x - y)) }
            return worst
        }
    }

    /// The line through (0,1), (1,3), (2,4), (3,4): by hand, `Sxy = Sxx = 5`, slope 1, intercept 1.5, residuals
    /// ±0.5, RSS 1.
    static func leastSquares() -> Result {
        check("dgels line fit (intercept 1.5, slope 1, RSS 1)", tolerance: 1e-12) {
            let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
            let solution = try LeastSquaresSolution(a: design, b: [1, 3, 4, 4])
            return max(
                abs(solution.coefficients[0] - 1.5), abs(solution.coefficients[1] - 1),
                abs(solution.residualSumOfSquares - 1))
        }
    }

    /// `[[4,2],[2,3]]·x = [6,5]` has `x = [1,1]` (Cramer: det 8, `x = (1/8)[[3,−2],[−2,4]]·[6,5]`).
    static func positiveDefiniteSolve() -> Result {
        check("dposv [[4,2],[2,3]]·x = [6,5] (x = [1,1])", tolerance: 1e-12) {
            let a = try Matrix(rows: [[4, 2], [2, 3]])
            let x = try a.solvePositiveDefinite([6, 5])
            return max(abs(x[0] - 1), abs(x[1] - 1))
        }
    }
}
