import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// COINr's own example index (`build_example_coin()`) reproduced through `divide compute` at every stage, against
/// COINr 1.1.14's outputs (Tests/Fixtures/coinr-asem-reference, EXAMPLE.md there): each stage is read by turning the
/// later steps off (`--impute none`, `--treat none`, `--normalise none`), where the score of an indicator row is
/// its value times its direction.
@Suite("COINr build_example_coin() through divide compute")
struct CoinrExampleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let asem = repository.appendingPathComponent("Data/examples/coinr/asem")
    static let reference = repository.appendingPathComponent("Tests/Fixtures/coinr-asem-reference")
    static let example = ["--denominate", "--impute", "group-mean:EurAsia_group", "--screen", "0.9", "--treat", "jrc",
                          "--normalise", "minmax:0,100", "--aggregate", "arithmetic"]

    /// `divide compute` on the ASEM pair with `extra`; unit|node → (score, rank).
    static func compute(_ extra: [String]) throws -> [String: (score: Double?, rank: Int?)] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("coinr-ex-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: output) }
        let command = try #require(try Divide.parseAsRoot([
            "compute", "--framework", asem.appendingPathComponent("ASEM_iMeta.csv").path,
            "--data", asem.appendingPathComponent("ASEM_iData.csv").path, "--format", "csv", "--output", output.path,
        ] + extra) as? ComputeCommand)
        try command.run()
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (u, n, s, r) = (header.firstIndex(of: "unit")!, header.firstIndex(of: "node")!,
                            header.firstIndex(of: "score")!, header.firstIndex(of: "rank")!)
        var out: [String: (score: Double?, rank: Int?)] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out["\(cells[u])|\(cells[n])"] = (Double(cells[s]), Int(cells[r]))
        }
        return out
    }

    /// A reference table: unit|column → value (empty cells left out).
    static func table(_ name: String) throws -> [String: Double] {
        let text = try String(contentsOf: reference.appendingPathComponent(name), encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: ["\""]) }
        }
        var out: [String: Double] = [:]
        for row in rows.dropFirst() {
            for (column, cell) in zip(rows[0], row) where column != "uCode" && column != "uName" {
                if let v = Double(cell) { out["\(row[0])|\(column)"] = v }
            }
        }
        return out
    }

    static let directions: [String: Double] = {
        let meta = try! CoinrMeta.read(path: asem.appendingPathComponent("ASEM_iMeta.csv").path)
        var out: [String: Double] = [:]
        for e in meta.entries where e.type == .indicator { out[e.code] = e.direction == -1 ? -1 : 1 }
        return out
    }()

    /// Compares every reference cell with the computed score (raw stages: value × direction), relative 1e-12
    /// (the means and standard deviations are summed in another order than R's).
    static func expectStage(_ file: String, _ extra: [String], raw: Bool) throws {
        let ours = try compute(extra)
        let theirs = try table(file)
        #expect(theirs.count > 2400, "\(file): \(theirs.count) cells")
        var worst = 0.0
        for (key, value) in theirs {
            let node = String(key.split(separator: "|")[1])
            let expected = raw ? value * (directions[node] ?? 1) : value
            guard let mine = ours[key]?.score ?? nil else { Issue.record("\(file): \(key) not computed"); continue }
            worst = max(worst, abs(mine - expected) / max(1, abs(expected)))
        }
        #expect(worst < 1e-12, "\(file): worst relative difference \(worst)")
    }

    @Test func denominatedImputedScreenedTreated() throws {
        try Self.expectStage("example_denominated.csv", ["--denominate", "--impute", "none", "--treat", "none",
                                                         "--normalise", "none"], raw: true)
        try Self.expectStage("example_imputed.csv", ["--denominate", "--impute", "group-mean:EurAsia_group",
                                                     "--treat", "none", "--normalise", "none"], raw: true)
        try Self.expectStage("example_screened.csv", ["--denominate", "--impute", "group-mean:EurAsia_group",
                                                      "--screen", "0.9", "--treat", "none", "--normalise", "none"],
                             raw: true)
        try Self.expectStage("example_treated.csv", ["--denominate", "--impute", "group-mean:EurAsia_group",
                                                     "--screen", "0.9", "--treat", "jrc", "--normalise", "none"],
                             raw: true)
    }

    @Test func normalisedAggregatedAndRanks() throws {
        try Self.expectStage("example_normalised.csv", Self.example, raw: false)
        try Self.expectStage("example_aggregated.csv", Self.example, raw: false)
        let ours = try Self.compute(Self.example)
        let ranks = try Self.table("example_ranks.csv")
        #expect(ranks.count > 2500)
        for (key, rank) in ranks { #expect(ours[key]?.rank == Int(rank), "\(key)") }
    }

    @Test func denominateNeedsACoinrFramework() throws {
        #expect(throws: (any Error).self) {
            _ = try Divide.parseAsRoot(["compute", "--framework", "apddi", "--denominate"])
        }
        #expect(throws: (any Error).self) {
            _ = try Divide.parseAsRoot(["compute", "--framework", "apddi", "--screen", "1.5"])
        }
    }
}
