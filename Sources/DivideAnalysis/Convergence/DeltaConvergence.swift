import DivideData
import DivideIndex

/// Delta convergence: the total distance of all units to the best performer, per year.
///
/// `δ_t = Σᵢ (max_j x_jt − x_it)` when higher is better, `Σᵢ (x_it − min_j x_jt)` when lower is better; a falling
/// `δ` (negative slope of its OLS trend on the year, ``LinearTrend``) is delta convergence. Because it is a sum,
/// `δ_t` grows with the number of units: with ``UnitCoverage/available`` compare years only when ``counts`` agree.
///
/// Reference: Eurofound (2018), *Upward convergence in the EU*; convergEU `delta_conv`.
public struct DeltaConvergence: Sendable, Equatable, Codable {
    /// The years of the panel.
    public var years: [Int]
    /// The number of units used in each year.
    public var counts: [Int]
    /// The best value in each year; `nil` when no unit was observed.
    public var frontier: [Double?]
    /// `δ_t`; `nil` when no unit was observed.
    public var delta: [Double?]
    /// OLS of `δ_t` on the year; `nil` with fewer than 2 years where `δ` is defined.
    public var trend: LinearTrend?
    /// Whether larger values are better.
    public var higherIsBetter: Bool
    /// How units with gaps were treated.
    public var coverage: UnitCoverage
    /// Units left out (``UnitCoverage/balanced``: those with a missing year).
    public var excludedUnits: [Int]

    package enum CodingKeys: String, CodingKey {
        case years, counts, frontier, delta, trend, coverage
        case higherIsBetter = "higher_is_better"
        case excludedUnits = "excluded_units"
    }

    /// Encodes every key, writing `null` for an undefined trend rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(years, forKey: .years)
        try c.encode(counts, forKey: .counts)
        try c.encode(frontier, forKey: .frontier)
        try c.encode(delta, forKey: .delta)
        try c.encode(trend, forKey: .trend)
        try c.encode(higherIsBetter, forKey: .higherIsBetter)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(excludedUnits, forKey: .excludedUnits)
    }

    /// Delta convergence on `panel`.
    public init(_ panel: ConvergencePanel, higherIsBetter: Bool = true, coverage: UnitCoverage = .balanced) throws {
        let (included, excluded) = panel.units(coverage)
        var counts: [Int] = [], frontier: [Double?] = [], delta: [Double?] = []
        for t in panel.years.indices {
            let column = panel.column(t, units: included)
            counts.append(column.count)
            guard let best = higherIsBetter ? column.max() : column.min() else {
                frontier.append(nil); delta.append(nil)
                continue
            }
            frontier.append(best)
            delta.append(column.reduce(0) { $0 + abs(best - $1) })
        }
        let points = panel.years.indices.compactMap { t in delta[t].map { (Double(panel.years[t]), $0) } }
        self.years = panel.years
        self.counts = counts
        self.frontier = frontier
        self.delta = delta
        self.trend = points.count >= 2
            ? try LinearTrend(x: points.map(\.0), y: points.map(\.1), measure: "delta convergence trend") : nil
        self.higherIsBetter = higherIsBetter
        self.coverage = coverage
        self.excludedUnits = excluded
    }
}
