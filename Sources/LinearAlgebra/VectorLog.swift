/// A natural logarithm written so that a loop calling it vectorises (no table, no branch, no libm call), for the hot
/// loops that take millions of logarithms (the geometric means of a Monte Carlo).
///
/// Method (fdlibm `e_log.c`, Sun Microsystems 1993; the reduction as in musl `log.c`): write `x = 2ᵏ·m` with
/// `m ∈ [√2/2, √2)` by integer arithmetic on the bit pattern, `f = m − 1`, `s = f/(2 + f)`; then
/// `ln m = f − ½f² + s·(½f² + R(s²))` with fdlibm's degree-14 minimax polynomial `R`, and
/// `ln x = k·ln2_hi − ((½f² − (s·(½f² + R) + k·ln2_lo)) − f)`. Error below 1 ulp.
///
/// Valid for positive normal finite `x` only (``isInDomain(_:)``); callers take `Foundation.log` otherwise.
public enum VectorLog {
    /// Whether ``log(_:)`` is exact to 1 ulp at `x` (positive, normal and finite).
    @inline(__always)
    public static func isInDomain(_ x: Double) -> Bool {
        x >= .leastNormalMagnitude && x <= .greatestFiniteMagnitude
    }

    /// `ln x` for `x` in ``isInDomain(_:)`` (meaningless elsewhere).
    @inline(__always)
    public static func log(_ x: Double) -> Double {
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        let lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01, lg3 = 2.857142874366239149e-01
        let lg4 = 2.222219843214978396e-01, lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01
        let lg7 = 1.479819860511658591e-01
        let bits = x.bitPattern
        // t = bits − bits(√2/2): its top 12 bits are k (two's complement), the rest m's position in [√2/2, √2).
        let t = bits &- 0x3FE6_A09E_667F_3BCD
        let m = Double(bitPattern: bits &- (t & 0xFFF0_0000_0000_0000))
        // k as a double without an integer conversion: (k + 2048) mod 4096 placed in a mantissa of 2⁵².
        let biased = ((t >> 52) &+ 2048) & 4095
        let k = Double(bitPattern: 0x4330_0000_0000_0000 | biased) - (4_503_599_627_370_496.0 + 2048)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s, w = z * z
        let t1 = w * (lg2 + w * (lg4 + w * lg6))
        let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
        let r = t2 + t1
        let hfsq = 0.5 * f * f
        return k * ln2Hi - ((hfsq - (s * (hfsq + r) + k * ln2Lo)) - f)
    }
}
