import DivideData
import DivideIndex

/// How economies are grouped for the between/within decomposition of Theil's indices.
public enum InequalityGrouping: String, CaseIterable, Sendable {
    case subregion, income

    /// The grouping of `UnitGroupings` it reads.
    public var key: String { self == .subregion ? UnitGroupings.subregion : UnitGroupings.income }
}

/// Inequality of an ``AnalysisTarget`` across economies in one year: the ``InequalitySummary`` with the target,
/// year, the units measured and those excluded with why (`divide inequality` prints it; its JSON has the
/// summary's keys at the top level).
public struct InequalityReport: Encodable, Equatable, Sendable {
    public struct Excluded: Codable, Equatable, Sendable {
        public var unit: String
        public var reason: String

        public init(unit: String, reason: String) {
            self.unit = unit
            self.reason = reason
        }
    }

    public var target: String
    public var year: Int
    public var weightedBy: String?
    public var by: String?
    public var units: [String]
    public var excluded: [Excluded]
    public var summary: InequalitySummary
    /// Why `year` was chosen when the caller did not choose it (see ``AnalysisTarget/defaultYear(in:)``).
    public var yearNote: String?
    /// What share of the economies, and of their population, the measures rest on.
    public var coverage: Coverage?

    /// The economies measured against those asked for, and the population share they hold (from the weighting
    /// series, else `SP.POP.TOTL` when the data has it; latest value up to the year).
    public struct Coverage: Encodable, Equatable, Sendable {
        public var economies: Int
        public var of: Int
        /// Σ population of the economies measured ÷ Σ population of every economy asked for that has one.
        public var populationShare: Double?
        /// The series the population share is read from.
        public var populationSeries: String?
        /// Said when the measures rest on under ``minimumPopulationShare`` of the population or under
        /// ``minimumEconomyShare`` of the economies: a "regional" figure that is not.
        public var warning: String?

        /// Below this share of the population, a figure is flagged as not regional.
        public static let minimumPopulationShare = 0.9
        /// Below this share of the economies, likewise.
        public static let minimumEconomyShare = 0.75

        enum CodingKeys: String, CodingKey {
            case economies, of, warning
            case populationShare = "population_share"
            case populationSeries = "population_series"
        }
    }

    public init(target: String, year: Int, weightedBy: String?, by: String?, units: [String], excluded: [Excluded],
                summary: InequalitySummary, yearNote: String? = nil) {
        self.target = target
        self.year = year
        self.weightedBy = weightedBy
        self.by = by
        self.units = units
        self.excluded = excluded
        self.summary = summary
        self.yearNote = yearNote
    }

    enum CodingKeys: String, CodingKey {
        case target, year, by, units, excluded, coverage
        case weightedBy = "weighted_by"
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(target, forKey: .target)
        try c.encode(year, forKey: .year)
        try c.encode(weightedBy, forKey: .weightedBy)
        try c.encode(by, forKey: .by)
        try c.encode(units, forKey: .units)
        try c.encode(excluded, forKey: .excluded)
        try c.encode(coverage, forKey: .coverage)
    }

    /// Measures `target` in `year` over the run's reported units.
    ///
    /// Policy: an economy without a value that year is excluded (listed with the reason); with `weightedBy`, the
    /// weight is the series' value in `year` or the latest earlier one (population data often lags a year), and an
    /// economy without one is excluded; with `by`, economies without a group form the group "(none)".
    /// - Throws: ``AnalysisError/unavailable(measure:requested:available:)`` for a year without values,
    ///   `ConstructionError.unknownName` for a weighting series the data lacks,
    ///   ``AnalysisError/outOfDomain(measure:argument:index:expected:found:)`` for a negative value, and the
    ///   measures' own errors.
    public static func measure(_ target: AnalysisTarget, year: Int, run: IndexRun, by: InequalityGrouping? = nil,
                               weightedBy: String? = nil, epsilon: Double = 0.5) throws -> InequalityReport {
        guard let column = target.column(year) else {
            // The years computed may be only the one asked for: name the years of the data instead.
            let years = target.years.count > 1 ? target.years : run.panel.years
            let span = years.first.map { "\($0)–\(years.last!)" } ?? "none"
            throw AnalysisError.unavailable(measure: target.label, requested: String(year),
                                            available: "years in the data: \(span)")
        }
        var weights: [Double]?
        if let weightedBy {
            guard let s = run.panel.indicatorIndex(of: weightedBy) else {
                throw ConstructionError.unknownName(kind: "series for weighting", name: weightedBy,
                                                    known: run.panel.indicators.map(\.code))
            }
            let code = run.panel.indicators[s].code
            weights = target.units.map { unit in
                run.panel.series(unit: unit, indicator: code).last { $0.year <= year }?.value ?? .nan
            }
        }
        let cube = run.result.cube
        var values: [Double] = [], w: [Double] = [], labels: [String] = [], used: [String] = []
        var excluded: [Excluded] = []
        for (k, unit) in target.units.enumerated() {
            let x = column[k]
            if x.isNaN { excluded.append(.init(unit: unit, reason: "no value in \(year)")); continue }
            if x < 0 {
                throw AnalysisError.outOfDomain(
                    measure: "\(target.label) \(year)", argument: unit, index: k,
                    expected: "a value ≥ 0 for inequality measures (a normalisation to a non-negative scale)",
                    found: x)
            }
            if let weights {
                let p = weights[k]
                guard p.isFinite, p > 0 else {
                    excluded.append(.init(unit: unit, reason: "no \(weightedBy!) value in or before \(year)"))
                    continue
                }
                w.append(p)
            }
            values.append(x)
            used.append(unit)
            if let by {
                let u = cube.units.firstIndex(of: unit)
                labels.append(u.flatMap { cube.groupings[by.key]?[$0] ?? nil } ?? "(none)")
            }
        }
        guard !values.isEmpty else {
            throw AnalysisError.unavailable(measure: target.label, requested: String(year),
                                            available: "no economy has a value that year")
        }
        let summary = try Inequality.summary(values, weights: weights == nil ? nil : w,
                                             groups: by == nil ? nil : labels, atkinsonEpsilon: epsilon)
        var report = InequalityReport(target: target.label, year: year, weightedBy: weightedBy, by: by?.rawValue,
                                      units: used, excluded: excluded, summary: summary)
        report.coverage = coverage(of: used, among: target.units, year: year, run: run,
                                   population: weightedBy ?? Panel.populationSeries)
        return report
    }

    /// The share of `all` (and of their population, from `population` when the data has it) that `used` holds.
    static func coverage(of used: [String], among all: [String], year: Int, run: IndexRun,
                         population: String) -> Coverage {
        let share = run.panel.populationShare(of: used, among: all, year: year, series: population)
        let series = share == nil ? nil : population
        var warnings: [String] = []
        if let share, share < Coverage.minimumPopulationShare {
            warnings.append("the economies measured hold \(Int((share * 100).rounded()))% of the population")
        }
        if Double(used.count) < Coverage.minimumEconomyShare * Double(all.count) {
            warnings.append("\(used.count) of \(all.count) economies have a value")
        }
        return Coverage(economies: used.count, of: all.count, populationShare: share, populationSeries: series,
                        warning: warnings.isEmpty ? nil : "not a regional figure: " + warnings.joined(separator: "; "))
    }
}
