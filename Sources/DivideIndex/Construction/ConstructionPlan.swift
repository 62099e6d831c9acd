import DivideData

/// One node of a framework laid out for computation.
public struct NodeInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    /// COINr-style level: indicators are 1, a composite is 1 + the highest level of its children.
    public var level: Int
    /// Depth below the root (root = 0).
    public var depth: Int
    /// Index of the parent in ``ConstructionPlan/nodes`` (nil for the root).
    public var parent: Int?
    /// Indices of the children in ``ConstructionPlan/nodes``.
    public var children: [Int]
    /// The node's weight among its siblings as written (before normalisation).
    public var weight: Double
    /// For indicators, the index into ``ConstructionPlan/indicators``.
    public var indicator: Int?
    /// For composites, the aggregation method (framework default resolved) and coverage threshold.
    public var aggregation: Aggregation?
    public var coverage: Double
    /// For composites, the inclusion rule (``FrameworkNode/minimumOfficial``): at least this many official
    /// indicator values below the node, else the unit is not scored here; nil = no rule.
    public var minimumOfficial: Int? = nil
    /// For composites, the min-max rescaling of the node's scores per year (``FrameworkNode/rescale``).
    public var rescale: Goalposts? = nil
}

/// A framework flattened into arrays: nodes depth first (root = 0), indicators in tree order, and the
/// composites in an order where every child comes before its parent.
public struct ConstructionPlan: Sendable, Equatable {
    public var nodes: [NodeInfo]
    /// Node index of each indicator.
    public var indicatorNodes: [Int]
    public var indicators: [IndicatorSpec]
    /// Composite node indices, children before parents.
    public var aggregationOrder: [Int]
    /// For each node, the indicator indices below it (itself, for an indicator).
    public var descendantIndicators: [[Int]]
    /// The framework's weighting scheme.
    public var weighting: Weighting

    /// Lays out `framework` (composites without a method get the framework's default aggregation; under equal
    /// weighting every weight is 1).
    public init(_ framework: Framework) {
        var nodes: [NodeInfo] = []
        var indicatorNodes: [Int] = [], indicators: [IndicatorSpec] = []
        var order: [Int] = []
        @discardableResult
        func add(_ node: FrameworkNode, parent: Int?, depth: Int) -> Int {
            let index = nodes.count
            nodes.append(NodeInfo(id: node.id, name: node.name, level: 1, depth: depth, parent: parent, children: [],
                                  weight: node.weight, indicator: nil, aggregation: nil, coverage: 0))
            switch node.content {
            case .indicator(let spec):
                nodes[index].indicator = indicators.count
                indicators.append(spec)
                indicatorNodes.append(index)
            case .composite(let children, let method, let coverage):
                nodes[index].aggregation = method ?? framework.methods.aggregation
                nodes[index].coverage = coverage
                nodes[index].minimumOfficial = node.minimumOfficial
                nodes[index].rescale = node.rescale
                let ids = children.map { add($0, parent: index, depth: depth + 1) }
                nodes[index].children = ids
                nodes[index].level = 1 + (ids.map { nodes[$0].level }.max() ?? 0)
                order.append(index)
            }
            return index
        }
        add(framework.root, parent: nil, depth: 0)
        if framework.methods.weighting == .equal {
            for i in nodes.indices { nodes[i].weight = 1 }
        }
        var descendants = [[Int]](repeating: [], count: nodes.count)
        for index in nodes.indices.reversed() {
            if let i = nodes[index].indicator { descendants[index] = [i] }
            else { descendants[index] = nodes[index].children.flatMap { descendants[$0] }.sorted() }
        }
        self.nodes = nodes
        self.indicatorNodes = indicatorNodes
        self.indicators = indicators
        self.aggregationOrder = order
        self.descendantIndicators = descendants
        self.weighting = framework.methods.weighting
    }

    /// Index of the node with id `id`.
    public func node(_ id: String) -> Int? { nodes.firstIndex { $0.id == id } }

    /// The weights as written (or 1 under equal weighting), one per node — the starting point for
    /// perturbed weights in uncertainty analysis.
    public var nominalWeights: [Double] { nodes.map(\.weight) }
}
