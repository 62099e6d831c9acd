import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension BriefBuilder {
    /// Computes the 5–95% rank intervals of the index and of each pillar in `year` by Monte Carlo
    /// (`UncertaintyAnalysis`): every weight below the node varied by ±`weightNoise` (uniform, relative), the
    /// rest of the construction as the framework defines it. Each pillar is analysed as an index of its own
    /// (its own weights varied), so its interval says how much its rank depends on how its indicators are weighted.
    ///
    /// A node whose analysis fails (for example a construction step that cannot take a replication's data) keeps
    /// no interval, and the brief says so. Deterministic for a given seed.
    public mutating func computeRankIntervals(year: Int, replications: Int = 200, seed: UInt64 = 1,
                                              weightNoise: Double = 0.25, threads: Int = 1) {
        let framework = result.framework
        let roots = [framework.root] + framework.root.children.filter { !$0.children.isEmpty }
        var intervals: [String: [String: Brief.RankInterval]] = [:]
        var failed: [String] = []
        for root in roots {
            // The index is the computed one; a pillar, analysed as an index of its own, is a construction of its own.
            let sub = Framework(root: root, methods: framework.methods)
            let plan = ConstructionPlan(sub)
            let levels = Array(Set(plan.nodes.dropFirst().map(\.level))).sorted()
            let assumptions = UncertainAssumptions(weightNoise: weightNoise, weightLevels: levels)
            let options = UncertaintyOptions(replications: replications, seed: seed, year: year, threads: threads)
            guard let index = root.id == framework.root.id ? result : try? IndexResult(computing: sub, cube: result.cube),
                  let analysis = try? UncertaintyAnalysis.run(index, assumptions: assumptions, options: options) else {
                failed.append(root.name)
                continue
            }
            var byUnit: [String: Brief.RankInterval] = [:]
            for unit in analysis.units {
                guard let low = unit.p5Rank, let high = unit.p95Rank, unit.rankedReplications > 0 else { continue }
                byUnit[unit.unit] = Brief.RankInterval(low: low, high: high, median: unit.medianRank,
                                                       replications: unit.rankedReplications)
            }
            intervals[root.id] = byUnit
        }
        rankIntervals = intervals
        rankIntervalNote = "Rank intervals: \(replications) Monte Carlo replications with every weight varied by ±"
            + String(format: "%.0f", weightNoise * 100) + "% (seed \(seed))"
            + (failed.isEmpty ? "." : "; not computed for " + failed.joined(separator: ", ") + ".")
    }
}
