import DivideData
import Foundation
import LinearAlgebra

/// The construction pipeline: framework → transform → impute → treat → normalise → aggregate up the tree →
/// rank (OECD/JRC Handbook steps 3, 5, 6, 7).
///
/// - Transforms (log, per capita) apply to the raw series; a per-capita value with a missing or zero
///   denominator is missing.
/// - Imputation steps run in the framework's order, each filling only cells still missing; temporal ones per
///   unit along the years, cross-sectional ones per indicator and year. Every filled cell keeps its
///   ``CellOrigin``.
/// - Outlier treatment runs per indicator and year (one column of units, as COINr treats one coin).
/// - Normalisation runs per indicator and year, or over all years at once when `pooledNormalisation` is set.
/// - Aggregation runs from the leaves up, each composite with its own method, weights and coverage threshold.
///
/// Split in two so that uncertainty analysis can re-aggregate cheaply: ``prepare(_:cube:threads:recycling:)`` does everything
/// up to the normalised indicator values (independent of the weights and aggregation methods), and
/// ``PreparedConstruction/aggregate(weights:methods:ranks:)`` runs the tree on them.
public enum Construction {
    /// Runs the whole pipeline.
    public static func run(_ framework: Framework, cube: IndicatorCube) throws -> ConstructionResult {
        try prepare(framework, cube: cube).aggregate()
    }

    /// Transforms, imputes, treats and normalises every indicator.
    /// - Throws: ``ConstructionError`` naming the series, grouping or unit the cube lacks, or the cell a
    ///   method cannot take (indicator, unit, year).
    ///
    /// When no indicator is transformed, imputed or treated and every normalisation is a per-year min-max (the
    /// common case, and the benchmark workload's), the values go straight from the cube through
    /// `MinMaxKernel` into the normalised array, column by column and split over `threads`: the same numbers
    /// as the general path, without its intermediate copies.
    /// - Parameters:
    ///   - framework: the index definition.
    ///   - cube: the indicator data.
    ///   - threads: worker threads for the direct path (results do not depend on it).
    ///   - recycled: a previous result the caller no longer needs; the direct path writes into its buffers
    ///     when they have the right size and nothing else holds them (repeated runs then touch no fresh memory).
    public static func prepare(_ framework: Framework, cube: IndicatorCube, threads: Int = 1,
                               recycling recycled: consuming PreparedConstruction? = nil) throws -> PreparedConstruction {
        let issues = framework.validate()
        guard issues.isEmpty else { throw FrameworkError(file: "<framework \(framework.id)>", issues: issues) }
        let plan = ConstructionPlan(framework)
        if let direct = try prepareDirect(plan, methods: framework.methods, cube: cube, threads: threads,
                                          recycled: recycled.take()) {
            return direct.markingEstimates(of: cube)
        }
        let methods = framework.methods
        let U = cube.units.count, I = plan.indicators.count, Y = cube.years.count
        func context(_ i: Int, _ u: Int, _ y: Int) -> String {
            "indicator \(plan.nodes[plan.indicatorNodes[i]].id), unit \(cube.units[u]), year \(cube.years[y])"
        }

        // 1. Raw indicator values with their transforms: raw[u + U·(i + I·y)].
        var seriesIndex: [String: Int] = [:]
        for (k, s) in cube.series.enumerated() { seriesIndex[s] = k }
        func lookup(_ s: String) throws -> Int {
            guard let k = seriesIndex[s] else {
                throw ConstructionError.unknownName(kind: "series", name: s, known: cube.series)
            }
            return k
        }
        var raw = [Double](repeating: .nan, count: U * I * Y)
        for (i, spec) in plan.indicators.enumerated() {
            let s = try lookup(spec.series)
            var denominator: Int?
            if case .perCapita(let d, _) = spec.transform { denominator = try lookup(d) }
            for y in 0..<Y {
                for u in 0..<U {
                    var x = cube[u, s, y]
                    guard !x.isNaN else { continue }
                    switch spec.transform {
                    case .none: break
                    case .log, .log10:
                        guard x > 0 else {
                            throw ConstructionError.invalidValue(method: "log transform", row: u, column: i, value: x,
                                                                 expected: "a value > 0", context: context(i, u, y))
                        }
                        x = spec.transform == .log ? log(x) : log10(x)
                    case .log1p:
                        guard x > -1 else {
                            throw ConstructionError.invalidValue(method: "log1p transform", row: u, column: i, value: x,
                                                                 expected: "a value > -1", context: context(i, u, y))
                        }
                        x = log1p(x)
                    case .positive:
                        if x <= 0 { x = .nan }
                    case .cap(let upper):
                        x = min(x, upper)
                    case .perCapita(_, let scale):
                        let d = cube[u, denominator!, y]
                        x = d.isNaN || d == 0 ? .nan : x / d * scale
                    }
                    raw[u + U * (i + I * y)] = x
                }
            }
        }

        // 2. Imputation, step by step, each filling what is still missing.
        var origins = CellOrigins(presenceOf: raw)
        for step in methods.imputation where step != .none {
            if step.isTemporal {
                var series = [Double](repeating: .nan, count: Y)
                for i in 0..<I {
                    for u in 0..<U {
                        for y in 0..<Y { series[y] = raw[u + U * (i + I * y)] }
                        guard series.contains(where: \.isNaN) else { continue }
                        let (filled, o) = step.fillOverTime(series, years: cube.years)
                        for y in 0..<Y where origins[u + U * (i + I * y)] == .missing && o[y] != .missing {
                            raw[u + U * (i + I * y)] = filled[y]
                            origins[u + U * (i + I * y)] = o[y]
                        }
                    }
                }
            } else {
                var groups: [Int?]?
                if case .groupMean(let g) = step { groups = cube.groupIndices(g) }
                if case .groupMedian(let g) = step { groups = cube.groupIndices(g) }
                switch step {
                case .groupMean(let g), .groupMedian(let g):
                    guard groups != nil else {
                        throw ConstructionError.unknownName(kind: "grouping", name: g,
                                                            known: cube.groupings.keys.sorted())
                    }
                default: break
                }
                for y in 0..<Y {
                    for i in 0..<I {
                        let base = U * (i + I * y)
                        let column = Array(raw[base..<(base + U)])
                        let (filled, rows) = try step.fillAcrossUnits(column, groups: groups)
                        for u in rows { raw[base + u] = filled[u]; origins[base + u] = .imputed }
                    }
                }
            }
        }

        // 2b. Screening by data availability (COINr Screen, unit_screen = "byNA"), on the imputed values.
        if let threshold = methods.screen, I > 0 {
            for y in 0..<Y {
                for u in 0..<U {
                    var present = 0
                    for i in 0..<I where !raw[u + U * (i + I * y)].isNaN { present += 1 }
                    guard Double(present) / Double(I) < threshold else { continue }
                    for i in 0..<I { raw[u + U * (i + I * y)] = .nan }
                }
            }
        }

        // 3. Outlier treatment, per indicator and year.
        var reports: [TreatmentRecord] = []
        for i in 0..<I {
            let treatment = plan.indicators[i].treatment ?? methods.treatment
            guard treatment != .none else { continue }
            for y in 0..<Y {
                let base = U * (i + I * y)
                let column = Array(raw[base..<(base + U)])
                guard column.contains(where: { !$0.isNaN }) else { continue }
                do {
                    let (treated, report) = try treatment.apply(to: column)
                    raw.replaceSubrange(base..<(base + U), with: treated)
                    reports.append(TreatmentRecord(indicator: plan.nodes[plan.indicatorNodes[i]].id,
                                                   year: cube.years[y], report: report))
                } catch let error as ConstructionError {
                    if case let .invalidValue(_, row, _, _, _, _) = error { throw error.located(context(i, row, y)) }
                    throw error
                }
            }
        }

        // 4. Normalisation, per indicator and year or pooled over all years.
        var normalised = [Double](repeating: .nan, count: U * I * Y)
        for i in 0..<I {
            let spec = plan.indicators[i]
            let method = spec.normalisation ?? methods.normalisation
            var referenceRow: Int?
            if case .distanceToReference(let unit, _) = method {
                guard !methods.pooledNormalisation else {
                    throw ConstructionError.invalidParameter(method: method.name, parameter: "pooled",
                                                             expected: "per-year normalisation", found: "pooled")
                }
                guard let row = cube.units.firstIndex(of: unit) else {
                    throw ConstructionError.unknownName(kind: "reference unit", name: unit, known: cube.units)
                }
                referenceRow = row
            }
            let gp = spec.effectiveGoalposts.map { (lower: $0.lower, upper: $0.upper) }
            func normalise(_ column: [Double]) throws -> [Double] {
                do {
                    return try method.apply(to: column, direction: spec.direction.sign, goalposts: gp,
                                            target: spec.target, referenceRow: referenceRow,
                                            degenerate: methods.degenerateScore)
                } catch let error as ConstructionError {
                    throw error.located("indicator \(plan.nodes[plan.indicatorNodes[i]].id)")
                }
            }
            if methods.pooledNormalisation {
                var column: [Double] = []
                column.reserveCapacity(U * Y)
                for y in 0..<Y { column += raw[(U * (i + I * y))..<(U * (i + I * y) + U)] }
                let z = try normalise(column)
                for y in 0..<Y {
                    normalised.replaceSubrange((U * (i + I * y))..<(U * (i + I * y) + U), with: z[(U * y)..<(U * y + U)])
                }
            } else {
                for y in 0..<Y {
                    let base = U * (i + I * y)
                    normalised.replaceSubrange(base..<(base + U), with: try normalise(Array(raw[base..<(base + U)])))
                }
            }
        }
        return PreparedConstruction(plan: plan, units: cube.units, years: cube.years, groupings: cube.groupings,
                                    normalised: normalised, origins: origins, treatment: reports)
            .markingEstimates(of: cube)
    }
}

/// The outlier treatment of one indicator in one year.
public struct TreatmentRecord: Sendable, Equatable {
    /// The indicator's node id.
    public var indicator: String
    /// The calendar year treated.
    public var year: Int
    public var report: TreatmentReport
}

/// Normalised indicator values ready for aggregation; re-aggregate as often as needed (e.g. with perturbed
/// weights in a Monte Carlo) without repeating imputation, treatment and normalisation.
public struct PreparedConstruction: Sendable {
    public let plan: ConstructionPlan
    public let units: [String]
    public let years: [Int]
    public let groupings: [String: [String?]]
    /// Normalised values, `normalised[u + units·(i + indicators·y)]`, NaN = missing.
    public let normalised: [Double]
    /// Where each indicator value came from (same layout as ``normalised``).
    public let origins: CellOrigins
    public let treatment: [TreatmentRecord]
    /// Whether each indicator value rests on a value its source file marks as an estimate (observed, or carried
    /// forward from one); same layout as ``normalised``; empty when the cube has no estimates or no node of the
    /// framework has an inclusion rule (``NodeInfo/minimumOfficial``), the only step that reads them.
    public package(set) var estimated: [Bool] = []

    package init(plan: ConstructionPlan, units: [String], years: [Int], groupings: [String: [String?]],
                 normalised: [Double], origins: CellOrigins, treatment: [TreatmentRecord], estimated: [Bool] = []) {
        self.plan = plan
        self.units = units
        self.years = years
        self.groupings = groupings
        self.normalised = normalised
        self.origins = origins
        self.treatment = treatment
        self.estimated = estimated
    }

    /// A copy whose ``estimated`` flags follow the cube's estimate marks through the origins (a carried cell
    /// is an estimate when the cell it was carried from is).
    package func markingEstimates(of cube: IndicatorCube) -> PreparedConstruction {
        guard !cube.estimated.isEmpty, plan.nodes.contains(where: { $0.minimumOfficial != nil }) else { return self }
        let U = units.count, I = plan.indicators.count, Y = years.count, S = cube.series.count
        var seriesIndex: [String: Int] = [:]
        for (k, s) in cube.series.enumerated() { seriesIndex[s] = k }
        var yearIndex: [Int: Int] = [:]
        for (k, y) in cube.years.enumerated() { yearIndex[y] = k }
        var flags = [Bool](repeating: false, count: U * I * Y)
        for (i, spec) in plan.indicators.enumerated() {
            guard let s = seriesIndex[spec.series] else { continue }
            for y in 0..<Y {
                for u in 0..<U {
                    let k = u + U * (i + I * y)
                    let source: Int?
                    switch origins[k] {
                    case .observed: source = y
                    case .carried(let from): source = yearIndex[from]
                    default: source = nil
                    }
                    if let source { flags[k] = cube.estimated[u + U * (s + S * source)] }
                }
            }
        }
        var copy = self
        copy.estimated = flags
        return copy
    }

    /// Whether indicator cell `k` (layout of ``normalised``) holds an official value: present, observed or
    /// carried forward (not imputed across units or interpolated), and not an estimate.
    package func isOfficial(_ k: Int) -> Bool {
        guard !normalised[k].isNaN else { return false }
        switch origins[k] {
        case .observed, .carried: return estimated.isEmpty || !estimated[k]
        default: return false
        }
    }

    /// The same prepared values restricted to some years (e.g. the latest one for a Monte Carlo), so that
    /// ``aggregate(weights:methods:ranks:)`` only works on those.
    /// - Throws: ``ConstructionError/unknownName(kind:name:known:)`` for a year not prepared.
    public func selecting(years selected: [Int]) throws -> PreparedConstruction {
        let U = units.count, I = plan.indicators.count
        var values: [Double] = [], cells = CellOrigins([]), flags: [Bool] = []
        values.reserveCapacity(U * I * selected.count)
        for year in selected {
            guard let y = years.firstIndex(of: year) else {
                throw ConstructionError.unknownName(kind: "year", name: "\(year)", known: years.map(String.init))
            }
            values += normalised[(U * I * y)..<(U * I * (y + 1))]
            cells.append(contentsOf: origins.extracting((U * I * y)..<(U * I * (y + 1))))
            if !estimated.isEmpty { flags += estimated[(U * I * y)..<(U * I * (y + 1))] }
        }
        var out = PreparedConstruction(plan: plan, units: units, years: selected, groupings: groupings,
                                       normalised: values, origins: cells,
                                       treatment: treatment.filter { selected.contains($0.year) })
        out.estimated = flags
        return out
    }

    /// Aggregates up the tree and ranks.
    /// - Parameters:
    ///   - weights: one raw weight per plan node (normalised among siblings); nil = the framework's (for
    ///     ``Weighting/pca``, the first principal component's loadings, computed here).
    ///   - methods: one aggregation per plan node (ignored for indicators); nil = the framework's.
    ///   - ranks: also compute overall and group ranks (skip for speed when only scores are needed).
    public func aggregate(weights: [Double]? = nil, methods: [Aggregation?]? = nil,
                          ranks: Bool = true) throws -> ConstructionResult {
        let U = units.count, I = plan.indicators.count, Y = years.count, N = plan.nodes.count
        let w = weights ?? plan.nominalWeights
        guard w.count == N else {
            throw ConstructionError.shapeMismatch(what: "weights", expected: "\(N) (one per node)", found: "\(w.count)")
        }
        if let methods, methods.count != N {
            throw ConstructionError.shapeMismatch(what: "aggregation methods", expected: "\(N) (one per node)",
                                                  found: "\(methods.count)")
        }
        var scores = [Double](repeating: .nan, count: U * N * Y)
        var coverage = [Double](repeating: .nan, count: U * N * Y)
        var imputed = [Double](repeating: .nan, count: U * N * Y)
        // Indicators: their normalised values; coverage 1 or 0; imputed share 1 or 0.
        for y in 0..<Y {
            for i in 0..<I {
                let n = plan.indicatorNodes[i]
                for u in 0..<U {
                    let k = u + U * (i + I * y), out = u + U * (n + N * y)
                    scores[out] = normalised[k]
                    coverage[out] = normalised[k].isNaN ? 0 : 1
                    imputed[out] = normalised[k].isNaN ? .nan : (origins.isFilled(k) ? 1 : 0)
                }
            }
        }
        var used = w
        var composites = CompositeScores(plan: plan, units: U, years: Y)
        try aggregateComposites(nil, explicitWeights: weights != nil, used: &used, methods: methods, children: nil,
                                into: &composites, threads: 1)
        for n in plan.aggregationOrder {
            let descendants = plan.descendantIndicators[n]
            for y in 0..<Y {
                let base = U * (n + N * y), from = composites.offset(node: n, year: y)
                for u in 0..<U {
                    scores[base + u] = composites.values[from + u]
                    coverage[base + u] = composites.coverage[from + u]
                    guard !scores[base + u].isNaN else { continue }
                    var present = 0, filled = 0
                    for i in descendants {
                        let k = u + U * (i + I * y)
                        if !normalised[k].isNaN { present += 1; if origins.isFilled(k) { filled += 1 } }
                    }
                    imputed[base + u] = present == 0 ? .nan : Double(filled) / Double(present)
                }
            }
        }
        var rankValues: [Int?] = []
        var groupRanks: [String: [Int?]] = [:]
        if ranks {
            rankValues = [Int?](repeating: nil, count: U * N * Y)
            let groupIds = groupings.keys.sorted().map { name -> (String, [Int?]) in
                var ids: [String: Int] = [:]
                return (name, groupings[name]!.map { label in
                    guard let label else { return nil }
                    if ids[label] == nil { ids[label] = ids.count }
                    return ids[label]
                })
            }
            for (name, _) in groupIds { groupRanks[name] = [Int?](repeating: nil, count: U * N * Y) }
            for y in 0..<Y {
                for n in 0..<N {
                    let base = U * (n + N * y)
                    let column = Array(scores[base..<(base + U)])
                    rankValues.replaceSubrange(base..<(base + U), with: ScoreRanking.competition(column))
                    for (name, ids) in groupIds {
                        groupRanks[name]!.replaceSubrange(base..<(base + U),
                                                          with: try ScoreRanking.competition(column, groups: ids))
                    }
                }
            }
        }
        return ConstructionResult(plan: plan, units: units, years: years, weights: used, scores: scores,
                                  coverage: coverage,
                                  imputedShare: imputed, ranks: rankValues, groupRanks: groupRanks,
                                  origins: origins, treatment: treatment)
    }
}
