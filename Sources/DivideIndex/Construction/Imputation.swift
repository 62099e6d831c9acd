import DivideData

/// How missing values of an indicator are filled before normalisation. Several methods can be chained
/// (e.g. carry forward, then the group mean for what is still missing); each fills only cells still missing.
///
/// Source: COINr 1.1 `R/impute.R` (`i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`, `impute_panel` with
/// `imp_type = "latest" | "linear" | "linear-constant"` and `max_time`); METHODS §1.2.
public enum Imputation: Sendable, Hashable {
    /// Nothing is filled: aggregation uses the children that are present, weights renormalised.
    case none
    /// The indicator's mean over the units present in the same year (COINr `i_mean`).
    case mean
    /// The indicator's median over the units present in the same year (COINr `i_median`).
    case median
    /// The mean over the units of the same group in the same year (COINr `i_mean_grp`); `grouping` names a
    /// grouping vector of the cube. Units without a group, or whose group has no value, stay missing.
    case groupMean(grouping: String)
    /// The median within the unit's group (COINr `i_median_grp`).
    case groupMedian(grouping: String)
    /// The latest earlier observation of the same unit, if at most `maxYears` years old
    /// (cf. COINr `impute_panel(imp_type = "latest", max_time)`); flagged ``CellOrigin/carried(fromYear:)``.
    case latest(maxYears: Int)
    /// Linear interpolation in time between the nearest earlier and later observations of the same unit;
    /// no extrapolation (COINr `imp_type = "linear"`).
    case linear
    /// Linear interpolation, plus the first (last) observation held constant before (after) the observed
    /// span (COINr `imp_type = "linear-constant"`).
    case linearConstant

    /// Whether this method works along time (units × years for one indicator) rather than across units.
    public var isTemporal: Bool {
        switch self {
        case .latest, .linear, .linearConstant: return true
        default: return false
        }
    }

    /// Fills the missing cells of one column (one indicator, one year, all units) from the other units.
    /// - Parameters:
    ///   - column: values per unit, NaN = missing.
    ///   - groups: for the group methods, each unit's group (nil = none).
    /// - Returns: the filled column and the rows that were filled.
    public func fillAcrossUnits(_ column: [Double], groups: [Int?]? = nil) throws -> (values: [Double], filled: [Int]) {
        var y = column
        var filled: [Int] = []
        func fill(_ rows: [Int], with value: Double) {
            guard !value.isNaN else { return }
            for r in rows where y[r].isNaN { y[r] = value; filled.append(r) }
        }
        let missing = column.indices.filter { column[$0].isNaN }
        guard !missing.isEmpty else { return (y, []) }
        switch self {
        case .none, .latest, .linear, .linearConstant:
            return (y, [])
        case .mean:
            fill(missing, with: SampleStatistics.mean(column))
        case .median:
            fill(missing, with: SampleStatistics.median(column))
        case .groupMean(let name), .groupMedian(let name):
            guard let groups, groups.count == column.count else {
                throw ConstructionError.shapeMismatch(what: "grouping \"\(name)\"", expected: "\(column.count) units",
                                                      found: "\(groups?.count ?? 0)")
            }
            var members: [Int: [Int]] = [:]
            for (u, g) in groups.enumerated() { if let g { members[g, default: []].append(u) } }
            for rows in members.values {
                let values = rows.map { column[$0] }
                let statistic: Double
                if case .groupMean = self { statistic = SampleStatistics.mean(values) }
                else { statistic = SampleStatistics.median(values) }
                fill(rows.filter { column[$0].isNaN }, with: statistic)
            }
            filled.sort()
        }
        return (y, filled)
    }

    /// Fills the missing cells of one unit's time series of one indicator.
    /// - Parameters:
    ///   - series: values per year, NaN = missing.
    ///   - years: the calendar year of each position (increasing).
    /// - Returns: the filled series and each cell's origin (``CellOrigin/observed`` for present cells,
    ///   ``CellOrigin/missing`` for cells still missing).
    public func fillOverTime(_ series: [Double], years: [Int]) -> (values: [Double], origins: [CellOrigin]) {
        var y = series
        var origins = series.map { $0.isNaN ? CellOrigin.missing : .observed }
        let observed = series.indices.filter { !series[$0].isNaN }
        guard isTemporal, !observed.isEmpty else { return (y, origins) }
        for t in series.indices where series[t].isNaN {
            let before = observed.last { $0 < t }
            let after = observed.first { $0 > t }
            switch self {
            case .latest(let maxYears):
                if let b = before, years[t] - years[b] <= maxYears {
                    y[t] = series[b]; origins[t] = .carried(fromYear: years[b])
                }
            case .linear, .linearConstant:
                if let b = before, let a = after {
                    let f = Double(years[t] - years[b]) / Double(years[a] - years[b])
                    y[t] = series[b] + f * (series[a] - series[b])
                    origins[t] = .interpolated
                } else if case .linearConstant = self {
                    let source = before ?? after!
                    y[t] = series[source]; origins[t] = .carried(fromYear: years[source])
                }
            default:
                break
            }
        }
        return (y, origins)
    }

    /// The method's name as written in a framework file or on the command line.
    public var name: String {
        switch self {
        case .none: return "none"
        case .mean: return "mean"
        case .median: return "median"
        case .groupMean(let g): return "group-mean:\(g)"
        case .groupMedian(let g): return "group-median:\(g)"
        case .latest(let n): return "latest:\(n)"
        case .linear: return "linear"
        case .linearConstant: return "linear-constant"
        }
    }
}

/// Where a value of the constructed data came from.
public enum CellOrigin: Sendable, Hashable {
    /// Present in the data.
    case observed
    /// Missing and not filled.
    case missing
    /// Filled from other units (mean, median, group mean or median).
    case imputed
    /// Copied from the same unit's observation of `fromYear` (latest value carried forward, or the constant
    /// ends of linear-constant).
    case carried(fromYear: Int)
    /// Interpolated linearly between the same unit's observations.
    case interpolated

    /// True for every filled cell (imputed, carried or interpolated).
    public var isFilled: Bool {
        switch self {
        case .observed, .missing: return false
        default: return true
        }
    }
}
