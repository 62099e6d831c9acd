import CBLAS
import Foundation

/// The BLAS library this process is linked to, and its threading.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` (then `OMP_NUM_THREADS`) when it loads; ``setThreads(_:)``
/// changes the count for the rest of the process.
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

    /// Sets the number of BLAS threads for the rest of the process (at least 1).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
