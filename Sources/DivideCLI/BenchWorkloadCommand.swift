import ArgumentParser
import DigitalDivide
import DivideWorkload
import Foundation
import LinearAlgebra

/// `divide bench workload --input DIR`: the benchmark workload through the library's construction code, timed as
/// WORKLOAD.md prescribes, with the reference's `BENCH` and `CHECKSUM` lines and output files.
struct BenchWorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Time the composite-index workload (normalise, pillars, indices, ranks, Monte Carlo) on the interchange files.",
        discussion: """
            Reads DIR/meta.json and data.f64/weights.f64 (or data.csv/weights.csv through the library's loader, \
            timed on a `step=load_csv` line), runs the pipeline once to warm up and then --repeats times, and \
            prints per step `BENCH impl=swift size=… threads=… step=… best_s=… runs_s=…` (best = minimum over \
            the runs; total = the best per-run sum), the BLAS library, kernel and threads, and the reference's \
            `CHECKSUM` line. --output writes index.csv, ranks.csv, pillars.csv and mc.csv as reference_numpy.py does.
            """
    )

    @Option(name: .long, help: "The workload folder (meta.json, data.f64/weights.f64 or data.csv/weights.csv).")
    var input: String

    @Option(name: .long, help: "Worker threads for the library's kernels and for BLAS (results do not depend on it).")
    var threads: Int = 1

    @Option(name: .long, help: "Timed runs after the warm-up (per step the best is reported).")
    var repeats: Int = 3

    @Option(name: .long, help: "Folder to write index.csv, ranks.csv, pillars.csv and mc.csv into.")
    var output: String?

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
        if threads < 1 { throw ValidationError("--threads must be at least 1, found \(threads)") }
    }

    func run() throws {
        BLASLibrary.setThreads(threads)
        let workload = try WorkloadInput(directory: input)
        let size = workload.size == "custom"
            ? "\(workload.units)x\(workload.indicators)x\(workload.years)" : workload.size
        let tag = "impl=swift size=\(size) threads=\(threads)"
        print("ENV blas=\(BLASLibrary.configuration.replacingOccurrences(of: " ", with: "_")) "
              + "kernel=\(BLASLibrary.coreName) blas_threads=\(BLASLibrary.threads) "
              + "OPENBLAS_NUM_THREADS=\(BLASLibrary.threadsEnvironment ?? "") "
              + "vector_kernels=\(VectorKernels.path.name)")
        let (data, source, loadSeconds) = try WorkloadData.load(workload)
        print("BENCH \(tag) step=\(source.rawValue) best_s=\(Self.seconds(loadSeconds)) runs_s=\(Self.seconds(loadSeconds))")
        let pipeline = try WorkloadPipeline(data: data, threads: threads)
        // Each run recycles the previous run's buffers (WorkloadPipeline.run(recycling:)), as a caller
        // repeating a computation would; only the step times are kept.
        var last: WorkloadRun? = try pipeline.run()  // warm-up
        var runs: [(seconds: [WorkloadStep: Double], total: Double, monteCarloSeconds: Double)] = []
        for _ in 0..<repeats {
            last = try pipeline.run(recycling: last.take())
            runs.append((last!.seconds, last!.total, last!.monteCarloSeconds))
        }
        for step in WorkloadStep.allCases {
            Self.bench(tag, step.rawValue, runs.map { $0.seconds[step] ?? 0 })
        }
        Self.bench(tag, "step5_mc", runs.map(\.monteCarloSeconds))
        Self.bench(tag, "total", runs.map(\.total))
        guard let last else { return }
        print("INFO peak_rss_mb=\(String(format: "%.0f", BenchLoadCommand.peakResidentMegabytes()))")
        print("CHECKSUM \(WorkloadOutput.json(WorkloadOutput.checksums(last)))")
        if let output {
            try WorkloadOutput.write(last, to: output)
            print("INFO folder=\(output)")
        }
    }

    static func bench(_ tag: String, _ step: String, _ values: [Double]) {
        print("BENCH \(tag) step=\(step) best_s=\(seconds(values.min() ?? 0)) runs_s=\(values.map(seconds).joined(separator: ","))")
    }

    static func seconds(_ value: Double) -> String { String(format: "%.6f", value) }
}
