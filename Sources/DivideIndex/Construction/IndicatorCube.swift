import DivideData

/// A small in-memory panel for construction: units × series × years of `Double`, NaN = missing, plus named
/// unit groupings (e.g. ESCAP subregion, income group).
///
/// Element (unit u, series s, year y) is `values[u + units·(s + series·y)]`: for one year, the units × series
/// block is a column-major matrix. Independent of the data layer's `Panel`, which adapts to it.
public struct IndicatorCube: Sendable, Equatable {
    public let units: [String]
    public let series: [String]
    /// Calendar years, strictly increasing.
    public let years: [Int]
    /// The values, `values[u + units·(s + series·y)]`, NaN = missing.
    public var values: [Double]
    /// Grouping name → each unit's group label (nil = no group).
    public var groupings: [String: [String?]]
    /// Whether each value is marked as an estimate by its source (same layout as ``values``); empty = none is.
    /// The inclusion rule ``FrameworkNode/minimumOfficial`` does not count estimates as official values.
    public var estimated: [Bool] = []

    /// - Throws: ``ConstructionError`` when `values` or a grouping has the wrong length, names repeat, or
    ///   the years do not increase.
    public init(units: [String], series: [String], years: [Int], values: [Double],
                groupings: [String: [String?]] = [:]) throws {
        guard values.count == units.count * series.count * years.count else {
            throw ConstructionError.shapeMismatch(
                what: "cube values", expected: "\(units.count) × \(series.count) × \(years.count) = "
                    + "\(units.count * series.count * years.count)", found: "\(values.count)")
        }
        for (name, list) in [("unit", units), ("series", series)] where Set(list).count != list.count {
            let dup = Dictionary(grouping: list, by: { $0 }).first { $0.value.count > 1 }!.key
            throw ConstructionError.invalidParameter(method: "cube", parameter: "\(name) names",
                                                     expected: "unique names", found: "\"\(dup)\" twice")
        }
        for k in years.indices.dropFirst() where years[k] <= years[k - 1] {
            throw ConstructionError.invalidParameter(method: "cube", parameter: "years",
                                                     expected: "strictly increasing years",
                                                     found: "\(years[k - 1]) then \(years[k])")
        }
        for (name, groups) in groupings where groups.count != units.count {
            throw ConstructionError.shapeMismatch(what: "grouping \"\(name)\"", expected: "\(units.count) units",
                                                  found: "\(groups.count)")
        }
        self.units = units
        self.series = series
        self.years = years
        self.values = values
        self.groupings = groupings
    }

    /// An empty (all-missing) cube to fill with ``subscript(_:_:_:)``.
    /// The cube of the years in `range` only (nil when none is in the cube); estimate marks follow the values.
    public func restricted(to range: ClosedRange<Int>) -> IndicatorCube? {
        let kept = years.indices.filter { range.contains(years[$0]) }
        guard let first = kept.first, let last = kept.last else { return nil }
        let block = units.count * series.count
        var cube = try? IndicatorCube(units: units, series: series, years: Array(years[first...last]),
                                      values: Array(values[(block * first)..<(block * (last + 1))]), groupings: groupings)
        if !estimated.isEmpty { cube?.estimated = Array(estimated[(block * first)..<(block * (last + 1))]) }
        return cube
    }

    public init(units: [String], series: [String], years: [Int], groupings: [String: [String?]] = [:]) throws {
        try self.init(units: units, series: series, years: years,
                      values: Array(repeating: .nan, count: units.count * series.count * years.count),
                      groupings: groupings)
    }

    /// The value for unit index `u`, series index `s`, year index `y`.
    public subscript(u: Int, s: Int, y: Int) -> Double {
        get { values[u + units.count * (s + series.count * y)] }
        set { values[u + units.count * (s + series.count * y)] = newValue }
    }

    /// Each unit's group as a small integer (nil = none), for the grouping `name`.
    package func groupIndices(_ name: String) -> [Int?]? {
        guard let labels = groupings[name] else { return nil }
        var ids: [String: Int] = [:]
        return labels.map { label in
            guard let label else { return nil }
            if let id = ids[label] { return id }
            ids[label] = ids.count
            return ids[label]
        }
    }
}
