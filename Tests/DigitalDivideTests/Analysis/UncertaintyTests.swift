import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Uncertainty analysis")
struct UncertaintyTests {
    let framework = UncertaintyFixture.framework()

    /// Nothing varies (no weight noise, the only aggregation "alternative" is the framework's own): every replication
    /// reproduces the nominal ranks exactly, on both engines.
    @Test(arguments: [ReaggregationEngine.automatic, .perReplication])
    func zeroPerturbationReproducesTheNominalRanks(engine: ReaggregationEngine) throws {
        let cube = try UncertaintyFixture.cube()
        let nominal = try Construction.run(framework, cube: cube)
        let assumptions = UncertainAssumptions(weightNoise: 0, weightLevels: [1, 2, 3],
                                               aggregationAlternatives: [.arithmetic])
        let options = UncertaintyOptions(replications: 64, seed: 5, engine: engine)
        let result = try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions, options: options)
        #expect(result.year == 2022)
        let ranks = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options).ranks
        let U = cube.units.count
        // Ranks are compared exactly below, which is sound only if no two nominal scores are within rounding of each
        // other (the batched path sums through dgemm, whose order differs between BLAS kernels): checked here.
        for year in [2021, 2022] {
            let scores = cube.units.compactMap { nominal.score(unit: $0, node: "IDX", year: year) }.filter { !$0.isNaN }
                .sorted()
            #expect(zip(scores, scores.dropFirst()).allSatisfy { $1 - $0 > 1e-9 }, "near-tied nominal scores in \(year)")
        }
        for (k, rank) in ranks.enumerated() {
            let expected = nominal.rank(unit: cube.units[k % U], node: "IDX", year: 2022)
            #expect(rank == Int32(expected ?? 0))
        }
        for row in result.units {
            let expected = nominal.rank(unit: row.unit, node: "IDX", year: 2022)
            #expect(row.nominalRank == expected)
            guard let expected else { #expect(row.rankedReplications == 0); continue }
            #expect(row.medianRank == Double(expected) && row.p5Rank == Double(expected)
                    && row.p95Rank == Double(expected))
            #expect(row.meanAbsoluteShift == 0 && row.rankedReplications == 64)
        }
        #expect(result.meanAbsoluteShift == 0)
        #expect(result.units.contains { $0.nominalRank == nil })  // the fixture has an unscored unit
        // An earlier year asked for (then only that year is prepared): its nominal ranks and scores, unchanged.
        var earlier = options
        earlier.year = 2021
        let first = try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions, options: earlier)
        #expect(first.year == 2021 && first.meanAbsoluteShift == 0)
        for row in first.units {
            #expect(row.nominalRank == nominal.rank(unit: row.unit, node: "IDX", year: 2021))
            #expect(row.nominalScore == nominal.score(unit: row.unit, node: "IDX", year: 2021).flatMap {
                $0.isNaN ? nil : $0 })
            #expect(row.medianRank == row.nominalRank.map(Double.init))
        }
    }

    /// The batched (dgemm) path against the plain per-replication `PreparedConstruction.aggregate`, on the same draws:
    /// weight noise at every level and each quasi-arithmetic alternative at every node of a three-level tree with a
    /// mixed node.
    @Test(arguments: [[Aggregation.arithmetic, .geometric], [.geometricShifted(shift: 1), .harmonic],
                      [.generalised(power: 2), .arithmetic]])
    func batchedPathEqualsPerReplicationAggregation(alternatives: [Aggregation]) throws {
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.4, weightLevels: [1, 2, 3],
                                               aggregationAlternatives: alternatives)
        var options = UncertaintyOptions(replications: 150, seed: 99, blockSize: 32)
        let batched = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options)
        options.engine = .perReplication
        let plain = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options)
        #expect(batched.scores.count == plain.scores.count)
        var worst = 0.0
        for (a, b) in zip(batched.scores, plain.scores) {
            #expect(a.isNaN == b.isNaN)
            if !a.isNaN { worst = max(worst, abs(a - b) / max(1, abs(b))) }
        }
        #expect(worst <= 1e-12, "largest relative difference \(worst)")
        #expect(batched.ranks == plain.ranks)
        // The draws did change something.
        #expect(Set(batched.ranks).count > 2)
    }

    /// Same seed, 1 and 2 threads, small blocks so that both threads work: the scores file is byte-identical and so
    /// is the result.
    @Test func sameBytesWhateverTheThreadCount() throws {
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: [2],
                                               aggregationAlternatives: [.arithmetic, .geometric])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [UncertaintyResult] = [], files: [Data] = []
        for threads in [1, 2] {
            let url = folder.appendingPathComponent("scores-\(threads).csv")
            let options = UncertaintyOptions(replications: 300, seed: 2026, threads: threads, blockSize: 16,
                                             scoresFile: url)
            results.append(try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions,
                                                       options: options))
            files.append(try Data(contentsOf: url))
        }
        #expect(results[0] == results[1])
        #expect(files[0] == files[1])
        let lines = String(decoding: files[0], as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 301)
        #expect(String(decoding: files[0], as: UTF8.self).hasSuffix("\r\n"))
        #expect(lines[0] == "replication," + cube.units.joined(separator: ","))
        #expect(lines[1].hasPrefix("1,") && lines[300].hasPrefix("300,"))
        #expect(lines[1].split(separator: ",", omittingEmptySubsequences: false).count == cube.units.count + 1)
    }

    /// Weight noise follows `w·(1 + x·(2u − 1))` with `u` the replication stream's uniforms, nodes of the level in
    /// plan order. Hand check on seed 7, replication 0 (stream 0 = the seeded generator): the first uniform is
    /// `Xoshiro256StarStar(seed: 7).uniform()`; P0 (written weight 2) becomes 2·(1 + 0.25·(2u − 1)).
    @Test func weightNoiseDrawsFollowTheFormula() throws {
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: [3])
        let engine = try ScenarioEngine(index: IndexResult(computing: framework, cube: cube), assumptions: assumptions, year: nil,
                                        engine: .automatic, threads: 1, blockSize: 8, measure: "test")
        let plan = engine.plan
        // Level 3 = P0 only (its sub-pillars are level 2, so P0 is 3; P1 and P2 are level 2).
        #expect(engine.noisyWeightNodes == [[plan.node("P0")!]])
        for r in 0..<3 {
            var stream = Xoshiro256StarStar.streams(seed: 7, count: r + 1)[r]
            var check = stream
            let scenario = engine.randomScenario(&stream)
            let u = check.uniform()
            #expect(scenario.weights[plan.node("P0")!] == 2 * (1 + 0.25 * (2 * u - 1)))
            #expect(scenario.weights[plan.node("P1")!] == 1 && scenario.weights[plan.node("P2")!] == 1.5)
            #expect(abs(scenario.weights[plan.node("P0")!] - 2) <= 0.5)
        }
        // The same draw spelt out by hand: SplitMix64 state of seed 7, then one xoshiro256** output, top 53 bits.
        var g = Xoshiro256StarStar(seed: 7)
        let bits = g.next()
        let u = Double(bits >> 11) * 0x1.0p-53
        var h = Xoshiro256StarStar(seed: 7)
        #expect(h.uniform() == u)
    }

    /// The rank statistics against LinearAlgebra's type-7 quantiles and a direct mean, on the replications' ranks.
    @Test func rankStatisticsMatchTheQuantilesOfTheReplicationRanks() throws {
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(weightNoise: 0.5, weightLevels: [1, 2],
                                               aggregationAlternatives: [.arithmetic, .geometric])
        let options = UncertaintyOptions(replications: 257, seed: 3)
        let result = try UncertaintyAnalysis.run(framework, cube: cube, assumptions: assumptions, options: options)
        let all = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options)
        let U = cube.units.count
        var total = 0.0, pairs = 0
        for (u, row) in result.units.enumerated() {
            let ranks = (0..<257).map { Double(all.ranks[u + U * $0]) }.filter { $0 > 0 }
            #expect(row.rankedReplications == ranks.count)
            guard let nominal = row.nominalRank else { continue }
            let q = try Quantile.type7(ranks, probabilities: [0.5, 0.05, 0.95])
            #expect(row.medianRank == q[0] && row.p5Rank == q[1] && row.p95Rank == q[2])
            let shift = ranks.map { abs($0 - Double(nominal)) }.reduce(0, +)
            #expect(isNear(row.meanAbsoluteShift, shift / Double(ranks.count)))
            #expect(isNear(row.meanRank, ranks.reduce(0, +) / Double(ranks.count)))
            #expect(row.bestRank == Int(ranks.min()!) && row.worstRank == Int(ranks.max()!))
            total += shift
            pairs += ranks.count
        }
        #expect(isNear(result.meanAbsoluteShift, total / Double(pairs)))
        #expect(result.meanAbsoluteShift > 0)
    }

    /// Normalisation and treatment alternatives without weight noise: every replication's scores are those of the
    /// whole pipeline run with one of the alternative frameworks, and each alternative occurs.
    @Test func methodAlternativesReproduceTheFullPipeline() throws {
        let cube = try UncertaintyFixture.cube()
        let normalisations: [Normalisation] = [.minMax(lower: 1, upper: 100), .fractionOfMax]
        let treatments: [Treatment] = [.none, .boxCox(lambda: 0.5)]
        let assumptions = UncertainAssumptions(normalisationAlternatives: normalisations,
                                               treatmentAlternatives: treatments)
        let options = UncertaintyOptions(replications: 40, seed: 8)
        let all = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options)
        var candidates: [[Double]] = []
        for n in ["minmax:1,100", "fracmax"] {
            for t in ["none", "boxcox:0.5"] {
                let f = try framework.overriding(treatment: t, normalisation: n)
                candidates.append(try Construction.run(f, cube: cube).scores(node: 0, year: 1))
            }
        }
        let U = cube.units.count
        var seen = Set<Int>()
        for r in 0..<40 {
            let column = Array(all.scores[(U * r)..<(U * r + U)])
            let match = candidates.firstIndex { close($0, column, 1e-12) }
            #expect(match != nil, "replication \(r)")
            if let match { seen.insert(match) }
        }
        #expect(seen.count == 4)
    }

    /// Measurement noise of 10% on one indicator: replication 0's scores are the pipeline's on the cube with that
    /// series' values of the analysis year multiplied by 1 + 0.1·(2u − 1), u from stream 0 in unit order.
    @Test func measurementNoiseFollowsTheFormula() throws {
        let cube = try UncertaintyFixture.cube()
        let assumptions = UncertainAssumptions(measurementNoise: ["i6": 0.1])
        let options = UncertaintyOptions(replications: 3, seed: 12)
        let all = try UncertaintyAnalysis.scores(framework, cube: cube, assumptions: assumptions, options: options)
        var noisy = cube
        var rng = Xoshiro256StarStar(seed: 12)
        for u in cube.units.indices where !noisy[u, 6, 1].isNaN { noisy[u, 6, 1] *= 1 + 0.1 * (2 * rng.uniform() - 1) }
        let expected = try Construction.run(framework, cube: noisy).scores(node: 0, year: 1)
        #expect(close(Array(all.scores[0..<cube.units.count]), expected, 1e-12))
        #expect(!close(expected, try Construction.run(framework, cube: cube).scores(node: 0, year: 1), 1e-9))
    }

    @Test func badParametersAreTypedErrors() throws {
        let cube = try UncertaintyFixture.cube()
        #expect(throws: AnalysisError.self) {
            try UncertaintyAnalysis.run(framework, cube: cube, assumptions: UncertainAssumptions(weightNoise: 1.5))
        }
        #expect(throws: ConstructionError.self) {
            try UncertaintyAnalysis.run(framework, cube: cube,
                                        assumptions: UncertainAssumptions(measurementNoise: ["nope": 0.1]))
        }
        // A geometric mean over min-max [0, 100] scores meets a zero: the error names node, child, unit and year.
        var zeroFramework = framework
        zeroFramework.methods.normalisation = .minMax(lower: 0, upper: 100)
        do {
            _ = try UncertaintyAnalysis.run(zeroFramework, cube: cube,
                                            assumptions: UncertainAssumptions(aggregationAlternatives: [.geometric]),
                                            options: UncertaintyOptions(replications: 4))
            Issue.record("expected an error")
        } catch let error as ConstructionError {
            #expect(error.description.contains("geometric (node ") && error.description.contains("year 2022"))
        }
    }
}
