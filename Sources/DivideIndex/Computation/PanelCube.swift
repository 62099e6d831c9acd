import DivideData

/// Which units an index is computed for.
public enum UnitSelection: Sendable, Equatable {
    /// The members of a country group (ESCAP, a subregion, …), whether or not the data has them: an economy
    /// without data is listed and "not scored".
    case group(CountryGroup)
    /// Every unit of the panel, in panel order (for COINr data: the iData's `uCode`s verbatim).
    case panel
    /// These units, in this order.
    case units([String])

    /// The unit keys for `panel`.
    public func units(in panel: Panel, registry: CountryRegistry = .standard) -> [String] {
        switch self {
        case .group(.all): return panel.units
        case .group(let group): return registry.members(of: group).map(\.iso3)
        case .panel: return panel.units
        case .units(let list): return list
        }
    }
}

extension IndicatorCube {
    /// The cube of `series` for `units` and `years`, read from a data-layer `Panel`; a unit, series or year
    /// the panel lacks is all missing (NaN).
    ///
    /// - Parameters:
    ///   - panel: the loaded data.
    ///   - units: the units (rows), in order.
    ///   - series: the series codes, in order.
    ///   - years: the years, increasing.
    ///   - groupings: grouping name → unit → group label (e.g. `subregion` → `KOR` → `ENEA`); units absent
    ///     from a grouping have no group there.
    /// - Throws: ``ConstructionError`` when names repeat or years do not increase.
    public init(panel: Panel, units: [String], series: [String], years: [Int],
                groupings: [String: [String: String]] = [:]) throws {
        var vectors: [String: [String?]] = [:]
        for (name, map) in groupings { vectors[name] = units.map { map[$0] } }
        try self.init(units: units, series: series, years: years, groupings: vectors)
        let unitRows = units.map { panel.unitIndex(of: $0) }
        let yearColumns = years.map { panel.yearIndex(of: $0) }
        let yearsInPanel = panel.years.count
        for (s, code) in series.enumerated() {
            guard let i = panel.indicatorIndex(of: code) else { continue }
            panel.withSlab(indicator: i) { slab in
                for (u, row) in unitRows.enumerated() {
                    guard let row else { continue }
                    for (y, column) in yearColumns.enumerated() {
                        guard let column else { continue }
                        // Missing cells hold NaN in the slab.
                        self[u, s, y] = slab[row * yearsInPanel + column]
                    }
                }
            }
            guard panel.hasEstimates else { continue }
            if estimated.isEmpty { estimated = [Bool](repeating: false, count: values.count) }
            for (u, row) in unitRows.enumerated() {
                guard let row else { continue }
                for (y, column) in yearColumns.enumerated() {
                    guard let column else { continue }
                    estimated[u + units.count * (s + series.count * y)] =
                        panel.isEstimate(unitAt: row, indicatorAt: i, yearAt: column)
                }
            }
        }
    }
}

/// The unit groupings the index commands offer for group imputation and group ranks.
public enum UnitGroupings {
    /// Grouping name of the ESCAP subregion (values: `ENEA`, `SEA`, `SSWA`, `NCA`, `Pacific`).
    public static let subregion = "subregion"
    /// Grouping name of the World Bank income group (values: `Low income`, …, `High income`).
    public static let income = "income"

    /// `subregion` for every registry economy with one, and `income` for every economy the classification
    /// gives an income group (none when `classification` is nil).
    public static func countries(_ units: [String], registry: CountryRegistry = .standard,
                                 classification: WorldBankClassification?) -> [String: [String: String]] {
        var subregions: [String: String] = [:], incomes: [String: String] = [:]
        for unit in units {
            if let s = registry.subregion(of: unit) { subregions[unit] = s.abbreviation }
            if let classification, let g = registry.incomeGroup(of: unit, in: classification) {
                incomes[unit] = g.rawValue
            }
        }
        var out = [subregion: subregions]
        if classification != nil { out[income] = incomes }
        return out
    }

    /// The group columns of a COINr iData (`GDP_group`, …), each as a grouping of the same name.
    public static func coinr(_ groups: UnitGroups) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for (k, column) in groups.columns.enumerated() { out[column] = groups.assignments[k] }
        return out
    }
}
