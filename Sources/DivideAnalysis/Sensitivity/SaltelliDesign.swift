import DivideData
import DivideIndex
import LinearAlgebra

/// The Saltelli sampling design for variance-based sensitivity analysis: base matrices `A` and `B` and, for each
/// input `i`, `A_B^(i)` (`A` with column `i` taken from `B`).
///
/// Inputs live on the unit hypercube `[0, 1)^k`; the model maps a point to its input distributions (e.g. `−π + 2πu`
/// for a uniform on `[−π, π)`, or an inverse CDF). `A` and `B` are `N × k` independent uniform draws from a seeded
/// `LinearAlgebra`'s `Xoshiro256StarStar` (row by row: for row `j`, the `k` values of `A` then the `k` values of `B`, i.e. one
/// `2k`-dimensional point split in two), so the same seed gives the same design on every machine. This is plain
/// Monte Carlo, not a Sobol low-discrepancy sequence: estimates converge as `O(N^(−1/2))`, which the bootstrap
/// intervals quantify; choose `N` accordingly (a few thousand for indices to ±0.02).
///
/// The model runs are the rows of ``runs``, in the order `A` (rows `0…N−1`), `B` (`N…2N−1`), then `A_B^(1)` …
/// `A_B^(k)`, `N(k + 2)` runs in all.
///
/// Reference: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola, "Variance based
/// sensitivity analysis of model output. Design and estimator for the total sensitivity index", *Computer Physics
/// Communications* 181(2), 2010, pp. 259–270, §3.
public struct SaltelliDesign: Sendable, Equatable {
    /// `N`, the number of base samples.
    public let sampleSize: Int
    /// `k`, the number of uncertain inputs.
    public let dimension: Int
    /// `A`, `N × k`.
    public let a: Matrix
    /// `B`, `N × k`.
    public let b: Matrix

    /// Draws `A` and `B` from a generator seeded with `seed`.
    /// - Throws: ``AnalysisError/invalidParameter(measure:argument:expected:found:)`` unless `N ≥ 2` and `k ≥ 1`.
    public init(sampleSize: Int, dimension: Int, seed: UInt64) throws {
        guard sampleSize >= 2 else {
            throw AnalysisError.invalidParameter(
                measure: "Saltelli design", argument: "sampleSize", expected: "at least 2", found: Double(sampleSize))
        }
        guard dimension >= 1 else {
            throw AnalysisError.invalidParameter(
                measure: "Saltelli design", argument: "dimension", expected: "at least 1", found: Double(dimension))
        }
        var rng = Xoshiro256StarStar(seed: seed)
        var a = [Double](repeating: 0, count: sampleSize * dimension)
        var b = a
        for j in 0..<sampleSize {
            for i in 0..<dimension { a[j + i * sampleSize] = rng.uniform() }
            for i in 0..<dimension { b[j + i * sampleSize] = rng.uniform() }
        }
        self.sampleSize = sampleSize
        self.dimension = dimension
        self.a = try Matrix(rows: sampleSize, columns: dimension, columnMajor: a)
        self.b = try Matrix(rows: sampleSize, columns: dimension, columnMajor: b)
    }

    /// `N(k + 2)`.
    public var runCount: Int { sampleSize * (dimension + 2) }

    /// The inputs of run `r` (see the type's documentation for the order).
    public func run(_ r: Int) -> [Double] {
        let block = r / sampleSize, j = r % sampleSize
        switch block {
        case 0: return a.row(j)
        case 1: return b.row(j)
        default:
            var point = a.row(j)
            point[block - 2] = b[j, block - 2]
            return point
        }
    }

    /// Every run as a row of one `N(k + 2) × k` matrix, for models evaluated in a batch.
    public var runs: Matrix {
        let n = sampleSize, k = dimension, rows = runCount
        var result = Matrix(rows: rows, columns: k, repeating: 0)
        let aValues = a.columnMajorValues, bValues = b.columnMajorValues
        result.withUnsafeMutableBufferPointer { values in
            for column in 0..<k {
                let base = column * rows
                for j in 0..<n {
                    let fromA = aValues[column * n + j], fromB = bValues[column * n + j]
                    values[base + j] = fromA
                    values[base + n + j] = fromB
                    for block in 0..<k { values[base + (2 + block) * n + j] = block == column ? fromB : fromA }
                }
            }
        }
        return result
    }
}
