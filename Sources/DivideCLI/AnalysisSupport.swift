import ArgumentParser
import DigitalDivide
import Foundation

/// What an analysis command (inequality, convergence) measures: a series of the data or a node of the index, as a
/// units × years table.
struct AnalysisTarget: Equatable {
    /// `series IT.NET.USER.ZS` or `node CONN (Connectivity)`.
    var label: String
    var units: [String]
    var years: [Int]
    /// `values[u][t]`, NaN = missing.
    var values: [[Double]]
    var higherIsBetter: Bool

    /// The target named by `--indicator` (a series code of the data, or an indicator id of the framework, whose
    /// raw series is then read) or `--node` (a node's scores); the index when neither is given. Units are those
    /// the index was computed for (restricted to `--group` when one was named).
    static func resolve(indicator: String?, node: String?, run: IndexRun) throws -> AnalysisTarget {
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
                let known = panel.indicators.map(\.code)
                let near = known.sorted {
                    StringDistanceHint.distance($0, code) < StringDistanceHint.distance($1, code)
                }.prefix(3)
                throw ValidationError("no series \"\(code)\" in the data; did you mean \(near.joined(separator: ", "))?")
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
            throw ValidationError("no node \"\(id)\" in framework \(plan.nodes[0].id); its nodes are "
                                      + plan.nodes.map(\.id).joined(separator: ", "))
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
        return AnalysisTarget(label: "node \(name)", units: units, years: years, values: values, higherIsBetter: true)
    }

    /// The column of `year`, or nil when the target has no value that year.
    func column(_ year: Int) -> [Double]? {
        guard let t = years.firstIndex(of: year) else { return nil }
        return values.map { $0[t] }
    }

    /// The default year of a single-year analysis: the latest year in which at least half as many units have a
    /// value as in the best-covered year (the rule of ``ConvergenceCommand/defaultWindow(_:)`` and, on the index,
    /// of `IndexResult.latestYear`). So a series that is complete only in early years (e.g. internet use, 0 for
    /// every economy in 1990) is not measured in its first year.
    var latestWellCoveredYear: Int? {
        let counts = years.indices.map { t in values.count { !$0[t].isNaN } }
        guard let most = counts.max(), most > 0,
              let last = years.indices.last(where: { 2 * counts[$0] >= most }) else { return nil }
        return years[last]
    }
}

/// A rough edit distance for "did you mean" hints on series codes (case-insensitive Levenshtein).
enum StringDistanceHint {
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}

/// The display name of a unit: the registry's name for an ISO3 code, else the code.
func unitName(_ unit: String) -> String {
    CountryRegistry.standard.country(iso3: unit)?.name ?? unit
}

/// `x` with `digits` decimals; empty for nil, `n/a` for NaN. A value that rounds to zero prints as `0.000`, never
/// `-0.000` (a −2e-16 from one BLAS kernel and a +1e-16 from another print the same).
func fixed(_ x: Double?, _ digits: Int = 3) -> String {
    guard let x else { return "" }
    if x.isNaN { return "n/a" }
    let text = String(format: "%.\(digits)f", x)
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
}

/// A titled table, rendered as text (title line, blank, aligned table) or Markdown (`### title`).
struct Section {
    var title: String
    var table: Table

    static func text(_ sections: [Section], heading: String) -> String {
        heading + "\n\n" + sections.map { "\($0.title)\n\n" + $0.table.text() }.joined(separator: "\n")
    }

    static func markdown(_ sections: [Section], heading: String) -> String {
        "## " + InertText.markdown(heading) + "\n\n" + sections.map { "### \(InertText.markdown($0.title))\n\n" + $0.table.markdown() }.joined(separator: "\n")
    }
}
