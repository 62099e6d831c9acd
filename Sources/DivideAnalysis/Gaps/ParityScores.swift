import DivideData
import DivideIndex

/// Where a gender parity score falls relative to ITU's parity band.
public enum ParityBand: String, Sendable, Codable, CaseIterable {
    /// `GPS < 0.98`: men are more likely to use the service.
    case favoursMen = "favours_men"
    /// `0.98 ≤ GPS ≤ 1.02`: parity.
    case parity
    /// `GPS > 1.02`: women are more likely to use the service.
    case favoursWomen = "favours_women"
}

/// ITU's gender parity score for one economy.
public struct GenderParity: Sendable, Equatable, Codable {
    /// Percentage of women using the service.
    public var female: Double
    /// Percentage of men using the service.
    public var male: Double
    /// `GPS = female/male`.
    public var score: Double
    /// The score's place relative to the parity band 0.98–1.02.
    public var band: ParityBand
    /// `male − female` in percentage points (ITU reports the absolute gap beside the ratio).
    public var gapPoints: Double
    /// `(male − female)/male` (GSMA/EIU "gender gap" = `1 − GPS`).
    public var relativeGap: Double

    package enum CodingKeys: String, CodingKey {
        case female, male, score, band
        case gapPoints = "gap_points"
        case relativeGap = "relative_gap"
    }
}

/// Urban and rural rates of one economy.
public struct UrbanRuralGap: Sendable, Equatable, Codable {
    /// Percentage in urban areas.
    public var urban: Double
    /// Percentage in rural areas.
    public var rural: Double
    /// `urban/rural` (ITU: about 2 worldwide in 2020, 3.5 in Africa, under 1.1 in Europe).
    public var ratio: Double
    /// `urban − rural` in percentage points.
    public var gapPoints: Double

    package enum CodingKeys: String, CodingKey {
        case urban, rural, ratio
        case gapPoints = "gap_points"
    }
}

extension Gaps {
    /// The lower and upper ends of ITU's parity band (inclusive).
    public static let parityBand: ClosedRange<Double> = 0.98...1.02

    /// ITU's gender parity score `GPS = female % / male %`; parity when `0.98 ≤ GPS ≤ 1.02`.
    ///
    /// "Gender parity is deemed achieved when the gender parity score, defined as the female percentage divided by
    /// the male percentage, stands between 0.98 and 1.02" (ITU, *Facts and Figures 2022: The gender digital
    /// divide*; same wording 2023 and 2024). The band is tested with a tolerance of 1e−12 so that a ratio that is
    /// 0.98 in decimals (58.8/60) is not pushed out of it by binary rounding. ITU cautions that the score is a
    /// ratio of percentages, so the absolute gap in points is reported too.
    /// - Throws: ``AnalysisError`` unless both rates are finite and `≥ 0` and `male > 0`.
    public static func genderParity(female: Double, male: Double) throws -> GenderParity {
        let measure = "gender parity score"
        try requireFinite(female, "female", measure: measure)
        try requireFinite(male, "male", measure: measure)
        guard female >= 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "female", expected: "a rate ≥ 0", found: female)
        }
        guard male > 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "male", expected: "a rate > 0", found: male)
        }
        let score = female / male
        let tolerance = 1e-12
        let band: ParityBand = score < parityBand.lowerBound - tolerance ? .favoursMen
            : score > parityBand.upperBound + tolerance ? .favoursWomen : .parity
        return GenderParity(
            female: female, male: male, score: score, band: band, gapPoints: male - female,
            relativeGap: (male - female) / male)
    }

    /// The urban–rural ratio `urban % / rural %` with the absolute gap in points (ITU, *Measuring digital
    /// development: Facts and Figures 2021*, "The urban-rural divide").
    /// - Throws: ``AnalysisError`` unless both rates are finite and `≥ 0` and `rural > 0`.
    public static func urbanRural(urban: Double, rural: Double) throws -> UrbanRuralGap {
        let measure = "urban-rural ratio"
        try requireFinite(urban, "urban", measure: measure)
        try requireFinite(rural, "rural", measure: measure)
        guard urban >= 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "urban", expected: "a rate ≥ 0", found: urban)
        }
        guard rural > 0 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "rural", expected: "a rate > 0", found: rural)
        }
        return UrbanRuralGap(urban: urban, rural: rural, ratio: urban / rural, gapPoints: urban - rural)
    }
}
