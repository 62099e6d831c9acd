import DivideData
import DivideIndex

/// A units × years table of one indicator for convergence analysis; NaN marks a missing value.
///
/// `values[u][t]` is unit `u` in year `years[t]`. Years are strictly increasing (gaps between them are allowed and
/// enter the time trends and `T` as the actual elapsed years). ±∞ is rejected; NaN is missing.
///
/// Units with gaps: each measure states how it treats them. With ``UnitCoverage/balanced`` (the default) only
/// units observed in every year of the panel take part, so that changes over time are not changes of membership;
/// the others are listed in the result's `excludedUnits`. With ``UnitCoverage/available`` each year uses the units
/// observed that year, and the result reports how many that was.
public struct ConvergencePanel: Sendable, Equatable {
    /// `values[u][t]`: unit `u`, year `years[t]`; NaN = missing.
    public let values: [[Double]]
    /// The years of the columns, strictly increasing.
    public let years: [Int]

    /// Validates the shape and the years.
    /// - Throws: ``AnalysisError`` when there are no units, fewer than 2 years, a row's length differs from
    ///   `years.count`, the years are not strictly increasing, or a value is infinite.
    public init(values: [[Double]], years: [Int]) throws {
        let measure = "convergence panel"
        guard !values.isEmpty else { throw AnalysisError.empty(measure: measure, argument: "values") }
        guard years.count >= 2 else {
            throw AnalysisError.tooFewObservations(measure: measure, expected: 2, found: years.count)
        }
        for t in 1..<years.count where years[t] <= years[t - 1] {
            throw AnalysisError.outOfDomain(
                measure: measure, argument: "years", index: t,
                expected: "a year after \(years[t - 1]) (strictly increasing)", found: Double(years[t]))
        }
        for (u, row) in values.enumerated() {
            guard row.count == years.count else {
                throw AnalysisError.lengthMismatch(
                    measure: measure, argument: "values[\(u)]", expected: years.count, found: row.count)
            }
            for (t, x) in row.enumerated() where x.isInfinite {
                throw AnalysisError.nonFinite(measure: measure, argument: "values[\(u)]", index: t, value: x)
            }
        }
        self.values = values
        self.years = years
    }

    /// The number of units.
    public var unitCount: Int { values.count }

    /// Units observed in every year.
    package var completeUnits: [Int] { values.indices.filter { !values[$0].contains(where: \.isNaN) } }

    /// The units taking part under `coverage`, and those excluded.
    package func units(_ coverage: UnitCoverage) -> (included: [Int], excluded: [Int]) {
        switch coverage {
        case .balanced:
            let complete = completeUnits
            let set = Set(complete)
            return (complete, values.indices.filter { !set.contains($0) })
        case .available:
            return (Array(values.indices), [])
        }
    }

    /// The values of `units` in year column `t`, skipping missing ones.
    package func column(_ t: Int, units: [Int]) -> [Double] {
        units.compactMap { values[$0][t].isNaN ? nil : values[$0][t] }
    }
}

/// Which units a per-year convergence measure uses when some values are missing.
public enum UnitCoverage: String, Sendable, Codable, CaseIterable {
    /// Only units observed in every year (a balanced panel); the rest are excluded and listed.
    case balanced
    /// In each year, every unit observed that year (membership may change between years).
    case available
}
