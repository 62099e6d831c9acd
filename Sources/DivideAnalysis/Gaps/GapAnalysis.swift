import DivideData
import DivideIndex
import Foundation

/// One economy's gap on one node of a computed index: to the best of its peers or to a target, split over the
/// indicators, with the growth of both over a window. No years to close: the scores are relative (min–max per year
/// over the universe), so their growth is a change of position, not progress; years to reach a stated target are
/// measured on raw indicators (``TargetProgress``). The one gap analysis: `divide gaps` and the briefs' gap lines
/// both come from `IndexResult/gap(node:unit:year:frontier:window:)`.
public struct NodeGap: Sendable, Equatable {
    /// One indicator's share of the gap.
    public struct Contribution: Sendable, Equatable {
        /// The indicator's node index in the plan.
        public var node: Int
        /// Its id and name.
        public var id: String
        public var name: String
        /// Points of the node's gap due to this indicator (negative where the economy is ahead of the frontier).
        public var points: Double
        /// `points / gap`; `nil` when the gap is 0.
        public var share: Double?
        /// The indicator's effective weight within the node (product of the normalised weights down the tree).
        public var weight: Double
    }

    /// The node (plan index) and the unit (construction index).
    public var node: Int
    public var unit: Int
    /// The year of the scores.
    public var year: Int
    /// The economy's score.
    public var score: Double
    /// The frontier's score (the best peer's, or the target).
    public var frontier: Double
    /// The economy that holds the frontier (the first by code when several tie); `nil` for a target.
    public var frontierUnit: Int?
    /// Every peer whose score equals the frontier, by code, when more than one does.
    public var frontierTies: [Int]
    /// `frontier − score`: positive while behind; 0 or less at or beyond the frontier.
    public var gap: Double
    /// ``gap`` `/ frontier`; `nil` when the frontier is 0.
    public var relativeGap: Double?
    /// Every indicator's contribution, in plan order; empty when the economy is the frontier or the attribution
    /// is refused (``attributionNote`` says why).
    public var contributions: [Contribution]
    /// The sum of ``contributions``: equals ``gap`` up to rounding when both economies have the same indicators;
    /// otherwise the gap between what they share.
    public var attributedGap: Double?
    /// Why there are no contributions, when there are none and the gap is positive.
    public var attributionNote: String?
    /// The economy's compound annual growth over ``window`` (first and last year with a score).
    public var growth: GrowthRate?
    /// The frontier's growth rate over the same window (0 for a target).
    public var frontierGrowth: Double?
    /// The years the growth rates are taken over: the window's years up to the gap's year in which the node rests
    /// on the same components for the economy as in that year (a growth rate never spans a change of make-up).
    public var window: [Int]
    /// Why the window starts later than asked, when the node's make-up changes within it.
    public var windowNote: String?

    /// The positive contributions, largest first, each with its share of their sum: what holds the economy back
    /// (the briefs' "largest contributors").
    public var behind: [(contribution: Contribution, shareOfBehind: Double)] {
        let positive = contributions.filter { $0.points > 0 }
        let total = positive.reduce(0) { $0 + $1.points }
        return positive.sorted { $0.points > $1.points }.map { ($0, $0.points / total) }
    }
}

/// What an economy's gap is measured against.
public enum GapFrontier: Sendable, Equatable {
    /// The best score among these units (construction indices), in each year.
    case bestOf([Int])
    /// A fixed target on the node's scale, the same for every indicator below it.
    case target(Double)
}

extension IndexResult {
    /// The default growth window of a gap in `year`: the years up to `year`, from `year − 5`, that the index was
    /// computed for. The briefs and `divide gaps` use it.
    public func defaultGapWindow(year: Int) -> ClosedRange<Int> { (year - 5)...year }

    /// The gap of `unit` on `node` in `year` to `frontier`, its exact split over the indicators, and the years to
    /// close it at the compound growth rates over `window` (default ``defaultGapWindow(year:)``).
    ///
    /// **Attribution** is hierarchical and exact: at each composite, the node's own aggregation `y = f⁻¹(Σ w'ᵢ f(xᵢ))`
    /// (weights renormalised over the children both economies have) is additive in `f`-space, so a child's share
    /// of the node's gap is `Λ·w'ᵢ(f(x*ᵢ) − f(xᵢ))` with `Λ = (y* − y)/(f(y*) − f(y))` (`1/f′(y)` when `y* = y`), and
    /// the shares sum to `y* − y` exactly. Then each child's share is split over its own children the same way,
    /// down to the indicators. `f` is the identity for the arithmetic mean, `ln` for the geometric (the LMDI-I
    /// attribution of B. W. Ang, *Energy Policy* 32(9), 2004), `ln(x + s)` for the shifted geometric, `xᵖ` for the
    /// generalised mean and `1/x` for the harmonic. The weighted median, Mazziotta–Pareto and Copeland do not split
    /// into additive parts: their gap gets no contributions and ``NodeGap/attributionNote`` says so.
    ///
    /// - Returns: `nil` when the economy is not scored on the node in that year, or no peer is.
    public func gap(node: Int, unit: Int, year: Int, frontier: GapFrontier, window: ClosedRange<Int>? = nil) -> NodeGap? {
        let c = construction
        guard let y = c.years.firstIndex(of: year) else { return nil }
        let column = c.scores(node: node, year: y)
        let x = column[unit]
        guard !x.isNaN else { return nil }
        var frontierValue: Double, frontierUnit: Int?, ties: [Int] = []
        var candidates: [Int] = []
        switch frontier {
        case .target(let t):
            frontierValue = t
        case .bestOf(let peers):
            candidates = peers.contains(unit) ? peers : peers + [unit]
            guard let b = Self.best(among: candidates, column: column, units: c.units) else { return nil }
            frontierValue = column[b]
            // A tie with the best: the economy itself is the frontier.
            frontierUnit = column[unit] >= column[b] ? unit : b
            if candidates.count(where: { column[$0] == frontierValue }) > 1 {
                ties = candidates.filter { column[$0] == frontierValue }.sorted { c.units[$0] < c.units[$1] }
            }
        }
        var result = NodeGap(node: node, unit: unit, year: year, score: x, frontier: frontierValue,
                             frontierUnit: frontierUnit, frontierTies: ties, gap: frontierValue - x,
                             relativeGap: frontierValue != 0 ? (frontierValue - x) / abs(frontierValue) : nil,
                             contributions: [], growth: nil, frontierGrowth: nil, window: [], windowNote: nil)
        // Attribution.
        if frontierUnit != unit, !plan.nodes[node].children.isEmpty {
            let effective = c.effectiveWeights()
            do {
                let gap = result.gap
                let points = try attribute(node: node, unit: unit, frontier: frontier, frontierUnit: frontierUnit,
                                           y: y, gap: gap)
                result.contributions = plan.descendantIndicators[node].map { i in
                    let n = plan.indicatorNodes[i]
                    return points[n].map { p in
                        NodeGap.Contribution(node: n, id: plan.nodes[n].id, name: plan.nodes[n].name, points: p,
                                             share: gap != 0 ? p / gap : nil,
                                             weight: effective[n] / effective[node])
                    }
                }.compactMap { $0 }
                result.attributedGap = result.contributions.reduce(0) { $0 + $1.points }
            } catch let refusal as GapRefusal {
                result.attributionNote = refusal.reason
            } catch {
                result.attributionNote = "\(error)"
            }
        }
        // Growth over the window's years that the index was computed for.
        let span = window ?? defaultGapWindow(year: year)
        var windowYears = c.years.indices.filter { t in c.years[t] <= year && span.contains(c.years[t]) && years.contains(c.years[t]) }
        // Back from the year while the economy's node rests on the same components (those with a score).
        func composition(_ t: Int) -> Set<Int> {
            Set(plan.nodes[node].children.filter { !c.scores[c.index(unit: unit, node: $0, year: t)].isNaN })
        }
        let reference = composition(y)
        if let cut = windowYears.lastIndex(where: { t in
            !c.scores[c.index(unit: unit, node: node, year: t)].isNaN && composition(t) != reference
        }) {
            let then = composition(windowYears[cut]), thenYear = c.years[windowYears[cut]]
            let entering = plan.nodes[node].children.filter { reference.contains($0) && !then.contains($0) }
            let leaving = plan.nodes[node].children.filter { !reference.contains($0) && then.contains($0) }
            var reasons: [String] = []
            if !entering.isEmpty {
                reasons.append(entering.map { plan.nodes[$0].name }.joined(separator: ", ") + " has no score in \(thenYear)")
            }
            if !leaving.isEmpty {
                reasons.append(leaving.map { plan.nodes[$0].name }.joined(separator: ", ") + " has no score in \(year)")
            }
            result.windowNote = "growth from \(thenYear + 1) on: " + reasons.joined(separator: "; ")
            windowYears = Array(windowYears[(cut + 1)...])
        }
        result.window = windowYears.map { c.years[$0] }
        result.growth = try? Gaps.compoundAnnualGrowthRate(
            years: result.window, values: windowYears.map { c.scores[c.index(unit: unit, node: node, year: $0)] })
        switch frontier {
        case .target:
            result.frontierGrowth = 0
        case .bestOf:
            let series = windowYears.map { t -> Double in
                var best = -Double.infinity
                for u in candidates {
                    let x = c.scores[c.index(unit: u, node: node, year: t)]
                    if x > best { best = x }
                }
                return best == -.infinity ? .nan : best
            }
            result.frontierGrowth = (try? Gaps.compoundAnnualGrowthRate(years: result.window, values: series))?.rate
        }
        return result
    }

    /// The best-scoring unit of `group` (NaN skipped); ties broken by code.
    package static func best(among group: [Int], column: [Double], units: [String]) -> Int? {
        var best: Int?
        for u in group where !column[u].isNaN {
            guard let b = best else { best = u; continue }
            if column[u] > column[b] || (column[u] == column[b] && units[u] < units[b]) { best = u }
        }
        return best
    }

    private struct GapRefusal: Error { var reason: String }

    /// Points of `gap` (the node's gap) per plan node below `node`; indicators the two economies do not share get
    /// `nil`.
    private func attribute(node: Int, unit: Int, frontier: GapFrontier, frontierUnit: Int?, y: Int, gap: Double)
        throws -> [Double?]
    {
        let c = construction
        var points = [Double?](repeating: nil, count: plan.nodes.count)
        func value(_ n: Int, _ u: Int) -> Double { c.scores[c.index(unit: u, node: n, year: y)] }
        func frontierValue(_ n: Int) -> Double {
            switch frontier {
            case .target(let t): return t
            case .bestOf: return value(n, frontierUnit!)
            }
        }
        func split(_ n: Int, _ share: Double) throws {
            let node = plan.nodes[n]
            guard !node.children.isEmpty else {
                points[n] = share
                return
            }
            let method = node.aggregation ?? .arithmetic
            // The construction's own formulation of the node's mean: additive in g-space.
            guard let mean = QuasiArithmeticMean(method) else {
                throw GapRefusal(reason: "\(node.id) aggregates by \(method.name), which does not split into "
                                     + "additive parts: the gap is not attributed to indicators")
            }
            let transform = mean.forward, derivative = mean.derivative
            let shared = node.children.filter { !value($0, unit).isNaN && !frontierValue($0).isNaN }
            let total = shared.reduce(0) { $0 + c.weights[$1] }
            guard !shared.isEmpty, total > 0 else { return }
            let mine = value(n, unit), theirs = frontierValue(n)
            let df = transform(theirs) - transform(mine)
            // Λ = (y* − y)/(f(y*) − f(y)); its limit 1/f′(y) when the node's two scores (nearly) agree.
            let scale = abs(theirs - mine) > 1e-12 * max(1, abs(mine)) && df != 0 ? (theirs - mine) / df : 1 / derivative(mine)
            // The node's share of the parent's gap is `share`; its own gap is theirs − mine. Children's parts sum
            // to theirs − mine, so they are rescaled to `share` (equal unless the parent split by a ratio).
            let ratio = abs(theirs - mine) > 1e-12 * max(1, abs(mine)) ? share / (theirs - mine) : 1
            for child in shared {
                let part = scale * c.weights[child] / total * (transform(frontierValue(child)) - transform(value(child, unit)))
                try split(child, ratio * part)
            }
        }
        try split(node, gap)
        return points
    }
}
