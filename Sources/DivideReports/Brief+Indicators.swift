import DivideAnalysis
import DivideData
import DivideIndex

extension Brief {
    /// Indicators where the economy stands furthest above and below its peers, in standardised terms.
    public struct Standing: Sendable, Equatable, Codable {
        /// The peer group compared against ("ESCAP region (58)").
        public var basis: String
        /// Furthest above the peers, largest first.
        public var strengths: [StandingIndicator]
        /// Furthest below the peers, lowest first.
        public var weaknesses: [StandingIndicator]
        /// Creates the value from its parts.
        public init(basis: String, strengths: [StandingIndicator], weaknesses: [StandingIndicator]) {
            self.basis = basis
            self.strengths = strengths
            self.weaknesses = weaknesses
        }
    }

    /// One indicator compared against peers: `z = (x − mean(peers)) / sd(peers)`, sign flipped when lower is better,
    /// so a positive `z` is always a strength.
    public struct StandingIndicator: Sendable, Equatable, Codable {
        /// Framework node id of the indicator.
        public var indicatorId: String
        /// Display name.
        public var name: String
        /// The pillar the indicator belongs to.
        public var pillar: String?
        /// The economy's raw value (nil when the framework transforms it beyond what the brief can show).
        public var value: Double?
        /// Unit of measure of ``value`` and ``peerMean``.
        public var unit: String?
        /// The mean raw value of the peers with a value.
        public var peerMean: Double?
        /// Standard deviations above (positive) or below (negative) the peer mean, direction-adjusted.
        public var standardised: Double
        /// Creates the value from its parts.
        public init(
            indicatorId: String, name: String, pillar: String?, value: Double?, unit: String?, peerMean: Double?,
            standardised: Double
        ) {
            self.indicatorId = indicatorId
            self.name = name
            self.pillar = pillar
            self.value = value
            self.unit = unit
            self.peerMean = peerMean
            self.standardised = standardised
        }
    }

    /// One row of the indicator table.
    public struct IndicatorRow: Sendable, Equatable, Codable {
        /// Framework node id of the indicator.
        public var indicatorId: String
        /// Display name.
        public var name: String
        /// The pillar the indicator belongs to.
        public var pillar: String?
        /// The value used (raw, before normalisation); `nil` when missing.
        public var value: Double?
        /// Unit of measure.
        public var unit: String?
        /// The year of the observation the value comes from.
        public var year: Int?
        /// Who published the value: the indicator's metadata source, else the publisher of the file it was read from.
        public var source: String?
        /// Observed, carried forward, imputed or missing.
        public var status: ValueStatus
        /// Creates the value from its parts.
        public init(
            indicatorId: String, name: String, pillar: String?, value: Double?, unit: String?, year: Int?,
            source: String?, status: ValueStatus
        ) {
            self.indicatorId = indicatorId
            self.name = name
            self.pillar = pillar
            self.value = value
            self.unit = unit
            self.year = year
            self.source = source
            self.status = status
        }
    }

    /// Where a value comes from.
    public struct ValueStatus: Sendable, Equatable, Codable {
        /// Where the value comes from.
        public var flag: Flag
        /// For `carried_forward`: the year of the observation carried forward.
        public var fromYear: Int?
        /// Creates the value from its parts.
        public init(flag: Flag, fromYear: Int? = nil) {
            self.flag = flag
            self.fromYear = fromYear
        }

        /// A value published for the brief's year.
        public static let observed = ValueStatus(flag: .observed)
        /// A value estimated by the framework's imputation method.
        public static let imputed = ValueStatus(flag: .imputed)
        /// No value.
        public static let missing = ValueStatus(flag: .missing)
        /// A value carried forward from an earlier `year`.
        public static func carriedForward(from year: Int) -> ValueStatus { ValueStatus(flag: .carriedForward, fromYear: year) }

        /// The kinds of value status (`observed`, `imputed`, `carried_forward`, `missing` in JSON).
        public enum Flag: String, Sendable, Equatable, Codable {
            /// Published for the brief's year.
            case observed
            /// Estimated by the framework's imputation method.
            case imputed
            /// The latest earlier observation.
            case carriedForward = "carried_forward"
            /// No value.
            case missing
        }

        /// "observed", "imputed", "carried forward from 2019", "missing".
        public var label: String {
            switch flag {
            case .observed: "observed"
            case .imputed: "imputed"
            case .carriedForward: fromYear.map { "carried forward from \($0)" } ?? "carried forward"
            case .missing: "missing"
            }
        }
    }

    /// The divide within the economy; each part `nil` when there is no data ("no data" in renderers).
    public struct WithinEconomy: Sendable, Equatable, Codable {
        /// Gender parity score; nil without gender-disaggregated data.
        public var genderParity: GenderParityEntry?
        /// Urban–rural ratio; nil without urban and rural data.
        public var urbanRural: UrbanRuralEntry?
        /// Creates the value from its parts.
        public init(genderParity: GenderParityEntry?, urbanRural: UrbanRuralEntry?) {
            self.genderParity = genderParity
            self.urbanRural = urbanRural
        }
    }

    /// ITU's gender parity score (female rate / male rate) and its band.
    public struct GenderParityEntry: Sendable, Equatable, Codable {
        /// What is compared ("Individuals using the Internet").
        public var indicator: String
        /// The year of the female and male rates.
        public var year: Int?
        /// The female rate.
        public var female: Double
        /// The male rate.
        public var male: Double
        /// `female / male`.
        public var score: Double
        /// Below, within or above ITU's parity band 0.98–1.02.
        public var band: ParityBand
        /// Creates the value from its parts.
        public init(indicator: String, year: Int?, female: Double, male: Double, score: Double, band: ParityBand) {
            self.indicator = indicator
            self.year = year
            self.female = female
            self.male = male
            self.score = score
            self.band = band
        }
    }

    /// Urban and rural rates and their ratio.
    public struct UrbanRuralEntry: Sendable, Equatable, Codable {
        /// What is compared ("Households with Internet access").
        public var indicator: String
        /// The year of the urban and rural rates.
        public var year: Int?
        /// The urban rate.
        public var urban: Double
        /// The rural rate.
        public var rural: Double
        /// `urban / rural`.
        public var ratio: Double
        /// Creates the value from its parts.
        public init(indicator: String, year: Int?, urban: Double, rural: Double, ratio: Double) {
            self.indicator = indicator
            self.year = year
            self.urban = urban
            self.rural = rural
            self.ratio = ratio
        }
    }

    /// Economies shown beside the brief's economy.
    public struct Peers: Sendable, Equatable, Codable {
        /// `chosen` (by the user) or `subregion` (the default).
        public var basis: Basis
        /// The peers, in the order shown.
        public var economies: [PeerRow]
        /// Creates the value from its parts.
        public init(basis: Basis, economies: [PeerRow]) {
            self.basis = basis
            self.economies = economies
        }

        /// How the peers were chosen.
        public enum Basis: String, Sendable, Equatable, Codable {
            /// Chosen by the user (`--peers`).
            case chosen
            /// The other economies of the economy's ESCAP subregion (the default).
            case subregion
        }
    }

    /// A peer's index and pillar scores, in the order of ``Brief/nodes``.
    public struct PeerRow: Sendable, Equatable, Codable {
        /// The peer.
        public var economy: Economy
        /// Its score and rank for each node, in the order of ``Brief/nodes``.
        public var scores: [NodeScore]
        /// Creates the value from its parts.
        public init(economy: Economy, scores: [NodeScore]) {
            self.economy = economy
            self.scores = scores
        }
    }

    /// One node's score and rank for a peer.
    public struct NodeScore: Sendable, Equatable, Codable {
        /// Framework node id.
        public var id: String
        /// Score; nil when not scored.
        public var score: Double?
        /// Rank among the ESCAP-region economies with a score.
        public var rank: Int?
        /// Creates the value from its parts.
        public init(id: String, score: Double?, rank: Int?) {
            self.id = id
            self.score = score
            self.rank = rank
        }
    }

    /// An economy's index score by year.
    public struct TrendSeries: Sendable, Equatable, Codable {
        /// The economy.
        public var economy: Economy
        /// Its index scores by year, ascending; years without a score are left out.
        public var points: [YearValue]
        /// Creates the value from its parts.
        public init(economy: Economy, points: [YearValue]) {
            self.economy = economy
            self.points = points
        }
    }

    /// A score in one year.
    public struct YearValue: Sendable, Equatable, Codable {
        /// The year.
        public var year: Int
        /// The score.
        public var value: Double
        /// Creates the value from its parts.
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// One indicator's raw values over the years before the brief's year: the economy's own, and the averages of its
    /// subregion and of the ESCAP region with how many economies each average rests on (schema 2.1).
    public struct IndicatorTrend: Sendable, Equatable, Codable {
        /// Framework node id of the indicator.
        public var indicatorId: String
        /// Display name.
        public var name: String
        /// Unit of measure of every value.
        public var unit: String?
        /// The data series the values come from (e.g. `IT.NET.USER.ZS`), the key `TargetProgress` names its series
        /// by; nil when the framework turns the series into other units (per capita), so that a target on the series
        /// does not apply to these values.
        public var series: String?
        /// The economy's published values by year, ascending (after the framework's transform of the raw series, as
        /// ``Brief/IndicatorRow/value``); years without a published value are left out (nothing is carried or imputed).
        public var economy: [YearValue]
        /// The average of the economy's ESCAP subregion (nil without a subregion).
        public var subregion: GroupTrend?
        /// The average of the ESCAP region.
        public var escap: GroupTrend?
        /// Creates the value from its parts.
        public init(indicatorId: String, name: String, unit: String?, series: String? = nil, economy: [YearValue],
                    subregion: GroupTrend?, escap: GroupTrend?) {
            self.indicatorId = indicatorId
            self.name = name
            self.unit = unit
            self.series = series
            self.economy = economy
            self.subregion = subregion
            self.escap = escap
        }
    }

    /// A group's unweighted mean of one indicator by year, over the economies of the group with a published value.
    public struct GroupTrend: Sendable, Equatable, Codable {
        /// The group ("South-East Asia", "ESCAP").
        public var group: String
        /// The ESCAP-region economies of the group the index was computed for.
        public var of: Int
        /// The means by year, ascending; years in which no economy of the group has a value are left out.
        public var points: [GroupYearValue]
        /// Creates the value from its parts.
        public init(group: String, of: Int, points: [GroupYearValue]) {
            self.group = group
            self.of = of
            self.points = points
        }
    }

    /// A group mean in one year and the number of economies it averages.
    public struct GroupYearValue: Sendable, Equatable, Codable {
        /// The year.
        public var year: Int
        /// The unweighted mean of the economies with a value.
        public var value: Double
        /// How many of the group's economies have a value that year (coverage: `economies / of`).
        public var economies: Int
        /// Creates the value from its parts.
        public init(year: Int, value: Double, economies: Int) {
            self.year = year
            self.value = value
            self.economies = economies
        }
    }

    /// The index across the ESCAP region: Lorenz curve, Gini and where the economy sits on the curve.
    public struct Distribution: Sendable, Equatable, Codable {
        /// Economies with an index score.
        public var units: Int
        /// Gini coefficient of the index across the scored economies.
        public var gini: Double?
        /// Lorenz points from (0, 0) to (1, 1), economies sorted by score ascending.
        public var lorenz: [CurvePoint]
        /// The point of the curve that ends with the brief's economy.
        public var economyPoint: CurvePoint?
        /// Creates the value from its parts.
        public init(units: Int, gini: Double?, lorenz: [CurvePoint], economyPoint: CurvePoint?) {
            self.units = units
            self.gini = gini
            self.lorenz = lorenz
            self.economyPoint = economyPoint
        }
    }

    /// A point of a Lorenz curve: cumulative share of economies and of the index total.
    public struct CurvePoint: Sendable, Equatable, Codable {
        /// Cumulative share of economies (0…1).
        public var populationShare: Double
        /// Cumulative share of the index total (0…1).
        public var valueShare: Double
        /// Creates the value from its parts.
        public init(populationShare: Double, valueShare: Double) {
            self.populationShare = populationShare
            self.valueShare = valueShare
        }
    }
}
