import DivideData

/// The min-max normalisation of one column, from a buffer into a buffer, with no allocation: the kernel of
/// ``Construction/prepare(_:cube:threads:recycling:)``'s direct path.
///
/// Bit-identical to ``Normalisation/apply(to:direction:goalposts:target:referenceRow:degenerate:)`` with
/// ``Normalisation/minMax(lower:upper:)``: for direction +1, `z = (x − lo)/(hi − lo)·(u − l) + l`; for
/// direction −1 the method's `x·d` form, `(−x − (−hi))`, is the same IEEE result as `hi − x`, so
/// `z = (hi − x)/(hi − lo)·(u − l) + l`. With l = 0 and u = 100 this is the benchmark workload's step 1
/// (`100·((x − lo)/(hi − lo))`, WORKLOAD.md) bit for bit. When hi = lo every present value gets `degenerate`.
/// Missing values (NaN) stay NaN and get origin code 1 (missing), present ones 0 (observed). The column is read
/// twice (the second time from cache) and written once.
package enum MinMaxKernel {
    package static func normalise(_ x: UnsafePointer<Double>, count: Int, direction: Double, lower l: Double,
                          upper u: Double, degenerate: Double, into z: UnsafeMutablePointer<Double>,
                          codes: UnsafeMutablePointer<UInt8>) {
        // The method's literal form on x·d (d = ±1, an exact product). Eight running minima and maxima (two
        // SIMD4 lanes each) keep the pass bound by memory, not by one long compare chain; NaN compares false
        // and is never taken. The order of ±0 ties can differ from a single running minimum, which can change
        // only the sign of a zero before `+ l`, so never the result.
        var lo = Double.infinity, hi = -Double.infinity
        var k = 0
        if count >= 8 {
            var lo0 = SIMD4<Double>(repeating: .infinity), lo1 = lo0
            var hi0 = SIMD4<Double>(repeating: -.infinity), hi1 = hi0
            let raw = UnsafeRawPointer(x)
            while k + 8 <= count {
                let a = raw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD4<Double>.self) * direction
                let b = raw.loadUnaligned(fromByteOffset: 8 * k + 32, as: SIMD4<Double>.self) * direction
                lo0.replace(with: a, where: a .< lo0)
                lo1.replace(with: b, where: b .< lo1)
                hi0.replace(with: a, where: a .> hi0)
                hi1.replace(with: b, where: b .> hi1)
                k += 8
            }
            for lane in 0..<4 {
                if lo0[lane] < lo { lo = lo0[lane] }
                if lo1[lane] < lo { lo = lo1[lane] }
                if hi0[lane] > hi { hi = hi0[lane] }
                if hi1[lane] > hi { hi = hi1[lane] }
            }
        }
        while k < count {
            let v = x[k] * direction
            if v < lo { lo = v }
            if v > hi { hi = v }
            k += 1
        }
        guard lo <= hi else {  // no value present
            for k in 0..<count { z[k] = .nan; codes[k] = 1 }
            return
        }
        guard hi > lo else {
            for k in 0..<count { z[k] = x[k] != x[k] ? .nan : degenerate; codes[k] = x[k] != x[k] ? 1 : 0 }
            return
        }
        let span = hi - lo, width = u - l
        if span.isFinite {
            for k in 0..<count { z[k] = (x[k] * direction - lo) / span * width + l }
        } else {
            // Extreme but finite values (±1.7e308): the span overflows, the halves do not. Halving is exact for
            // such magnitudes, so the ratio is the one the plain formula would give with unbounded exponents.
            let half = hi / 2 - lo / 2
            for k in 0..<count { z[k] = ((x[k] * direction) / 2 - lo / 2) / half * width + l }
        }
        // `x != x` (NaN) rather than `isNaN`, which compiles to integer bit tests here: this loop vectorises.
        for k in 0..<count { codes[k] = x[k] != x[k] ? 1 : 0 }
    }
}
