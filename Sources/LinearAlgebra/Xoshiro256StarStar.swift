import Foundation

/// A seeded pseudo-random number generator: xoshiro256** 1.0, seeded through SplitMix64.
///
/// State: four 64-bit words `s₀…s₃`. Each call returns `rotl(s₁·5, 7)·9` and advances the state with the
/// xoshiro256 linear transformation (period 2²⁵⁶ − 1). The seed is expanded into the state by four successive
/// outputs of SplitMix64 (Steele, Lea & Flood 2014), as the authors recommend, so nearby seeds give unrelated
/// streams. The generator is defined on 64-bit integers only, so the same seed gives the same stream on every
/// machine.
///
/// ``jump()`` advances the state by 2¹²⁸ steps with the authors' published jump polynomial; ``streams(seed:count:)``
/// uses it to give non-overlapping streams whose contents do not depend on how many threads consume them.
///
/// Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
/// *ACM Transactions on Mathematical Software* 47(4), 2021; reference code `xoshiro256starstar.c` and
/// `splitmix64.c` at prng.di.unimi.it.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    /// The four state words. Never all zero.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal deviate of the last Box–Muller pair, returned by the next ``normal()``.
    private var spareNormal: Double?

    /// A generator whose state is four successive SplitMix64 outputs starting from `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
        spareNormal = nil
    }

    /// A generator with the given state words; an all-zero state (a fixed point) is replaced by the seed-0 state.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        self.state = state == (0, 0, 0, 0) ? Xoshiro256StarStar(seed: 0).state : state
        self.spareNormal = nil
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = Self.rotl(state.3, 45)
        return result
    }

    /// A uniform draw from [0, 1): the top 53 bits of ``next()`` times 2⁻⁵³ (every multiple of 2⁻⁵³ equally likely).
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw from `[range.lowerBound, range.upperBound)`: `a + (b − a)·u` with `u` from ``uniform()``.
    public mutating func uniform(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A standard normal draw (mean 0, variance 1) by the Box–Muller transform.
    ///
    /// From two uniforms, `u₁ = 1 − uniform() ∈ (0, 1]` and `u₂ = uniform()`, with `r = √(−2 ln u₁)` and
    /// `θ = 2π·u₂`, the pair `(r·cos θ, r·sin θ)` is two independent N(0, 1) deviates; the first is returned and
    /// the second kept for the next call (so draws come in pairs and the stream is reproducible).
    ///
    /// Reference: G. E. P. Box and M. E. Muller, "A note on the generation of random normal deviates",
    /// *Annals of Mathematical Statistics* 29(2), 1958.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = 1 - uniform()
        let u2 = uniform()
        let r = (-2 * log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        spareNormal = r * sin(theta)
        return r * cos(theta)
    }

    /// A normal draw with the given mean and standard deviation: `mean + sd·z`.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// Advances the state by 2¹²⁸ calls of ``next()`` (the authors' `jump()`); clears any spare normal deviate.
    public mutating func jump() {
        applyJump([0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    /// Advances the state by 2¹⁹² calls of ``next()`` (the authors' `long_jump()`).
    public mutating func longJump() {
        applyJump([0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635])
    }

    private mutating func applyJump(_ polynomial: [UInt64]) {
        var s0: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    s0 ^= state.0
                    s1 ^= state.1
                    s2 ^= state.2
                    s3 ^= state.3
                }
                _ = next()
            }
        }
        state = (s0, s1, s2, s3)
        spareNormal = nil
    }

    /// `count` independent generators: stream `i` is the seeded generator jumped `i` times (2¹²⁸·i steps ahead).
    ///
    /// Assign stream `i` to work item `i` (not to thread `i`) and the results do not depend on the thread count.
    public static func streams(seed: UInt64, count: Int) -> [Xoshiro256StarStar] {
        var generator = Xoshiro256StarStar(seed: seed)
        var result: [Xoshiro256StarStar] = []
        result.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) {
            result.append(generator)
            generator.jump()
        }
        return result
    }

    public static func == (lhs: Xoshiro256StarStar, rhs: Xoshiro256StarStar) -> Bool {
        lhs.state == rhs.state && lhs.spareNormal == rhs.spareNormal
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
        hasher.combine(spareNormal)
    }
}
