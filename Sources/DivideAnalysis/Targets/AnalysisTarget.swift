import DivideData
import DivideIndex

/// What a measure across economies (inequality, convergence) is taken of: a series of the data or a node of the
/// index, as a units × years table over the units an `IndexRun` reports.
public struct AnalysisTarget: Equatable, Sendable {
    /// `series IT.NET.USER.ZS` or `node CONN (Connectivity)`.
    public var label: String
    public var units: [String]
    public var years: [Int]
    /// `values[u][t]`, NaN = missing.
    public var values: [[Double]]
    public var higherIsBetter: Bool
    /// True for a series of the data (raw values), false for a node's scores.
    public var isSeries: Bool
    /// For a node: the years in which what it rests on changes (a child scored for some economy that year and for
    /// none the year before, or the reverse), each with what changed. Measures over time across such a year
    /// compare different indices.
    public var breaks: [(year: Int, change: String)] = []

    public static func == (a: AnalysisTarget, b: AnalysisTarget) -> Bool {
        a.label == b.label && a.units == b.units && a.years == b.years && a.isSeries == b.isSeries
            && a.higherIsBetter == b.higherIsBetter && a.breaks.map(\.year) == b.breaks.map(\.year)
            && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { x, y in
                x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            }
    }

    public init(label: String, units: [String], years: [Int], values: [[Double]], higherIsBetter: Bool,
                isSeries: Bool = true) {
        self.label = label
        self.units = units
        self.years = years
        self.values = values
        self.higherIsBetter = higherIsBetter
        self.isSeries = isSeries
    }

    /// The target named by `indicator` (a series code of the data, or an indicator id of the framework, whose raw
    /// series is then read) or `node` (a node's scores); the index when neither is given. Units are the run's
    /// reported units (`IndexRun/reportedUnits`).
    /// - Throws: `ConstructionError.unknownName` for a series the data lacks or a node the framework lacks, with
    ///   the nearest names as its hint.
    public static func resolve(indicator: String?, node: String?, run: IndexRun) throws -> AnalysisTarget {
        let result = run.result, construction = result.construction, plan = result.plan
        let keep = run.reportedUnits
        let units = keep.map { construction.units[$0] }
        if let indicator {
            var code = indicator
            var higher = true
            if let n = plan.node(indicator), let i = plan.nodes[n].indicator {
                code = plan.indicators[i].series
                higher = plan.indicators[i].direction == .higherIsBetter
            } else if let spec = plan.indicators.first(where: { $0.series == indicator }) {
                higher = spec.direction == .higherIsBetter
            }
            let panel = run.panel
            guard let s = panel.indicatorIndex(of: code) else {
                throw ConstructionError.unknownName(kind: "series", name: code, known: panel.indicators.map(\.code))
            }
            let rows = units.map { panel.unitIndex(of: $0) }
            let Y = panel.years.count
            var values = [[Double]](repeating: [Double](repeating: .nan, count: Y), count: units.count)
            panel.withSlab(indicator: s) { slab in
                for (u, row) in rows.enumerated() {
                    guard let row else { continue }
                    for y in 0..<Y { values[u][y] = slab[row * Y + y] }
                }
            }
            // Only the years in which a unit has a value.
            let used = (0..<Y).filter { y in values.contains { !$0[y].isNaN } }
            return AnalysisTarget(label: "series \(code)", units: units, years: used.map { panel.years[$0] },
                                  values: values.map { row in used.map { row[$0] } }, higherIsBetter: higher)
        }
        let id = node ?? plan.nodes[0].id
        guard let n = plan.node(id) else {
            throw ConstructionError.unknownName(kind: "node of framework \(plan.nodes[0].id)", name: id,
                                                known: plan.nodes.map(\.id))
        }
        // The reported years in which some unit has a score for the node.
        var years: [Int] = []
        var values = [[Double]](repeating: [], count: keep.count)
        for year in result.years {
            guard let y = construction.years.firstIndex(of: year) else { continue }
            let column = construction.scores(node: n, year: y)
            guard keep.contains(where: { !column[$0].isNaN }) else { continue }
            years.append(year)
            for (k, u) in keep.enumerated() { values[k].append(column[u]) }
        }
        let name = plan.nodes[n].name == id ? id : "\(id) (\(plan.nodes[n].name))"
        var target = AnalysisTarget(label: "node \(name)", units: units, years: years, values: values,
                                    higherIsBetter: true, isSeries: false)
        // Breaks: the children scored for some reported economy, year by year.
        var previous: Set<Int>?
        for year in years {
            guard let y = construction.years.firstIndex(of: year) else { continue }
            let scored = Set(plan.nodes[n].children.filter { child in
                keep.contains { !construction.scores[construction.index(unit: $0, node: child, year: y)].isNaN }
            })
            if let previous, previous != scored {
                let entering = plan.nodes[n].children.filter { scored.contains($0) && !previous.contains($0) }
                let leaving = plan.nodes[n].children.filter { !scored.contains($0) && previous.contains($0) }
                let change = (entering.isEmpty ? [] : [entering.map { plan.nodes[$0].name }.joined(separator: ", ") + " enters"])
                    + (leaving.isEmpty ? [] : [leaving.map { plan.nodes[$0].name }.joined(separator: ", ") + " leaves"])
                target.breaks.append((year, change.joined(separator: "; ")))
            }
            previous = scored
        }
        return target
    }

    /// The column of `year`, or nil when the target has no value that year.
    public func column(_ year: Int) -> [Double]? {
        guard let t = years.firstIndex(of: year) else { return nil }
        return values.map { $0[t] }
    }

    /// The latest year in which at least half as many units have a value as in the best-covered year (the rule of
    /// ``defaultWindow`` and, on the index, of `IndexResult.latestYear`). So a series that is complete only in
    /// early years (e.g. internet use, 0 for every economy in 1990) is not measured in its first year.
    public var latestWellCoveredYear: Int? {
        let counts = years.indices.map { t in values.count { !$0[t].isNaN } }
        guard let most = counts.max(), most > 0,
              let last = years.indices.last(where: { 2 * counts[$0] >= most }) else { return nil }
        return years[last]
    }

    /// The year a single-year measure (inequality) takes when none is asked for, with why: for the index or a
    /// node, the latest year the index is meaningfully scored (`IndexResult.latestYear`, as rank and gaps); for a
    /// series, ``latestWellCoveredYear``.
    /// - Throws: ``AnalysisError/empty(measure:argument:)`` when the target has no value in any year.
    public func defaultYear(in run: IndexRun) throws -> (year: Int, reason: String) {
        if !isSeries, let latest = run.result.latestYear {
            return (latest, "the latest year the index is meaningfully scored")
        }
        guard let year = latestWellCoveredYear else {
            throw AnalysisError.empty(measure: label, argument: "values of these economies in every year")
        }
        return (year, "the latest year with at least half as many economies as the best-covered year")
    }

    /// The window a convergence measure takes when none is asked for: the 11 years ending at
    /// ``latestWellCoveredYear`` (so that a long, patchy series does not leave a balanced panel of one), starting no
    /// earlier than the last break in what a node rests on (``breaks``).
    public var defaultWindow: ClosedRange<Int>? {
        guard let last = latestWellCoveredYear else { return nil }
        let lastBreak = breaks.map(\.year).filter { $0 <= last }.max() ?? Int.min
        return max(last - 10, lastBreak)...last
    }

    /// The breaks inside `window` (after its first year): measures over the window compare different indices.
    public func breaks(within window: ClosedRange<Int>) -> [(year: Int, change: String)] {
        breaks.filter { $0.year > window.lowerBound && $0.year <= window.upperBound }
    }

    /// The target restricted to the years of `window`.
    public func restricted(to window: ClosedRange<Int>) -> AnalysisTarget {
        var copy = self
        copy.breaks = breaks.filter { window.contains($0.year) }
        let keep = years.indices.filter { window.contains(years[$0]) }
        copy.years = keep.map { years[$0] }
        copy.values = values.map { row in keep.map { row[$0] } }
        return copy
    }
}
