import DivideData

/// The scores of a plan's composite nodes (pillars, sub-pillars, the index) for every unit and year, without
/// the per-indicator copies, coverage and ranks a full ``ConstructionResult`` carries.
///
/// Layout: `values[u + units·(slot + composites·y)]`, `slot` = the node's position among the plan's
/// composites (``nodes``); for one year, the units × composites block is a column-major matrix. NaN = not
/// scored. Fill it with ``PreparedConstruction/aggregateComposites(_:weights:methods:children:into:threads:)``.
public struct CompositeScores: Sendable {
    /// The plan's composite node indices, in plan order (root first).
    public let nodes: [Int]
    /// For each plan node, its slot in ``nodes`` (nil for an indicator).
    public let slots: [Int?]
    public let units: Int
    public let years: Int
    /// Scores, NaN = not scored (or not aggregated yet).
    public var values: [Double]
    /// Share of each node's children present for the unit.
    public var coverage: [Double]

    /// All-NaN scores for `plan`'s composites.
    public init(plan: ConstructionPlan, units: Int, years: Int) {
        var slots = [Int?](repeating: nil, count: plan.nodes.count)
        var nodes: [Int] = []
        for (n, node) in plan.nodes.enumerated() where node.indicator == nil {
            slots[n] = nodes.count
            nodes.append(n)
        }
        self.nodes = nodes
        self.slots = slots
        self.units = units
        self.years = years
        values = [Double](repeating: .nan, count: units * nodes.count * years)
        coverage = [Double](repeating: .nan, count: units * nodes.count * years)
    }

    /// All-NaN scores for `plan`'s composites, in `recycled`'s buffers when it has the same shape and nothing else
    /// holds them (they are overwritten with NaN: no fresh memory is touched).
    /// - Parameters:
    ///   - plan: the construction plan whose composites are stored.
    ///   - units: the number of units.
    ///   - years: the number of years.
    ///   - recycled: a store the caller no longer needs, or nil.
    public init(plan: ConstructionPlan, units: Int, years: Int, recycling recycled: consuming CompositeScores?) {
        guard var store = Self.reusable(recycled.take(), plan: plan, units: units, years: years) else {
            self.init(plan: plan, units: units, years: years)
            return
        }
        store.values.withUnsafeMutableBufferPointer { $0.update(repeating: .nan) }
        store.coverage.withUnsafeMutableBufferPointer { $0.update(repeating: .nan) }
        self = store
    }

    /// As ``init(plan:units:years:recycling:)`` but keeping `recycled`'s contents (no NaN pass over the buffers),
    /// for a caller that writes every slot it reads back and knows the others still NaN: the benchmark workload's
    /// geometric-index store, whose root is rewritten in full each run and whose other slots are never written
    /// (0.25 ms of step 3 at size M).
    package init(plan: ConstructionPlan, units: Int, years: Int, keeping recycled: consuming CompositeScores?) {
        self = Self.reusable(recycled.take(), plan: plan, units: units, years: years)
            ?? CompositeScores(plan: plan, units: units, years: years)
    }

    /// `store` when it has the shape of `plan`'s composites over `units` and `years`.
    private static func reusable(_ store: consuming CompositeScores?, plan: ConstructionPlan, units: Int,
                                 years: Int) -> CompositeScores? {
        guard let store = store.take(), store.units == units, store.years == years,
              store.slots.count == plan.nodes.count,
              store.nodes == plan.nodes.indices.filter({ plan.nodes[$0].indicator == nil }) else { return nil }
        return store
    }

    /// Offset of the first unit of composite node `n` (a plan index) in year index `y`.
    @inlinable public func offset(node n: Int, year y: Int) -> Int {
        units * (slots[n]! + nodes.count * y)
    }

    /// The score of unit `u` for composite node `n` in year index `y`.
    public subscript(unit u: Int, node n: Int, year y: Int) -> Double {
        values[u + offset(node: n, year: y)]
    }

    /// All units' scores for composite node `n` in year index `y`.
    public func scores(node n: Int, year y: Int) -> ArraySlice<Double> {
        let base = offset(node: n, year: y)
        return values[base..<(base + units)]
    }
}
