import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Step 5 of the benchmark workload (`../shared/bench/WORKLOAD.md`): the Monte Carlo over weights, run through
/// ``UncertaintyAnalysis/rankIntervals(_:year:design:options:)`` on the normalised values of step 1.
public enum WorkloadMonteCarlo {
    /// The workload's design for `plan`: replication `r` weighs indicator `i` (series code `"i"`) by `W[r·I + i]`,
    /// and the index (root) is arithmetic for even `r`, shifted geometric (`+1`) for odd `r`.
    /// - Throws: ``AnalysisError`` when a plan indicator's series is not an integer code below `indicators`.
    public static func design(plan: ConstructionPlan, weights W: [Double], indicators I: Int,
                              replications R: Int) throws -> ReplicationDesign {
        let measure = "workload Monte Carlo"
        let codes = try plan.indicators.map { spec -> Int in
            guard let i = Int(spec.series), i >= 0, i < I else {
                throw AnalysisError.invalidParameter(measure: measure, argument: "indicator series \(spec.series)",
                                                     expected: "an integer code below \(I)", found: .nan)
            }
            return i
        }
        guard R >= 0, W.count == R * I else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "weights",
                                                 expected: "R × I = \(R * I) values", found: Double(W.count))
        }
        let K = codes.count
        var weights = [Double](repeating: 0, count: R * K)
        for r in 0..<R {
            for (k, i) in codes.enumerated() { weights[r * K + k] = W[r * I + i] }
        }
        let root = plan.nodes[0].id
        return ReplicationDesign(
            replications: R, indicatorWeights: weights,
            methods: [root: (0..<R).map { $0 % 2 == 0 ? .arithmetic : .geometricShifted(shift: 1) }])
    }

    /// `mc.csv`: `unit,rank_median,rank_p5,rank_p95`, one row per unit in order, numbers in shortest round-trip
    /// form (as Python's `repr`), empty for a unit never ranked.
    public static func csv(_ result: RankIntervals) -> String {
        var text = "unit,rank_median,rank_p5,rank_p95\n"
        func field(_ x: Double) -> String { WorkloadOutput.repr(x) }
        for u in result.units.indices {
            text += "\(result.units[u]),\(field(result.median[u])),\(field(result.p5[u])),\(field(result.p95[u]))\n"
        }
        return text
    }
}
