import Foundation
import Testing
@testable import LinearAlgebra

@Suite struct VectorLogTests {
    /// Within 1 ulp of the C library's correctly rounded-in-practice `log` (glibc's error bound is < 0.52 ulp) over
    /// random values spanning the whole normal range, the range of shifted index scores (1…101), values near 1
    /// (where `ln x → 0` and relative error is hardest), around the reduction's boundary √2/2 and at powers of two.
    @Test func withinOneUlpOfTheSystemLog() {
        var rng = Xoshiro256StarStar(seed: 3)
        var samples: [Double] = [1, 2, 0.5, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.7071067811865476,
                                 0.7071067811865475, 1.4142135623730951, 101, Double.ulpOfOne + 1, 1 - Double.ulpOfOne]
        for _ in 0..<20000 {
            samples.append(exp(rng.uniform(in: -700..<700)))
            samples.append(1 + 100 * rng.uniform())
            samples.append(1 + rng.uniform(in: -1e-3..<1e-3))
            samples.append(Double(sign: .plus, exponent: Int(rng.uniform() * 2000) - 1000,
                                  significand: 0.70710678 + rng.uniform() * 1e-7))
        }
        var worst = 0.0
        for x in samples {
            #expect(VectorLog.isInDomain(x))
            let expected = Foundation.log(x), ours = VectorLog.log(x)
            let ulps = expected == 0 ? abs(ours) / Double.leastNonzeroMagnitude : abs(ours - expected) / expected.ulp
            worst = max(worst, ulps)
        }
        #expect(worst <= 1, "worst error \(worst) ulp")
        #expect(VectorLog.log(1) == 0 && VectorLog.log(2) == Foundation.log(2.0))
    }

    @Test func domain() {
        for x in [0, -1, .nan, .infinity, Double.leastNonzeroMagnitude, -.leastNormalMagnitude] {
            #expect(!VectorLog.isInDomain(x))
        }
    }
}
