import DivideData
import DivideIndex

/// The cut-offs at which the statistical audit raises a flag. The defaults are COINr's and the JRC's.
///
/// - Indicator statistics (COINr 1.1 `get_stats`, METHODS §1.1): availability `< 0.65`, share of non-zero values
///   `< 0.5`, share of unique values `< 0.5`, and the outlier test |skew| `> 2` **and** kurtosis `> 3.5` (e1071 type-2
///   estimators, the JRC rule COINr's `Treat` uses, METHODS §1.3).
/// - Correlations (METHODS §2): collinear pairs of indicators with the same parent `> 0.9` (COINr `get_corr_flags(cor_thresh = 0.9)`),
///   negative pairs `< −0.4` (the COINr-based audit app's threshold), and a correlation with the parent below
///   `0.3` as "weak". The last is the cut-off JRC audit reports commonly describe as weak; METHODS §2 marks the
///   thresholds as unverified [U], so it is a parameter.
/// - Coherence (METHODS §2): Cronbach's α below `0.7` (rule of thumb); a node is one-dimensional when exactly one
///   eigenvalue of its children's correlation matrix exceeds 1 (Kaiser criterion) and the first component explains
///   at least `0.6` of the variance.
public struct AuditThresholds: Sendable, Equatable, Codable {
    public var availability: Double
    public var nonZero: Double
    public var unique: Double
    public var skewness: Double
    public var kurtosis: Double
    public var collinear: Double
    public var negative: Double
    public var weak: Double
    public var cronbach: Double
    public var dominantShare: Double
    /// Which coefficient the correlation flags read.
    public var flagCorrelation: CorrelationKind
    /// COINr's convention for `many_zeros` and `few_unique`: counts divided by all units, so that missing values
    /// count as zeros and as repeats. Off by default: a missing value is `low_availability`, never a zero.
    public var countsOverAllUnits = false

    public init(availability: Double = 0.65, nonZero: Double = 0.5, unique: Double = 0.5, skewness: Double = 2,
                kurtosis: Double = 3.5, collinear: Double = 0.9, negative: Double = -0.4, weak: Double = 0.3,
                cronbach: Double = 0.7, dominantShare: Double = 0.6, flagCorrelation: CorrelationKind = .pearson) {
        self.availability = availability
        self.nonZero = nonZero
        self.unique = unique
        self.skewness = skewness
        self.kurtosis = kurtosis
        self.collinear = collinear
        self.negative = negative
        self.weak = weak
        self.cronbach = cronbach
        self.dominantShare = dominantShare
        self.flagCorrelation = flagCorrelation
    }

    package enum CodingKeys: String, CodingKey {
        case availability, unique, skewness, kurtosis, collinear, negative, weak, cronbach
        case nonZero = "non_zero"
        case dominantShare = "dominant_share"
        case flagCorrelation = "flag_correlation"
        case countsOverAllUnits = "counts_over_all_units"
    }
}

/// A correlation coefficient.
public enum CorrelationKind: String, Sendable, Codable, CaseIterable {
    case pearson, spearman, kendall
}
