import CBLAS
import Foundation

/// The BLAS library this process is linked to, and its threading.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` (then `GOTO_NUM_THREADS`, then `OMP_NUM_THREADS`) once, when the
/// library loads; without them it uses one thread per detected processor. Set the variable before starting the
/// process (`OPENBLAS_NUM_THREADS=1 divide doctor`) or call ``setThreads(_:)`` to change the count for the rest of
/// the process. Results of this package do not depend on the thread count except for rounding in BLAS sums.
public enum BLASLibrary {
    /// OpenBLAS's build configuration string, e.g. `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"`.
    public static var configuration: String {
        guard let cString = openblas_get_config() else { return "unknown" }
        return String(cString: cString).trimmingCharacters(in: .whitespaces)
    }

    /// The CPU kernel OpenBLAS chose at load time (e.g. `"Zen"`, `"Haswell"`).
    public static var coreName: String {
        guard let cString = openblas_get_corename() else { return "unknown" }
        return String(cString: cString)
    }

    /// The number of threads OpenBLAS will use for the next call.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The number of processors OpenBLAS detected.
    public static var processors: Int { Int(openblas_get_num_procs()) }

    /// The value of `OPENBLAS_NUM_THREADS` in this process's environment, if set.
    public static var threadsEnvironment: String? { ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] }

    /// Sets the number of BLAS threads for the rest of the process (at least 1).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, min(count, Int(Int32.max)))))
    }

    /// One line describing the library, kernel and threads, e.g.
    /// `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64; core Zen; 2 threads of 2 processors (OPENBLAS_NUM_THREADS unset)"`.
    public static var summary: String {
        let environment = threadsEnvironment.map { "OPENBLAS_NUM_THREADS=\($0)" } ?? "OPENBLAS_NUM_THREADS unset"
        return "\(configuration); core \(coreName); \(threads) thread\(threads == 1 ? "" : "s") of \(processors) processors (\(environment))"
    }
}
