import ArgumentParser
import DigitalDivide
import DivideWorkload
import Foundation

/// `divide bench`: timings on the benchmark workload's interchange files (`shared/bench/WORKLOAD.md`), printed as
/// the same `BENCH` lines as the numpy reference so the two can be compared side by side
/// (`Benchmarks/load_side_by_side.py`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the library on the benchmark workload's interchange files.",
        subcommands: [BenchLoadCommand.self, BenchWorkloadCommand.self]
    )
}

/// `divide bench load --input DIR`: loads `DIR/data.csv` into a dense panel through the library's real loader.
struct BenchLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time loading the workload's long CSV (data.csv) into the dense panel.",
        discussion: """
            Prints `BENCH impl=swift size=… threads=1 step=load_csv best_s=… runs_s=…`, the process's peak resident \
            memory (`INFO peak_rss_mb=…`), the dense array's size, and a `CHECK` fingerprint of the loaded values \
            (present cells and a position-weighted hash of their bit patterns in the workload's C order), which \
            Benchmarks/load_side_by_side.py compares with the pandas result.
            """
    )

    @Option(name: .long, help: "The workload folder holding meta.json and data.csv.")
    var input: String

    @Option(name: .long, help: "How many times to load (the best time is reported).")
    var repeats: Int = 1

    @Flag(name: .long, help: "Keep per-cell provenance (file and line of every value), as loading real data does.")
    var provenance = false

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
    }

    func run() throws {
        let workload = try WorkloadInput(directory: input)
        var options = WorkloadInput.loadOptions
        options.tracksProvenance = provenance
        let loader = DataLoader(options: options)
        var runs: [Double] = []
        var last: LoadResult?
        for _ in 0..<repeats {
            last = nil  // free the previous panel before the next load
            let start = DispatchTime.now().uptimeNanoseconds
            let result = loader.load(files: [workload.path("data.csv")])
            runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            last = result
        }
        guard let result = last else { return }
        if !result.report.isClean {
            for problem in result.report.allProblems.prefix(10) { print("ERROR \(problem)") }
            throw ExitCode.failure
        }
        let fingerprint = try workload.fingerprint(of: result.panel)
        let runsText = runs.map { String(format: "%.6f", $0) }.joined(separator: ",")
        print("BENCH impl=\(provenance ? "swift-provenance" : "swift") size=\(workload.size) threads=1 step=load_csv best_s=\(String(format: "%.6f", runs.min()!)) runs_s=\(runsText)")
        let dense = workload.units * workload.indicators * workload.years * MemoryLayout<Double>.size
        print("INFO dense_values_mb=\(String(format: "%.1f", Double(dense) / 1_048_576)) peak_rss_mb=\(String(format: "%.1f", Self.peakResidentMegabytes()))")
        print("CHECK present=\(fingerprint.present) hash=\(String(fingerprint.hash, radix: 16))")
    }

    /// The process's peak resident set size so far, in MiB (`getrusage`; Linux reports KiB).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }
}
