import DivideData
import DivideIndex
import LinearAlgebra

/// Cronbach's alpha of a set of items (columns), computed on the complete cases (rows with every item present).
///
/// - Raw: `α = k/(k−1)·(1 − Σᵢ σᵢ² / σ²_total)` (undefined when `σ²_total ≤ 10⁻¹²·Σσᵢ²`) with `σᵢ²` each item's sample variance and `σ²_total` that of the row
///   sums (L. J. Cronbach, "Coefficient alpha and the internal structure of tests", *Psychometrika* 16(3), 1951).
/// - Standardised: `α_std = k·r̄ / (1 + (k−1)·r̄)`, `r̄` the mean of the `k(k−1)/2` Pearson correlations between
///   items — the raw α of the z-scored items (Spearman–Brown form).
/// Rule of thumb: α ≥ 0.7 means the items measure one thing (METHODS §2). COINr `get_cronbach` reports the raw form.
public struct CronbachAlpha: Sendable, Equatable, Codable {
    /// `α`; nil when undefined (fewer than 2 items or 2 complete cases, or the row sums do not vary).
    public var raw: Double?
    /// `α_std`; nil when undefined (an item constant over the complete cases).
    public var standardised: Double?
    /// The number of items `k` and of complete cases used.
    public var items: Int
    public var completeCases: Int

    package enum CodingKeys: String, CodingKey {
        case raw, standardised, items
        case completeCases = "complete_cases"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(raw, forKey: .raw)
        try c.encode(standardised, forKey: .standardised)
        try c.encode(items, forKey: .items)
        try c.encode(completeCases, forKey: .completeCases)
    }

    /// Alpha of the columns of `data` (rows = units, NaN = missing).
    public init(_ data: Matrix) {
        let complete = Coherence.completeRows(data)
        let k = data.columns
        items = k
        completeCases = complete.rows
        raw = nil
        standardised = nil
        guard k >= 2, complete.rows >= 2 else { return }
        let summaries = complete.columnSummaries()
        let itemVariance = summaries.reduce(0) { $0 + $1.sampleVariance }
        let rowSums = (0..<complete.rows).map { r in (0..<k).reduce(0) { $0 + complete[r, $1] } }
        let totalVariance = ColumnSummary(rowSums).sampleVariance
        let K = Double(k)
        // Row sums that vary only by rounding (items cancelling exactly) leave α undefined, not huge and negative.
        if totalVariance > 1e-12 * itemVariance { raw = K / (K - 1) * (1 - itemVariance / totalVariance) }
        let r = Correlation.pearson(complete).coefficients
        var sum = 0.0, defined = true
        for i in 0..<k {
            for j in (i + 1)..<k {
                if r[i, j].isNaN { defined = false }
                sum += r[i, j]
            }
        }
        if defined {
            let mean = sum / (K * (K - 1) / 2)
            let value = K * mean / (1 + (K - 1) * mean)
            standardised = value.isFinite ? value : nil
        }
    }
}

/// Principal components of a node's children: the eigen-decomposition of their Pearson correlation matrix over
/// the complete cases (LAPACK `dsyevd`), i.e. PCA of the centred and standardised data (R `prcomp(center = TRUE,
/// scale. = TRUE)`, as COINr `get_PCA`).
///
/// - ``eigenvalues`` descending; they sum to `k`, so ``varianceShares`` `= λⱼ/k`.
/// - ``loadings``: the unit-length eigenvector of the largest eigenvalue (prcomp's `rotation[, 1]`, COINr's "PCA
///   weights"). Its sign is arbitrary; we choose the one whose coefficients sum to a positive number (as
///   `PCAWeights`), so a negative coefficient marks a child pulling against the others.
/// - ``dominant``: the node is one-dimensional when exactly one eigenvalue exceeds 1 (Kaiser criterion: H. F.
///   Kaiser, "The application of electronic computers to factor analysis", *Educational and Psychological
///   Measurement* 20(1), 1960) **and** the first component explains at least the threshold share (default 60%).
public struct PrincipalComponents: Sendable, Equatable, Codable {
    public var eigenvalues: [Double]
    public var varianceShares: [Double]
    public var loadings: [Double]
    public var completeCases: Int
    /// Eigenvalues above 1.
    public var componentsAboveOne: Int
    public var dominant: Bool

    package enum CodingKeys: String, CodingKey {
        case eigenvalues, loadings, dominant
        case varianceShares = "variance_shares"
        case completeCases = "complete_cases"
        case componentsAboveOne = "components_above_one"
    }

    /// PCA of the columns of `data` (rows = units, NaN = missing).
    /// - Throws: ``AnalysisError/tooFewObservations(measure:expected:found:)`` with fewer than 3 complete cases,
    ///   ``AnalysisError/undefined(measure:reason:)`` when a column is constant over them; LAPACK errors.
    public init(_ data: Matrix, dominantShare: Double = 0.6) throws {
        let complete = Coherence.completeRows(data)
        let k = data.columns
        guard complete.rows >= 3 else {
            throw AnalysisError.tooFewObservations(measure: "principal components", expected: 3, found: complete.rows)
        }
        let r = Correlation.pearson(complete).coefficients
        for j in 0..<k where r[j, j].isNaN {
            throw AnalysisError.undefined(
                measure: "principal components", reason: "column \(j) is constant over the complete cases")
        }
        let eigen = try SymmetricEigendecomposition(symmetric: r)
        eigenvalues = eigen.values.reversed().map { Swift.max(0, $0) }
        let total = eigenvalues.reduce(0, +)
        varianceShares = eigenvalues.map { $0 / total }
        var first = eigen.vectors.column(k - 1)
        if first.reduce(0, +) < 0 { first = first.map { -$0 } }
        loadings = first
        completeCases = complete.rows
        componentsAboveOne = eigenvalues.filter { $0 > 1 + 1e-12 }.count
        dominant = componentsAboveOne == 1 && varianceShares[0] >= dominantShare
    }
}

/// Helpers shared by the coherence measures.
package enum Coherence {
    /// The rows of `data` with no NaN, as a matrix.
    package static func completeRows(_ data: Matrix) -> Matrix {
        let rows = (0..<data.rows).filter { r in (0..<data.columns).allSatisfy { !data[r, $0].isNaN } }
        var values: [Double] = []
        values.reserveCapacity(rows.count * data.columns)
        for j in 0..<data.columns { for r in rows { values.append(data[r, j]) } }
        return (try? Matrix(rows: rows.count, columns: data.columns, columnMajor: values))
            ?? Matrix.zeros(rows: 0, columns: data.columns)
    }
}
