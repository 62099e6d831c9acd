import DivideData
import DivideIndex
import LinearAlgebra

/// The statistical audit of a composite index in one year: what the JRC checks before it trusts an index
/// (OECD/JRC Handbook step 4 "multivariate analysis" and the JRC's statistical coherence audit; METHODS §1.7, §2).
///
/// - ``indicators``: per indicator, availability, zeros, unique values, skewness and kurtosis with COINr's
///   `get_stats` flags, and what outlier treatment did (``IndicatorStatistics``).
/// - ``correlations``: each node against its parent, its pillar and the index; ``pairs``: the indicators with the
///   same parent against each other — Pearson, Spearman and Kendall over the units present in both, with the
///   weak/negative/collinear flags of ``AuditThresholds``. Indicators enter with their normalised values (after
///   imputation and treatment) and composites with their scores, as COINr's `get_corr` on the aggregated data set.
/// - ``coherence``: Cronbach's alpha and principal components of every composite's children (``NodeCoherence``).
/// - ``removals``: the mean absolute change of the index ranks when each element is removed in turn
///   (``RemovalImpact``).
public struct AuditReport: Sendable, Equatable, Codable {
    /// The index (root node) id.
    public var index: String
    public var year: Int
    /// Units in the data and units with an index score in ``year``.
    public var units: Int
    public var scoredUnits: Int
    public var thresholds: AuditThresholds
    public var indicators: [IndicatorStatistics]
    public var correlations: [AncestorCorrelation]
    public var pairs: [PairCorrelation]
    public var coherence: [NodeCoherence]
    public var removals: [RemovalImpact]

    package enum CodingKeys: String, CodingKey {
        case index, year, units, thresholds, indicators, correlations, pairs, coherence, removals
        case scoredUnits = "scored_units"
    }
}

/// Runs the statistical audit; see ``AuditReport``.
public enum Audit {
    /// Builds the index from `cube` and audits it.
    /// - Parameters:
    ///   - framework: the index definition.
    ///   - cube: the indicator data (units × series × years).
    ///   - year: the year audited; nil = ``defaultYear(_:)``.
    ///   - thresholds: the cut-offs of the audit's flags (COINr's and the JRC's by default).
    /// - Throws: construction errors; ``AnalysisError/invalidParameter(measure:argument:expected:found:)`` for a
    ///   year the cube does not hold.
    public static func run(_ framework: Framework, cube: IndicatorCube, year: Int? = nil,
                           thresholds: AuditThresholds = AuditThresholds()) throws -> AuditReport {
        try run(IndexResult(computing: framework, cube: cube), year: year, thresholds: thresholds)
    }

    /// Audits a computed index (its preparation and scores are used as they are).
    /// - Parameters:
    ///   - index: the computed index.
    ///   - year: the year audited; nil = ``defaultYear(_:)``.
    ///   - thresholds: the cut-offs of the audit's flags (COINr's and the JRC's by default).
    /// - Throws: ``AnalysisError/invalidParameter(measure:argument:expected:found:)`` for a year the index was not
    ///   computed for.
    public static func run(_ index: IndexResult, year: Int? = nil,
                           thresholds: AuditThresholds = AuditThresholds()) throws -> AuditReport {
        let framework = index.framework, cube = index.cube
        let prepared = index.prepared, result = index.construction
        // The indicators' values after their transform and before imputation and treatment: the same pipeline
        // with those steps switched off and no normalisation (which leaves x·direction).
        let plain = try Construction.prepare(
            framework.overriding(imputation: "none", treatment: "none", normalisation: "none"), cube: cube)
        var raw = plain.normalised
        let U = cube.units.count, I = plain.plan.indicators.count
        for y in 0..<cube.years.count {
            for i in 0..<I {
                let sign = plain.plan.indicators[i].direction.sign
                for u in 0..<U { raw[u + U * (i + I * y)] *= sign }
            }
        }
        return try run(prepared: prepared, result: result, raw: raw, framework: framework, year: year,
                       thresholds: thresholds)
    }

    /// Audits an index already built.
    /// - Parameters:
    ///   - prepared: the construction prepared up to normalisation.
    ///   - result: its aggregated scores.
    ///   - raw: indicator values before imputation, treatment and normalisation, laid out as
    ///     `PreparedConstruction/normalised`.
    ///   - framework: for the treatment rule of each indicator (its JRC thresholds).
    ///   - year: the year audited; nil = ``defaultYear(_:)``.
    ///   - thresholds: the cut-offs of the audit's flags.
    public static func run(prepared: PreparedConstruction, result: ConstructionResult, raw: [Double],
                           framework: Framework, year: Int? = nil,
                           thresholds: AuditThresholds = AuditThresholds()) throws -> AuditReport {
        let plan = result.plan
        let U = result.units.count, I = plan.indicators.count
        guard raw.count == prepared.normalised.count else {
            throw AnalysisError.lengthMismatch(measure: "audit", argument: "raw", expected: prepared.normalised.count,
                                               found: raw.count)
        }
        let chosen = year ?? defaultYear(result)
        guard let y = result.years.firstIndex(of: chosen) else {
            throw AnalysisError.invalidParameter(
                measure: "audit", argument: "year",
                expected: "one of the data's years \(result.years.first ?? 0)–\(result.years.last ?? 0)",
                found: Double(chosen))
        }
        let indexScores = result.scores(node: 0, year: y)

        // Indicator statistics, with the treatment of that year.
        var records: [String: TreatmentReport] = [:]
        for record in prepared.treatment where record.year == chosen { records[record.indicator] = record.report }
        var indicators: [IndicatorStatistics] = []
        for i in 0..<I {
            let id = plan.nodes[plan.indicatorNodes[i]].id
            let spec = plan.indicators[i]
            let base = U * (i + I * y)
            var rule: Treatment.JRCRule?
            if case .jrc(let r) = spec.treatment ?? framework.methods.treatment { rule = r }
            var statistics = IndicatorStatistics(
                indicator: id, series: spec.series, values: Array(raw[base..<(base + U)]), thresholds: thresholds,
                treatment: records[id].map { TreatmentSummary($0, rule: rule) })
            statistics.availableAfterImputation = prepared.normalised[base..<(base + U)].count { !$0.isNaN }
            indicators.append(statistics)
        }

        // Correlations with ancestors.
        func scores(_ n: Int) -> [Double] { result.scores(node: n, year: y) }
        var correlations: [AncestorCorrelation] = []
        for n in plan.nodes.indices.dropFirst() {
            var ancestor = plan.nodes[n].parent
            while let a = ancestor {
                let relation = a == plan.nodes[n].parent ? "parent"
                    : a == 0 ? "index" : plan.nodes[a].depth == 1 ? "pillar" : "ancestor"
                let triple = CorrelationTriple(scores(n), scores(a))
                var flags: [String] = []
                if let r = triple.value(thresholds.flagCorrelation) {
                    if relation == "parent" && r < thresholds.weak { flags.append("weak") }
                    if r < thresholds.negative { flags.append("negative") }
                } else {
                    flags.append(triple.undefinedFlag)
                }
                correlations.append(AncestorCorrelation(node: plan.nodes[n].id, ancestor: plan.nodes[a].id,
                                                        relation: relation, coefficients: triple, flags: flags))
                ancestor = plan.nodes[a].parent
            }
        }

        // Pairs of indicators with the same parent (COINr `get_corr_flags` with its default `grouplev = 2`: the
        // aggregation group directly above the indicators).
        var pairs: [PairCorrelation] = []
        for p in plan.aggregationOrder.sorted() {
            let members = plan.nodes[p].children.filter { plan.nodes[$0].indicator != nil }
            for a in members.indices {
                for b in members.indices where b > a {
                    let triple = CorrelationTriple(scores(members[a]), scores(members[b]))
                    var flags: [String] = []
                    if let r = triple.value(thresholds.flagCorrelation) {
                        if r > thresholds.collinear { flags.append("collinear") }
                        if r < thresholds.negative { flags.append("negative") }
                    } else {
                        flags.append(triple.undefinedFlag)
                    }
                    pairs.append(PairCorrelation(group: plan.nodes[p].id, first: plan.nodes[members[a]].id,
                                                 second: plan.nodes[members[b]].id, coefficients: triple,
                                                 flags: flags))
                }
            }
        }

        // Coherence of every composite with at least two children.
        var coherence: [NodeCoherence] = []
        for n in plan.nodes.indices where plan.nodes[n].children.count >= 2 {
            // Children without any value this year cannot take part; they are named in the note.
            let empty = plan.nodes[n].children.filter { !scores($0).contains { !$0.isNaN } }
            let children = plan.nodes[n].children.filter { !empty.contains($0) }
            let dropped = empty.isEmpty ? nil
                : "no data in \(chosen) for " + empty.map { plan.nodes[$0].id }.joined(separator: ", ")
            guard children.count >= 2 else {
                coherence.append(NodeCoherence(
                    node: plan.nodes[n].id, children: children.map { plan.nodes[$0].id },
                    cronbach: CronbachAlpha(try Matrix(rows: U, columns: children.count,
                                                       columnMajor: children.flatMap(scores))),
                    pca: nil, flags: [], note: (dropped.map { $0 + "; " } ?? "") + "fewer than 2 children with data"))
                continue
            }
            let data = try Matrix(rows: U, columns: children.count, columnMajor: children.flatMap(scores))
            let alpha = CronbachAlpha(data)
            var flags: [String] = []
            var pca: PrincipalComponents?
            var note: String?
            do {
                pca = try PrincipalComponents(data, dominantShare: thresholds.dominantShare)
            } catch let error as AnalysisError {
                note = "PCA not computed: \(error)"
            }
            if let dropped { note = dropped + (note.map { "; " + $0 } ?? "") }
            if let raw = alpha.raw, raw < thresholds.cronbach { flags.append("low_alpha") }
            if let pca {
                if !pca.dominant { flags.append("not_one_dimensional") }
                if pca.loadings.contains(where: { $0 < 0 }) { flags.append("negative_loading") }
            }
            coherence.append(NodeCoherence(node: plan.nodes[n].id, children: children.map { plan.nodes[$0].id },
                                           cronbach: alpha, pca: pca, flags: flags, note: note))
        }

        let removals = try removeOne(prepared: prepared, nominal: result, year: chosen)
        return AuditReport(
            index: plan.nodes[0].id, year: chosen, units: U, scoredUnits: indexScores.filter { !$0.isNaN }.count,
            thresholds: thresholds, indicators: indicators, correlations: correlations, pairs: pairs,
            coherence: coherence, removals: removals)
    }

    /// The year with the most units holding an index score (the latest of those years on a tie).
    public static func defaultYear(_ result: ConstructionResult) -> Int {
        var best = result.years.last ?? 0, most = -1
        for y in result.years.indices {
            let scored = result.scores(node: 0, year: y).filter { !$0.isNaN }.count
            if scored >= most { most = scored; best = result.years[y] }
        }
        return best
    }

    /// "Remove one element" (COINr `remove_elements`): for every node below the root in turn, its weight is set to
    /// 0 (its siblings' weights renormalise in the aggregation), the tree is re-aggregated from `prepared`, and the
    /// index's competition ranks in `year` are compared with `nominal`'s: mean and largest absolute change over the
    /// units ranked in both. The starting weights are those `nominal` used (so PCA-derived weights stay fixed).
    /// An element that is its parent's only child cannot be removed and gets a note.
    public static func removeOne(prepared: PreparedConstruction, nominal: ConstructionResult,
                                 year: Int) throws -> [RemovalImpact] {
        let plan = nominal.plan
        guard let y = nominal.years.firstIndex(of: year) else {
            throw AnalysisError.invalidParameter(measure: "remove one element", argument: "year",
                                                 expected: "a year of the data", found: Double(year))
        }
        let before = ScoreRanking.competition(nominal.scores(node: 0, year: y))
        var impacts: [RemovalImpact] = []
        for n in plan.nodes.indices.dropFirst() {
            let node = plan.nodes[n]
            guard let parent = node.parent, plan.nodes[parent].children.count >= 2 else {
                impacts.append(RemovalImpact(node: node.id, level: node.level, meanAbsoluteRankChange: nil,
                                             maxAbsoluteRankChange: nil, comparedUnits: 0, unitsNoLongerScored: [],
                                             note: "the only child of its parent"))
                continue
            }
            var weights = nominal.weights
            weights[n] = 0
            let altered = try prepared.aggregate(weights: weights, ranks: false)
            let after = ScoreRanking.competition(altered.scores(node: 0, year: y))
            var total = 0, largest = 0, compared = 0
            var lost: [String] = []
            for u in before.indices {
                guard let r0 = before[u] else { continue }
                guard let r1 = after[u] else { lost.append(nominal.units[u]); continue }
                compared += 1
                total += abs(r1 - r0)
                largest = max(largest, abs(r1 - r0))
            }
            impacts.append(RemovalImpact(
                node: node.id, level: node.level,
                meanAbsoluteRankChange: compared > 0 ? Double(total) / Double(compared) : nil,
                maxAbsoluteRankChange: compared > 0 ? largest : nil, comparedUnits: compared,
                unitsNoLongerScored: lost, note: nil))
        }
        return impacts
    }
}
