import Foundation
import Testing
@testable import DivideCLI

/// `divide bench workload` on the tiny fixture written by the numpy reference: parsing, the BENCH and CHECKSUM
/// lines, the output files, and the error for a truncated data.f64.
@Suite struct BenchWorkloadCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workload-tiny").path

    @Test func parsesItsOptions() throws {
        let command = try #require(try Divide.parseAsRoot(["bench", "workload", "--input", "x", "--threads", "2",
                                                           "--repeats", "5", "--output", "o"]) as? BenchWorkloadCommand)
        #expect(command.input == "x" && command.threads == 2 && command.repeats == 5 && command.output == "o")
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["bench", "workload", "--input", "x", "--repeats", "0"]) }
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try DivideProcess.run(arguments)
    }

    @Test func printsTheReferenceLinesAndWritesItsFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
        let (status, text) = try run(["bench", "workload", "--input", Self.fixture, "--threads", "2", "--repeats", "2",
                                      "--output", out])
        #expect(status == 0, "\(text)")
        for step in ["load_bin", "step1_normalise", "step2_pillars", "step3_index", "step4_rank", "step5a_mc_gemm",
                     "step5b_mc_index", "step5c_mc_rank", "step5d_mc_pct", "step5_mc", "total"] {
            #expect(text.contains("BENCH impl=swift size=S threads=2 step=\(step) best_s="), "\(step)")
        }
        #expect(text.contains("ENV blas="))
        // Integer entries of the reference's CHECKSUM line (Fixtures/workload-tiny/README.md).
        #expect(text.contains("\"rank_arith\": 40, \"rank_geom\": 40, \"mc_median\": 10.0, \"mc_p5\": 10.0, "
                              + "\"mc_p95\": 10.0, \"n_nan_index\": 4, \"n_unranked_mc\": 2}"), "\(text)")
        for name in ["ranks.csv", "mc.csv"] {
            let ours = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(ours == (try String(contentsOfFile: Self.fixture + "/" + name, encoding: .utf8)), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/index.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/pillars.csv"))
    }

    @Test func truncatedDataIsAnErrorNamingTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["meta.json", "weights.f64"] {
            try FileManager.default.copyItem(atPath: Self.fixture + "/" + name, toPath: dir + "/" + name)
        }
        try Data(count: 100).write(to: URL(fileURLWithPath: dir + "/data.f64"))
        let (status, text) = try run(["bench", "workload", "--input", dir])
        #expect(status != 0)
        #expect(text.contains("data.f64") && text.contains("expected 576 bytes") && text.contains("found 100 bytes"), "\(text)")
    }
}
