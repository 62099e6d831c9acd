internal import CDivideKernels

/// The vectorised transcendental kernels (natural logarithm, exponential and the quasi-arithmetic means' division
/// and combination loops around them), compiled for AVX-512, AVX2 and baseline x86-64 in the C target
/// `CDivideKernels` and chosen at run time for the CPU.
///
/// Every path computes the same IEEE-754 operations in the same order per element (no fused multiply-add), so
/// results are bit-identical whichever path the machine takes, and ``log(_:)``/``exp(_:)`` give the same bits as
/// the array kernels: a construction computed one unit at a time agrees bit for bit with the batch kernels.
/// Error: under 1 ulp against the exact value (fdlibm's algorithms; measured ≤ 1 ulp from glibc's `log` and `exp`
/// over 2·10⁷ values each, see `VectorKernelsTests`).
package enum VectorKernels {
    /// A kernel path, in increasing order of vector width.
    package enum Path: Int, Sendable, CaseIterable, CustomStringConvertible {
        case baseline = 0, avx2 = 1, avx512 = 2

        /// The name `DIVIDE_KERNEL_PATH` takes: `baseline`, `avx2` or `avx512`.
        package var name: String { ["baseline", "avx2", "avx512"][rawValue] }

        package var description: String {
            switch self {
            case .baseline: return "baseline (x86-64 SSE2 or portable C)"
            case .avx2: return "AVX2"
            case .avx512: return "AVX-512"
            }
        }
    }

    /// The widest path this CPU supports.
    package static var bestPath: Path { Path(rawValue: Int(dd_kernel_best_path())) ?? .baseline }

    /// The path the kernels take: ``bestPath`` unless a test narrowed it (``setPath(_:)``, or the environment
    /// variable `DIVIDE_KERNEL_PATH=baseline|avx2|avx512`, read once, meant for tests and benchmarks).
    package static var path: Path { Path(rawValue: Int(dd_kernel_path())) ?? .baseline }

    /// Whether ``path`` was narrowed below ``bestPath``.
    package static var isForced: Bool { dd_kernel_path_forced() != 0 }

    /// Sets the path for the whole process (clamped to ``bestPath``); returns the path now taken. For tests.
    @discardableResult
    package static func setPath(_ path: Path) -> Path { Path(rawValue: Int(dd_kernel_set_path(Int32(path.rawValue)))) ?? .baseline }

    /// One line for `divide doctor`, e.g. `"AVX-512 (CPU supports AVX-512)"`.
    package static var summary: String {
        let forced = isForced ? ", narrowed by DIVIDE_KERNEL_PATH or a test" : ""
        return "\(path) (CPU supports \(bestPath)\(forced))"
    }

    /// `ln x` for every `x` (−∞ at ±0, NaN below 0, +∞ at +∞), < 1 ulp; the same bits as the array kernels.
    @inline(__always)
    package static func log(_ x: Double) -> Double { dd_log(x) }

    /// `eˣ` for every `x`, < 1 ulp; the same bits as the array kernels.
    @inline(__always)
    package static func exp(_ x: Double) -> Double { dd_exp(x) }

    /// `out[i] = ln(x[i] + shift)` for `i < n`.
    package static func logShifted(_ x: UnsafePointer<Double>, shift: Double, into out: UnsafeMutablePointer<Double>,
                                   count n: Int) {
        dd_log_shifted(x, shift, out, n)
    }

    /// `out[i] = exp(x[i]) − shift` for `i < n`.
    package static func expShifted(_ x: UnsafePointer<Double>, shift: Double, into out: UnsafeMutablePointer<Double>,
                                   count n: Int) {
        dd_exp_shifted(x, shift, out, n)
    }

    /// `out[i] = g⁻¹(num[i] / den[i])` where `scored[i] != 0` and `den[i] > 0`, else NaN, with `g⁻¹(y) = y`
    /// (`logarithmic` false) or `eʸ − shift`.
    package static func meanFinish(numerators: UnsafePointer<Double>, denominators: UnsafePointer<Double>,
                                   scored: UnsafePointer<Double>, count n: Int, logarithmic: Bool, shift: Double,
                                   into out: UnsafeMutablePointer<Double>) {
        dd_mean_finish(numerators, denominators, scored, n, logarithmic ? 1 : 0, shift, out)
    }

    /// A quasi-arithmetic mean over `k` columns of `n` values (NaN = missing), row by row, sums in column order:
    /// `num = Σ w·g(x)`, `den = Σ w` and the present count over the present values inside the domain
    /// (`g(x) = x`, or `ln(x + shift)` where `x + shift > 0`), then `out = g⁻¹(num / den)` where the count reaches
    /// `needed` and `den > 0`, else NaN; `share = count / k` when given.
    /// - Returns: the number of present values outside the domain (the caller reports the first; `out` is then
    ///   unspecified for those rows).
    package static func meanCombine(columns: UnsafePointer<UnsafePointer<Double>?>, weights: UnsafePointer<Double>,
                                    children k: Int, count n: Int, logarithmic: Bool, shift: Double, needed: Double,
                                    into out: UnsafeMutablePointer<Double>,
                                    share: UnsafeMutablePointer<Double>?) -> Int {
        dd_mean_combine(columns, weights, k, n, logarithmic ? 1 : 0, shift, needed, out, share)
    }

    /// The denominators of a node of indicators from its missing cells, for a block of `b` replications at once:
    /// `den[u + ldd·j]` = the weight sum `Σ_c w[j + b·c]` (child order) minus, child by child, the weight of each
    /// child unit `u` misses (`units[starts[c]..<starts[c + 1]]`: the units missing child `c`) — the same
    /// subtractions in the same order as one replication at a time, in tiles that stay in L1 (64 units × 32
    /// replications, vectorised over the replications). `cursors` holds `k` positions (scratch).
    package static func missingDenominators(weights: UnsafePointer<Double>, replications b: Int, children k: Int,
                                            missingUnits: UnsafePointer<Int32>, missingStarts: UnsafePointer<Int>,
                                            units n: Int, cursors: UnsafeMutablePointer<Int>,
                                            into den: UnsafeMutablePointer<Double>, leadingDimension ldd: Int) {
        dd_missing_denominators(weights, b, k, missingUnits, missingStarts, n, cursors, den, ldd)
    }
}
