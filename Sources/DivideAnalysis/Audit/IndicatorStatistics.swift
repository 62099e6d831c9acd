import DivideData
import DivideIndex
import LinearAlgebra

/// One indicator's descriptive statistics in the audited year, its flags, and what outlier treatment did to it.
///
/// Computed on the indicator's values after its transform (log, per capita) and before imputation, treatment and
/// normalisation — COINr's `get_stats(dset = "Raw")`. Definitions as COINr 1.1 `get_stats.data.frame`, with `N` the
/// number of units and `n` those with a value: availability `n/N`; non-zero share and unique share of the `n`
/// values. Flags: `low_availability` when `n/N < t_avail`, `many_zeros` when `nonzero/n < t_zero`, `few_unique` when
/// `unique/n < t_unq` (COINr divides those two counts by `N`, so that missing values count as zeros: set
/// `AuditThresholds/countsOverAllUnits` for its convention), `outliers` when |skew| `> t_skew` and kurtosis `> t_kurt`. Skewness and (excess) kurtosis
/// are the e1071 type-2 estimators (LinearAlgebra `ColumnSummary`), sd the sample one (n − 1).
public struct IndicatorStatistics: Sendable, Equatable, Codable {
    /// The indicator's node id.
    public var indicator: String
    /// Its series code in the data.
    public var series: String
    /// Units in the audit (`N`) and units with a value (`n`).
    public var units: Int
    public var available: Int
    /// Units with a value after imputation (e.g. carried forward) — what the index used; nil when not built.
    public var availableAfterImputation: Int?
    public var nonZero: Int
    public var unique: Int
    public var min: Double?
    public var max: Double?
    public var mean: Double?
    public var median: Double?
    public var standardDeviation: Double?
    public var skewness: Double?
    public var kurtosis: Double?
    /// `n/N`, `nonzero/n` and `unique/n` (the shares COINr prints; the flags use `N`, see above).
    public var availability: Double
    public var nonZeroShare: Double?
    public var uniqueShare: Double?
    /// `low_availability`, `many_zeros`, `few_unique`, `outliers`.
    public var flags: [String]
    /// Outlier treatment in the audited year, nil when none was configured or the column was not tested.
    public var treatment: TreatmentSummary?

    package enum CodingKeys: String, CodingKey {
        case indicator, series, units, available, unique, min, max, mean, median, skewness, kurtosis, availability,
             flags, treatment
        case nonZero = "non_zero"
        case availableAfterImputation = "available_after_imputation"
        case standardDeviation = "standard_deviation"
        case nonZeroShare = "non_zero_share"
        case uniqueShare = "unique_share"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(series, forKey: .series)
        try c.encode(units, forKey: .units)
        try c.encode(available, forKey: .available)
        try c.encode(availableAfterImputation, forKey: .availableAfterImputation)
        try c.encode(nonZero, forKey: .nonZero)
        try c.encode(unique, forKey: .unique)
        try c.encode(min, forKey: .min)
        try c.encode(max, forKey: .max)
        try c.encode(mean, forKey: .mean)
        try c.encode(median, forKey: .median)
        try c.encode(standardDeviation, forKey: .standardDeviation)
        try c.encode(skewness, forKey: .skewness)
        try c.encode(kurtosis, forKey: .kurtosis)
        try c.encode(availability, forKey: .availability)
        try c.encode(nonZeroShare, forKey: .nonZeroShare)
        try c.encode(uniqueShare, forKey: .uniqueShare)
        try c.encode(flags, forKey: .flags)
        try c.encode(treatment, forKey: .treatment)
    }

    /// Statistics and flags of `values` (one per unit, NaN = missing).
    public init(indicator: String, series: String, values: [Double], thresholds: AuditThresholds = AuditThresholds(),
                treatment: TreatmentSummary? = nil) {
        let present = values.filter { !$0.isNaN }
        let summary = ColumnSummary(present)
        let total = values.count, n = present.count
        func defined(_ x: Double) -> Double? { x.isNaN ? nil : x }
        self.indicator = indicator
        self.series = series
        units = total
        available = n
        nonZero = present.filter { $0 != 0 }.count
        unique = Set(present).count
        min = defined(summary.min)
        max = defined(summary.max)
        mean = defined(summary.mean)
        median = n == 0 ? nil : Quantile.type7(sorted: present.sorted(), probability: 0.5)
        standardDeviation = defined(summary.sampleStandardDeviation)
        skewness = defined(summary.skewness)
        kurtosis = defined(summary.excessKurtosis)
        availability = total == 0 ? 0 : Double(n) / Double(total)
        nonZeroShare = n == 0 ? nil : Double(nonZero) / Double(n)
        uniqueShare = n == 0 ? nil : Double(unique) / Double(n)
        var flags: [String] = []
        let all = Double(Swift.max(thresholds.countsOverAllUnits ? total : n, 1))
        if availability < thresholds.availability { flags.append("low_availability") }
        if Double(nonZero) / all < thresholds.nonZero { flags.append("many_zeros") }
        if Double(unique) / all < thresholds.unique { flags.append("few_unique") }
        if let s = skewness, let k = kurtosis, abs(s) > thresholds.skewness && k > thresholds.kurtosis {
            flags.append("outliers")
        }
        self.flags = flags
        self.treatment = treatment
    }
}

/// What outlier treatment did to one indicator in one year (from the engine's `TreatmentRecord`).
public struct TreatmentSummary: Sendable, Equatable, Codable {
    /// Skewness and kurtosis of the column the treatment saw (after imputation) and of its result.
    public var skewBefore: Double?
    public var kurtosisBefore: Double?
    public var skewAfter: Double?
    public var kurtosisAfter: Double?
    /// JRC rule: whether the column failed the skew/kurtosis test before treatment.
    public var failedBefore: Bool?
    /// Points winsorised (0 when the log transform replaced the winsorisation).
    public var winsorised: Int
    /// `log`, `log-ct` or `boxcox:λ` when a transform was applied.
    public var transform: String?
    /// Whether the treated column still fails the JRC test (|skew| ≥ 2 and kurtosis ≥ 3.5 with the rule's own
    /// thresholds); nil when not tested.
    public var stillFails: Bool?

    package enum CodingKeys: String, CodingKey {
        case winsorised, transform
        case skewBefore = "skew_before"
        case kurtosisBefore = "kurtosis_before"
        case skewAfter = "skew_after"
        case kurtosisAfter = "kurtosis_after"
        case failedBefore = "failed_before"
        case stillFails = "still_fails"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(skewBefore, forKey: .skewBefore)
        try c.encode(kurtosisBefore, forKey: .kurtosisBefore)
        try c.encode(skewAfter, forKey: .skewAfter)
        try c.encode(kurtosisAfter, forKey: .kurtosisAfter)
        try c.encode(failedBefore, forKey: .failedBefore)
        try c.encode(winsorised, forKey: .winsorised)
        try c.encode(transform, forKey: .transform)
        try c.encode(stillFails, forKey: .stillFails)
    }

    /// The summary of one treatment report; `rule` gives the JRC thresholds for ``stillFails``.
    public init(_ report: TreatmentReport, rule: Treatment.JRCRule?) {
        func defined(_ x: Double) -> Double? { x.isNaN ? nil : x }
        skewBefore = defined(report.skewBefore)
        kurtosisBefore = defined(report.kurtosisBefore)
        skewAfter = defined(report.skewAfter)
        kurtosisAfter = defined(report.kurtosisAfter)
        failedBefore = report.failedBefore
        winsorised = report.transform == nil ? report.winsorised.count : 0
        switch report.transform {
        case .none: transform = nil
        case .log: transform = "log"
        case .logShifted: transform = "log-ct"
        case .boxCox(let lambda): transform = "boxcox:\(MethodSyntax.format(lambda))"
        }
        if let rule, let s = skewAfter, let k = kurtosisAfter {
            stillFails = abs(s) >= rule.skewThreshold && k >= rule.kurtosisThreshold
        } else {
            stillFails = nil
        }
    }
}
