import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Number and label formatting shared by the brief renderers (text, Markdown, HTML).
package enum BriefFormatting {
    /// What a missing value prints as.
    package static let missing = "n/a"
    /// The United Nations designations disclaimer, printed by the renderers of documents (HTML, Markdown): names
    /// follow UN usage (ESCAP's list, UN M49), and using them takes no position on status or borders.
    package static let designations = "The designations employed and the presentation of the material in this brief follow "
        + "United Nations usage and do not imply the expression of any opinion whatsoever concerning the legal "
        + "status of any country, territory, city or area or of its authorities, or concerning the delimitation "
        + "of its frontiers or boundaries."

    /// A score with one decimal ("63.2"); "n/a" when absent.
    package static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.1f", value)
    }

    /// A signed change with one decimal and its direction mark ("+1.2 ▲", "-0.4 ▼", "+0.0 =").
    package static func change(_ change: Brief.Change?) -> String {
        guard let change else { return missing }
        return String(format: "%+.1f", change.delta) + " " + mark(change.direction)
    }

    package static func mark(_ direction: Brief.Direction) -> String {
        switch direction {
        case .up: "▲"
        case .down: "▼"
        case .flat: "="
        }
    }

    /// "12/58".
    package static func rank(_ position: Brief.RankPosition?) -> String {
        guard let position else { return missing }
        return "\(position.rank)/\(position.of)"
    }

    /// "10–14" (percentiles rounded to whole ranks).
    package static func interval(_ interval: Brief.RankInterval?) -> String {
        guard let interval else { return missing }
        let low = Int(interval.low.rounded()), high = Int(interval.high.rounded())
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    /// "80.1 JPN", or "100.0 (5 tied)" when several economies share the best score.
    package static func best(_ benchmark: Brief.Benchmark?) -> String {
        guard let benchmark, let best = benchmark.best else { return missing }
        return score(best) + (holder(benchmark.bestEconomy, tied: benchmark.bestTiedEconomies).map { " " + $0 } ?? "")
    }

    /// Who holds a best score: "JPN", "(5 tied)" when several share it, nil when unknown.
    package static func holder(_ economy: Brief.Economy?, tied: [Brief.Economy]?) -> String? {
        if let tied, tied.count > 1 { return "(\(tied.count) tied)" }
        return economy?.iso3
    }

    /// "AUS, FJI, NZL": the economies sharing a best score.
    package static func tiedList(_ tied: [Brief.Economy]?) -> String? {
        guard let tied, tied.count > 1 else { return nil }
        return tied.map(\.iso3).joined(separator: ", ")
    }

    package static func average(_ benchmark: Brief.Benchmark?) -> String { score(benchmark?.average) }

    /// What the averages and bests of the "against the region" table rest on, per group: how many of its economies
    /// have a score (on the index, and the range over the pillars when it differs) and the share of the group's
    /// population they hold, flagged when that is too little for a regional figure (the thresholds of
    /// `InequalityReport.Coverage`). Nil for briefs written before the group sizes were recorded.
    package static func averagesBasis(_ brief: Brief) -> String? {
        let groups: [(name: String, benchmarks: [Brief.Benchmark])] = [
            (subregionLabel(brief.header), brief.nodes.compactMap(\.subregion)),
            (regionLabel(brief.header), brief.nodes.compactMap(\.escap)),
        ]
        typealias Threshold = InequalityReport.Coverage
        var parts: [String] = [], cautions: [String] = []
        for (name, benchmarks) in groups {
            guard let first = benchmarks.first, let members = first.members else { continue }
            let counts = benchmarks.map(\.scored)
            var text = "\(name) \(first.scored) of \(members) economies"
            if let low = counts.min(), let high = counts.max(), low != high {
                text += " (\(low)–\(high) across the index and its pillars)"
            }
            var short: [String] = []
            if let share = first.populationShare {
                text += ", \(groupShare(share)) of its population"
                if share < Threshold.minimumPopulationShare {
                    short.append("under \(percent(Threshold.minimumPopulationShare)) of its population")
                }
            }
            if Double(first.scored) < Threshold.minimumEconomyShare * Double(members) {
                short.append("under \(percent(Threshold.minimumEconomyShare)) of its economies")
            }
            if !short.isEmpty { cautions.append("the \(name) averages rest on " + short.joined(separator: " and ")) }
            parts.append(text)
        }
        guard !parts.isEmpty else { return nil }
        var out = "Averages are unweighted means of the economies with a score: " + parts.joined(separator: "; ") + "."
        if !cautions.isEmpty {
            let sentence = cautions.joined(separator: "; ")
            out += " Caution: " + sentence + "."
        }
        return out
    }

    /// "97%": a share of a group as a whole percentage; "<1%" and ">99%" rather than 0% or 100% for a share strictly
    /// between.
    package static func groupShare(_ share: Double) -> String {
        if share > 0, share < 0.005 { return "<1%" }
        if share < 1, share > 0.995 { return ">99%" }
        return percent(share)
    }

    /// The target as stated: "75 by 2025", "below 2 by 2025", "95".
    package static func target(_ p: TargetProgress) -> String {
        let t = p.target
        return (t.higherIsBetter ? "" : "below ") + score(t.value).replacingOccurrences(of: ".0", with: "")
            + (t.byYear.map { " by \($0)" } ?? "")
    }

    /// The latest value and its year: "97.9 (2024)".
    package static func targetValue(_ p: TargetProgress) -> String { "\(score(p.value)) (\(p.year))" }

    /// Where the economy stands: "met", "≈2027 at +4.1%/yr, on track", "never at −1.2%/yr, off track",
    /// "no trend (one value 2019–2024)". The growth window is in the section's legend.
    package static func targetStatus(_ p: TargetProgress) -> String {
        let rate = p.growth.map { String(format: "%@%.1f%%/yr", $0 >= 0 ? "+" : "−", abs($0 * 100)) }
        let track = p.onTrack.map { $0 ? ", on track" : ", off track" } ?? ""
        switch p.yearsToReach {
        case .closed?: return "met"
        case .never?: return "never at " + (rate ?? "this trend") + track
        case .years(let t)?: return "≈\(p.year + Int(t.rounded(.up))) at " + (rate ?? "this trend") + track
        case nil:
            return "no trend (" + (p.window.count == 2 ? "one value \(p.window[0])–\(p.window[1])" : "one value") + ")"
        }
    }

    /// The distinct sources of `targets`, in order.
    package static func targetSources(_ targets: [TargetProgress]) -> [String] {
        var seen: Set<String> = [], out: [String] = []
        for p in targets where !seen.contains(p.target.source) {
            seen.insert(p.target.source)
            out.append(p.target.source)
        }
        return out
    }

    /// "closed", "never", "14 years" (rounded up: a gap closes within a whole year).
    package static func yearsToClose(_ years: YearsToClose?) -> String {
        switch years {
        case nil: missing
        case .closed?: "closed"
        case .never?: "never"
        case .years(let t)?: t.isFinite ? (t <= 1 ? "1 year" : "\(Int(t.rounded(.up))) years") : "never"
        }
    }

    /// A gap in score points ("7.7"), "n/a" when absent.
    package static func gap(_ gap: Brief.Gap?) -> String { score(gap?.gap) }

    /// "Fixed broadband 45%, Mobile coverage 30%, …".
    package static func contributors(_ gap: Brief.Gap?) -> String? {
        guard let gap, !gap.contributors.isEmpty else { return nil }
        return gap.contributors.map { c in
            c.name + " " + (c.share.map { percent($0) } ?? score(c.points) + " pts")
        }.joined(separator: ", ")
    }

    /// 0.453 → "45%".
    package static func percent(_ share: Double) -> String {
        guard share.isFinite else { return missing }
        return String(format: "%.0f%%", share * 100)
    }

    /// An indicator value: grouped thousands above 10 000, one decimal from 10, two below 10, three significant
    /// digits below 1.
    package static func value(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let magnitude = abs(value)
        if magnitude >= 10_000 { return grouped(value.rounded()) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 || magnitude == 0 { return String(format: "%.2f", value) }
        return String(format: "%.3g", value)
    }

    private static func grouped(_ value: Double) -> String {
        let digits = String(format: "%.0f", abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// "+1.8 sd".
    package static func standardised(_ z: Double) -> String { String(format: "%+.1f sd", z) }

    /// "2016–2023", "2023", or nil.
    package static func vintage(_ vintage: Brief.Vintage) -> String? {
        switch (vintage.oldestYear, vintage.latestYear) {
        case let (old?, new?): old == new ? "\(new)" : "\(old)–\(new)"
        case let (old?, nil): "\(old)"
        case let (nil, new?): "\(new)"
        case (nil, nil): nil
        }
    }

    /// "ITU DataHub (CC BY 4.0); World Bank WDI (CC BY 4.0)".
    package static func sources(_ sources: [Brief.Source]) -> String {
        sources.isEmpty ? missing : sources.map { s in s.name + (s.licence.map { " (\($0))" } ?? "") }
            .joined(separator: "; ")
    }

    /// "[1] ITU DataHub (CC BY 4.0); [2] World Bank WDI (CC BY 4.0)": the numbers the HTML indicator table cites.
    package static func numberedSources(_ sources: [Brief.Source]) -> String {
        sources.isEmpty ? missing : sources.enumerated().map { k, s in
            "[\(k + 1)] " + s.name + (s.licence.map { " (\($0))" } ?? "")
        }.joined(separator: "; ")
    }

    package static func band(_ band: ParityBand) -> String {
        switch band {
        case .favoursMen: "favours men"
        case .parity: "parity"
        case .favoursWomen: "favours women"
        }
    }

    /// "0.978 (Individuals using the Internet, 2022): favours men; ITU parity band 0.98–1.02".
    package static func genderParity(_ entry: Brief.GenderParityEntry?) -> String {
        guard let entry else { return "no data" }
        let context = entry.indicator + (entry.year.map { ", \($0)" } ?? "")
        return String(format: "%.3f", entry.score) + " (\(context); women \(value(entry.female)), men "
            + "\(value(entry.male))): \(band(entry.band)); ITU parity band 0.98–1.02"
    }

    /// "1.35 (Households with Internet access, 2021; urban 80.0, rural 59.3)".
    package static func urbanRural(_ entry: Brief.UrbanRuralEntry?) -> String {
        guard let entry else { return "no data" }
        let context = entry.indicator + (entry.year.map { ", \($0)" } ?? "")
        return String(format: "%.2f", entry.ratio) + " (\(context); urban \(value(entry.urban)), rural \(value(entry.rural)))"
    }

    /// "Republic of Korea (KOR)".
    package static func economy(_ economy: Brief.Economy) -> String { "\(economy.name) (\(economy.iso3))" }

    /// "East and North-East Asia (ENEA) · High income".
    package static func groups(_ header: Brief.Header) -> String {
        // "East and North-East Asia (ENEA)"; "Pacific" once, where the code is the name.
        let subregion = header.subregion.map { s in s + (header.subregionCode.flatMap { $0 == s ? nil : " (\($0))" } ?? "") }
        return (subregion ?? "subregion: \(missing)") + " · " + (header.incomeGroup ?? "income group: \(missing)")
    }

    /// The subregion's short label for column headers ("ENEA", or "Subregion").
    package static func subregionLabel(_ header: Brief.Header) -> String { header.subregionCode ?? "Subregion" }

    /// The short name of the group the "region" ranks, averages and bests refer to ("ESCAP", or the universe's
    /// label when the index was computed over fewer economies).
    package static func regionLabel(_ header: Brief.Header) -> String { header.region ?? "ESCAP" }

    /// "Scores computed over the ESCAP region (58 economies)": the universe line of the header; nil in briefs
    /// written before it was recorded.
    package static func universe(_ header: Brief.Header) -> String? {
        header.universe.map { "Scores computed (normalised) over \($0)" }
    }

    /// "Peers (East and North-East Asia)" or "Peers (chosen)".
    package static func peersTitle(_ peers: Brief.Peers, header: Brief.Header) -> String {
        switch peers.basis {
        case .chosen: "Peers (chosen)"
        case .subregion: "Peers (\(header.subregion ?? "subregion"))"
        }
    }
}
