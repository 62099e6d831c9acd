import ArgumentParser
import DigitalDivide
import LinearAlgebra

/// `divide doctor`: shows the version and the BLAS/LAPACK in use, then runs known-answer checks.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show the version, the BLAS/LAPACK and the vector-kernel path in use, and check them against known answers.",
        discussion: """
            Exits with status 1 if any check fails. The BLAS thread count comes from OPENBLAS_NUM_THREADS \
            (read when the library loads) unless --threads is given.
            """
    )

    @Option(name: .long, help: "Set the number of BLAS threads before running the checks.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1, found \(threads)")
        }
    }

    func run() throws {
        if let threads { BLASLibrary.setThreads(threads) }
        let results = SelfCheck.run()
        print(Self.render(environment: .current, results: results), terminator: "")
        if results.contains(where: { !$0.passed }) { throw ExitCode.failure }
    }

    /// What the doctor reports about the installation.
    struct Environment: Equatable {
        var version: String
        var blasConfiguration: String
        var blasCore: String
        var threads: Int
        var processors: Int
        var threadsVariable: String?
        var lapack: String
        var coreTypeAdvice: String? = nil
        /// The vectorised log/exp kernels' path (AVX-512, AVX2 or baseline) and what the CPU supports.
        var kernels: String? = nil

        static var current: Environment {
            Environment(
                version: DigitalDivideVersion.string, blasConfiguration: BLASLibrary.configuration,
                blasCore: BLASLibrary.coreName, threads: BLASLibrary.threads, processors: BLASLibrary.processors,
                threadsVariable: BLASLibrary.threadsEnvironment,
                lapack: "LAPACKE (liblapacke; dsyevd, dgesdd, dgels, dposv)",
                coreTypeAdvice: BLASLibrary.coreTypeAdvice, kernels: VectorKernels.summary)
        }
    }

    /// The report as text: one line per fact, then `PASS`/`FAIL` per check and a closing count.
    static func render(environment: Environment, results: [SelfCheck.Result]) -> String {
        var lines = [
            "DigitalDivide \(environment.version)",
            "BLAS:    \(environment.blasConfiguration)",
            "core:    \(environment.blasCore)",
            "threads: \(environment.threads) of \(environment.processors) processors"
                + " (OPENBLAS_NUM_THREADS=\(environment.threadsVariable ?? "unset"))",
            "LAPACK:  \(environment.lapack)",
        ]
        if let kernels = environment.kernels { lines.append("kernels: \(kernels)") }
        if let advice = environment.coreTypeAdvice { lines.append("hint:    \(advice)") }
        lines.append("")
        for result in results {
            lines.append("\(result.passed ? "PASS" : "FAIL")  \(result.name): \(result.detail)")
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("")
        lines.append(
            failed == 0
                ? "All \(results.count) checks passed."
                : "\(failed) of \(results.count) checks failed.")
        return lines.joined(separator: "\n") + "\n"
    }
}
