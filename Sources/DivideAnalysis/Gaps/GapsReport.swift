import DivideData
import DivideIndex

/// Where `divide gaps` puts the frontier: the best economy of the unit's subregion, of every economy computed, of
/// its income group, or a target value.
public enum GapFrontierChoice: Equatable, Sendable {
    case subregion, escap, income
    case target(Double)

    /// `subregion`, `escap`, `income` or `target:VALUE` (VALUE > 0).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "subregion": self = .subregion
        case "escap": self = .escap
        case "income": self = .income
        default:
            let parts = argument.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "target", let v = Double(parts[1]), v.isFinite,
                  v > 0 else { return nil }
            self = .target(v)
        }
    }

    public static var allValueStrings: [String] { ["subregion", "escap", "income", "target:VALUE"] }

    /// How reports name it ("best in subregion", "target 80").
    public var name: String {
        switch self {
        case .subregion: return "best in subregion"
        case .escap: return "best of the economies computed"
        case .income: return "best in income group"
        case .target(let v): return "target " + (v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)")
        }
    }
}

/// What `divide gaps` reports.
public struct GapsReport: Encodable, Sendable {
    public struct Contribution: Encodable, Equatable, Sendable {
        public var indicator: String
        public var contribution: Double
        public var share: Double?
        public var weight: Double

        public init(indicator: String, contribution: Double, share: Double?, weight: Double) {
            self.indicator = indicator
            self.contribution = contribution
            self.share = share
            self.weight = weight
        }
    }

    public struct Row: Encodable, Sendable {
        public var unit: String
        public var name: String
        public var peerGroup: String
        public var score: Double?
        public var frontier: Double?
        public var frontierUnit: String?
        public var gap: Double?
        public var relativeGap: Double?
        public var attributedGap: Double?
        public var contributions: [Contribution] = []
        /// Why the gap has no contributions (a node whose aggregation does not split into additive parts).
        public var attributionNote: String?
        public var growth: GrowthRate?
        public var frontierGrowth: Double?
        /// Why the growth window starts later than asked (a change in what the index rests on for the economy).
        public var windowNote: String?
        /// Progress on the stated targets of raw indicators (``DigitalTarget/standard``), latest value up to the
        /// year, growth over the window.
        public var targets: [TargetProgress] = []
        public var genderParity: GenderParity?
        public var genderParityYear: Int?
        public var urbanRural: UrbanRuralGap?
        public var urbanRuralYear: Int?
        public var note: String?

        public init(unit: String, name: String, peerGroup: String) {
            self.unit = unit
            self.name = name
            self.peerGroup = peerGroup
        }

        enum CodingKeys: String, CodingKey {
            case unit, name, score, frontier, gap, contributions, growth, note
            case peerGroup = "peer_group"
            case frontierUnit = "frontier_unit"
            case relativeGap = "relative_gap"
            case attributedGap = "attributed_gap"
            case attributionNote = "attribution_note"
            case frontierGrowth = "frontier_growth"
            case windowNote = "window_note"
            case yearsToClose = "years_to_close", targets
            case genderParity = "gender_parity"
            case genderParityYear = "gender_parity_year"
            case urbanRural = "urban_rural"
            case urbanRuralYear = "urban_rural_year"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(name, forKey: .name)
            try c.encode(peerGroup, forKey: .peerGroup)
            try c.encode(score, forKey: .score)
            try c.encode(frontier, forKey: .frontier)
            try c.encode(frontierUnit, forKey: .frontierUnit)
            try c.encode(gap, forKey: .gap)
            try c.encode(relativeGap, forKey: .relativeGap)
            try c.encode(attributedGap, forKey: .attributedGap)
            try c.encode(contributions, forKey: .contributions)
            try c.encodeIfPresent(attributionNote, forKey: .attributionNote)
            try c.encode(growth, forKey: .growth)
            try c.encode(frontierGrowth, forKey: .frontierGrowth)
            try c.encodeIfPresent(windowNote, forKey: .windowNote)
            // Kept for scripts that read it: always null, relative scores are not extrapolated (see `targets`).
            try c.encodeNil(forKey: .yearsToClose)
            try c.encode(targets.map(TargetRecord.init), forKey: .targets)
            try c.encode(genderParity, forKey: .genderParity)
            try c.encode(genderParityYear, forKey: .genderParityYear)
            try c.encode(urbanRural, forKey: .urbanRural)
            try c.encode(urbanRuralYear, forKey: .urbanRuralYear)
            try c.encode(note, forKey: .note)
        }
    }

    public var index: String
    public var year: Int
    /// First and last year of the growth window.
    public var window: [Int]
    public var frontier: String
    public var paritySeries: [String]
    public var urbanRuralSeries: [String]?
    public var rows: [Row]

    public init(index: String, year: Int, window: [Int], frontier: String, paritySeries: [String],
                urbanRuralSeries: [String]?, rows: [Row]) {
        self.index = index
        self.year = year
        self.window = window
        self.frontier = frontier
        self.paritySeries = paritySeries
        self.urbanRuralSeries = urbanRuralSeries
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case index, year, window, frontier, rows
        case paritySeries = "parity_series"
        case urbanRuralSeries = "urban_rural_series"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(year, forKey: .year)
        try c.encode(window, forKey: .window)
        try c.encode(frontier, forKey: .frontier)
        try c.encode(paritySeries, forKey: .paritySeries)
        try c.encode(urbanRuralSeries, forKey: .urbanRuralSeries)
        try c.encode(rows, forKey: .rows)
    }

    /// Each reported economy's gap to the frontier on the index in `year` (nil = `IndexResult.latestYear`), with
    /// its attribution to indicators, growth over `window` (nil = `IndexResult/defaultGapWindow(year:)`), years to
    /// close, and the gender parity and urban–rural ratios of the data (latest year up to `year`).
    /// - Parameters:
    ///   - run: the computed index, its data and the group reported for.
    ///   - requested: the year; nil = the latest year the index is meaningfully scored.
    ///   - window: the years of the growth rates; nil = the 5 years up to the year.
    ///   - frontier: where the frontier lies.
    ///   - only: one economy (ISO3) instead of every reported one.
    ///   - parity: the female and male rate series of the gender parity score.
    ///   - urbanRural: the urban and rural rate series, when the data has them.
    /// - Throws: ``AnalysisError/unavailable(measure:requested:available:)`` when the index has no scores in `year`.
    public static func measure(_ run: IndexRun, year requested: Int? = nil, window: ClosedRange<Int>? = nil,
                               frontier: GapFrontierChoice = .escap, only: String? = nil,
                               parity: (String, String) = ("IT_MOB_OWN.FEMALE", "IT_MOB_OWN.MALE"),
                               urbanRural: (String, String)? = nil) throws -> GapsReport {
        let result = run.result, c = result.construction, plan = result.plan
        guard let year = requested ?? result.latestYear, let y = c.years.firstIndex(of: year) else {
            throw AnalysisError.unavailable(measure: "the index", requested: requested.map(String.init) ?? "any year",
                                            available: "years with scores: "
                                                + (result.years.first.map { "\($0)–\(result.years.last!)" } ?? "none"))
        }
        let U = c.units.count
        let units = run.reportedUnits
        // Peer groups (one label for all when the frontier is every economy or a target).
        let labels: [String] = (0..<U).map { u in
            switch frontier {
            case .subregion: return result.cube.groupings[UnitGroupings.subregion]?[u] ?? nil ?? "(none)"
            case .income: return result.cube.groupings[UnitGroupings.income]?[u] ?? nil ?? "(none)"
            case .escap, .target: return "all"
            }
        }
        var windowYears: [Int] = []
        var rows: [GapsReport.Row] = []
        for u in units where only == nil || c.units[u] == only {
            let name = CountryRegistry.standard.country(iso3: c.units[u])?.name ?? c.units[u]
            var row = GapsReport.Row(unit: c.units[u], name: name, peerGroup: labels[u])
            let target: GapFrontier
            if case .target(let v) = frontier { target = .target(v) } else {
                target = .bestOf((0..<U).filter { labels[$0] == labels[u] })
            }
            guard let gap = result.gap(node: 0, unit: u, year: year, frontier: target, window: window) else {
                let x = c.scores(node: 0, year: y)[u]
                row.score = x.isNaN ? nil : x
                row.note = x.isNaN ? "not scored in \(year)" : "no frontier in its group"
                rows.append(row)
                continue
            }
            if windowYears.isEmpty { windowYears = gap.window }
            row.score = gap.score
            row.frontier = gap.frontier
            row.frontierUnit = gap.frontierUnit.map { c.units[$0] }
            row.gap = gap.gap
            row.relativeGap = gap.relativeGap
            if !gap.contributions.isEmpty {
                row.contributions = gap.contributions.map {
                    GapsReport.Contribution(indicator: $0.id, contribution: $0.points, share: $0.share, weight: $0.weight)
                }
                row.attributedGap = gap.attributedGap
            }
            row.attributionNote = gap.attributionNote
            row.growth = gap.growth
            row.windowNote = gap.windowNote
            row.frontierGrowth = gap.frontierGrowth
            rows.append(row)
        }
        for k in rows.indices {
            rows[k].targets = TargetProgress.progress(unit: rows[k].unit, panel: run.panel, year: year,
                                                      window: window.map { $0.upperBound - $0.lowerBound } ?? 5)
        }
        // Gender parity and urban–rural ratios from the data, latest year up to `year`.
        func latestPair(_ a: String, _ b: String, unit: String) -> (Int, Double, Double)? {
            let panel = run.panel
            let first = panel.series(unit: unit, indicator: a), second = panel.series(unit: unit, indicator: b)
            var byYear: [Int: Double] = [:]
            for p in second { byYear[p.year] = p.value }
            return first.filter { $0.year <= year && byYear[$0.year] != nil }.max { $0.year < $1.year }
                .map { ($0.year, $0.value, byYear[$0.year]!) }
        }
        for k in rows.indices {
            if let (py, f, m) = latestPair(parity.0, parity.1, unit: rows[k].unit),
               let gps = try? Gaps.genderParity(female: f, male: m) {
                rows[k].genderParity = gps
                rows[k].genderParityYear = py
            }
            if let (series) = urbanRural, let (ry, ur, ru) = latestPair(series.0, series.1, unit: rows[k].unit),
               let ratio = try? Gaps.urbanRural(urban: ur, rural: ru) {
                rows[k].urbanRural = ratio
                rows[k].urbanRuralYear = ry
            }
        }
        return GapsReport(index: plan.nodes[0].id, year: year,
                          window: windowYears.first.map { [$0, windowYears.last!] } ?? [],
                          frontier: frontier.name, paritySeries: [parity.0, parity.1],
                          urbanRuralSeries: urbanRural.map { [$0.0, $0.1] }, rows: rows)
    }
}

/// A ``TargetProgress`` in the snake_case keys of `divide gaps --format json`.
private struct TargetRecord: Encodable {
    var progress: TargetProgress
    init(_ progress: TargetProgress) { self.progress = progress }

    enum CodingKeys: String, CodingKey {
        case id, series, name, value, year, window, growth, source, url, target
        case higherIsBetter = "higher_is_better", byYear = "by_year", yearsToReach = "years_to_reach"
        case onTrack = "on_track"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let t = progress.target
        try c.encode(t.id, forKey: .id)
        try c.encode(t.series, forKey: .series)
        try c.encode(t.name, forKey: .name)
        try c.encode(t.value, forKey: .target)
        try c.encode(t.higherIsBetter, forKey: .higherIsBetter)
        try c.encode(t.byYear, forKey: .byYear)
        try c.encode(t.source, forKey: .source)
        try c.encode(t.url, forKey: .url)
        try c.encode(progress.value, forKey: .value)
        try c.encode(progress.year, forKey: .year)
        try c.encode(progress.window, forKey: .window)
        try c.encode(progress.growth, forKey: .growth)
        try c.encode(progress.yearsToReach, forKey: .yearsToReach)
        try c.encode(progress.onTrack, forKey: .onTrack)
    }
}
