import Foundation
import Testing
import DigitalDivide
import LinearAlgebra
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// `divide bench workload`'s pipeline against the numpy reference's own outputs on the tiny interchange folder
/// Tests/Fixtures/workload-tiny (its README gives the command that wrote it): pillars, both indices and ranks.
@Suite struct WorkloadPipelineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/workload-tiny").path

    static func table(_ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A copy of the fixture without some files (e.g. without the .f64 files, to take the CSV path).
    static func copy(without excluded: Set<String>) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["meta.json", "data.csv", "data.f64", "weights.csv", "weights.f64"] where !excluded.contains(name) {
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: dir + "/" + name)
        }
        return dir
    }

    private func value(_ s: String) -> Double { s.isEmpty ? .nan : Double(s)! }

    func check(_ run: WorkloadRun) throws {
        let U = 6
        for row in try Self.table("pillars.csv") {
            let (u, y, p) = (Int(row[0])!, Int(row[1])!, Int(row[2])!)
            #expect(close(run.composites[unit: u, node: run.pillarNode(p), year: y], value(row[3]), 1e-9),
                    "pillar \(p) unit \(u) year \(y)")
        }
        for row in try Self.table("index.csv") {
            let (u, y) = (Int(row[0])!, Int(row[1])!)
            #expect(close(run.composites[unit: u, node: 0, year: y], value(row[2]), 1e-9))
            #expect(close(run.geometric[unit: u, node: 0, year: y], value(row[3]), 1e-9))
        }
        for row in try Self.table("ranks.csv") {
            let (u, y) = (Int(row[0])!, Int(row[1])!)
            #expect(run.ranksArithmetic[u + U * y] == Int32(row[2]) ?? 0)
            #expect(run.ranksGeometric[u + U * y] == Int32(row[3]) ?? 0)
        }
    }

    @Test func binaryInputMatchesTheNumpyReference() throws {
        let (data, source, _) = try WorkloadData.load(try WorkloadInput(directory: Self.folder))
        #expect(source == .binary)
        #expect(data.weights.count == 4 * 4)
        let run = try WorkloadPipeline(data: data).run()
        try check(run)
        #expect(run.ranksArithmetic.contains(0))  // NaN indices are exercised (n_nan_index = 4)
        // The reference's CHECKSUM line (README): the integer entries exactly, the sums to 1e-12.
        let sums = Dictionary(uniqueKeysWithValues: WorkloadOutput.checksums(run).map { ($0.key, $0.value) })
        #expect(sums["rank_arith"] == "40" && sums["rank_geom"] == "40" && sums["n_nan_index"] == "4")
        #expect(sums["mc_median"] == "10.0" && sums["mc_p5"] == "10.0" && sums["mc_p95"] == "10.0"
                && sums["n_unranked_mc"] == "2")
        #expect(close(Double(sums["pillars"]!)!, 1466.30041785932, 1e-12))
        #expect(close(Double(sums["index_arith"]!)!, 668.4141207689577, 1e-12))
        #expect(close(Double(sums["index_geom"]!)!, 511.42058830293104, 1e-12))
    }

    @Test func csvInputGivesTheSameBits() throws {
        let binary = try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data
        let csv = try WorkloadData.load(try WorkloadInput(directory: try Self.copy(without: ["data.f64", "weights.f64"])))
        #expect(csv.source == .csv)
        #expect(csv.data.cube.values.map(\.bitPattern) == binary.cube.values.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern })
        #expect(csv.data.weights == binary.weights)
        try check(try WorkloadPipeline(data: csv.data).run())
    }

    @Test func writtenFilesMatchTheReference() throws {
        let run = try WorkloadPipeline(data: try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data).run()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("wl-out-\(UUID().uuidString)").path
        try WorkloadOutput.write(run, to: out)
        // Ranks and headers byte for byte; the floats through the 1e-9 rule (summation order may differ).
        for name in ["ranks.csv", "mc.csv"] {
            #expect(try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                    == String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8))
        }
        for name in ["index.csv", "pillars.csv"] {
            let ours = try String(contentsOfFile: out + "/" + name, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = try String(contentsOfFile: Self.folder + "/" + name, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(ours.count == theirs.count)
            #expect(ours.first == theirs.first)
            for (a, b) in zip(ours.dropFirst(), theirs.dropFirst()) {
                let fa = a.split(separator: ",", omittingEmptySubsequences: false)
                let fb = b.split(separator: ",", omittingEmptySubsequences: false)
                #expect(fa.count == fb.count)
                for (x, y) in zip(fa, fb) where x != y { #expect(close(value(String(x)), value(String(y)), 1e-9)) }
            }
        }
    }

    @Test func stepOneIsTheWorkloadFormulaBitForBit() throws {
        let data = try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data
        let run = try WorkloadPipeline(data: data).run()
        let plan = run.prepared.plan
        let (C, I, Y) = (6, 4, 3)
        for k in 0..<I {
            let i = Int(plan.indicators[k].series)!
            for y in 0..<Y {
                let column = (0..<C).map { data.cube[$0, i, y] }
                let present = column.filter { !$0.isNaN }
                for c in 0..<C {
                    let z = run.prepared.normalised[c + C * (k + I * y)]
                    guard let lo = present.min(), let hi = present.max(), !column[c].isNaN else {
                        #expect(z.isNaN); continue
                    }
                    // WORKLOAD.md step 1, in its order of operations.
                    let expected = hi == lo ? 50 : (i % 2 == 0 ? 100 * ((column[c] - lo) / (hi - lo))
                                                              : 100 * ((hi - column[c]) / (hi - lo)))
                    #expect(z.bitPattern == expected.bitPattern, "indicator \(i) year \(y) unit \(c)")
                }
            }
        }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let data = try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data
        let one = try WorkloadPipeline(data: data, threads: 1).run()
        for threads in [2, 3, 7] {
            let many = try WorkloadPipeline(data: data, threads: threads).run()
            #expect(many.prepared.normalised.map(\.bitPattern) == one.prepared.normalised.map(\.bitPattern))
            #expect(many.composites.values.map(\.bitPattern) == one.composites.values.map(\.bitPattern))
            #expect(many.geometric.values.map(\.bitPattern) == one.geometric.values.map(\.bitPattern))
            #expect(many.ranksArithmetic == one.ranksArithmetic && many.ranksGeometric == one.ranksGeometric)
            #expect(many.monteCarlo?.ranks == one.monteCarlo?.ranks)
            #expect(many.monteCarlo?.median.map(\.bitPattern) == one.monteCarlo?.median.map(\.bitPattern))
        }
    }

    /// The vectorised log/exp kernels on every path this CPU has (the narrower ones forced, as on an older CPU):
    /// the numpy reference's outputs on each, and the same bits on each (steps 3 and 5 take the kernels).
    @Test func everyKernelPathMatchesTheReferenceWithTheSameBits() throws {
        let data = try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data
        let best = VectorKernels.bestPath
        defer { VectorKernels.setPath(best) }
        var first: WorkloadRun?
        for path in VectorKernels.Path.allCases where path.rawValue <= best.rawValue {
            VectorKernels.setPath(path)
            let run = try WorkloadPipeline(data: data, threads: 2).run()
            try check(run)
            if let first {
                #expect(run.geometric.values.map(\.bitPattern) == first.geometric.values.map(\.bitPattern), "\(path)")
                #expect(run.composites.values.map(\.bitPattern) == first.composites.values.map(\.bitPattern))
                #expect(run.monteCarlo?.ranks == first.monteCarlo?.ranks)
                #expect(run.monteCarlo?.median.map(\.bitPattern) == first.monteCarlo?.median.map(\.bitPattern))
            } else {
                first = run
            }
        }
    }

    @Test func recyclingAPreviousRunGivesTheSameBitsAndLeavesAHeldRunAlone() throws {
        let data = try WorkloadData.load(try WorkloadInput(directory: Self.folder)).data
        let pipeline = try WorkloadPipeline(data: data, threads: 2)
        let first = try pipeline.run()
        let snapshot = first.prepared.normalised.map(\.bitPattern)
        // `first` is still held here, so its buffers are shared: they must be copied, not overwritten.
        let second = try pipeline.run(recycling: first)
        #expect(first.prepared.normalised.map(\.bitPattern) == snapshot)
        let third = try pipeline.run(recycling: second)  // second's last use: its buffers are reused
        for run in [second, third] {
            #expect(run.prepared.normalised.map(\.bitPattern) == snapshot)
            #expect(run.composites.values.map(\.bitPattern) == first.composites.values.map(\.bitPattern))
            #expect(run.geometric.values.map(\.bitPattern) == first.geometric.values.map(\.bitPattern))
            #expect(run.ranksArithmetic == first.ranksArithmetic && run.ranksGeometric == first.ranksGeometric)
            #expect(run.prepared.origins == first.prepared.origins)
        }
    }

    @Test func truncatedBinaryIsAnErrorNamingTheSizes() throws {
        let dir = try Self.copy(without: [])
        let full = try Data(contentsOf: URL(fileURLWithPath: dir + "/data.f64"))
        try full.prefix(full.count - 8).write(to: URL(fileURLWithPath: dir + "/data.f64"))
        do {
            _ = try WorkloadData.load(try WorkloadInput(directory: dir))
            Issue.record("a truncated data.f64 loaded")
        } catch {
            let text = "\(error)"
            #expect(text.contains("data.f64") && text.contains("expected 576 bytes") && text.contains("found 568 bytes"), "\(text)")
        }
    }

    @Test func shortWeightsAreAnError() throws {
        let dir = try Self.copy(without: [])
        try Data(count: 8).write(to: URL(fileURLWithPath: dir + "/weights.f64"))
        #expect(throws: DivideError.self) { try WorkloadData.load(try WorkloadInput(directory: dir)) }
    }

    @Test func pythonReprFormatting() {
        // Expected strings: python3 -c 'for x in [...]: print(repr(x))'
        let cases: [(Double, String)] = [
            (100, "100.0"), (50, "50.0"), (0, "0.0"), (-0.0, "-0.0"), (1e-05, "1e-05"), (0.0001, "0.0001"),
            (1.5e-05, "1.5e-05"), (1e16, "1e+16"), (9999999999999998, "9999999999999998.0"),
            (123456789012345680, "1.2345678901234568e+17"), (62343.05522950945, "62343.05522950945"),
            (0.1, "0.1"), (-2.5, "-2.5"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1234.5e-9, "1.2345e-06"), (3.0e5, "300000.0"),
        ]
        for (x, text) in cases { #expect(WorkloadOutput.repr(x) == text, "\(x)") }
        #expect(WorkloadOutput.repr(.nan) == "")
    }
}
