import Testing
@testable import LinearAlgebra

@Suite struct MatrixTests {
    @Test func storesColumnMajor() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.columns == 3)
        #expect(a.columnMajorValues == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.column(2) == [3, 6])
        #expect(try Matrix(columns: [[1, 4], [2, 5], [3, 6]]) == a)
        #expect(try Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6]) == a)
    }

    @Test func rejectsShapeMismatch() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 3, columnMajor: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: -1, columns: 0, columnMajor: []) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(columns: [[1, 2], [3]]) }
        var a = Matrix.zeros(rows: 2, columns: 2)
        #expect(throws: LinearAlgebraError.self) { try a.setColumn(0, to: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try a.setRow(0, to: [1]) }
    }

    @Test func valueSemantics() throws {
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        var b = a
        b[0, 0] = 99
        #expect(a[0, 0] == 1)
        #expect(b[0, 0] == 99)
        try b.setRow(1, to: [7, 8])
        try b.setColumn(0, to: [5, 6])
        #expect(b.rowArrays == [[5, 2], [6, 8]])
    }

    @Test func transposeIdentityZeros() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed.rowArrays == [[1, 4], [2, 5], [3, 6]])
        #expect(a.transposed.transposed == a)
        #expect(Matrix.identity(3).rowArrays == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(Matrix.zeros(rows: 2, columns: 1).columnMajorValues == [0, 0])
        #expect(Matrix.diagonal([2, 3]).rowArrays == [[2, 0], [0, 3]])
        #expect(Matrix.identity(0).rows == 0)
    }

    @Test func unsafeBufferAccessWritesInPlace() throws {
        var a = Matrix.zeros(rows: 2, columns: 2)
        a.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = Double(index) }
        }
        #expect(a.rowArrays == [[0, 2], [1, 3]])
        #expect(a.withUnsafeBufferPointer { $0.reduce(0, +) } == 6)
    }
}
