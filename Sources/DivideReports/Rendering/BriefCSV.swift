import DivideAnalysis
import DivideData
import DivideIndex

extension Brief {
    /// The brief as long CSV: one value a record, columns `section,item,field,value` (documented in
    /// `docs/brief-schema.md`). Missing values are empty cells (the record is still written), numbers are plain
    /// numbers, and text cells are neutralised against spreadsheet formula injection (`SpreadsheetCSV`).
    public func csv() -> String {
        var records: [[SpreadsheetCSV.Cell]] = [[.text("section"), .text("item"), .text("field"), .text("value")]]
        func add(_ section: String, _ item: String, _ field: String, _ value: SpreadsheetCSV.Cell) {
            records.append([.text(section), .text(item), .text(field), value])
        }
        func text(_ s: String?) -> SpreadsheetCSV.Cell { s.map { .text($0) } ?? .empty }
        func number(_ x: Double?) -> SpreadsheetCSV.Cell { x.flatMap { $0.isFinite ? .number($0) : nil } ?? .empty }
        func integer(_ x: Int?) -> SpreadsheetCSV.Cell { x.map { .integer($0) } ?? .empty }

        let h = header
        add("header", "", "schema_version", .text(schemaVersion))
        add("header", "", "iso3", .text(h.economy.iso3))
        add("header", "", "name", .text(h.economy.name))
        add("header", "", "subregion", text(h.subregion))
        add("header", "", "subregion_code", text(h.subregionCode))
        add("header", "", "income_group", text(h.incomeGroup))
        add("header", "", "framework_id", .text(h.framework.id))
        add("header", "", "framework_name", .text(h.framework.name))
        add("header", "", "year", .integer(h.year))
        add("header", "", "latest_year", integer(h.vintage.latestYear))
        add("header", "", "oldest_year", integer(h.vintage.oldestYear))
        add("header", "", "region", text(h.region))
        add("header", "", "universe", text(h.universe))
        for s in h.sources { add("source", s.name, "licence", text(s.licence)) }

        for n in nodes {
            let s = n.kind.rawValue, i = n.id
            add(s, i, "name", .text(n.name))
            add(s, i, "score", number(n.score))
            add(s, i, "rank", integer(n.rank?.rank))
            add(s, i, "ranked", integer(n.rank?.of))
            add(s, i, "subregion_rank", integer(n.subregionRank?.rank))
            add(s, i, "subregion_ranked", integer(n.subregionRank?.of))
            add(s, i, "income_group_rank", integer(n.incomeGroupRank?.rank))
            add(s, i, "income_group_ranked", integer(n.incomeGroupRank?.of))
            add(s, i, "rank_p05", number(n.rankInterval?.low))
            add(s, i, "rank_p95", number(n.rankInterval?.high))
            add(s, i, "rank_median", number(n.rankInterval?.median))
            add(s, i, "replications", integer(n.rankInterval?.replications))
            for (label, change) in [("change_1y", n.changeOneYear), ("change_5y", n.changeFiveYears)] {
                add(s, i, label + "_from_year", integer(change?.fromYear))
                add(s, i, label, number(change?.delta))
                add(s, i, label + "_rank", integer(change?.rankDelta))
                add(s, i, label + "_direction", text(change?.direction.rawValue))
            }
            for (label, b) in [("subregion", n.subregion), ("escap", n.escap)] {
                add(s, i, label + "_average", number(b?.average))
                add(s, i, label + "_best", number(b?.best))
                add(s, i, label + "_best_iso3", text(b?.bestEconomy?.iso3))
                add(s, i, label + "_best_tied_iso3", text(b?.bestTiedEconomies.map { $0.map(\.iso3).joined(separator: " ") }))
                add(s, i, label + "_scored", integer(b?.scored))
                add(s, i, label + "_members", integer(b?.members))
                add(s, i, label + "_population_share", number(b?.populationShare))
            }
            for (label, g) in [("subregion", n.gapToSubregionBest), ("escap", n.gapToEscapBest)] {
                add(s, i, "gap_\(label)_best", number(g?.gap))
                for (k, c) in (g?.contributors ?? []).enumerated() {
                    let item = "\(i):\(label):\(k + 1)"
                    add("gap_contributor", item, "indicator_id", .text(c.indicatorId))
                    add("gap_contributor", item, "name", .text(c.name))
                    add("gap_contributor", item, "points", number(c.points))
                    add("gap_contributor", item, "share", number(c.share))
                }
            }
        }

        if let st = standing {
            add("standing", "", "basis", .text(st.basis))
            for (section, list) in [("strength", st.strengths), ("weakness", st.weaknesses)] {
                for x in list {
                    add(section, x.indicatorId, "name", .text(x.name))
                    add(section, x.indicatorId, "pillar", text(x.pillar))
                    add(section, x.indicatorId, "value", number(x.value))
                    add(section, x.indicatorId, "unit", text(x.unit))
                    add(section, x.indicatorId, "peer_mean", number(x.peerMean))
                    add(section, x.indicatorId, "standardised", number(x.standardised))
                }
            }
        }

        for r in indicators {
            add("indicator", r.indicatorId, "name", .text(r.name))
            add("indicator", r.indicatorId, "pillar", text(r.pillar))
            add("indicator", r.indicatorId, "value", number(r.value))
            add("indicator", r.indicatorId, "unit", text(r.unit))
            add("indicator", r.indicatorId, "year", integer(r.year))
            add("indicator", r.indicatorId, "source", text(r.source))
            add("indicator", r.indicatorId, "status", .text(r.status.flag.rawValue))
            add("indicator", r.indicatorId, "carried_from_year", integer(r.status.fromYear))
        }

        let g = withinEconomy.genderParity
        add("within_economy", "gender_parity", "indicator", text(g?.indicator))
        add("within_economy", "gender_parity", "year", integer(g?.year))
        add("within_economy", "gender_parity", "female", number(g?.female))
        add("within_economy", "gender_parity", "male", number(g?.male))
        add("within_economy", "gender_parity", "score", number(g?.score))
        add("within_economy", "gender_parity", "band", text(g?.band.rawValue))
        let u = withinEconomy.urbanRural
        add("within_economy", "urban_rural", "indicator", text(u?.indicator))
        add("within_economy", "urban_rural", "year", integer(u?.year))
        add("within_economy", "urban_rural", "urban", number(u?.urban))
        add("within_economy", "urban_rural", "rural", number(u?.rural))
        add("within_economy", "urban_rural", "ratio", number(u?.ratio))

        if let peers {
            add("peers", "", "basis", .text(peers.basis.rawValue))
            for p in peers.economies {
                add("peer", p.economy.iso3, "name", .text(p.economy.name))
                for s in p.scores {
                    add("peer", p.economy.iso3, s.id + ":score", number(s.score))
                    add("peer", p.economy.iso3, s.id + ":rank", integer(s.rank))
                }
            }
        }
        for series in trend {
            for point in series.points { add("trend", series.economy.iso3, String(point.year), number(point.value)) }
        }
        for t in indicatorTrends ?? [] {
            add("indicator_trend", t.indicatorId, "name", .text(t.name))
            add("indicator_trend", t.indicatorId, "unit", text(t.unit))
            add("indicator_trend", t.indicatorId, "series", text(t.series))
            for p in t.economy { add("indicator_trend", t.indicatorId + ":economy", String(p.year), number(p.value)) }
            for (key, g) in [("subregion", t.subregion), ("escap", t.escap)] {
                guard let g else { continue }
                let item = t.indicatorId + ":" + key
                add("indicator_trend", item, "group", .text(g.group))
                add("indicator_trend", item, "of", .integer(g.of))
                for p in g.points {
                    add("indicator_trend", item, String(p.year), number(p.value))
                    add("indicator_trend", item, "\(p.year):economies", .integer(p.economies))
                }
            }
        }
        if let d = distribution {
            add("distribution", "", "units", .integer(d.units))
            add("distribution", "", "gini", number(d.gini))
            add("distribution", "", "economy_population_share", number(d.economyPoint?.populationShare))
            add("distribution", "", "economy_value_share", number(d.economyPoint?.valueShare))
            for (k, p) in d.lorenz.enumerated() {
                add("lorenz", String(k), "population_share", number(p.populationShare))
                add("lorenz", String(k), "value_share", number(p.valueShare))
            }
        }
        for p in targets ?? [] {
            let i = p.target.id
            add("target", i, "name", .text(p.target.name))
            add("target", i, "series", .text(p.target.series))
            add("target", i, "target", number(p.target.value))
            add("target", i, "higher_is_better", .text(p.target.higherIsBetter ? "true" : "false"))
            add("target", i, "by_year", integer(p.target.byYear))
            add("target", i, "value", number(p.value))
            add("target", i, "year", .integer(p.year))
            add("target", i, "window_start", integer(p.window.first))
            add("target", i, "window_end", integer(p.window.last))
            add("target", i, "growth", number(p.growth))
            add("target", i, "years_to_reach", yearsCell(p.yearsToReach))
            add("target", i, "on_track", text(p.onTrack.map { $0 ? "true" : "false" }))
            add("target", i, "source", .text(p.target.source))
            add("target", i, "url", text(p.target.url))
        }
        for (k, note) in notes.enumerated() { add("note", String(k + 1), "text", .text(note)) }
        return records.map(SpreadsheetCSV.record).joined()
    }

    private func yearsCell(_ years: YearsToClose?) -> SpreadsheetCSV.Cell {
        switch years {
        case nil: .empty
        case .closed?: .text("closed")
        case .never?: .text("never")
        case .years(let t)?: t.isFinite ? .number(t) : .text("never")
        }
    }
}
