/// A dense column-major matrix of `Double`, with NaN standing for a missing value.
///
/// Construction works on two shapes: units × indicators for one year, and units × years for one indicator.
/// Element (r, c) lives at `values[r + c·rows]`, so each column (one indicator, or one year) is contiguous.
///
/// This is a deliberately small type so that the construction methods do not depend on the numeric core's
/// `Matrix` while that lands; the two can be unified later.
public struct Grid: Sendable, Equatable {
    /// Number of rows (units).
    public let rows: Int
    /// Number of columns (indicators, children or years).
    public let columns: Int
    /// The elements, column after column.
    public var values: [Double]

    /// A grid filled with `value` (NaN by default: everything missing).
    public init(rows: Int, columns: Int, repeating value: Double = .nan) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.values = Array(repeating: value, count: self.rows * self.columns)
    }

    /// A grid over `values` given column after column.
    /// - Throws: ``ConstructionError/shapeMismatch(what:expected:found:)`` when `values.count != rows·columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw ConstructionError.shapeMismatch(
                what: "grid values", expected: "\(max(rows, 0) * max(columns, 0))", found: "\(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A grid from its columns (each of the same length).
    /// - Throws: ``ConstructionError/shapeMismatch(what:expected:found:)`` when the columns differ in length.
    public init(columns cols: [[Double]]) throws {
        let rows = cols.first?.count ?? 0
        for (index, column) in cols.enumerated() where column.count != rows {
            throw ConstructionError.shapeMismatch(
                what: "column \(index)", expected: "\(rows) rows", found: "\(column.count)")
        }
        self.rows = rows
        self.columns = cols.count
        self.values = cols.flatMap { $0 }
    }

    /// The element in row `row`, column `column`.
    @inlinable public subscript(row: Int, column: Int) -> Double {
        get { values[row + column * rows] }
        set { values[row + column * rows] = newValue }
    }

    /// A copy of column `column`.
    public func column(_ column: Int) -> [Double] {
        Array(values[(column * rows)..<((column + 1) * rows)])
    }

    /// Replaces column `column` with `newValues` (which must have `rows` elements).
    public mutating func setColumn(_ column: Int, to newValues: [Double]) {
        values.replaceSubrange((column * rows)..<((column + 1) * rows), with: newValues)
    }
}
