extension Brief {
    /// Indicators where the economy stands furthest above and below its peers, in standardised terms.
    public struct Standing: Sendable, Equatable, Codable {
        /// The peer group compared against ("ESCAP region (58)").
        public var basis: String
        /// Furthest above the peers, largest first.
        public var strengths: [StandingIndicator]
        /// Furthest below the peers, lowest first.
        public var weaknesses: [StandingIndicator]
        public init(basis: String, strengths: [StandingIndicator], weaknesses: [StandingIndicator]) {
            self.basis = basis
            self.strengths = strengths
            self.weaknesses = weaknesses
        }
    }

    /// One indicator compared against peers: `z = (x − mean(peers)) / sd(peers)`, sign flipped when lower is better,
    /// so a positive `z` is always a strength.
    public struct StandingIndicator: Sendable, Equatable, Codable {
        public var indicatorId: String
        public var name: String
        public var pillar: String?
        /// The economy's raw value (nil when the framework transforms it beyond what the brief can show).
        public var value: Double?
        public var unit: String?
        /// The mean raw value of the peers with a value.
        public var peerMean: Double?
        /// Standard deviations above (positive) or below (negative) the peer mean, direction-adjusted.
        public var standardised: Double
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
        public var indicatorId: String
        public var name: String
        /// The pillar the indicator belongs to.
        public var pillar: String?
        /// The value used (raw, before normalisation); `nil` when missing.
        public var value: Double?
        public var unit: String?
        /// The year of the observation the value comes from.
        public var year: Int?
        public var source: String?
        public var status: ValueStatus
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
        public var flag: Flag
        /// For `carried_forward`: the year of the observation carried forward.
        public var fromYear: Int?
        public init(flag: Flag, fromYear: Int? = nil) {
            self.flag = flag
            self.fromYear = fromYear
        }

        public static let observed = ValueStatus(flag: .observed)
        public static let imputed = ValueStatus(flag: .imputed)
        public static let missing = ValueStatus(flag: .missing)
        public static func carriedForward(from year: Int) -> ValueStatus { ValueStatus(flag: .carriedForward, fromYear: year) }

        public enum Flag: String, Sendable, Equatable, Codable {
            case observed, imputed
            case carriedForward = "carried_forward"
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
        public var genderParity: GenderParityEntry?
        public var urbanRural: UrbanRuralEntry?
        public init(genderParity: GenderParityEntry?, urbanRural: UrbanRuralEntry?) {
            self.genderParity = genderParity
            self.urbanRural = urbanRural
        }
    }

    /// ITU's gender parity score (female rate / male rate) and its band.
    public struct GenderParityEntry: Sendable, Equatable, Codable {
        /// What is compared ("Individuals using the Internet").
        public var indicator: String
        public var year: Int?
        public var female: Double
        public var male: Double
        public var score: Double
        public var band: ParityBand
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
        public var indicator: String
        public var year: Int?
        public var urban: Double
        public var rural: Double
        /// `urban / rural`.
        public var ratio: Double
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
        public var economies: [PeerRow]
        public init(basis: Basis, economies: [PeerRow]) {
            self.basis = basis
            self.economies = economies
        }

        public enum Basis: String, Sendable, Equatable, Codable {
            case chosen, subregion
        }
    }

    /// A peer's index and pillar scores, in the order of ``Brief/nodes``.
    public struct PeerRow: Sendable, Equatable, Codable {
        public var economy: Economy
        public var scores: [NodeScore]
        public init(economy: Economy, scores: [NodeScore]) {
            self.economy = economy
            self.scores = scores
        }
    }

    /// One node's score and rank for a peer.
    public struct NodeScore: Sendable, Equatable, Codable {
        public var id: String
        public var score: Double?
        public var rank: Int?
        public init(id: String, score: Double?, rank: Int?) {
            self.id = id
            self.score = score
            self.rank = rank
        }
    }

    /// An economy's index score by year.
    public struct TrendSeries: Sendable, Equatable, Codable {
        public var economy: Economy
        public var points: [YearValue]
        public init(economy: Economy, points: [YearValue]) {
            self.economy = economy
            self.points = points
        }
    }

    public struct YearValue: Sendable, Equatable, Codable {
        public var year: Int
        public var value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// The index across the ESCAP region: Lorenz curve, Gini and where the economy sits on the curve.
    public struct Distribution: Sendable, Equatable, Codable {
        /// Economies with an index score.
        public var units: Int
        public var gini: Double?
        /// Lorenz points from (0, 0) to (1, 1), economies sorted by score ascending.
        public var lorenz: [CurvePoint]
        /// The point of the curve that ends with the brief's economy.
        public var economyPoint: CurvePoint?
        public init(units: Int, gini: Double?, lorenz: [CurvePoint], economyPoint: CurvePoint?) {
            self.units = units
            self.gini = gini
            self.lorenz = lorenz
            self.economyPoint = economyPoint
        }
    }

    /// A point of a Lorenz curve: cumulative share of economies and of the index total.
    public struct CurvePoint: Sendable, Equatable, Codable {
        public var populationShare: Double
        public var valueShare: Double
        public init(populationShare: Double, valueShare: Double) {
            self.populationShare = populationShare
            self.valueShare = valueShare
        }
    }
}
