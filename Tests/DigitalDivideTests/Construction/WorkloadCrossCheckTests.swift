import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// Cross-check against the benchmark's independent numpy reference (/work/shared/bench/WORKLOAD.md) on the
/// small case in Tests/Fixtures/workload-small (its README gives the command): min-max per indicator and year
/// (constant columns 50), pillars = weighted mean of present indicators when at least half are present,
/// index = arithmetic or shifted-geometric mean of the pillars (NaN if any pillar is), competition ranks, and
/// the Monte Carlo re-aggregation with perturbed indicator weights for the last year.
@Suite struct WorkloadCrossCheckTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/workload-small")
    static let (C, I, Y, P, R) = (12, 8, 3, 4, 4)

    static func table(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func cube() throws -> IndicatorCube {
        var cube = try IndicatorCube(units: (0..<C).map(String.init), series: (0..<I).map(String.init),
                                     years: Array(0..<Y))
        for row in try table("data.csv") {
            cube[Int(row[0])!, Int(row[1])!, Int(row[2])!] = Double(row[3])!
        }
        return cube
    }

    static func framework(index: Aggregation) -> Framework {
        let pillars = (0..<P).map { p in
            FrameworkNode(id: "P\(p)", content: .composite(
                children: stride(from: p, to: I, by: P).map { i in
                    FrameworkNode(id: "i\(i)", content: .indicator(IndicatorSpec(
                        series: "\(i)", direction: i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
                }, aggregation: .arithmetic, coverage: 0.5))
        }
        var f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: pillars, aggregation: index,
                                                                             coverage: 1)))
        f.methods.normalisation = .minMax(lower: 0, upper: 100)
        f.methods.degenerateScore = 50
        return f
    }

    private func value(_ s: String) -> Double { s.isEmpty ? .nan : Double(s)! }

    @Test func pillarsIndicesAndRanksMatchTheNumpyReference() throws {
        let cube = try Self.cube()
        let arith = try Construction.run(Self.framework(index: .arithmetic), cube: cube)
        let geom = try Construction.run(Self.framework(index: .geometricShifted(shift: 1)), cube: cube)
        var compared = 0
        for row in try Self.table("pillars.csv") {
            let (u, y, p) = (Int(row[0])!, Int(row[1])!, Int(row[2])!)
            let ours = arith.scores[arith.index(unit: u, node: arith.plan.node("P\(p)")!, year: y)]
            #expect(close(ours, value(row[3]), 1e-9), "pillar \(p) unit \(u) year \(y)")
            compared += 1
        }
        for row in try Self.table("index.csv") {
            let (u, y) = (Int(row[0])!, Int(row[1])!)
            #expect(close(arith.scores[arith.index(unit: u, node: 0, year: y)], value(row[2]), 1e-9))
            #expect(close(geom.scores[geom.index(unit: u, node: 0, year: y)], value(row[3]), 1e-9))
            compared += 1
        }
        for row in try Self.table("ranks.csv") {
            let (u, y) = (Int(row[0])!, Int(row[1])!)
            #expect(arith.ranks[arith.index(unit: u, node: 0, year: y)] == Int(row[2]))
            #expect(geom.ranks[geom.index(unit: u, node: 0, year: y)] == Int(row[3]))
        }
        #expect(compared == Self.C * Self.Y * (Self.P + 1))
        #expect(arith.scores.contains { $0.isNaN })  // the NaN rules are exercised
    }

    @Test func monteCarloReaggregationMatchesTheNumpyReference() throws {
        let cube = try Self.cube()
        let prepared = try Construction.prepare(Self.framework(index: .arithmetic), cube: cube)
        let plan = prepared.plan
        var weights = [[Double]](repeating: [], count: Self.R)
        for row in try Self.table("weights.csv") { weights[Int(row[0])!].append(Double(row[2])!) }
        var ranks = [[Int?]](repeating: [], count: Self.C)
        for r in 0..<Self.R {
            var w = plan.nominalWeights
            for i in 0..<Self.I { w[plan.node("i\(i)")!] = weights[r][i] }
            var methods = [Aggregation?](repeating: nil, count: plan.nodes.count)
            methods[0] = r % 2 == 0 ? .arithmetic : .geometricShifted(shift: 1)
            let result = try prepared.aggregate(weights: w, methods: methods)
            for u in 0..<Self.C { ranks[u].append(result.ranks[result.index(unit: u, node: 0, year: Self.Y - 1)]) }
        }
        // Hyndman–Fan type 7 (numpy's default), written out here for the check.
        func quantile(_ sorted: [Double], _ q: Double) -> Double {
            let h = Double(sorted.count - 1) * q, f = Int(h.rounded(.down))
            return f + 1 < sorted.count ? sorted[f] + (h - Double(f)) * (sorted[f + 1] - sorted[f]) : sorted[f]
        }
        for row in try Self.table("mc.csv") {
            let u = Int(row[0])!
            let present = ranks[u].compactMap { $0 }.map(Double.init).sorted()
            if row[1].isEmpty { #expect(present.isEmpty); continue }
            #expect(present.count == Self.R)
            #expect(quantile(present, 0.5) == Double(row[1])!)
            #expect(quantile(present, 0.05) == Double(row[2])!)
            #expect(quantile(present, 0.95) == Double(row[3])!)
        }
    }
}
