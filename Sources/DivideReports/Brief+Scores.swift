import DivideAnalysis
import DivideData
import DivideIndex

extension Brief {
    /// Where a node (the index or a pillar) stands: score, ranks, change, benchmarks and gaps.
    public struct NodeSummary: Sendable, Equatable, Codable {
        /// Framework node id.
        public var id: String
        /// Display name.
        public var name: String
        /// `index` or `pillar`.
        public var kind: Kind
        /// Score in the framework's scale; `nil` when the economy is not scored.
        public var score: Double?
        /// Rank among the ESCAP-region economies with a score (1 = best).
        public var rank: RankPosition?
        /// Rank within the economy's ESCAP subregion.
        public var subregionRank: RankPosition?
        /// Rank within the economy's income group (among ESCAP-region economies of that group).
        public var incomeGroupRank: RankPosition?
        /// The 5th–95th percentile rank interval from the uncertainty analysis.
        public var rankInterval: RankInterval?
        /// Change since the previous year.
        public var changeOneYear: Change?
        /// Change over five years.
        public var changeFiveYears: Change?
        /// Average and best of the economy's ESCAP subregion.
        public var subregion: Benchmark?
        /// Average and best of the ESCAP region.
        public var escap: Benchmark?
        /// The gap to the subregion's best.
        public var gapToSubregionBest: Gap?
        /// The gap to ESCAP's best.
        public var gapToEscapBest: Gap?

        /// Creates the value from its parts.
        public init(
            id: String, name: String, kind: Kind, score: Double?, rank: RankPosition? = nil,
            subregionRank: RankPosition? = nil, incomeGroupRank: RankPosition? = nil,
            rankInterval: RankInterval? = nil, changeOneYear: Change? = nil, changeFiveYears: Change? = nil,
            subregion: Benchmark? = nil, escap: Benchmark? = nil, gapToSubregionBest: Gap? = nil,
            gapToEscapBest: Gap? = nil
        ) {
            self.id = id
            self.name = name
            self.kind = kind
            self.score = score
            self.rank = rank
            self.subregionRank = subregionRank
            self.incomeGroupRank = incomeGroupRank
            self.rankInterval = rankInterval
            self.changeOneYear = changeOneYear
            self.changeFiveYears = changeFiveYears
            self.subregion = subregion
            self.escap = escap
            self.gapToSubregionBest = gapToSubregionBest
            self.gapToEscapBest = gapToEscapBest
        }

        /// Whether a node is the index or a pillar.
        public enum Kind: String, Sendable, Equatable, Codable {
            /// The composite index (the framework's root).
            case index
            /// A pillar (a child of the root).
            case pillar
        }
    }

    /// A rank and the number of economies ranked (`3` of `58`).
    public struct RankPosition: Sendable, Equatable, Codable {
        /// The position, 1 = best.
        public var rank: Int
        /// The number of economies ranked.
        public var of: Int
        /// Creates the value from its parts.
        public init(rank: Int, of: Int) {
            self.rank = rank
            self.of = of
        }
    }

    /// Percentile interval of an economy's rank over Monte Carlo replications.
    public struct RankInterval: Sendable, Equatable, Codable {
        /// 5th percentile of the rank (the best plausible rank).
        public var low: Double
        /// 95th percentile of the rank (the worst plausible rank).
        public var high: Double
        /// Median rank, when reported.
        public var median: Double?
        /// Number of Monte Carlo replications.
        public var replications: Int
        /// Creates the value from its parts.
        public init(low: Double, high: Double, median: Double?, replications: Int) {
            self.low = low
            self.high = high
            self.median = median
            self.replications = replications
        }
    }

    /// Change of a score between an earlier year and the brief's year, measured on the trend-safe variant of the
    /// index (every indicator normalised over all years at once), on the components present in both years.
    public struct Change: Sendable, Equatable, Codable {
        /// The earlier year.
        public var fromYear: Int
        /// `score(year) − score(fromYear)`.
        public var delta: Double
        /// `rank(fromYear) − rank(year)` (positive: moved up), when both ranks exist.
        public var rankDelta: Int?
        /// Up, down or flat.
        public var direction: Direction
        /// When the node rests on other components in the two years: what the change was measured on (the
        /// components present in both), e.g. "on 4 of 5 pillars: Trust and security has no score in 2019".
        public var basis: String?
        /// Creates the value from its parts.
        public init(fromYear: Int, delta: Double, rankDelta: Int?, direction: Direction, basis: String? = nil) {
            self.fromYear = fromYear
            self.delta = delta
            self.rankDelta = rankDelta
            self.direction = direction
            self.basis = basis
        }

        /// The direction of a change, with the threshold below which a change counts as flat.
        public static func direction(of delta: Double, flatBelow threshold: Double) -> Direction {
            abs(delta) < threshold ? .flat : delta > 0 ? .up : .down
        }
    }

    /// Direction of a change: `up` is an improvement (scores are higher-is-better).
    public enum Direction: String, Sendable, Equatable, Codable {
        /// The score rose.
        case up
        /// The score fell.
        case down
        /// The change rounds to nothing (below the builder's threshold).
        case flat
    }

    /// Average and best score of a group of economies.
    public struct Benchmark: Sendable, Equatable, Codable {
        /// Group name ("East and North-East Asia", "ESCAP", "peers").
        public var group: String
        /// Unweighted mean over the economies with a score.
        public var average: Double?
        /// The best score.
        public var best: Double?
        /// Who holds the best score (the first by ISO3 code when tied).
        public var bestEconomy: Economy?
        /// When several economies share the best score: all of them, by ISO3 code (``bestEconomy`` first); `nil`
        /// when the best is held by one economy (or nobody is scored).
        public var bestTiedEconomies: [Economy]?
        /// Economies with a score.
        public var scored: Int
        /// Economies in the group (scored or not); nil in briefs written before it was recorded.
        public var members: Int?
        /// The share of the group's population that the scored economies hold (population from `SP.POP.TOTL`,
        /// latest value up to the brief's year); nil when the data has no population series.
        public var populationShare: Double?
        /// Creates the value from its parts.
        public init(group: String, average: Double?, best: Double?, bestEconomy: Economy?,
                    bestTiedEconomies: [Economy]? = nil, scored: Int, members: Int? = nil,
                    populationShare: Double? = nil) {
            self.group = group
            self.average = average
            self.best = best
            self.bestEconomy = bestEconomy
            self.bestTiedEconomies = bestTiedEconomies
            self.scored = scored
            self.members = members
            self.populationShare = populationShare
        }
    }

    /// The gap between the economy and a frontier (the best of a group).
    public struct Gap: Sendable, Equatable, Codable {
        /// The frontier score.
        public var frontier: Double
        /// The economy at the frontier that the contributors compare against (the first by ISO3 code when tied;
        /// the brief's economy itself when it ties with the best).
        public var frontierEconomy: Economy?
        /// When several economies share the frontier score: all of them, by ISO3 code; `nil` when one holds it.
        public var frontierTiedEconomies: [Economy]?
        /// `frontier − score` (≥ 0; 0 when the economy is the frontier).
        public var gap: Double
        /// The indicators contributing most to the gap, largest first (at most three).
        public var contributors: [GapContributor]
        /// Creates the value from its parts.
        public init(
            frontier: Double, frontierEconomy: Economy?, frontierTiedEconomies: [Economy]? = nil, gap: Double,
            contributors: [GapContributor]
        ) {
            self.frontier = frontier
            self.frontierEconomy = frontierEconomy
            self.frontierTiedEconomies = frontierTiedEconomies
            self.gap = gap
            self.contributors = contributors
        }
    }

    /// One indicator's part of a gap.
    public struct GapContributor: Sendable, Equatable, Codable {
        /// Framework node id of the indicator.
        public var indicatorId: String
        /// Display name.
        public var name: String
        /// Contribution in score points.
        public var points: Double
        /// Share of the positive contributions, i.e. of what holds the economy back (0.4 = 40 %); indicators where
        /// the economy is ahead of the frontier economy contribute negatively and are not listed.
        public var share: Double?
        /// Creates the value from its parts.
        public init(indicatorId: String, name: String, points: Double, share: Double?) {
            self.indicatorId = indicatorId
            self.name = name
            self.points = points
            self.share = share
        }
    }
}
