
import DigitalDivide

/// The benchmark workload's composite index as a ``Framework`` (`../shared/bench/WORKLOAD.md`), so that the
/// workload runs through the same construction code as `divide compute`.
///
/// Indicator `i` (series `"i"`, node `i<i>`) belongs to pillar `i mod P` (node `P<p>`); direction +1 for even
/// `i`, −1 for odd `i`; every weight 1. Normalisation: min-max to 0–100 per indicator and year, 50 when
/// max = min (``MethodChoices/degenerateScore``). Pillars: arithmetic mean of the available indicators with
/// coverage ½, i.e. scored when `2·n_avail ≥ n_p` (exactly half is enough). Index (root `index`): the given
/// method over all pillars with coverage 1 (not scored when any pillar is not); the workload's two indices are
/// ``Aggregation/arithmetic`` and ``Aggregation/geometricShifted(shift:)`` with shift 1,
/// `exp(Σ_p log(s_p + 1)/P) − 1`.
public enum WorkloadFramework {
    /// The framework for `indicators` indicators in `pillars` pillars.
    public static func make(indicators: Int, pillars: Int, index: Aggregation = .arithmetic) -> Framework {
        let pillarNodes = (0..<pillars).map { p in
            FrameworkNode(id: "P\(p)", weight: 1, content: .composite(
                children: stride(from: p, to: indicators, by: pillars).map { i in
                    FrameworkNode(id: "i\(i)", weight: 1, content: .indicator(IndicatorSpec(
                        series: "\(i)", direction: i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
                }, aggregation: .arithmetic, coverage: 0.5))
        }
        let methods = MethodChoices(normalisation: .minMax(lower: 0, upper: 100), aggregation: .arithmetic,
                                    weighting: .explicit, degenerateScore: 50)
        return Framework(root: FrameworkNode(id: "index", content: .composite(children: pillarNodes,
                                                                               aggregation: index, coverage: 1)),
                         methods: methods)
    }
}
