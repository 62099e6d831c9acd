import DivideData
import Foundation

/// Load → framework → construct → results: computes a composite index on a data-layer `Panel`.
///
/// The cube holds every year from the earliest to the latest year in which one of the framework's series has
/// a value for one of the selected units (extended to cover the requested years), so that temporal
/// imputation (`latest:N`, `linear`) can reach back — and forward — beyond the requested years; only the
/// requested years are reported. Normalisation and ranks are per year (unless the framework pools
/// normalisation, which then pools over the cube's years), so the extra years do not change a reported
/// year's scores.
public struct IndexComputation: Sendable {
    public var framework: Framework
    public var units: UnitSelection
    /// The years to report; nil = every year in which at least one unit has an index score.
    public var years: ClosedRange<Int>?
    /// Grouping name → unit → group (see ``UnitGroupings``), for group imputation and group ranks.
    public var groupings: [String: [String: String]]

    public init(framework: Framework, units: UnitSelection, years: ClosedRange<Int>? = nil,
                groupings: [String: [String: String]] = [:]) {
        self.framework = framework
        self.units = units
        self.years = years
        self.groupings = groupings
    }

    /// Every series the framework reads (indicators and per-capita or ratio denominators).
    public var series: [String] {
        var out: [String] = []
        for (_, spec) in framework.indicators {
            if !out.contains(spec.series) { out.append(spec.series) }
            if case .perCapita(let d, _) = spec.transform, !out.contains(d) { out.append(d) }
        }
        return out
    }

    /// Runs the construction.
    /// - Throws: ``FrameworkError`` when the framework names a series the panel lacks (with suggestions);
    ///   ``ConstructionError`` from a construction step; ``IndexComputationError`` when nothing can be computed.
    public func run(panel: Panel, registry: CountryRegistry = .standard) throws -> IndexResult {
        let known = Set(panel.indicators.map(\.code))
        let issues = framework.validate(knownSeries: known)
        guard issues.isEmpty else { throw FrameworkError(file: "<framework \(framework.id)>", issues: issues) }
        let unitList = units.units(in: panel, registry: registry)
        guard !unitList.isEmpty else { throw IndexComputationError.noUnits }
        let series = self.series
        guard let span = Self.dataYears(panel: panel, units: unitList, series: series) else {
            throw IndexComputationError.noData(series: series)
        }
        let first = min(span.lowerBound, years?.lowerBound ?? span.lowerBound)
        let last = max(span.upperBound, years?.upperBound ?? span.upperBound)
        let cube = try IndicatorCube(panel: panel, units: unitList, series: series, years: Array(first...last),
                                     groupings: groupings)
        return try IndexResult(computing: framework, cube: cube, years: years.map(Array.init))
    }

    /// The first and last year in which one of `series` has a value for one of `units`.
    package static func dataYears(panel: Panel, units: [String], series: [String]) -> ClosedRange<Int>? {
        let rows = units.compactMap { panel.unitIndex(of: $0) }
        let Y = panel.years.count
        var lo = Int.max, hi = Int.min
        for code in series {
            guard let i = panel.indicatorIndex(of: code) else { continue }
            panel.withSlab(indicator: i) { slab in
                for row in rows {
                    for y in 0..<Y where !slab[row * Y + y].isNaN {
                        lo = min(lo, panel.years[y]); hi = max(hi, panel.years[y])
                    }
                }
            }
        }
        return lo <= hi ? lo...hi : nil
    }
}

/// Why an index could not be computed at all.
public enum IndexComputationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The unit selection is empty.
    case noUnits
    /// None of the framework's series has a value for the selected units.
    case noData(series: [String])

    public var description: String {
        switch self {
        case .noUnits:
            return "no units selected: expected at least one economy or unit, found none"
        case .noData(let series):
            return "no data for the selected units in any of the framework's series ("
                + series.prefix(8).joined(separator: ", ") + (series.count > 8 ? ", …" : "") + ")"
        }
    }
}
