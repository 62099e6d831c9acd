import Foundation

extension BLASLibrary {
    /// OpenBLAS kernels without AVX, which a DYNAMIC_ARCH build falls back to when it does not recognise the CPU
    /// (seen on virtual machines that report a generic "Intel Xeon Processor" model).
    static let kernelsWithoutAVX: Set<String> = [
        "katmai", "coppermine", "northwood", "prescott", "banias", "core2", "penryn", "dunnington", "nehalem",
        "atom", "opteron", "opteron_sse3", "barcelona", "bobcat",
    ]

    /// The `OPENBLAS_CORETYPE` worth setting when OpenBLAS chose a kernel older than the CPU it runs on, or nil.
    ///
    /// OpenBLAS reads `OPENBLAS_CORETYPE` at load time, so it must be set before the process starts. The advice:
    /// `SkylakeX` when the CPU has AVX-512 (F, BW, VL, DQ), `Haswell` with AVX2 and FMA, `Sandybridge` with AVX;
    /// only when the chosen kernel is one of the pre-AVX kernels.
    public static func recommendedCoreType(coreName: String, cpuFlags: Set<String>) -> String? {
        guard kernelsWithoutAVX.contains(coreName.lowercased()) else { return nil }
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        if cpuFlags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// The CPU feature flags of the first processor in `/proc/cpuinfo` (Linux); empty where unavailable.
    public static var cpuFlags: Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// A one-line hint when ``recommendedCoreType(coreName:cpuFlags:)`` has advice for this machine, else nil.
    public static var coreTypeAdvice: String? {
        guard let better = recommendedCoreType(coreName: coreName, cpuFlags: cpuFlags) else { return nil }
        return "OpenBLAS chose the \(coreName) kernel, older than this CPU; "
            + "start with OPENBLAS_CORETYPE=\(better) for faster BLAS"
    }
}
