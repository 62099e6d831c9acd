import DivideAnalysis
import DivideData
import DivideIndex

/// The ESCAP region at a glance for `divide briefs --all`: a leaderboard, every pillar's scores (the heat-table),
/// and how unequal each score is across the region.
public struct RegionalOverview: Sendable, Equatable, Codable {
    /// The index definition.
    public var framework: Brief.FrameworkReference
    /// The year described.
    public var year: Int
    /// The index and its pillars, in the order of ``Row/scores``.
    public var nodes: [NodeReference]
    /// Every ESCAP-region economy computed: by index rank, then the economies not scored (by ISO3 code).
    public var rows: [Row]
    /// Inequality of each node's scores across the region.
    public var inequality: [NodeInequality]
    /// Lorenz curve of the index across the region.
    public var lorenz: [Brief.CurvePoint]
    /// The short name of the group described: "ESCAP", or the universe's label when the index was computed over
    /// fewer economies (``BriefBuilder/region``); nil in overviews written before it was recorded.
    public var region: String?
    /// The economies the index was computed over (``BriefBuilder/universe``).
    public var universe: String?

    /// "ESCAP regional overview", or "SEA overview" for an index computed over South-East Asia only.
    public var title: String {
        let name = region ?? "ESCAP"
        return name == "ESCAP" ? "ESCAP regional overview" : "\(name) overview"
    }

    /// A node of the framework: id and name.
    public struct NodeReference: Sendable, Equatable, Codable {
        /// Framework node id.
        public var id: String
        /// Display name.
        public var name: String
    }

    /// One economy of the leaderboard.
    public struct Row: Sendable, Equatable, Codable {
        /// The economy.
        public var economy: Brief.Economy
        /// Its ESCAP subregion abbreviation.
        public var subregionCode: String?
        /// Its ESCAP rank on the index.
        public var rank: Int?
        /// Its 5–95% rank interval.
        public var rankInterval: Brief.RankInterval?
        /// One score per node (index first), `nil` when not scored.
        public var scores: [Double?]
    }

    /// Gini and Theil T of one node's scores over the economies scored, and the share of Theil T between the
    /// ESCAP subregions (`Inequality/theilDecomposition(_:groups:weights:)`).
    public struct NodeInequality: Sendable, Equatable, Codable {
        /// Framework node id.
        public var id: String
        /// Display name.
        public var name: String
        /// Economies with a score.
        public var scored: Int
        /// ESCAP-region economies computed (scored or not); nil in overviews written before it was recorded.
        public var members: Int?
        /// The share of the region's population that the scored economies hold (`SP.POP.TOTL`, latest value up to
        /// the year); nil when the data has no population series.
        public var populationShare: Double?
        /// Mean score.
        public var mean: Double?
        /// Gini coefficient across the scored economies.
        public var gini: Double?
        /// Theil T across the scored economies.
        public var theilT: Double?
        /// Share of Theil T between ESCAP subregions (`T_B / T`).
        public var betweenSubregionShare: Double?
    }
}

extension BriefBuilder {
    /// The regional overview for `year`.
    public func overview(year: Int) throws -> RegionalOverview {
        guard let y = construction.years.firstIndex(of: year) else {
            throw BriefError.yearNotComputed(year: year, first: construction.years.first, last: construction.years.last)
        }
        let nodes = [0] + pillars
        let columns = nodes.map { construction.scores(node: $0, year: y) }
        let index = columns[0]
        let order = escap.sorted { a, b in
            switch (index[a].isNaN, index[b].isNaN) {
            case (false, false) where index[a] != index[b]: return index[a] > index[b]
            case (false, true): return true
            case (true, false): return false
            default: return construction.units[a] < construction.units[b]
            }
        }
        let rootID = plan.nodes[0].id
        let rows = order.map { u in
            RegionalOverview.Row(
                economy: economyRef(u), subregionCode: registry.subregion(of: construction.units[u])?.abbreviation,
                rank: rank(of: u, among: escap, column: index)?.rank,
                rankInterval: rankIntervals[rootID]?[construction.units[u]],
                scores: columns.map { finite($0[u]) })
        }
        let inequality = nodes.enumerated().map { k, n -> RegionalOverview.NodeInequality in
            let scored = escap.filter { !columns[k][$0].isNaN }
            let values = scored.map { columns[k][$0] }
            let groups = scored.map { registry.subregion(of: construction.units[$0])?.abbreviation ?? "other" }
            let decomposition = try? Inequality.theilDecomposition(values, groups: groups)
            let theil = try? Inequality.theilT(values)
            var between: Double?
            if let decomposition, let theil, theil > 0 { between = decomposition.between.theilT / theil }
            return RegionalOverview.NodeInequality(
                id: plan.nodes[n].id, name: plan.nodes[n].name, scored: values.count, members: escap.count,
                populationShare: panel.populationShare(of: scored.map { construction.units[$0] },
                                                       among: escap.map { construction.units[$0] }, year: year),
                mean: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count),
                gini: try? Inequality.gini(values), theilT: theil, betweenSubregionShare: between)
        }
        let values = escap.map { index[$0] }.filter { !$0.isNaN }
        let lorenz = ((try? Inequality.lorenzCurve(values)) ?? []).map {
            Brief.CurvePoint(populationShare: $0.populationShare, valueShare: $0.valueShare)
        }
        return RegionalOverview(
            framework: Brief.FrameworkReference(id: result.framework.id, name: result.framework.root.name),
            year: year, nodes: nodes.map { .init(id: plan.nodes[$0].id, name: plan.nodes[$0].name) },
            rows: rows, inequality: inequality, lorenz: lorenz, region: region, universe: universe)
    }
}
