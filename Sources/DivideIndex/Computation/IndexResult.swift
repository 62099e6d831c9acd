import DivideData
import Foundation

/// A computed index: the construction's scores and ranks for the reported years, with the raw data it rests on
/// and, per score, which inputs, years and fills it used.
public struct IndexResult: Sendable {
    public let framework: Framework
    /// Scores, ranks, coverage and cell origins over all the cube's years.
    public let construction: ConstructionResult
    /// The construction prepared up to normalisation (the values ``construction`` aggregated): analyses that
    /// re-aggregate (uncertainty, sensitivity, audit) start from it instead of preparing the same construction again.
    public let prepared: PreparedConstruction
    /// The raw data (units × series × years) the construction read.
    public let cube: IndicatorCube
    /// The reported years (a subset, or an extension, of the construction's years).
    public let years: [Int]

    /// Wraps a construction already prepared and aggregated.
    /// - Parameters:
    ///   - framework: the index definition the construction ran.
    ///   - prepared: the construction prepared up to normalisation.
    ///   - construction: its aggregated scores and ranks.
    ///   - cube: the raw data it read.
    ///   - years: the reported years; nil = every year in which at least one unit has an index score.
    public init(framework: Framework, prepared: PreparedConstruction, construction: ConstructionResult,
                cube: IndicatorCube, years: [Int]? = nil) {
        self.framework = framework
        self.prepared = prepared
        self.construction = construction
        self.cube = cube
        self.years = years ?? construction.years.indices.filter { y in
            construction.scores(node: 0, year: y).contains { !$0.isNaN }
        }.map { construction.years[$0] }
    }

    /// Computes `framework` on `cube` (every unit and year of the cube): the entry point for a caller that holds
    /// a cube rather than a `Panel` (``IndexComputation`` builds the cube from a panel, ``IndexRequest`` from
    /// files).
    /// - Parameters:
    ///   - framework: the index definition.
    ///   - cube: the indicator data (units × series × years).
    ///   - years: the reported years; nil = every year in which at least one unit has an index score.
    /// - Throws: ``FrameworkError`` for an invalid framework, ``ConstructionError`` from a construction step.
    public init(computing framework: Framework, cube: IndicatorCube, years: [Int]? = nil) throws {
        let prepared = try Construction.prepare(framework, cube: cube)
        self.init(framework: framework, prepared: prepared, construction: try prepared.aggregate(), cube: cube,
                  years: years)
    }

    /// The plan (nodes depth first, root = 0).
    public var plan: ConstructionPlan { construction.plan }

    /// Number of units with a score for node `n` in year `year` (0 when the year was not computed).
    public func scoredCount(node n: Int, year: Int) -> Int {
        guard let y = construction.years.firstIndex(of: year) else { return 0 }
        return construction.scores(node: n, year: y).count { !$0.isNaN }
    }

    /// The latest reported year in which the index is *meaningfully* scored: at least half as many units
    /// are scored on the root as in the best-covered reported year, and for at least half of them no more
    /// than half of the indicator values were carried or imputed. Nil when no unit is ever scored.
    ///
    /// Default year of the leaderboard: later years reached only by carrying old values forward are skipped.
    public var latestYear: Int? {
        let counts = years.map { scoredCount(node: 0, year: $0) }
        guard let best = counts.max(), best > 0 else { return nil }
        for (k, year) in years.enumerated().reversed() where 2 * counts[k] >= best {
            let y = construction.years.firstIndex(of: year)!
            var mostlyObserved = 0
            for u in construction.units.indices {
                let i = construction.index(unit: u, node: 0, year: y)
                if !construction.scores[i].isNaN && construction.imputedShare[i] <= 0.5 { mostlyObserved += 1 }
            }
            if 2 * mostlyObserved >= counts[k] { return year }
        }
        return years.last { scoredCount(node: 0, year: $0) > 0 }
    }

    /// The origin of indicator `i`'s value for unit `u` in calendar year `year`.
    public func origin(unit u: Int, indicator i: Int, year: Int) -> CellOrigin {
        guard let y = construction.years.firstIndex(of: year) else { return .missing }
        return construction.origins[u + construction.units.count * (i + plan.indicators.count * y)]
    }

    /// One row per unit × node × reported year, nodes in tree order (root first), units in selection order.
    /// - Parameters:
    ///   - onlyYears: only these reported years (nil = all).
    ///   - onlyNodes: only these plan nodes (nil = all): a leaderboard of the index needs one node, not the
    ///     thousands of a large framework.
    public func rows(years onlyYears: Set<Int>? = nil, nodes onlyNodes: Set<Int>? = nil) -> [IndexRow] {
        let plan = self.plan
        let U = construction.units.count, I = plan.indicators.count
        let groupNames = construction.groupRanks.keys.sorted()
        var seriesIndex: [String: Int] = [:]
        for (k, s) in cube.series.enumerated() { seriesIndex[s] = k }
        var out: [IndexRow] = []
        out.reserveCapacity(years.count * plan.nodes.count * U)
        for year in years where onlyYears?.contains(year) ?? true {
            let y = construction.years.firstIndex(of: year)
            for (n, node) in plan.nodes.enumerated() where onlyNodes?.contains(n) ?? true {
                for u in 0..<U {
                    var row = IndexRow(unit: construction.units[u], year: year, node: node.id, name: node.name,
                                       level: node.level, parent: node.parent.map { plan.nodes[$0].id })
                    guard let y else { out.append(row); continue }
                    let k = construction.index(unit: u, node: n, year: y)
                    row.score = construction.scores[k].isNaN ? nil : construction.scores[k]
                    row.rank = construction.ranks.isEmpty ? nil : construction.ranks[k]
                    row.groupRanks = groupNames.map { name in
                        let label = cube.groupings[name]?[u] ?? nil
                        return (name, label, construction.groupRanks[name]![k])
                    }
                    row.coverage = construction.coverage[k]
                    row.imputedShare = construction.imputedShare[k].isNaN ? nil : construction.imputedShare[k]
                    var oldest: Int?
                    for i in plan.descendantIndicators[n] {
                        let c = u + U * (i + I * y)
                        let origin = construction.origins[c]
                        switch origin {
                        case .missing: continue
                        case .observed: row.observed += 1
                        case .carried(let from):
                            row.carried += 1
                            oldest = min(oldest ?? from, from)
                        case .imputed, .interpolated: row.imputed += 1
                        }
                        if case .observed = origin { oldest = min(oldest ?? year, year) }
                    }
                    row.oldestInputYear = oldest
                    if let i = node.indicator {
                        let origin = construction.origins[u + U * (i + I * y)]
                        row.origin = origin
                        let spec = plan.indicators[i]
                        if spec.transform == .none || spec.transform == .positive, let s = seriesIndex[spec.series] {
                            switch origin {
                            case .observed: row.value = cube[u, s, y]
                            case .carried(let from):
                                if let fy = cube.years.firstIndex(of: from) { row.value = cube[u, s, fy] }
                            default: break
                            }
                        }
                    }
                    out.append(row)
                }
            }
        }
        return out
    }
}

/// One score of a computed index: a unit's value for a node in a year, with what it rests on.
public struct IndexRow: Sendable {
    /// ISO3 code or the data's unit code.
    public var unit: String
    public var year: Int
    /// Node id and display name.
    public var node: String
    public var name: String
    /// 1 = indicator (score = normalised value), 2 = its parent level, … (COINr's levels).
    public var level: Int
    /// The parent node's id (nil for the index).
    public var parent: String?
    /// Nil = not scored (too few inputs); never 0 for missing.
    public var score: Double?
    /// Competition rank ("1224") among the scored units; nil when not scored.
    public var rank: Int?
    /// Per grouping (sorted by name): the unit's group and its rank within that group.
    public var groupRanks: [(grouping: String, group: String?, rank: Int?)] = []
    /// Share of the node's children present (1 or 0 for an indicator).
    public var coverage: Double = 0
    /// Share of the indicator values under the node that were carried or imputed (nil when not scored).
    public var imputedShare: Double?
    /// Indicator values under the node: observed in the year, carried forward from an earlier year,
    /// imputed from other units or interpolated.
    public var observed = 0
    public var carried = 0
    public var imputed = 0
    /// The earliest year any of the node's indicator values was observed in (nil when none).
    public var oldestInputYear: Int?
    /// For indicators: where the value came from.
    public var origin: CellOrigin?
    /// For indicators without a transform: the raw value used (observed, or carried from its year).
    public var value: Double?

    public init(unit: String, year: Int, node: String, name: String, level: Int, parent: String?) {
        self.unit = unit
        self.year = year
        self.node = node
        self.name = name
        self.level = level
        self.parent = parent
    }
}

extension CellOrigin {
    /// `observed`, `carried`, `imputed`, `interpolated` or `missing`.
    public var label: String {
        switch self {
        case .observed: return "observed"
        case .missing: return "missing"
        case .imputed: return "imputed"
        case .carried: return "carried"
        case .interpolated: return "interpolated"
        }
    }

    /// The year the value was observed in: `year` when observed, the source year when carried, nil otherwise.
    public func sourceYear(in year: Int) -> Int? {
        switch self {
        case .observed: return year
        case .carried(let from): return from
        default: return nil
        }
    }
}
