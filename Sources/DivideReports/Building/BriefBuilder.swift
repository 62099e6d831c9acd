import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Assembles ``Brief`` values from a computed index: scores, ranks and changes from the `IndexResult`, gaps and
/// their attribution (`Gaps`), the Lorenz curve (`Inequality`), gender parity from the panel, and rank
/// intervals from an uncertainty analysis when given.
///
/// The builder reads only what was computed: an economy without a score keeps `nil`, a missing value stays
/// missing, and every filled value keeps its flag. Ranks are competition ranks ("1224") among the ESCAP-region
/// economies the index was computed for, and within the economy's subregion and income group.
public struct BriefBuilder: Sendable {
    /// The computed index.
    public let result: IndexResult
    /// The data the index was computed from (for provenance, sources and within-economy data).
    public let panel: Panel
    /// Country names, groups and ESCAP subregions.
    public let registry: CountryRegistry
    /// Rank intervals by node id (the index's id for the index) and unit.
    public var rankIntervals: [String: [String: Brief.RankInterval]] = [:]
    /// How the rank intervals were computed, for the notes (set by ``computeRankIntervals(year:replications:seed:weightNoise:threads:)``).
    public var rankIntervalNote: String?
    /// The female and male series of the gender parity score, and what they measure.
    public var genderSeries = (female: "IT_MOB_OWN.FEMALE", male: "IT_MOB_OWN.MALE", label: "Mobile-phone ownership")
    /// Series the gender parity score falls back on, in order, for an economy without a pair of ``genderSeries``:
    /// Internet use by sex from ITU's table (Data/itu/itu-gender, read by the economy-table reader).
    public var genderSeriesFallbacks: [(female: String, male: String, label: String)] = [
        (female: "individuals-using-the-internet/gender-female", male: "individuals-using-the-internet/gender-male",
         label: "Internet use (ITU)"),
    ]
    /// Urban and rural series of the urban–rural ratio: Internet use in urban and rural areas from ITU's table
    /// (Data/itu/itu-gender).
    public var urbanRuralSeries: (urban: String, rural: String, label: String)? = (
        urban: "individuals-using-the-internet/urban-total", rural: "individuals-using-the-internet/rural-total",
        label: "Internet use (ITU)")
    /// A score change smaller than this (in score points) is `flat`; 0.05 is what rounds to ±0.0.
    public var flatThreshold = 0.05
    /// Values observed more than this many years before the brief's year are called stale in the notes.
    public var staleAfterYears = 2
    /// The number of peers drawn in the trend chart beside the economy (nearest index scores first).
    public var trendPeers = 5
    /// The number of years, up to the brief's, over which each indicator's values are charted against the subregion
    /// and the region (``Brief/indicatorTrends``).
    public var indicatorTrendYears = 10

    package let plan: ConstructionPlan
    package let construction: ConstructionResult
    /// Indices of the computed units in the ESCAP region.
    package let escap: [Int]
    /// The short name of the ESCAP-region economies computed, as a group: "ESCAP" when every ESCAP economy was
    /// computed, else the universe's column label ("SEA"): a rank "among ESCAP" over 11 economies would not be true.
    public let region: String
    /// The economies the index was computed over, as a sentence names them ("the ESCAP region (58 economies)").
    public let universe: String
    package let pillars: [Int]
    package let effective: [Double]
    /// For each series the framework reads whose metadata names no source: the publishers of the files its values
    /// came from (the publisher each reader records for its format, e.g. the World Bank file's `Data Source`), most
    /// values first.
    package let filePublishers: [String: [String]]
    /// The trend-safe variant of the index that changes and the trend chart are read from: the same framework with
    /// every indicator normalised over all the years ``levelYears`` at once (pooled), so that a change is a change of
    /// level, not of position among the economies that year. Nil when it cannot be computed (then changes are not
    /// shown).
    package let levels: ConstructionResult?
    /// The years the trend-safe variant is normalised over: the index's years and the five before them (values
    /// carried forward come from those).
    package let levelYears: ClosedRange<Int>?

    /// Prepares briefs of the ESCAP-region economies of a computed run, labelled with the universe it was computed
    /// over.
    public init(run: IndexRun, registry: CountryRegistry = .standard) {
        self.init(result: run.result, panel: run.panel, registry: registry, universe: run.universe)
    }

    /// Prepares briefs of the ESCAP-region economies of `result`. `universe`: what the index was computed over
    /// (for the labels; nil: the economies of `result`, named "ESCAP" when they include every ESCAP economy).
    public init(result: IndexResult, panel: Panel, registry: CountryRegistry = .standard,
                universe: UnitSelection? = nil) {
        self.result = result
        self.panel = panel
        self.registry = registry
        let plan = result.plan, construction = result.construction
        self.plan = plan
        self.construction = construction
        escap = construction.units.indices.filter { registry.country(iso3: construction.units[$0])?.isInEscapRegion == true }
        let wholeRegion = escap.count == registry.members(of: .escap).count
        region = wholeRegion ? "ESCAP" : (universe?.columnLabel ?? "Computed")
        let computed = "(\(construction.units.count) economies)"
        self.universe = (universe?.label ?? (wholeRegion && escap.count == construction.units.count
            ? UnitSelection.group(.escap).label : "the economies computed")) + " " + computed
        pillars = plan.nodes[0].children.filter { plan.nodes[$0].indicator == nil }
        effective = construction.effectiveWeights()
        filePublishers = Self.filePublishers(
            of: IndexComputation(framework: result.framework, units: .panel).series, in: panel)
        if result.framework.methods.pooledNormalisation {
            levels = construction
            levelYears = result.cube.years.first.flatMap { first in result.cube.years.last.map { first...$0 } }
        } else if let first = result.years.first, let last = result.years.last,
                  let cube = result.cube.restricted(to: (first - 5)...last) {
            var pooled = result.framework
            pooled.methods.pooledNormalisation = true
            levels = try? Construction.prepare(pooled, cube: cube).aggregate()
            levelYears = cube.years.first.flatMap { first in cube.years.last.map { first...$0 } }
        } else {
            levels = nil
            levelYears = nil
        }
    }

    /// The children of node `n` with a score for unit `u` in year index `y` of `c`.
    package func presentChildren(node n: Int, unit u: Int, y: Int, in c: ConstructionResult) -> Set<Int> {
        Set(plan.nodes[n].children.filter { !c.scores[c.index(unit: u, node: $0, year: y)].isNaN })
    }

    /// The publishers of the files holding each series' values, for the series without a source in their metadata.
    package static func filePublishers(of series: [String], in panel: Panel) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for code in series {
            guard let i = panel.indicatorIndex(of: code), panel.indicators[i].source == nil else { continue }
            var counts: [String: Int] = [:]
            for unit in panel.units {
                for year in panel.years {
                    guard let publisher = panel.provenance(unit: unit, indicator: code, year: year)?.publisher
                    else { continue }
                    counts[publisher, default: 0] += 1
                }
            }
            if !counts.isEmpty {
                out[code] = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            }
        }
        return out
    }

    /// The source of series `code`: its metadata's source, else the publisher of the file the value of `unit` in
    /// `year` came from, else the publishers of the files holding the series.
    package func source(of code: String, unit: String, year: Int?) -> String? {
        // The value's own source when its file gives one (a user's tidy file that overrides a shipped value).
        if let year, let own = panel.ownSource(unit: unit, indicator: code, year: year) { return own }
        if let i = panel.indicatorIndex(of: code), let source = panel.indicators[i].source { return source }
        if let year, let publisher = panel.provenance(unit: unit, indicator: code, year: year)?.publisher {
            return publisher
        }
        return filePublishers[code].map { $0.joined(separator: "; ") }
    }

    /// The ESCAP-region economies the index was computed for, in computation order.
    public var economies: [String] { escap.map { construction.units[$0] } }

    /// The default year: the latest year in which the index is meaningfully scored (`IndexResult/latestYear`).
    public var defaultYear: Int? { result.latestYear }

    /// The brief of one economy.
    /// - Parameters:
    ///   - economy: an ISO3 code of a computed ESCAP-region economy.
    ///   - requested: the year described (default ``defaultYear``).
    ///   - chosen: ISO3 codes of peers to compare with; default: the other economies of its subregion.
    /// - Throws: ``BriefError`` when the economy was not computed or the year has no scores.
    public func brief(for economy: String, year requested: Int? = nil, peers chosen: [String]? = nil) throws -> Brief {
        guard let u = construction.units.firstIndex(of: economy), escap.contains(u) else {
            throw BriefError.notComputed(economy: economy)
        }
        guard let year = requested ?? defaultYear else { throw BriefError.noScores }
        guard let y = construction.years.firstIndex(of: year) else {
            throw BriefError.yearNotComputed(year: year, first: construction.years.first, last: construction.years.last)
        }
        let country = registry.country(iso3: economy)
        let me = Brief.Economy(iso3: economy, name: country?.name ?? economy)
        let subregion = registry.subregion(of: economy)
        let income = incomeGroup(u)
        let context = Context(builder: self, unit: u, year: year, y: y, subregion: subregion, income: income)

        let nodes = [0] + pillars
        let summaries = nodes.map { context.summary(node: $0) }
        let rows = context.indicatorRows()
        let sourceYears = rows.compactMap { $0.status.flag == .missing || $0.status.flag == .imputed ? nil : $0.year }

        let peerUnits: [Int]
        let basis: Brief.Peers.Basis
        if let chosen {
            basis = .chosen
            peerUnits = chosen.compactMap { iso in construction.units.firstIndex(of: iso) }.filter { $0 != u }
        } else {
            basis = .subregion
            peerUnits = escap.filter { $0 != u && subregion != nil && registry.subregion(of: construction.units[$0]) == subregion }
        }
        let peers = Brief.Peers(basis: basis, economies: peerUnits.map { p in
            Brief.PeerRow(economy: economyRef(p), scores: nodes.map { n in
                let column = construction.scores(node: n, year: y)
                return Brief.NodeScore(id: plan.nodes[n].id, score: finite(column[p]),
                                       rank: rank(of: p, among: escap, column: column)?.rank)
            })
        })

        var notes = context.notes(rows: rows, summaries: summaries)
        if let chosen {
            let missing = chosen.filter { iso in !construction.units.contains(iso) }
            if !missing.isEmpty {
                notes.append("Peers not among the economies computed: \(missing.joined(separator: ", ")).")
            }
        }
        return Brief(
            header: Brief.Header(
                economy: me, subregion: subregion?.name, subregionCode: subregion?.abbreviation,
                incomeGroup: income,
                framework: Brief.FrameworkReference(id: result.framework.id, name: result.framework.root.name),
                year: year, vintage: Brief.Vintage(latestYear: sourceYears.max(), oldestYear: sourceYears.min()),
                sources: sources(adding: rows.compactMap(\.source)), region: region, universe: universe),
            index: summaries.first, pillars: Array(summaries.dropFirst()), standing: context.standing(),
            indicators: rows, withinEconomy: context.withinEconomy(), peers: peers,
            trend: trend(unit: u, year: year, peers: peerUnits), distribution: distribution(unit: u, y: y),
            notes: notes,
            targets: TargetProgress.progress(unit: me.iso3, panel: panel, year: year),
            indicatorTrends: context.indicatorTrends())
    }

    // MARK: - Shared helpers

    package func economyRef(_ u: Int) -> Brief.Economy {
        let iso = construction.units[u]
        return Brief.Economy(iso3: iso, name: registry.country(iso3: iso)?.name ?? iso)
    }

    package func incomeGroup(_ u: Int) -> String? {
        guard let labels = result.cube.groupings[UnitGroupings.income], u < labels.count else { return nil }
        return labels[u]
    }

    package func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    /// Competition rank of unit `u` among `group` on `column` (higher is better); nil when `u` has no score
    /// (`IndexResult.competitionRank(of:among:column:)`, the rule `divide rank --group` uses too).
    package func rank(of u: Int, among group: [Int], column: [Double]) -> Brief.RankPosition? {
        IndexResult.competitionRank(of: u, among: group, column: column).map { Brief.RankPosition(rank: $0.rank, of: $0.of) }
    }

    /// The best unit of `group` on `column` (ties: the first ISO3 code).
    package func best(among group: [Int], column: [Double]) -> Int? {
        IndexResult.best(among: group, column: column, units: construction.units)
    }

    /// Every unit of `group` whose score equals the best score `value`, by ISO3 code, when more than one does;
    /// nil when the best is not shared.
    package func tied(at value: Double, among group: [Int], column: [Double]) -> [Brief.Economy]? {
        let holders = group.filter { column[$0] == value }.sorted { construction.units[$0] < construction.units[$1] }
        return holders.count > 1 ? holders.map(economyRef) : nil
    }

    /// Average and best of `group` on `column` (the scores of `year`), with how many of the group's economies, and
    /// what share of its population, the average rests on.
    package func benchmark(_ name: String, group: [Int], column: [Double], year: Int) -> Brief.Benchmark {
        let scored = group.filter { !column[$0].isNaN }
        let b = best(among: group, column: column)
        return Brief.Benchmark(
            group: name, average: scored.isEmpty ? nil : scored.map { column[$0] }.reduce(0, +) / Double(scored.count),
            best: b.map { column[$0] }, bestEconomy: b.map(economyRef),
            bestTiedEconomies: b.flatMap { tied(at: column[$0], among: group, column: column) }, scored: scored.count,
            members: group.count,
            populationShare: panel.populationShare(of: scored.map { construction.units[$0] },
                                                   among: group.map { construction.units[$0] }, year: year))
    }

    /// Publishers and licences of the series the framework reads: each series' metadata source, or for series
    /// whose metadata names none, the publishers of the files its values came from.
    /// `extra`: the sources of the brief's own values (a user's file that overrides a shipped value), listed too.
    package func sources(adding extra: [String] = []) -> [Brief.Source] {
        var seen: Set<String> = [], out: [Brief.Source] = []
        for code in IndexComputation(framework: result.framework, units: .panel).series {
            guard let i = panel.indicatorIndex(of: code) else { continue }
            let info = panel.indicators[i]
            // Metadata without a source: the publishers of the files the values came from (no licence is known).
            let names = info.source.map { [$0] } ?? filePublishers[code] ?? []
            for name in names where !seen.contains(name) {
                seen.insert(name)
                out.append(Brief.Source(name: name, licence: info.source == nil ? nil : info.licence))
            }
        }
        for name in extra where !seen.contains(name) {
            seen.insert(name)
            out.append(Brief.Source(name: name, licence: nil))
        }
        return out.sorted { $0.name < $1.name }
    }

    package func trend(unit u: Int, year: Int, peers: [Int]) -> [Brief.TrendSeries] {
        guard let y = construction.years.firstIndex(of: year) else { return [] }
        let now = construction.scores(node: 0, year: y)
        let x = now[u]
        let shown = peers.filter { !now[$0].isNaN }
            .sorted { abs(now[$0] - x) != abs(now[$1] - x) ? abs(now[$0] - x) < abs(now[$1] - x)
                : construction.units[$0] < construction.units[$1] }
            .prefix(trendPeers)
        // Levels (the trend-safe variant), from the latest year back to the first change in which pillars the score
        // rests on: a line never spans a change in the index's make-up.
        guard let levels, levels.years.contains(year) else { return [] }
        return ([u] + shown).map { v in
            var points: [Brief.YearValue] = []
            var composition: Set<Int>?
            for t in result.years.filter({ $0 <= year }).reversed() {
                guard let k = levels.years.firstIndex(of: t) else { continue }
                let s = levels.scores[levels.index(unit: v, node: 0, year: k)]
                guard !s.isNaN else { continue }
                let present = presentChildren(node: 0, unit: v, y: k, in: levels)
                if let composition, composition != present { break }
                composition = present
                points.append(Brief.YearValue(year: t, value: s))
            }
            return Brief.TrendSeries(economy: economyRef(v), points: points.reversed())
        }
    }

    package func distribution(unit u: Int, y: Int) -> Brief.Distribution? {
        let column = construction.scores(node: 0, year: y)
        let scored = escap.filter { !column[$0].isNaN }
        let values = scored.map { column[$0] }
        guard values.count >= 2, let lorenz = try? Inequality.lorenzCurve(values) else { return nil }
        var point: Brief.CurvePoint?
        if !column[u].isNaN {
            let k = values.count { $0 <= column[u] }
            if k < lorenz.count { point = Brief.CurvePoint(populationShare: lorenz[k].populationShare, valueShare: lorenz[k].valueShare) }
        }
        return Brief.Distribution(
            units: values.count, gini: try? Inequality.gini(values),
            lorenz: lorenz.map { Brief.CurvePoint(populationShare: $0.populationShare, valueShare: $0.valueShare) },
            economyPoint: point)
    }
}

/// Why a brief cannot be built.
public enum BriefError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The economy is not among the ESCAP-region economies the index was computed for.
    case notComputed(economy: String)
    /// No economy has an index score in any year.
    case noScores
    /// The year is outside the computed years.
    case yearNotComputed(year: Int, first: Int?, last: Int?)

    /// A message naming the economy or year.
    public var description: String {
        switch self {
        case .notComputed(let economy):
            return "\(economy) is not among the ESCAP-region economies the index was computed for"
        case .noScores:
            return "no economy has an index score in any year"
        case let .yearNotComputed(year, first, last):
            let span = first.flatMap { f in last.map { "\(f)–\($0)" } } ?? "none"
            return "no scores for \(year): expected a year in \(span)"
        }
    }
}
