import Foundation
import Testing
@testable import LinearAlgebra

@Suite struct RandomTests {
    // Reference values from the authors' C code (xoshiro256starstar.c, splitmix64.c), compiled here:
    //   gcc -O2 -std=c99 -o /tmp/ref scripts/reference/xoshiro256starstar-reference.c && /tmp/ref
    // which seeds splitmix64 with x = 42, fills s[0..3] with four splitmix64_next() calls, prints the state,
    // five next() values, calls jump() and prints three more next(); then three next() from seed 0.
    // The C program is the reference code verbatim (next, jump, splitmix64 next) plus a main() that prints.
    @Test func matchesReferenceImplementation() {
        var rng = Xoshiro256StarStar(seed: 42)
        #expect(rng.state == (0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52, 0x581C_E1FF_0E4A_E394))
        let first = (0..<5).map { _ in rng.next() }
        #expect(first == [
            0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1,
            0xFDE6_DC7F_E2EC_5E64,
        ])
        rng.jump()
        #expect((0..<3).map { _ in rng.next() } == [0x1EAB_92F3_C946_0792, 0xF548_4AA4_3E93_F003, 0x42E0_A9AE_4359_C6FE])
        var zero = Xoshiro256StarStar(seed: 0)
        #expect((0..<3).map { _ in zero.next() } == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
    }

    @Test func uniformUsesTop53Bits() {
        var rng = Xoshiro256StarStar(seed: 42)
        // 0x15780b2e0c2ec716 >> 11, times 2⁻⁵³.
        #expect(rng.uniform() == Double(UInt64(0x1578_0B2E_0C2E_C716) >> 11) / 9_007_199_254_740_992)
    }

    @Test func sameSeedSameStream() {
        var a = Xoshiro256StarStar(seed: 2026), b = Xoshiro256StarStar(seed: 2026)
        #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
        var c = Xoshiro256StarStar(seed: 2027)
        #expect(a.next() != c.next())
    }

    @Test func streamsAreJumpedCopies() {
        let streams = Xoshiro256StarStar.streams(seed: 42, count: 3)
        var manual = Xoshiro256StarStar(seed: 42)
        #expect(streams[0] == manual)
        manual.jump()
        #expect(streams[1] == manual)
        manual.jump()
        #expect(streams[2] == manual)
        // Reference C: seed 42, jump() at once, then next() twice → 0x50086ef83cbf4f4a, 0xba285ec21347d703.
        var s1 = streams[1]
        #expect([s1.next(), s1.next()] == [0x5008_6EF8_3CBF_4F4A, 0xBA28_5EC2_1347_D703])
    }

    @Test func uniformMoments() {
        var rng = Xoshiro256StarStar(seed: 7)
        let n = 200_000
        let draws = (0..<n).map { _ in rng.uniform() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let s = ColumnSummary(draws)
        // U(0,1): mean 1/2 (sd of the mean √(1/12/n) ≈ 0.00065), variance 1/12, excess kurtosis −6/5.
        #expect(abs(s.mean - 0.5) < 0.004)
        #expect(abs(s.populationVariance - 1.0 / 12) < 0.002)
        #expect(abs(s.excessKurtosis + 1.2) < 0.02)
        var ranged = Xoshiro256StarStar(seed: 8)
        let inRange = (0..<1000).map { _ in ranged.uniform(in: -3..<5) }
        #expect(inRange.allSatisfy { $0 >= -3 && $0 < 5 })
    }

    @Test func normalMoments() {
        var rng = Xoshiro256StarStar(seed: 11)
        let n = 200_000
        let s = ColumnSummary((0..<n).map { _ in rng.normal() })
        // N(0,1): mean 0 (sd of the mean 1/√n ≈ 0.0022), variance 1, skewness 0, excess kurtosis 0.
        #expect(abs(s.mean) < 0.012)
        #expect(abs(s.sampleVariance - 1) < 0.02)
        #expect(abs(s.skewness) < 0.03)
        #expect(abs(s.excessKurtosis) < 0.06)
        var shifted = Xoshiro256StarStar(seed: 12)
        let t = ColumnSummary((0..<n).map { _ in shifted.normal(mean: 10, standardDeviation: 2) })
        #expect(abs(t.mean - 10) < 0.03 && abs(t.sampleStandardDeviation - 2) < 0.03)
    }

    @Test func worksWithSwiftRandomAPIs() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        #expect(Int.random(in: 0..<1000, using: &a) == Int.random(in: 0..<1000, using: &b))
        #expect([1, 2, 3, 4, 5].shuffled(using: &a) == [1, 2, 3, 4, 5].shuffled(using: &b))
    }
}
