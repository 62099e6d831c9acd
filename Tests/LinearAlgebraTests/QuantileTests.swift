import Testing
@testable import LinearAlgebra

@Suite struct QuantileTests {
    // python3 -c "import numpy as np; print(np.quantile([2,4,4,4,5,5,7,9],[0,0.1,0.25,0.5,0.9,1]))"
    // → [2.0, 3.4000000000000004, 4.0, 4.5, 7.6, 9.0]
    @Test func matchesNumpyLinear() throws {
        let q = try Quantile.type7([9, 4, .nan, 2, 4, 5, 4, 7, 5], probabilities: [0, 0.1, 0.25, 0.5, 0.9, 1])
        let expected = [2.0, 3.4000000000000004, 4.0, 4.5, 7.6, 9.0]
        for (a, b) in zip(q, expected) { #expect(close(a, b, 1e-14)) }
    }

    // python3 -c "import numpy as np; print(np.quantile([1.5,-2.25,3.0,10.0,0.125],[0.33,0.75]))"
    // → [0.5650000000000001, 3.0]
    @Test func interpolates() throws {
        let q = try Quantile.type7([1.5, -2.25, 3.0, 10.0, 0.125], probabilities: [0.33, 0.75])
        #expect(close(q[0], 0.5650000000000001, 1e-14) && q[1] == 3)
        #expect(try Quantile.type7([7], probability: 0.3) == 7)
    }

    @Test func emptyGivesNaN() throws {
        #expect(try Quantile.type7([], probability: 0.5).isNaN)
        #expect(try Quantile.type7([.nan], probability: 0.5).isNaN)
    }

    @Test func rejectsProbabilityOutsideUnitInterval() {
        #expect(throws: LinearAlgebraError.self) { try Quantile.type7([1, 2], probability: 1.5) }
        #expect(throws: LinearAlgebraError.self) { try Quantile.type7([1, 2], probability: -0.1) }
        #expect(throws: LinearAlgebraError.self) { try Quantile.type7([1, 2], probability: .nan) }
    }
}
