import Testing
@testable import LinearAlgebra

@Suite struct LinearAlgebraErrorTests {
    @Test func lapackInfoBecomesTypedErrors() {
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "dgels", position: 4)) {
            try LinearAlgebraError.check(-4, routine: "dgels") { .singular(routine: $0, info: $1) }
        }
        #expect(throws: LinearAlgebraError.didNotConverge(routine: "dsyevd", info: 3)) {
            try LinearAlgebraError.check(3, routine: "dsyevd") { .didNotConverge(routine: $0, info: $1) }
        }
        #expect(throws: LinearAlgebraError.workspaceAllocationFailed(routine: "dgesdd")) {
            try LinearAlgebraError.check(-1010, routine: "dgesdd") { .didNotConverge(routine: $0, info: $1) }
        }
        #expect(throws: Never.self) {
            try LinearAlgebraError.check(0, routine: "dposv") { .notPositiveDefinite(routine: $0, info: $1) }
        }
    }

    @Test func messagesNameWhatAndWhere() throws {
        let error = LinearAlgebraError.nonFinite(operation: "dgels", row: 3, column: 1, value: .infinity)
        #expect(error.description == "dgels: expected finite numbers, found inf at row 3, column 1")
        #expect(LinearAlgebraError.notPositiveDefinite(routine: "dposv", info: 2).description
            == "dposv: the matrix is not positive definite (leading minor of order 2 is not positive)")
        do {
            _ = try Matrix(rows: 2, columns: 2, columnMajor: [1])
            Issue.record("expected a shape error")
        } catch {
            #expect("\(error)" == "Matrix(rows:columns:columnMajor:): expected 4 values for 2x2, found 1 values")
        }
    }
}
