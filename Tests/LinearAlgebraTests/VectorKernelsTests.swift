import Foundation
import Testing
@testable import LinearAlgebra

/// The vectorised kernels (`VectorKernels`, C target CDivideKernels): accuracy in ulps against the C library and
/// against an extended-precision reference, the special values, and bit-identical results on every CPU path
/// (the narrower paths forced on a machine that has the wider ones).
@Suite(.serialized) struct VectorKernelsTests {
    /// Distance in units in the last place between two doubles of the same sign (0 when both are NaN or equal).
    static func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b || (a.isNaN && b.isNaN) { return 0 }
        if !a.isFinite || !b.isFinite { return .infinity }
        func ordered(_ x: Double) -> Int64 {
            let i = Int64(bitPattern: x.bitPattern)
            return i < 0 ? Int64.min &- i : i
        }
        return Double((ordered(a) &- ordered(b)).magnitude)
    }

    /// Error in ulps of `ours` against the extended-precision value `exact`.
    static func ulpsFromExact(_ ours: Double, _ exact: Float80) -> Double {
        let rounded = Double(exact)
        let ulp = rounded == 0 ? Double.leastNonzeroMagnitude : rounded.ulp
        return Double(abs(Float80(ours) - exact) / Float80(ulp))
    }

    static let sampleSize = 1 << 21

    /// Log arguments: the whole positive range (normal and subnormal), shifted index scores 1…101, values near 1
    /// and around the reduction's boundary √2/2.
    static func logSample() -> [Double] {
        var rng = Xoshiro256StarStar(seed: 15)
        return (0..<sampleSize).map { i in
            switch i % 5 {
            case 0: return Foundation.exp(rng.uniform(in: -744..<709))
            case 1: return 1 + 100 * rng.uniform()
            case 2: return 1 + rng.uniform(in: -1e-3..<1e-3)
            case 3: return Double(sign: .plus, exponent: Int(rng.uniform() * 2000) - 1000,
                                  significand: 0.70710678 + rng.uniform() * 1e-7)
            default: return Double(bitPattern: UInt64(rng.uniform() * 0x1p52))  // subnormals
            }
        }
    }

    /// Exp arguments: the whole range (overflow, subnormal results), means of logs of index scores, small values.
    static func expSample() -> [Double] {
        var rng = Xoshiro256StarStar(seed: 16)
        return (0..<sampleSize).map { i in
            switch i % 3 {
            case 0: return rng.uniform(in: -750..<712)
            case 1: return 4.7 * rng.uniform()
            default: return rng.uniform(in: -1e-3..<1e-3)
            }
        }
    }

    /// Measured bound: ≤ 1 ulp from glibc's `log`/`exp` (themselves < 0.52 ulp) and < 1 ulp from the exact value
    /// (Float80 `logl`/`expl` as reference), over 2²¹ values each; most results equal glibc's.
    @Test func withinOneUlpOfTheSystemLibraryAndTheExactValue() {
        let x = Self.logSample()
        var logs = [Double](repeating: 0, count: x.count)
        VectorKernels.logShifted(x, shift: 0, into: &logs, count: x.count)
        var worstLibm = 0.0, worstExact = 0.0, differ = 0
        for i in x.indices {
            let u = Self.ulps(logs[i], Foundation.log(x[i]))
            worstLibm = max(worstLibm, u)
            differ += u > 0 ? 1 : 0
            worstExact = max(worstExact, Self.ulpsFromExact(logs[i], Foundation.log(Float80(x[i]))))
        }
        print("vector log over \(x.count) values: worst \(worstLibm) ulp from glibc (\(differ) differ), worst "
              + "\(worstExact) ulp from the exact value (Float80)")
        #expect(worstLibm <= 1, "log: worst \(worstLibm) ulp from libm")
        #expect(worstExact < 1, "log: worst \(worstExact) ulp from the exact value")
        #expect(Double(differ) / Double(x.count) < 0.05, "log: \(differ) of \(x.count) differ from libm")

        let e = Self.expSample()
        var exps = [Double](repeating: 0, count: e.count)
        VectorKernels.expShifted(e, shift: 0, into: &exps, count: e.count)
        worstLibm = 0; worstExact = 0; differ = 0
        for i in e.indices {
            let reference = Foundation.exp(e[i])
            let u = Self.ulps(exps[i], reference)
            worstLibm = max(worstLibm, u)
            differ += u > 0 ? 1 : 0
            // Subnormal results: one rounding at 2⁻¹⁰⁷⁴, measured in that unit.
            if reference.isFinite && reference != 0 {
                worstExact = max(worstExact, Self.ulpsFromExact(exps[i], Foundation.exp(Float80(e[i]))))
            }
        }
        print("vector exp over \(e.count) values: worst \(worstLibm) ulp from glibc (\(differ) differ), worst "
              + "\(worstExact) ulp from the exact value (Float80)")
        #expect(worstLibm <= 1, "exp: worst \(worstLibm) ulp from libm")
        #expect(worstExact < 1, "exp: worst \(worstExact) ulp from the exact value")
        #expect(Double(differ) / Double(e.count) < 0.1, "exp: \(differ) of \(e.count) differ from libm")
    }

    @Test func specialValuesAsTheSystemLibrary() {
        let special: [Double] = [0, -0.0, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                                 .leastNormalMagnitude, .greatestFiniteMagnitude, 1, 2, 0.5, 709.782712893384,
                                 709.78271289338397, 710, -745.1332191019411, -745.13321910194122, -708.5, -740, 1e-300]
        for x in special {
            #expect(Self.ulps(VectorKernels.log(x), Foundation.log(x)) <= 1, "log(\(x))")
            #expect(Self.ulps(VectorKernels.exp(x), Foundation.exp(x)) <= 1, "exp(\(x))")
            #expect(VectorKernels.log(x).isNaN == Foundation.log(x).isNaN)
        }
        #expect(VectorKernels.log(1) == 0 && VectorKernels.exp(0) == 1)
        #expect(VectorKernels.log(0) == -.infinity && VectorKernels.exp(-.infinity) == 0)
    }

    /// Inputs for the mean kernels: scores with missing values (NaN), a unit without data, values outside the
    /// logarithm's domain.
    static func meanInputs(units U: Int, children k: Int) -> (columns: [[Double]], weights: [Double]) {
        var rng = Xoshiro256StarStar(seed: 17)
        let columns = (0..<k).map { c in
            (0..<U).map { u -> Double in
                if u == 3 { return .nan }
                let r = rng.uniform()
                return r < 0.15 ? .nan : (r < 0.17 && c == 1 ? -1.5 : 100 * rng.uniform())
            }
        }
        return (columns, (0..<k).map { _ in rng.uniform(in: 0.75..<1.25) })
    }

    /// Every kernel on every path this CPU has, forced one by one: the same bits as the scalar form and as each
    /// other (the kernels never fuse a multiply and an add, so no path rounds differently).
    @Test func everyPathGivesTheSameBits() {
        let best = VectorKernels.bestPath
        defer { VectorKernels.setPath(best) }
        let U = 1000 + 7, k = 5
        let (columns, weights) = Self.meanInputs(units: U, children: k)
        let x = Self.logSample().prefix(50_000).map { $0 } + [0, -1, .nan, .infinity]
        let e = Self.expSample().prefix(50_000).map { $0 } + [.nan, .infinity, -.infinity]
        var reference: [[UInt64]]?
        for path in VectorKernels.Path.allCases where path.rawValue <= best.rawValue {
            #expect(VectorKernels.setPath(path) == path && VectorKernels.path == path)
            var logs = [Double](repeating: 0, count: x.count), exps = [Double](repeating: 0, count: e.count)
            VectorKernels.logShifted(x, shift: 0, into: &logs, count: x.count)
            VectorKernels.expShifted(e, shift: 1, into: &exps, count: e.count)
            var outputs = [logs, exps]
            for logarithmic in [false, true] {
                var out = [Double](repeating: 0, count: U), share = out, finished = out
                let flat = columns.flatMap { $0 }
                let outside = flat.withUnsafeBufferPointer { b in
                    let pointers: [UnsafePointer<Double>?] = (0..<k).map { b.baseAddress! + U * $0 }
                    return VectorKernels.meanCombine(columns: pointers, weights: weights, children: k, count: U,
                                                     logarithmic: logarithmic, shift: 1, needed: 3, into: &out,
                                                     share: &share)
                }
                #expect(outside == (logarithmic ? columns[1].filter { $0 == -1.5 }.count : 0))
                let scored = (0..<U).map { Double($0 % 7 == 0 ? 0 : 1) }
                VectorKernels.meanFinish(numerators: columns[0], denominators: columns[2], scored: scored, count: U,
                                         logarithmic: logarithmic, shift: 1, into: &finished)
                outputs += [out, share, finished]
                // The scalar form, element by element.
                for i in 0..<U where !logarithmic || columns[1][i] != -1.5 {
                    var num = 0.0, den = 0.0, count = 0.0
                    for c in 0..<k where !columns[c][i].isNaN {
                        num += weights[c] * (logarithmic ? VectorKernels.log(columns[c][i] + 1) : columns[c][i])
                        den += weights[c]
                        count += 1
                    }
                    let expected = count >= 3 && den > 0 ? (logarithmic ? VectorKernels.exp(num / den) - 1 : num / den) : .nan
                    #expect(out[i].bitPattern == expected.bitPattern || (out[i].isNaN && expected.isNaN), "row \(i)")
                }
            }
            for i in x.indices { #expect(logs[i].bitPattern == VectorKernels.log(x[i]).bitPattern || logs[i].isNaN) }
            let bits = outputs.map { $0.map { $0.isNaN ? 0x7FF8_0000_0000_0000 : $0.bitPattern } }
            if let reference { #expect(bits == reference, "path \(path) differs from the baseline") }
            else { reference = bits }
        }
    }

    /// The missing-cell denominators of a block, on every path, for block widths around the kernel's tiles:
    /// the same bits as one replication at a time (weight sum in child order, then each missing child's weight).
    @Test func missingCellDenominatorsEqualTheScalarFormOnEveryPath() {
        let best = VectorKernels.bestPath
        defer { VectorKernels.setPath(best) }
        var rng = Xoshiro256StarStar(seed: 18)
        let U = 203, k = 7
        var missingUnits: [Int32] = [], starts = [0]
        for _ in 0..<k {
            for u in 0..<U where rng.uniform() < 0.2 { missingUnits.append(Int32(u)) }
            starts.append(missingUnits.count)
        }
        for b in [1, 5, 16, 33, 70] {
            let w = (0..<(b * k)).map { _ in rng.uniform(in: 0.75..<1.25) }
            var expected = [Double](repeating: 0, count: U * b)
            for j in 0..<b {
                var total = 0.0
                for c in 0..<k { total += w[j + b * c] }
                for u in 0..<U { expected[u + U * j] = total }
                for c in 0..<k {
                    for m in starts[c]..<starts[c + 1] { expected[Int(missingUnits[m]) + U * j] -= w[j + b * c] }
                }
            }
            for path in VectorKernels.Path.allCases where path.rawValue <= best.rawValue {
                VectorKernels.setPath(path)
                var den = [Double](repeating: .nan, count: 2 * U * b), cursors = [Int](repeating: 0, count: k)
                den.withUnsafeMutableBufferPointer { out in
                    VectorKernels.missingDenominators(weights: w, replications: b, children: k,
                                                      missingUnits: missingUnits, missingStarts: starts, units: U,
                                                      cursors: &cursors, into: out.baseAddress! + U,
                                                      leadingDimension: 2 * U)
                }
                for j in 0..<b {
                    #expect(den[(2 * U * j + U)..<(2 * U * j + 2 * U)].map(\.bitPattern)
                            == expected[(U * j)..<(U * j + U)].map(\.bitPattern), "b \(b) path \(path) column \(j)")
                }
            }
        }
    }

    @Test func theBaselinePathCanBeForcedAndRestored() {
        let best = VectorKernels.bestPath
        defer { VectorKernels.setPath(best) }
        #expect(VectorKernels.setPath(.baseline) == .baseline)
        #expect(VectorKernels.path == .baseline)
        #expect(VectorKernels.isForced == (best != .baseline))
        #expect(VectorKernels.setPath(.avx512) == best)  // clamped to what the CPU has
        #expect(!VectorKernels.isForced)
    }
}
