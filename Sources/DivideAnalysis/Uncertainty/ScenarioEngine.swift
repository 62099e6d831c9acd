import Dispatch
import DivideData
import DivideIndex
import Foundation
import LinearAlgebra

/// How replications are re-aggregated.
public enum ReaggregationEngine: String, Sendable, CaseIterable, Codable {
    /// Matrix products over a block of replications when every method in play is a quasi-arithmetic mean
    /// (arithmetic, geometric, shifted geometric, harmonic, generalised), else one aggregation per replication.
    case automatic
    /// `PreparedConstruction/aggregate(weights:methods:ranks:)` once per replication (the reference path).
    case perReplication = "per-replication"
}

/// One replication's assumptions: raw weights and a method per plan node, which prepared variant (normalisation ×
/// imputation × treatment alternative) it uses, and the generator of its measurement noise, if any.
package struct Scenario: Sendable {
    package var weights: [Double]
    package var methods: [Aggregation]
    package var variant: Int
    package var noise: Xoshiro256StarStar?
}

/// Normalised values of one year under one variant of the methods.
package struct PreparedVariant: Sendable {
    /// Restricted to the analysis year (one year).
    package let prepared: PreparedConstruction
    /// Its operands for batched re-aggregation, prepared once (nil: prepared when needed).
    package var batch: BatchAggregation? = nil
    /// `values[u + units·i]`.
    package var values: [Double] { prepared.normalised }
}

/// Runs scenarios in blocks, on one or more threads, and hands root scores and ranks back in replication order.
///
/// Determinism: scenarios are made on the calling thread in replication order; blocks have a fixed size whatever the
/// thread count, each block is computed by one thread alone (BLAS on one thread while several blocks run at once),
/// and results are delivered in order, so the bytes out do not depend on the number of threads.
package struct ScenarioEngine: Sendable {
    package let framework: Framework
    package let plan: ConstructionPlan
    package let units: [String]
    package let year: Int
    /// The cube each variant is prepared from (only the analysis year when no step needs the others).
    package let cube: IndicatorCube
    package let yearInCube: Int
    package let variantFrameworks: [Framework]
    package let variantLabels: [(normalisation: Int?, imputation: Int?, treatment: Int?)]
    /// Prepared once per variant; empty with measurement noise (each replication prepares its own).
    package let variants: [PreparedVariant]
    package let noisySeries: [(series: Int, error: Double)]
    package let batched: Bool
    package let nominalWeights: [Double]
    package let nominalMethods: [Aggregation]
    package let nominalScores: [Double]
    package let nominalRanks: [Int?]
    /// Nodes whose weights are perturbed, per level in the order given.
    package let noisyWeightNodes: [[Int]]
    /// Composites whose method is chosen among the alternatives.
    package let aggregationNodes: [Int]
    package let assumptions: UncertainAssumptions
    package let threads: Int
    package let blockSize: Int
    /// BLAS threads while running on one thread (nil = 1), see ``UncertaintyOptions/blasThreads``.
    package var blasThreads: Int?
    package var denominator: DenominatorMethod = .product

    /// An engine around the computed index `index`: its preparation and scores are the nominal ones (nothing is
    /// prepared twice); each alternative of normalisation, imputation or treatment is prepared once, on the analysis
    /// year alone unless a step looks at other years.
    package init(index: IndexResult, assumptions: UncertainAssumptions, year requested: Int?,
         engine: ReaggregationEngine, threads: Int, blockSize: Int, measure: String) throws {
        let framework = index.framework, fullCube = index.cube
        try assumptions.validate(measure: measure)
        guard threads >= 1 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "threads", expected: "at least 1",
                                                 found: Double(threads))
        }
        guard blockSize >= 1 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "block size", expected: "at least 1",
                                                 found: Double(blockSize))
        }
        // Variants: every combination of the normalisation, imputation and treatment alternatives.
        let normalisations: [Int?] = assumptions.normalisationAlternatives.isEmpty
            ? [nil] : assumptions.normalisationAlternatives.indices.map { $0 }
        let imputations: [Int?] = assumptions.imputationAlternatives.isEmpty
            ? [nil] : assumptions.imputationAlternatives.indices.map { $0 }
        let treatments: [Int?] = assumptions.treatmentAlternatives.isEmpty
            ? [nil] : assumptions.treatmentAlternatives.indices.map { $0 }
        var labels: [(normalisation: Int?, imputation: Int?, treatment: Int?)] = []
        var frameworks: [Framework] = []
        for t in treatments {
            for i in imputations {
                for n in normalisations {
                    labels.append((n, i, t))
                    frameworks.append(framework.replacing(
                        normalisation: n.map { assumptions.normalisationAlternatives[$0] },
                        imputation: i.map { assumptions.imputationAlternatives[$0] },
                        treatment: t.map { assumptions.treatmentAlternatives[$0] }))
                }
            }
        }
        // Only the analysis year is needed unless a step looks at other years (every other step works per year, so
        // the values of that year are the same either way).
        let needsAllYears = framework.methods.pooledNormalisation
            || frameworks.contains { $0.methods.imputation.contains(where: \.isTemporal) }
        let U = fullCube.units.count
        func singleYear(_ y: Int) throws -> IndicatorCube {
            let I = fullCube.series.count
            return try IndicatorCube(units: fullCube.units, series: fullCube.series, years: [fullCube.years[y]],
                                     values: Array(fullCube.values[(U * I * y)..<(U * I * (y + 1))]),
                                     groupings: fullCube.groupings)
        }
        let requestedIndex = try requested.map { requested in
            guard let found = fullCube.years.firstIndex(of: requested) else {
                throw ConstructionError.unknownName(kind: "year", name: String(requested),
                                                    known: fullCube.years.map(String.init))
            }
            return found
        }
        // The nominal index is the computed one.
        let nominalPrepared = index.prepared
        let nominal = index.construction
        let plan = nominal.plan
        let N = plan.nodes.count
        // The analysis year: the one asked for, else the latest with a ranked unit.
        let y: Int
        if let requestedIndex {
            y = requestedIndex
        } else {
            guard let latest = fullCube.years.indices.reversed().first(where: { y in
                (0..<U).contains { nominal.ranks[nominal.index(unit: $0, node: 0, year: y)] != nil }
            }) else {
                throw AnalysisError.empty(measure: measure, argument: "ranked units (no year has an index score)")
            }
            y = latest
        }
        self.framework = framework
        self.plan = plan
        self.units = fullCube.units
        self.year = fullCube.years[y]
        self.nominalWeights = nominal.weights
        self.nominalMethods = plan.nodes.map { $0.aggregation ?? .arithmetic }
        self.nominalScores = nominal.scores(node: 0, year: y)
        self.nominalRanks = (0..<U).map { nominal.ranks[nominal.index(unit: $0, node: 0, year: y)] }
        self.assumptions = assumptions
        self.threads = threads
        self.blockSize = blockSize

        self.variantLabels = labels
        if needsAllYears {
            self.cube = fullCube
            self.yearInCube = y
        } else {
            self.cube = try singleYear(y)
            self.yearInCube = 0
        }
        self.variantFrameworks = frameworks

        // Measurement noise: by indicator id or series code.
        var noisy: [Int: Double] = [:]
        for (name, error) in assumptions.measurementNoise where error > 0 {
            let series: String
            if let n = plan.node(name), let i = plan.nodes[n].indicator { series = plan.indicators[i].series }
            else if plan.indicators.contains(where: { $0.series == name }) { series = name }
            else {
                throw ConstructionError.unknownName(kind: "indicator for measurement noise", name: name,
                                                    known: plan.indicatorNodes.map { plan.nodes[$0].id })
            }
            guard let s = fullCube.series.firstIndex(of: series) else {
                throw ConstructionError.unknownName(kind: "series", name: series, known: fullCube.series)
            }
            noisy[s] = error
        }
        self.noisySeries = noisy.keys.sorted().map { ($0, noisy[$0]!) }

        self.noisyWeightNodes = assumptions.weightNoise == 0 ? [] : assumptions.weightLevels.map { level in
            plan.nodes.indices.filter { plan.nodes[$0].parent != nil && plan.nodes[$0].level == level }
        }
        self.aggregationNodes = plan.aggregationOrder.filter { n in
            assumptions.aggregationLevels.map { $0.contains(plan.nodes[n].level) } ?? true
        }
        let methodsInPlay = nominalMethods.enumerated().filter { plan.nodes[$0.offset].indicator == nil }.map(\.element)
            + assumptions.aggregationAlternatives
        self.batched = engine == .automatic && methodsInPlay.allSatisfy { QuasiArithmeticMean($0) != nil }
        var variantList: [PreparedVariant]
        if noisySeries.isEmpty {
            var prepared: [PreparedVariant] = []
            for f in frameworks {
                // The nominal framework's variant is the nominal preparation itself.
                let p = f == framework ? nominalPrepared.restricted(toYear: y)
                    : try Construction.prepare(f, cube: cube).restricted(toYear: yearInCube)
                prepared.append(PreparedVariant(prepared: p))
            }
            variantList = prepared
        } else {
            variantList = []
        }

        if batched {
            // Operands of every node of indicators, per mean it can take, prepared once per variant.
            let nominalMethods = self.nominalMethods
            let alternatives = assumptions.aggregationAlternatives.compactMap(QuasiArithmeticMean.init)
            var means = [[QuasiArithmeticMean]](repeating: [], count: plan.nodes.count)
            for n in plan.aggregationOrder {
                let nominal = QuasiArithmeticMean(nominalMethods[n]).map { [$0] } ?? []
                means[n] = aggregationNodes.contains(n) ? nominal + alternatives : nominal
            }
            for v in variantList.indices {
                variantList[v].batch = BatchAggregation(plan: plan, values: variantList[v].values, units: units,
                                                        year: year, means: means)
            }
        }
        self.variants = variantList
        _ = N
    }

    package var unitCount: Int { units.count }

    /// A human-readable name of the path taken.
    package var engineDescription: String { batched ? "batched (dgemm per node)" : "per replication" }

    // MARK: - Scenarios

    /// The weights with noise: `w·(1 + x·(2u − 1))` for each perturbed node, `u` from `rng`, nodes of each level in
    /// plan order, levels in the order given.
    package func noisyWeights(level: Int?, rng: inout Xoshiro256StarStar, into weights: inout [Double]) {
        let x = assumptions.weightNoise
        let lists = level.map { [noisyWeightNodes[$0]] } ?? noisyWeightNodes
        for nodes in lists {
            for n in nodes { weights[n] *= 1 + x * (2 * rng.uniform() - 1) }
        }
    }

    /// Index `⌊u·count⌋` (capped at `count − 1`).
    package static func choice(_ u: Double, count: Int) -> Int { min(Int(u * Double(count)), count - 1) }

    package func methods(aggregation choice: Int?) -> [Aggregation] {
        var methods = nominalMethods
        if let choice {
            for n in aggregationNodes { methods[n] = assumptions.aggregationAlternatives[choice] }
        }
        return methods
    }

    package func variantIndex(normalisation: Int?, imputation: Int?, treatment: Int?) -> Int {
        let nn = max(1, assumptions.normalisationAlternatives.count)
        let ni = max(1, assumptions.imputationAlternatives.count)
        return (normalisation ?? 0) + nn * ((imputation ?? 0) + ni * (treatment ?? 0))
    }

    /// A Monte Carlo replication: draws, from `rng` and in this order, the weight noise (levels as given, nodes in
    /// plan order), the aggregation, normalisation, imputation and treatment choices (each only when alternatives
    /// are given); the generator as it then stands drives the measurement noise.
    package func randomScenario(_ rng: inout Xoshiro256StarStar) -> Scenario {
        var w = nominalWeights
        noisyWeights(level: nil, rng: &rng, into: &w)
        let a = assumptions
        let agg = a.aggregationAlternatives.isEmpty ? nil
            : Self.choice(rng.uniform(), count: a.aggregationAlternatives.count)
        let n = a.normalisationAlternatives.isEmpty ? nil
            : Self.choice(rng.uniform(), count: a.normalisationAlternatives.count)
        let i = a.imputationAlternatives.isEmpty ? nil
            : Self.choice(rng.uniform(), count: a.imputationAlternatives.count)
        let t = a.treatmentAlternatives.isEmpty ? nil
            : Self.choice(rng.uniform(), count: a.treatmentAlternatives.count)
        return Scenario(weights: w, methods: methods(aggregation: agg),
                        variant: variantIndex(normalisation: n, imputation: i, treatment: t),
                        noise: noisySeries.isEmpty ? nil : rng)
    }

    /// The nominal scenario (framework's weights and methods, first variant).
    package var nominalScenario: Scenario {
        Scenario(weights: nominalWeights, methods: nominalMethods, variant: 0, noise: nil)
    }

    // MARK: - Evaluation

    /// The prepared values of a scenario: its variant's, or prepared afresh from a noisy copy of the cube.
    package func prepared(for scenario: Scenario) throws -> PreparedVariant {
        guard var rng = scenario.noise else { return variants[scenario.variant] }
        var noisy = cube
        let U = cube.units.count, S = cube.series.count
        for (s, error) in noisySeries {
            for y in 0..<cube.years.count {
                for u in 0..<U {
                    let k = u + U * (s + S * y)
                    let x = noisy.values[k]
                    guard !x.isNaN else { continue }
                    noisy.values[k] = x * (1 + error * (2 * rng.uniform() - 1))
                }
            }
        }
        let p = try Construction.prepare(variantFrameworks[scenario.variant], cube: noisy)
        return PreparedVariant(prepared: p.restricted(toYear: yearInCube))
    }

    /// The runner of blocks of scenarios.
    package var runner: ReplicationRunner {
        let engine = self
        var prepareNoisy: (@Sendable (Scenario) throws -> PreparedVariant)?
        if !noisySeries.isEmpty {
            prepareNoisy = { @Sendable (scenario: Scenario) throws -> PreparedVariant in
                try engine.prepared(for: scenario)
            }
        }
        var runner = ReplicationRunner(
            plan: plan, units: units, year: year, variants: variants, batched: batched, threads: threads,
            blockSize: blockSize, blasThreads: blasThreads, denominator: denominator,
            prepareNoisy: prepareNoisy)
        // Ties of the index hold in every replication: scores equal in exact arithmetic (an economy with the best
        // value of every indicator, like several others) differ by a few ulps once a replication's weights are
        // summed by BLAS, and must not be ranked apart (a tie the brief reports would turn into a rank interval).
        runner.tieBits = Self.tieBits
        return runner
    }

    /// Scores within a relative 2⁻³³ (about 1.2e-10) of each other tie in a replication's ranking.
    package static let tieBits = 20

    /// Runs `count` scenarios made by `make` (called on this thread, in order, for consecutive ranges) and passes
    /// each wave's root scores and competition ranks (0 = unranked), units × replications column-major, to
    /// `consume` in replication order.
    package func run(count: Int, make: (Range<Int>) -> [Scenario],
             consume: (Range<Int>, [Double], [Int32]) throws -> Void,
             progress: ((Int, Int) -> Void)? = nil) throws {
        let U = units.count
        let collected = WaveResults()
        try runner.run(count: count, layout: .replicationMajor, make: make, block: { range, workspace in
            collected.store(first: range.lowerBound,
                            scores: Array(UnsafeBufferPointer(start: workspace.root, count: U * range.count)),
                            ranks: Array(UnsafeBufferPointer(start: workspace.ranks, count: U * range.count)))
        }, wave: { range in
            let (scores, ranks) = collected.take()
            try consume(range, scores, ranks)
            progress?(range.upperBound, count)
        })
    }
}

/// One wave's per-block outputs, written by worker threads, joined in replication order.
private final class WaveResults: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [(first: Int, scores: [Double], ranks: [Int32])] = []

    func store(first: Int, scores: [Double], ranks: [Int32]) {
        lock.lock(); defer { lock.unlock() }
        blocks.append((first, scores, ranks))
    }

    /// The blocks stored since the last call, concatenated in replication order.
    func take() -> ([Double], [Int32]) {
        lock.lock(); defer { lock.unlock() }
        let ordered = blocks.sorted { $0.first < $1.first }
        blocks = []
        return (ordered.flatMap(\.scores), ordered.flatMap(\.ranks))
    }
}

extension PreparedConstruction {
    /// The same prepared values restricted to year index `y` (treatment records dropped).
    package func restricted(toYear y: Int) -> PreparedConstruction {
        let block = units.count * plan.indicators.count
        return PreparedConstruction(plan: plan, units: units, years: [years[y]], groupings: groupings,
                                    normalised: Array(normalised[(block * y)..<(block * (y + 1))]),
                                    origins: Array(origins[(block * y)..<(block * (y + 1))]), treatment: [])
    }
}
