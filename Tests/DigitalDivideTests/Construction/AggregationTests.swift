import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
import LinearAlgebra

@Suite struct AggregationTests {
    private func one(_ method: Aggregation, _ x: [Double], _ w: [Double]) throws -> Double {
        let grid = try Matrix(rows: 1, columns: x.count, columnMajor: x)
        return try method.aggregate(grid, weights: w).scores[0]
    }

    // COINr a_amean with a missing child: (2·60 + 3·90)/(2 + 3) = 390/5 = 78.
    @Test func arithmeticRenormalisesOverPresentChildren() throws {
        #expect(close(try one(.arithmetic, [.nan, 60, 90], [1, 2, 3]), 78))
        #expect(close(try one(.arithmetic, [30, 60, 90], [1, 2, 3]), (30 + 120 + 270) / 6.0))
    }

    // COINr a_gmean: exp((1·ln 4 + 3·ln 16)/4) = 2^((2 + 12)/4) = 2^3.5 = 11.313708498984761;
    // a missing child drops out with its weight: exp((3·ln 16)/3) = 16.
    @Test func geometricMean() throws {
        #expect(close(try one(.geometric, [4, 16], [1, 3]), 11.313708498984761))
        #expect(close(try one(.geometric, [.nan, 16], [1, 3]), 16))
    }

    @Test func geometricRejectsZeroWithLocation() throws {
        let grid = try Matrix(columns: [[1, 2], [3, 0]])
        #expect(throws: ConstructionError.invalidValue(method: "geometric", row: 1, column: 1, value: 0,
                                                       expected: "a value > 0", context: "")) {
            try Aggregation.geometric.aggregate(grid, weights: [1, 1])
        }
    }

    // Shift 1: exp((ln 1 + ln 4)/2) − 1 = 2 − 1 = 1 (the benchmark's zero-safe index).
    @Test func geometricShiftedIsZeroSafe() throws {
        #expect(close(try one(.geometricShifted(shift: 1), [0, 3], [1, 1]), 1))
    }

    // 2/(1/2 + 1/6) = 3; generalised p = 2: √((9 + 16)/2) = √12.5.
    @Test func harmonicAndGeneralised() throws {
        #expect(close(try one(.harmonic, [2, 6], [1, 1]), 3))
        #expect(close(try one(.generalised(power: 2), [3, 4], [1, 1]), 3.5355339059327378))
        #expect(close(try one(.generalised(power: 1), [3, 4, 11], [1, 2, 3]),
                      try one(.arithmetic, [3, 4, 11], [1, 2, 3])))
        #expect(close(try one(.generalised(power: -1), [2, 6], [1, 1]), 3))
        #expect(throws: ConstructionError.self) { try one(.harmonic, [0, 1], [1, 1]) }
    }

    // Sorted values with normalised weights: [1, 2, 3] w [.2, .2, .6]: for 3, below = .4 ≤ .5 and above = 0.
    // Equal weights on [1, 2, 3, 4]: 2 and 3 both qualify (cumulative weight ½ between them) → 2.5.
    @Test func weightedMedian() throws {
        #expect(close(try one(.weightedMedian, [1, 2, 3], [0.2, 0.2, 0.6]), 3))
        #expect(close(try one(.weightedMedian, [4, 1, 3, 2], [1, 1, 1, 1]), 2.5))
        #expect(close(try one(.weightedMedian, [10, 1, 5], [1, 1, 1]), 5))
        #expect(close(try one(.weightedMedian, [10, 1, 5], [1, 1, 5]), 5))
        #expect(close(try one(.weightedMedian, [10, 1, 5], [5, 1, 1]), 10))
    }

    // Coverage 0.5 with 3 children needs ⌈1.5⌉ = 2 present.
    @Test func coverageThresholdLeavesUnitsNotScored() throws {
        let grid = try Matrix(columns: [[1, 1, .nan], [2, .nan, .nan], [3, .nan, 4]])
        let r = try Aggregation.arithmetic.aggregate(grid, weights: [1, 1, 1], coverage: 0.5)
        #expect(close(r.scores, [2, .nan, .nan]))
        #expect(close(r.coverage, [1, 1.0 / 3, 1.0 / 3]))
        let all = try Aggregation.arithmetic.aggregate(grid, weights: [1, 1, 1])
        #expect(close(all.scores, [2, 1, 4]))
    }

    // numpy (Compind ci_mpi as coded): z = (X − X.mean(0))/X.std(0, ddof=1)·10 + 100;
    // M = z.mean(1); S = z.std(1, ddof=1); cv = S/M; POS: M(1 − cv²), NEG: M(1 + cv²).
    @Test func mazziottaPareto() throws {
        let grid = try Matrix(columns: [[60, 50, 90, 20], [70, 50, 40, 30], [80, 50, 65, 100]])
        let pos = try Aggregation.mazziottaPareto(penalty: .positive).aggregate(grid, weights: [1, 1, 1]).scores
        #expect(close(pos, [105.57078770983388, 95.75966535797653, 100.32952576672189, 94.72942607643179], 1e-12))
        let neg = try Aggregation.mazziottaPareto(penalty: .negative).aggregate(grid, weights: [1, 1, 1]).scores
        #expect(close(neg, [106.31769927168435, 96.64892818750448, 102.09471768184426, 98.54924994800285], 1e-12))
    }

    // Units A [3,1], B [2,2], C [1,3], D [3,1]; w = [.6, .4].
    // O_AB = .6 → A +1, B −1; O_AC = .6; O_AD = .6/2 + .4/2 = .5 → 0; O_BC = .6; O_BD = .4 → B −1, D +1;
    // O_CD = 0 → C −1, D +1. Scores: A 2, B −1, C −3, D 2.
    @Test func copeland() throws {
        let grid = try Matrix(columns: [[3, 2, 1, 3], [1, 2, 3, 1]])
        let r = try Aggregation.copeland.aggregate(grid, weights: [0.6, 0.4])
        #expect(r.scores == [2, -1, -3, 2])
    }

    // Property: scaling all weights together changes nothing.
    @Test(arguments: [Aggregation.arithmetic, .geometric, .harmonic, .generalised(power: 3), .weightedMedian, .copeland])
    func weightsScaledTogetherChangeNothing(method: Aggregation) throws {
        var rng = TestLCG(state: 3)
        let grid = try Matrix(rows: 20, columns: 4, columnMajor: (0..<80).map { k in k % 9 == 4 ? .nan : 1 + rng.next() * 99 })
        let w = [0.3, 1.7, 2.2, 0.9]
        let a = try method.aggregate(grid, weights: w).scores
        let b = try method.aggregate(grid, weights: w.map { $0 * 13.25 }).scores
        #expect(close(a, b, 1e-12))
    }

    // Property: raising one child's score never lowers the unit's score under monotone methods.
    @Test(arguments: [Aggregation.arithmetic, .geometric, .geometricShifted(shift: 1), .harmonic,
                      .generalised(power: 0.5), .weightedMedian])
    func improvingAChildNeverLowersTheScore(method: Aggregation) throws {
        var rng = TestLCG(state: 5)
        for _ in 0..<200 {
            let x = (0..<5).map { _ in 1 + rng.next() * 99 }
            let w = (0..<5).map { _ in 0.1 + rng.next() }
            let k = Int(rng.next() * 5)
            var better = x
            better[k] += rng.next() * 50
            #expect(try one(method, better, w) >= one(method, x, w) - 1e-12)
        }
    }
}
