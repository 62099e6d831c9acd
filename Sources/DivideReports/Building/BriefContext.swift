import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// One economy in one year: the per-node and per-indicator parts of its brief.
package struct Context {
    package let builder: BriefBuilder
    package let unit: Int
    package let year: Int
    package let y: Int
    package let subregion: EscapSubregion?
    package let income: String?

    private var c: ConstructionResult { builder.construction }
    private var plan: ConstructionPlan { builder.plan }

    package init(builder: BriefBuilder, unit: Int, year: Int, y: Int, subregion: EscapSubregion?, income: String?) {
        self.builder = builder
        self.unit = unit
        self.year = year
        self.y = y
        self.subregion = subregion
        self.income = income
    }

    /// ESCAP-region units of the economy's subregion (empty without one).
    package var subregionUnits: [Int] {
        guard let subregion else { return [] }
        return builder.escap.filter { builder.registry.subregion(of: c.units[$0]) == subregion }
    }

    /// ESCAP-region units of the economy's income group (empty without one).
    package var incomeUnits: [Int] {
        guard let income else { return [] }
        return builder.escap.filter { builder.incomeGroup($0) == income }
    }

    package func column(_ n: Int, year: Int) -> [Double]? {
        c.years.firstIndex(of: year).map { c.scores(node: n, year: $0) }
    }

    // MARK: - Nodes

    package func summary(node n: Int) -> Brief.NodeSummary {
        let info = plan.nodes[n]
        let now = c.scores(node: n, year: y)
        let sub = subregionUnits, inc = incomeUnits
        var s = Brief.NodeSummary(id: info.id, name: info.name, kind: n == 0 ? .index : .pillar,
                                  score: builder.finite(now[unit]))
        s.rank = builder.rank(of: unit, among: builder.escap, column: now)
        if !sub.isEmpty { s.subregionRank = builder.rank(of: unit, among: sub, column: now) }
        if !inc.isEmpty { s.incomeGroupRank = builder.rank(of: unit, among: inc, column: now) }
        s.rankInterval = builder.rankIntervals[info.id]?[c.units[unit]]
        s.changeOneYear = change(node: n, from: year - 1, now: now)
        s.changeFiveYears = change(node: n, from: year - 5, now: now)
        if let subregion { s.subregion = builder.benchmark(subregion.name, group: sub, column: now, year: year) }
        s.escap = builder.benchmark(builder.region, group: builder.escap, column: now, year: year)
        if !sub.isEmpty { s.gapToSubregionBest = gap(node: n, group: sub) }
        s.gapToEscapBest = gap(node: n, group: builder.escap)
        return s
    }

    /// The change of node `n` since `earlier`: the score difference on the trend-safe variant (levels normalised
    /// over all years), over the components present in both years (re-aggregated with the node's own mean when the
    /// make-up differs; nil when the node's mean is not quasi-arithmetic or nothing is shared), and the change of
    /// relative rank among the ESCAP economies.
    package func change(node n: Int, from earlier: Int, now: [Double]) -> Brief.Change? {
        guard !now[unit].isNaN, let before = column(n, year: earlier), !before[unit].isNaN,
              let levels = builder.levels, let ly = levels.years.firstIndex(of: year),
              let le = levels.years.firstIndex(of: earlier) else { return nil }
        func level(_ node: Int, _ t: Int) -> Double { levels.scores[levels.index(unit: unit, node: node, year: t)] }
        let inNow = builder.presentChildren(node: n, unit: unit, y: ly, in: levels)
        let inBefore = builder.presentChildren(node: n, unit: unit, y: le, in: levels)
        var delta = level(n, ly) - level(n, le)
        var basis: String?
        if inNow != inBefore {
            let shared = plan.nodes[n].children.filter { inNow.contains($0) && inBefore.contains($0) }
            guard !shared.isEmpty, let mean = QuasiArithmeticMean(plan.nodes[n].aggregation ?? .arithmetic) else {
                return nil
            }
            func aggregate(_ t: Int) -> Double? {
                var total = 0.0, weight = 0.0
                for child in shared {
                    let x = level(child, t)
                    guard mean.accepts(x) else { return nil }
                    total += levels.weights[child] * mean.forward(x)
                    weight += levels.weights[child]
                }
                return weight > 0 ? mean.inverse(total / weight) : nil
            }
            guard let a = aggregate(ly), let b = aggregate(le) else { return nil }
            delta = a - b
            let kind = plan.nodes[shared[0]].indicator == nil ? "components" : "indicators"
            let entering = plan.nodes[n].children.filter { inNow.contains($0) && !inBefore.contains($0) }
            let leaving = plan.nodes[n].children.filter { !inNow.contains($0) && inBefore.contains($0) }
            basis = "on the \(shared.count) of \(plan.nodes[n].children.count) \(kind) scored in both years"
                + (entering.isEmpty ? "" : "; " + entering.map { plan.nodes[$0].name }.joined(separator: ", ")
                    + " has no score in \(earlier)")
                + (leaving.isEmpty ? "" : "; " + leaving.map { plan.nodes[$0].name }.joined(separator: ", ")
                    + " has no score in \(year)")
        }
        let rankDelta = builder.rank(of: unit, among: builder.escap, column: before).flatMap { old in
            builder.rank(of: unit, among: builder.escap, column: now).map { old.rank - $0.rank }
        }
        return Brief.Change(fromYear: earlier, delta: delta, rankDelta: rankDelta,
                            direction: Brief.Change.direction(of: delta, flatBelow: builder.flatThreshold), basis: basis)
    }

    /// The gap of node `n` to the best of `group` and its three largest indicator contributions, from the one gap
    /// analysis (``IndexResult/gap(node:unit:year:frontier:window:)``, which `divide gaps` uses too), with the years
    /// to close it at the growth rates of the last five years.
    package func gap(node n: Int, group: [Int]) -> Brief.Gap? {
        guard let g = builder.result.gap(node: n, unit: unit, year: year, frontier: .bestOf(group)),
              let b = g.frontierUnit else { return nil }
        // Shares of what holds the economy back: the positive contributions (indicators where it is ahead of the
        // frontier economy have negative ones and are not listed).
        let contributors = plan.descendantIndicators[n].count > 1
            ? g.behind.prefix(3).map { Brief.GapContributor(indicatorId: $0.contribution.id, name: $0.contribution.name,
                                                          points: $0.contribution.points, share: $0.shareOfBehind) }
            : []
        return Brief.Gap(frontier: g.frontier, frontierEconomy: builder.economyRef(b),
                         frontierTiedEconomies: g.frontierTies.isEmpty ? nil : g.frontierTies.map(builder.economyRef),
                         gap: max(0, g.gap), contributors: contributors)
    }

    // MARK: - Indicators

    /// The top-level pillar above indicator node `node`.
    package func pillarName(of node: Int) -> String? {
        var n = node
        while let parent = plan.nodes[n].parent {
            if parent == 0 { return n == node ? nil : plan.nodes[n].name }
            n = parent
        }
        return nil
    }

    /// The raw value behind indicator `i` in the brief's year (observed or carried), after the framework's
    /// transform of the raw series (ratio, per capita, cap); nil when imputed or missing.
    package func rawValue(unit u: Int, indicator i: Int) -> Double? {
        let origin = builder.result.origin(unit: u, indicator: i, year: year)
        guard let from = origin.sourceYear(in: year), let fy = builder.result.cube.years.firstIndex(of: from) else { return nil }
        return builder.transformedValue(unit: u, indicator: i, cubeYear: fy)
    }

    package func indicatorRows() -> [Brief.IndicatorRow] {
        plan.indicators.indices.map { i in
            let node = plan.indicatorNodes[i]
            let spec = plan.indicators[i]
            let info = builder.panel.indicatorIndex(of: spec.series).map { builder.panel.indicators[$0] }
            let origin = builder.result.origin(unit: unit, indicator: i, year: year)
            let status: Brief.ValueStatus
            switch origin {
            case .observed: status = .observed
            case .carried(let from): status = .carriedForward(from: from)
            case .imputed, .interpolated: status = .imputed
            case .missing: status = .missing
            }
            let value = rawValue(unit: unit, indicator: i)
            return Brief.IndicatorRow(
                indicatorId: plan.nodes[node].id, name: plan.nodes[node].name, pillar: pillarName(of: node),
                value: value, unit: spec.unit ?? info?.unit, year: origin.sourceYear(in: year),
                source: builder.source(of: spec.series, unit: c.units[unit], year: origin.sourceYear(in: year)),
                status: value == nil && status != .imputed ? .missing : status)
        }
    }

    /// Indicators furthest above and below the ESCAP-region economies, on the normalised (direction-adjusted)
    /// scores: `z = (s − mean) / sd` with the sample standard deviation over the economies with a value that is
    /// not imputed. Imputed values are not compared.
    package func standing() -> Brief.Standing? {
        var entries: [Brief.StandingIndicator] = []
        for i in plan.indicators.indices {
            let node = plan.indicatorNodes[i]
            let scores = c.scores(node: node, year: y)
            func usable(_ u: Int) -> Bool {
                guard !scores[u].isNaN else { return false }
                switch builder.result.origin(unit: u, indicator: i, year: year) {
                case .observed, .carried: return true
                default: return false
                }
            }
            guard usable(unit) else { continue }
            let peers = builder.escap.filter(usable)
            guard peers.count >= 3 else { continue }
            let values = peers.map { scores[$0] }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
            guard variance > 0 else { continue }
            let z = (scores[unit] - mean) / variance.squareRoot()
            let raws = peers.compactMap { rawValue(unit: $0, indicator: i) }
            let info = builder.panel.indicatorIndex(of: plan.indicators[i].series).map { builder.panel.indicators[$0] }
            entries.append(Brief.StandingIndicator(
                indicatorId: plan.nodes[node].id, name: plan.nodes[node].name, pillar: pillarName(of: node),
                value: rawValue(unit: unit, indicator: i), unit: plan.indicators[i].unit ?? info?.unit,
                peerMean: raws.isEmpty ? nil : raws.reduce(0, +) / Double(raws.count), standardised: z))
        }
        guard !entries.isEmpty else { return nil }
        let strengths = entries.filter { $0.standardised > 0 }.sorted { $0.standardised > $1.standardised }.prefix(3)
        let weaknesses = entries.filter { $0.standardised < 0 }.sorted { $0.standardised < $1.standardised }.prefix(3)
        return Brief.Standing(basis: "\(builder.region == "ESCAP" ? "ESCAP region" : builder.region) (\(builder.escap.count) economies)", strengths: Array(strengths),
                              weaknesses: Array(weaknesses))
    }

    // MARK: - Within the economy

    /// The latest year up to the brief's year in which both series have a value.
    package func latestPair(_ a: String, _ b: String) -> (year: Int, first: Double, second: Double)? {
        let iso = c.units[unit]
        var second: [Int: Double] = [:]
        for p in builder.panel.series(unit: iso, indicator: b) { second[p.year] = p.value }
        return builder.panel.series(unit: iso, indicator: a).filter { $0.year <= year && second[$0.year] != nil }
            .max { $0.year < $1.year }.map { ($0.year, $0.value, second[$0.year]!) }
    }

    package func withinEconomy() -> Brief.WithinEconomy {
        var parity: Brief.GenderParityEntry?
        for g in [builder.genderSeries] + builder.genderSeriesFallbacks {
            if let p = latestPair(g.female, g.male), let gps = try? Gaps.genderParity(female: p.first, male: p.second) {
                parity = Brief.GenderParityEntry(indicator: g.label, year: p.year, female: p.first, male: p.second,
                                                 score: gps.score, band: gps.band)
                break
            }
        }
        var urbanRural: Brief.UrbanRuralEntry?
        if let s = builder.urbanRuralSeries, let p = latestPair(s.urban, s.rural),
           let r = try? Gaps.urbanRural(urban: p.first, rural: p.second) {
            urbanRural = Brief.UrbanRuralEntry(indicator: s.label, year: p.year, urban: p.first, rural: p.second, ratio: r.ratio)
        }
        return Brief.WithinEconomy(genderParity: parity, urbanRural: urbanRural)
    }

    // MARK: - Notes

    package func notes(rows: [Brief.IndicatorRow], summaries: [Brief.NodeSummary]) -> [String] {
        let name = builder.economyRef(unit).name
        var notes: [String] = []
        let unscored = summaries.filter { $0.score == nil }.map(\.name)
        if unscored.count == 1 {
            notes.append("\(unscored[0]) is not scored for \(name) in \(year): too few of its indicators have values.")
        } else if unscored.count > 1 {
            notes.append("Not scored for \(name) in \(year), too few of their indicators having values: "
                + unscored.joined(separator: "; ") + ".")
        }
        let missing = rows.filter { $0.status.flag == .missing }
        if !missing.isEmpty {
            notes.append("\(missing.count) of \(rows.count) indicators \(missing.count == 1 ? "has" : "have") no value for \(year) (nor a recent one to "
                + "carry forward): " + list(missing.map(\.name)) + ".")
        }
        // A pillar scored on fewer indicators than the framework names: say which it rests on.
        for p in builder.pillars where !c.scores[c.index(unit: unit, node: p, year: y)].isNaN {
            let all = plan.descendantIndicators[p]
            let absent = all.filter { i in
                builder.result.origin(unit: unit, indicator: i, year: year) == .missing
            }
            guard !absent.isEmpty else { continue }
            notes.append("\(plan.nodes[p].name) rests on \(all.count - absent.count) of its \(all.count) indicators in \(year): "
                + list(absent.map { plan.nodes[plan.indicatorNodes[$0]].name }) + (absent.count == 1 ? " has" : " have")
                + " no value.")
        }
        let stale = rows.filter { $0.status.flag == .carriedForward && ($0.status.fromYear ?? year) < year - builder.staleAfterYears }
        if !stale.isEmpty {
            notes.append("Stale values, carried forward from more than \(builder.staleAfterYears) years before \(year): "
                + list(stale.map { "\($0.name) (\($0.status.fromYear.map(String.init) ?? "?"))" }) + ".")
        }
        let imputed = rows.filter { $0.status.flag == .imputed }
        if !imputed.isEmpty {
            notes.append("Imputed by the framework's method (no published value): " + list(imputed.map(\.name)) + ".")
        }
        if builder.rankIntervals.isEmpty {
            notes.append("Rank intervals were not computed (no uncertainty analysis was run).")
        } else if let method = builder.rankIntervalNote {
            notes.append(method)
        }
        if summaries.first?.changeOneYear == nil, summaries.first?.score != nil {
            notes.append("No index score for \(year - 1): the change since the previous year cannot be shown.")
        }
        if let span = builder.levelYears, summaries.contains(where: { $0.changeOneYear != nil || $0.changeFiveYears != nil }) {
            notes.append("Changes and the trend chart use the index with every indicator normalised over all years "
                + "\(span.lowerBound)–\(span.upperBound) at once (pooled min–max), so a change is a change of level; the "
                + "scores and ranks above are normalised year by year, so they compare economies within \(year).")
        }
        for s in summaries {
            for c in [s.changeOneYear, s.changeFiveYears].compactMap({ $0 }) where c.basis != nil {
                notes.append("\(s.name): the change since \(c.fromYear) is measured \(c.basis!).")
            }
        }
        let w = withinEconomy()
        if let p = w.genderParity, let py = p.year, py < year - builder.staleAfterYears {
            notes.append("The gender parity score uses \(py) data, the latest published for \(name).")
        }
        if w.genderParity == nil {
            notes.append("No gender-disaggregated data (\(builder.genderSeries.label.lowercased())) for \(name).")
        }
        if w.urbanRural == nil {
            notes.append(builder.urbanRuralSeries == nil ? "No urban–rural breakdown is in the data."
                : "No urban–rural data for \(name).")
        }
        return notes
    }

    private func list(_ items: [String], limit: Int = 6) -> String {
        items.count <= limit ? items.joined(separator: "; ")
            : items.prefix(limit).joined(separator: "; ") + "; and \(items.count - limit) more"
    }
}
