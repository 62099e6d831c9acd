/// A dense matrix of `Double` stored column by column, with value semantics.
///
/// Element `(i, j)` lives at `storage[i + j * rows]` (column-major, the layout BLAS and LAPACK use), so a column is
/// one contiguous run of memory. Copies share storage until one of them is mutated (copy-on-write through the
/// underlying array). Missing values are represented as `Double.nan` by the statistics that accept them.
///
/// Equality compares shapes and elements with IEEE `==`, so a matrix holding NaN is not equal to itself.
///
/// Complexity: element access is O(1); ``transposed`` and ``row(_:)`` are O(rows × columns) and O(columns).
public struct Matrix: Sendable, Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements in column-major order (`rows * columns` values).
    public var columnMajorValues: [Double] { storage }

    /// Column-major storage; `storage.count == rows * columns` always.
    @usableFromInline
    internal var storage: [Double]

    /// Creates a matrix from values given column by column.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when a dimension is negative or
    ///   `values.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor values: [Double]) throws {
        guard rows >= 0, columns >= 0 else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(rows:columns:columnMajor:)", expected: "non-negative dimensions",
                found: "\(rows)x\(columns)")
        }
        guard values.count == rows * columns else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(rows:columns:columnMajor:)", expected: "\(rows * columns) values for \(rows)x\(columns)",
                found: "\(values.count) values")
        }
        self.rows = rows
        self.columns = columns
        self.storage = values
    }

    /// Creates a matrix from a list of rows, as a matrix is written on paper.
    ///
    /// An empty list gives a 0×0 matrix.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when the rows differ in length.
    public init(rows rowValues: [[Double]]) throws {
        let rowCount = rowValues.count
        let columnCount = rowValues.first?.count ?? 0
        for (index, row) in rowValues.enumerated() where row.count != columnCount {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(rows:)", expected: "\(columnCount) values in every row",
                found: "\(row.count) values in row \(index)")
        }
        var values = [Double](repeating: 0, count: rowCount * columnCount)
        for i in 0..<rowCount {
            for j in 0..<columnCount { values[i + j * rowCount] = rowValues[i][j] }
        }
        self.rows = rowCount
        self.columns = columnCount
        self.storage = values
    }

    /// Creates a matrix from a list of columns.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when the columns differ in length.
    public init(columns columnValues: [[Double]]) throws {
        let rowCount = columnValues.first?.count ?? 0
        for (index, column) in columnValues.enumerated() where column.count != rowCount {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix(columns:)", expected: "\(rowCount) values in every column",
                found: "\(column.count) values in column \(index)")
        }
        self.rows = rowCount
        self.columns = columnValues.count
        self.storage = columnValues.flatMap { $0 }
    }

    /// Creates a `rows × columns` matrix with every element equal to `value`.
    ///
    /// Negative dimensions are a programming error and are treated as zero.
    public init(rows: Int, columns: Int, repeating value: Double) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.storage = [Double](repeating: value, count: self.rows * self.columns)
    }

    /// A `rows × columns` matrix of zeros.
    public static func zeros(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix.zeros(rows: n, columns: n)
        for i in 0..<matrix.rows { matrix.storage[i + i * matrix.rows] = 1 }
        return matrix
    }

    /// A square matrix with `values` on its diagonal and zeros elsewhere.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var matrix = Matrix.zeros(rows: values.count, columns: values.count)
        for (i, value) in values.enumerated() { matrix.storage[i + i * values.count] = value }
        return matrix
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// The element in row `i`, column `j` (both zero-based). Out-of-range indices trap, like `Array`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range")
            return storage[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index (\(i), \(j)) out of range")
            storage[i + j * rows] = newValue
        }
    }

    /// Row `i` as an array of `columns` values.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row \(i) out of range")
        return (0..<columns).map { columnMajorValues[i + $0 * rows] }
    }

    /// Column `j` as an array of `rows` values (a contiguous copy).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column \(j) out of range")
        return Array(columnMajorValues[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `values.count != rows`.
    public mutating func setColumn(_ j: Int, to values: [Double]) throws {
        precondition(j >= 0 && j < columns, "Matrix column \(j) out of range")
        guard values.count == rows else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix.setColumn", expected: "\(rows) values", found: "\(values.count) values")
        }
        storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }

    /// Replaces row `i`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:found:)`` when `values.count != columns`.
    public mutating func setRow(_ i: Int, to values: [Double]) throws {
        precondition(i >= 0 && i < rows, "Matrix row \(i) out of range")
        guard values.count == columns else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "Matrix.setRow", expected: "\(columns) values", found: "\(values.count) values")
        }
        for j in 0..<columns { storage[i + j * rows] = values[j] }
    }

    /// The rows of the matrix as arrays (row-major), e.g. for printing or comparison in tests.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The transpose `Aᵀ`, with `Aᵀ[j, i] = A[i, j]`.
    public var transposed: Matrix {
        var values = [Double](repeating: 0, count: rows * columns)
        for j in 0..<columns {
            for i in 0..<rows { values[j + i * columns] = columnMajorValues[i + j * rows] }
        }
        return Matrix(unchecked: values, rows: columns, columns: rows)
    }

    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool { columnMajorValues.allSatisfy(\.isFinite) }

    /// Calls `body` with the column-major elements; the buffer is valid only during the call.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable access to the column-major elements, without copying when the storage is not
    /// shared; the buffer is valid only during the call.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Internal: wraps storage already known to have `rows * columns` elements.
    @usableFromInline
    init(unchecked values: [Double], rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.storage = values
    }
}

extension Matrix: CustomStringConvertible {
    /// The matrix row by row, e.g. `[[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String { "\(rows)x\(columns) \(rowArrays)" }
}

extension Matrix {
    /// Whether every element differs from `other`'s by at most `absoluteTolerance`, and the shapes agree.
    public func isApproximatelyEqual(to other: Matrix, absoluteTolerance: Double) -> Bool {
        guard rows == other.rows, columns == other.columns else { return false }
        return zip(columnMajorValues, other.columnMajorValues).allSatisfy { abs($0 - $1) <= absoluteTolerance }
    }

    /// The largest absolute element, or 0 for an empty matrix.
    public var maxAbsoluteValue: Double { columnMajorValues.reduce(0) { max($0, abs($1)) } }
}
