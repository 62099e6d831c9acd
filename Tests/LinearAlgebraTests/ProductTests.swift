import Testing
@testable import LinearAlgebra

// Exact comparisons on BLAS products are deliberate here: every operand is a small integer, so every product and
// partial sum is an integer below 2^53 and exact whatever the kernel's order of summation or use of FMA.

/// Exact small integer products, worked by hand.
@Suite
struct ProductTests {
    let a = try! Matrix(rows: [[1, 2, 3], [4, 5, 6]])
    let b = try! Matrix(rows: [[7, 8], [9, 10], [11, 12]])

    @Test func matrixProductIsExact() throws {
        // 1·7+2·9+3·11 = 58, 1·8+2·10+3·12 = 64, 4·7+5·9+6·11 = 139, 4·8+5·10+6·12 = 154
        #expect(try (a * b).rowArrays == [[58, 64], [139, 154]])
        // Bᵀ·Aᵀ = (A·B)ᵀ
        #expect(try b.multiplied(by: a, transposingSelf: false).rowArrays
            == [[39, 54, 69], [49, 68, 87], [59, 82, 105]])
        #expect(try b.transposed.multiplied(by: a.transposed).rowArrays == [[58, 139], [64, 154]])
    }

    @Test func transposedOperands() throws {
        // Aᵀ·A by hand: [[17,22,27],[22,29,36],[27,36,45]]
        #expect(try a.multiplied(by: a, transposingSelf: true).rowArrays
            == [[17, 22, 27], [22, 29, 36], [27, 36, 45]])
        // A·Aᵀ = [[14,32],[32,77]]
        #expect(try a.multiplied(by: a, transposingOther: true).rowArrays == [[14, 32], [32, 77]])
    }

    @Test func gemmAccumulatesInPlace() throws {
        var c = try Matrix(rows: [[1, 1], [1, 1]])
        // C ← 2·A·B + 3·C
        try Matrix.gemm(alpha: 2, a: a, b: b, beta: 3, c: &c)
        #expect(c.rowArrays == [[119, 131], [281, 311]])
        // β = 0 ignores NaN already in C.
        var d = Matrix(rows: 2, columns: 2, repeating: .nan)
        try Matrix.gemm(a: a, b: b, beta: 0, c: &d)
        #expect(d.rowArrays == [[58, 64], [139, 154]])
    }

    @Test func gemmReusesOutputStorage() throws {
        var c = Matrix.zeros(rows: 2, columns: 2)
        let before = c.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<3 { try Matrix.gemm(a: a, b: b, c: &c) }
        #expect(c.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(c.rowArrays == [[58, 64], [139, 154]])
    }

    @Test func emptyInnerDimensionGivesZeros() throws {
        let left = Matrix.zeros(rows: 2, columns: 0)
        let right = Matrix.zeros(rows: 0, columns: 3)
        var c = Matrix(rows: 2, columns: 3, repeating: 5)
        try Matrix.gemm(a: left, b: right, beta: 0, c: &c)
        #expect(c.columnMajorValues == [Double](repeating: 0, count: 6))
    }

    @Test func rejectsMismatchedShapes() {
        #expect(throws: LinearAlgebraError.self) { try a * a }
        var wrong = Matrix.zeros(rows: 3, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try Matrix.gemm(a: a, b: b, c: &wrong) }
        #expect(throws: LinearAlgebraError.self) { try a * [1, 2] }
    }

    @Test func matrixVector() throws {
        #expect(try a * [1, 0, -1] == [-2, -2])
        #expect(try a.multiplied(by: [1, 1], transposingSelf: true) == [5, 7, 9])
    }
}
