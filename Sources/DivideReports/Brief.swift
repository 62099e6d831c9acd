import DivideAnalysis
import DivideData
import DivideIndex

/// Everything one economy's country brief says, as plain values: the input of every brief renderer.
///
/// A brief is assembled from computed results (scores, ranks, rank intervals, gaps, inequality) and never
/// invents a value: every field that the data cannot support is `nil` (encoded as an absent key in JSON) or an
/// empty list, and the renderers show it as missing. The JSON form is a stable schema documented in
/// `docs/brief-schema.md`; ``schemaVersion`` changes when a field changes meaning or is removed.
public struct Brief: Sendable, Equatable, Codable {
    /// The schema version this library writes (`"2.1"`); see `docs/brief-schema.md`.
    public static let currentSchemaVersion = "2.1"

    /// Version of the JSON schema the brief follows.
    public var schemaVersion: String
    /// Who, what and when: economy, groups, framework, year, data vintage and sources.
    public var header: Header
    /// The composite index (`nil` when the framework produced no index score for anyone).
    public var index: NodeSummary?
    /// The pillars, in framework order.
    public var pillars: [NodeSummary]
    /// Indicators where the economy stands furthest above and below its peers.
    public var standing: Standing?
    /// Every indicator of the framework with the value used and its provenance.
    public var indicators: [IndicatorRow]
    /// The divide within the economy (gender, urban–rural).
    public var withinEconomy: WithinEconomy
    /// Peers shown beside the economy.
    public var peers: Peers?
    /// The index over time: the economy first, then its peers.
    public var trend: [TrendSeries]
    /// The distribution of the index across the ESCAP region (Lorenz curve).
    public var distribution: Distribution?
    /// Plain-language notes on what is missing or stale.
    public var notes: [String]
    /// Progress on stated targets of raw indicators (Broadband Commission 2025, ITU IDI goalposts): the latest
    /// value, its own growth over five years, and the years to reach the target at that growth. Nil in a brief
    /// written before schema 2.0.
    public var targets: [TargetProgress]?
    /// Each indicator's published values over the years up to the brief's, against the averages of the subregion
    /// and of the ESCAP region (in framework order). Nil in a brief written before schema 2.1.
    public var indicatorTrends: [IndicatorTrend]?

    /// Creates the value from its parts.
    public init(
        schemaVersion: String = Brief.currentSchemaVersion, header: Header, index: NodeSummary?,
        pillars: [NodeSummary], standing: Standing?, indicators: [IndicatorRow], withinEconomy: WithinEconomy,
        peers: Peers?, trend: [TrendSeries], distribution: Distribution?, notes: [String],
        targets: [TargetProgress]? = nil, indicatorTrends: [IndicatorTrend]? = nil
    ) {
        self.targets = targets
        self.indicatorTrends = indicatorTrends
        self.schemaVersion = schemaVersion
        self.header = header
        self.index = index
        self.pillars = pillars
        self.standing = standing
        self.indicators = indicators
        self.withinEconomy = withinEconomy
        self.peers = peers
        self.trend = trend
        self.distribution = distribution
        self.notes = notes
    }

    /// The index followed by the pillars.
    public var nodes: [NodeSummary] { (index.map { [$0] } ?? []) + pillars }

    /// True when the economy has no score on the index nor on any pillar: the renderers then write a short note
    /// (what the data holds and why nothing is scored) instead of pages of "n/a".
    public var isUnscored: Bool { !nodes.isEmpty && nodes.allSatisfy { $0.score == nil } }

    /// Why an unscored brief has no scores, in one paragraph.
    public var unscoredSummary: String {
        let present = indicators.filter { $0.value != nil }
        let name = header.economy.name
        return "\(name) has no score on the \(header.framework.name) nor on any of its \(pillars.count) pillars in "
            + "\(header.year): \(present.count) of its \(indicators.count) indicators \(present.count == 1 ? "has" : "have") a value"
            + (present.isEmpty ? "" : " (" + present.map(\.name).joined(separator: "; ") + ")")
            + ", fewer than each pillar needs. The values the data holds and the notes follow; scores, ranks, gaps "
            + "and peers are left out."
    }
}

extension Brief {
    /// An economy named in a brief.
    public struct Economy: Sendable, Equatable, Codable, Hashable {
        /// ISO 3166-1 alpha-3 code.
        public var iso3: String
        /// Display name.
        public var name: String
        /// Creates the value from its parts.
        public init(iso3: String, name: String) {
            self.iso3 = iso3
            self.name = name
        }
    }

    /// The brief's header.
    public struct Header: Sendable, Equatable, Codable {
        /// The economy the brief describes.
        public var economy: Economy
        /// ESCAP subregion name ("East and North-East Asia").
        public var subregion: String?
        /// ESCAP subregion abbreviation ("ENEA").
        public var subregionCode: String?
        /// World Bank income group ("High income").
        public var incomeGroup: String?
        /// The index definition.
        public var framework: FrameworkReference
        /// The year the brief describes.
        public var year: Int
        /// The oldest and latest observation years behind the values.
        public var vintage: Vintage
        /// Publishers of the data used, with licences.
        public var sources: [Source]
        /// The short name of the regional group the "region" ranks, averages and bests refer to: "ESCAP" when the
        /// index was computed over every ESCAP economy, else the universe's ("SEA"). Nil in briefs written before it
        /// was recorded (they meant "ESCAP").
        public var region: String?
        /// The economies the index was computed (normalised) over, as a sentence names them: "the ESCAP region
        /// (58 economies)". Nil in briefs written before it was recorded.
        public var universe: String?
        /// Creates the value from its parts.
        public init(
            economy: Economy, subregion: String?, subregionCode: String?, incomeGroup: String?,
            framework: FrameworkReference, year: Int, vintage: Vintage, sources: [Source], region: String? = nil,
            universe: String? = nil
        ) {
            self.region = region
            self.universe = universe
            self.economy = economy
            self.subregion = subregion
            self.subregionCode = subregionCode
            self.incomeGroup = incomeGroup
            self.framework = framework
            self.year = year
            self.vintage = vintage
            self.sources = sources
        }
    }

    /// The framework (index definition) a brief reports on.
    public struct FrameworkReference: Sendable, Equatable, Codable {
        /// Framework id (the preset or file name).
        public var id: String
        /// The index name.
        public var name: String
        /// Creates the value from its parts.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The oldest and latest observation years behind the economy's values.
    public struct Vintage: Sendable, Equatable, Codable {
        /// The newest observation year.
        public var latestYear: Int?
        /// The oldest observation year.
        public var oldestYear: Int?
        /// Creates the value from its parts.
        public init(latestYear: Int?, oldestYear: Int?) {
            self.latestYear = latestYear
            self.oldestYear = oldestYear
        }
    }

    /// A data source and its licence.
    public struct Source: Sendable, Equatable, Codable {
        /// Publisher name.
        public var name: String
        /// Licence, when the file or its reader states one.
        public var licence: String?
        /// Creates the value from its parts.
        public init(name: String, licence: String?) {
            self.name = name
            self.licence = licence
        }
    }
}
