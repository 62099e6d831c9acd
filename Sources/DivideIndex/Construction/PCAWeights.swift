import DivideData
import LinearAlgebra

/// PCA-derived weights: the loadings of the first principal component of the children's correlation matrix.
///
/// With X the observations × children matrix restricted to rows without missing values, R the Pearson
/// correlation matrix of its columns and R = V·Λ·Vᵀ (LAPACK `dsyevd`), the weights are the column of V for the
/// largest eigenvalue — COINr's "PCA weights" (`get_PCA`, `prcomp(center = TRUE, scale = TRUE)$rotation[, 1]`,
/// rows with NAs removed by `na.omit`). An eigenvector's sign is arbitrary: we choose the one whose loadings sum
/// to a positive number (COINr keeps whatever sign R returns). A loading that is still negative cannot be a
/// weight and is an error, as is a child without spread, or fewer than 3 complete rows.
///
/// COINr's documentation warns that these weights favour the most correlated children and can be unbalanced.
public enum PCAWeights {
    /// The first principal component's loadings for the columns of `data` (rows = observations).
    /// - Parameters:
    ///   - data: observations × children.
    ///   - node: the node's name, for error messages.
    ///   - children: the children's names, for error messages.
    public static func firstComponent(_ data: Matrix, node: String = "", children: [String] = []) throws -> [Double] {
        let k = data.columns
        let name = { (c: Int) in c < children.count ? children[c] : "column \(c)" }
        let complete = (0..<data.rows).filter { r in (0..<k).allSatisfy { !data[r, $0].isNaN } }
        guard complete.count >= 3 else {
            throw ConstructionError.invalidParameter(
                method: "PCA weights", parameter: "node \(node)",
                expected: "at least 3 units × years with every child present", found: "\(complete.count)")
        }
        let rows = complete.map { r in (0..<k).map { data[r, $0] } }
        let correlation = Correlation.pearson(try Matrix(rows: rows)).coefficients
        for c in 0..<k where correlation[c, c].isNaN {
            throw ConstructionError.invalidParameter(
                method: "PCA weights", parameter: "node \(node), child \(name(c))",
                expected: "values that vary across units", found: "a constant column")
        }
        let eigen = try SymmetricEigendecomposition(symmetric: correlation)
        var loadings = eigen.vectors.column(k - 1)
        if loadings.reduce(0, +) < 0 { loadings = loadings.map { -$0 } }
        for (c, l) in loadings.enumerated() where l < 0 {
            throw ConstructionError.invalidParameter(
                method: "PCA weights", parameter: "node \(node), child \(name(c))",
                expected: "a non-negative loading on the first principal component (use explicit weights)",
                found: "\(l)")
        }
        return loadings
    }
}
