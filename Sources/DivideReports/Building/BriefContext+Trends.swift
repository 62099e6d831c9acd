import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

extension BriefBuilder {
    /// Indicator `i`'s value for unit `u` in year index `fy` of the cube, after the framework's transform of the raw
    /// series: per capita divides by its denominator, a cap cuts, `positive` drops values ≤ 0; the logarithms are
    /// not applied (the value stays in the series' own unit). Nil when the cube has no value.
    package func transformedValue(unit u: Int, indicator i: Int, cubeYear fy: Int) -> Double? {
        let cube = result.cube
        let spec = plan.indicators[i]
        guard let s = cube.series.firstIndex(of: spec.series) else { return nil }
        let v = cube[u, s, fy]
        guard !v.isNaN else { return nil }
        switch spec.transform {
        case .perCapita(let d, let scale):
            guard let ds = cube.series.firstIndex(of: d) else { return nil }
            let dv = cube[u, ds, fy]
            return dv.isNaN || dv == 0 ? nil : v / dv * Double(scale)
        case .cap(let upper):
            return min(v, upper)
        case .positive:
            return v > 0 ? v : nil
        case .none, .log, .log1p, .log10:
            return v
        }
    }
}

extension Context {
    /// Each indicator's published values in the ``BriefBuilder/indicatorTrendYears`` years up to the brief's year,
    /// for the economy and as unweighted means over the economies of its subregion and of the ESCAP region that
    /// have a value that year (with their number). Values are the cube's own (nothing carried forward or imputed).
    package func indicatorTrends() -> [Brief.IndicatorTrend] {
        let cube = builder.result.cube
        let window = cube.years.indices.filter {
            cube.years[$0] <= year && cube.years[$0] > year - builder.indicatorTrendYears
        }
        let sub = subregionUnits, plan = builder.plan
        return plan.indicators.indices.map { i in
            let node = plan.indicatorNodes[i]
            let spec = plan.indicators[i]
            var own: [Brief.YearValue] = []
            for fy in window {
                if let v = builder.transformedValue(unit: unit, indicator: i, cubeYear: fy) {
                    own.append(Brief.YearValue(year: cube.years[fy], value: v))
                }
            }
            func group(_ name: String, _ units: [Int]) -> Brief.GroupTrend {
                var points: [Brief.GroupYearValue] = []
                for fy in window {
                    var total = 0.0, count = 0
                    for v in units {
                        if let x = builder.transformedValue(unit: v, indicator: i, cubeYear: fy) {
                            total += x
                            count += 1
                        }
                    }
                    if count > 0 {
                        points.append(Brief.GroupYearValue(year: cube.years[fy], value: total / Double(count),
                                                           economies: count))
                    }
                }
                return Brief.GroupTrend(group: name, of: units.count, points: points)
            }
            let info = builder.panel.indicatorIndex(of: spec.series).map { builder.panel.indicators[$0] }
            var sameUnits = true
            if case .perCapita = spec.transform { sameUnits = false }
            return Brief.IndicatorTrend(
                indicatorId: plan.nodes[node].id, name: plan.nodes[node].name, unit: spec.unit ?? info?.unit,
                series: sameUnits ? spec.series : nil, economy: own, subregion: subregion.flatMap { sub.isEmpty ? nil : group($0.name, sub) },
                escap: group("ESCAP", builder.escap))
        }
    }
}
