import DivideData
import Foundation

/// A composite index's structure: a tree of any depth (index → pillars → sub-pillars → indicators), with a
/// weight and an aggregation method per node and the construction choices that apply to the whole tree.
///
/// Load one from YAML with ``FrameworkFile/load(yaml:file:knownSeries:)`` (format: docs/framework-format.md),
/// build one from parent references with ``Framework/init(nodes:methods:knownSeries:source:)``, or assemble the
/// ``FrameworkNode`` tree directly; ``validate(knownSeries:)`` checks any of them.
public struct Framework: Sendable, Equatable {
    /// Short identifier of the index (also the root node's id).
    public var id: String { root.id }
    /// The root node (the index itself).
    public var root: FrameworkNode
    /// Choices for the steps that are not per node (and the default aggregation).
    public var methods: MethodChoices
    /// Which publisher's edition the framework reproduces or approximates, and how closely (nil: not stated).
    public var edition: EditionInfo?
    /// The economies the index is meant to be computed (normalised) over when a request names none: `all` for a
    /// global index such as ITU's IDI, `nil` for the library's default (the ESCAP region).
    public var universe: CountryGroup?

    public init(root: FrameworkNode, methods: MethodChoices = MethodChoices(), edition: EditionInfo? = nil,
                universe: CountryGroup? = nil) {
        self.root = root
        self.methods = methods
        self.edition = edition
        self.universe = universe
    }

    /// All indicators, depth first, in the order they appear in the tree.
    public var indicators: [(path: [String], indicator: IndicatorSpec)] {
        var out: [(path: [String], indicator: IndicatorSpec)] = []
        func walk(_ node: FrameworkNode, _ path: [String]) {
            switch node.content {
            case .indicator(let spec): out.append((path + [node.id], spec))
            case .composite(let children, _, _): for c in children { walk(c, path + [node.id]) }
            }
        }
        walk(root, [])
        return out
    }
}

/// One node of a ``Framework``: an indicator (leaf) or a composite of child nodes.
public struct FrameworkNode: Sendable, Equatable {
    /// Unique identifier within the framework.
    public var id: String
    /// Human-readable name.
    public var name: String
    /// Weight relative to its siblings (> 0; siblings' weights are normalised to sum 1). Ignored on the root.
    public var weight: Double
    /// What the node is.
    public var content: Content
    /// Line of the node in its YAML file, when loaded from one.
    public var line: Int?
    /// For composites, the inclusion rule: a unit is scored at this node only when at least this many of the
    /// indicators below it have an *official* value (observed, or carried forward from an observed value, and not
    /// marked as an estimate by its source file); nil = no such rule. Estimates and imputed values still enter
    /// the score; they only do not count towards the minimum. ITU IDI 2024: 5 of the 10 indicators.
    public var minimumOfficial: Int?
    /// For composites, a min-max rescaling of the node's scores per year over the units scored there,
    /// `(s − min)/(max − min)·(upper − lower) + lower` (all scored units get the midpoint when max = min): the UN
    /// E-Government Survey's TII, "the arithmetic average of the four z-scores … normalised to 0–1"; nil = none.
    public var rescale: Goalposts?

    /// An indicator, or a composite with its children, aggregation method (nil = the framework default)
    /// and coverage threshold (minimum share, 0…1, of children present for a unit to be scored).
    public enum Content: Sendable, Equatable {
        case indicator(IndicatorSpec)
        case composite(children: [FrameworkNode], aggregation: Aggregation?, coverage: Double)
    }

    public init(id: String, name: String? = nil, weight: Double = 1, content: Content, line: Int? = nil,
                minimumOfficial: Int? = nil, rescale: Goalposts? = nil) {
        self.rescale = rescale
        self.id = id
        self.name = name ?? id
        self.weight = weight
        self.content = content
        self.line = line
        self.minimumOfficial = minimumOfficial
    }

    /// The children of a composite (empty for an indicator).
    public var children: [FrameworkNode] {
        if case .composite(let c, _, _) = content { return c }
        return []
    }
}

/// Whether higher or lower raw values are better.
public enum Direction: Int, Sendable, Hashable {
    case higherIsBetter = 1
    case lowerIsBetter = -1
    /// +1 or −1, the multiplier COINr applies before normalising.
    public var sign: Double { Double(rawValue) }
}

/// A transformation of an indicator's raw series before imputation.
public enum IndicatorTransform: Sendable, Hashable {
    /// No change.
    case none
    /// Natural logarithm (values ≤ 0 are an error).
    case log
    /// `ln(x + 1)` (values ≤ −1 are an error): the ITU IDI 2024's transform of the two traffic indicators, whose
    /// "offset of 1 ensures valid results even for 0's" (ITU, IDI 2024, Annex 1, note 5).
    case log1p
    /// Base-10 logarithm (the old ITU IDI's bandwidth indicator: log10(x)/log10(ref)).
    case log10
    /// `x / denominator · scale`, e.g. per 100 inhabitants with the population series and scale 100.
    case perCapita(denominator: String, scale: Double)
    /// `min(x, upper)`: a cut-off, e.g. the UN E-Government TII's cap of 120 subscriptions per 100 inhabitants
    /// (UN E-Government Survey 2020–2024, Annex: "a cut-off of 120 is applied").
    case cap(upper: Double)
    /// Values ≤ 0 become missing: for series where 0 is a placeholder rather than an observation (the ITU
    /// price baskets record 0 % of GNI per capita where no offer was priced, e.g. DPRK, Niue, American Samoa 2022).
    case positive
}

/// What an indicator is and how to read it.
public struct IndicatorSpec: Sendable, Equatable {
    /// The series code in the data (e.g. `IT.NET.USER.ZS`).
    public var series: String
    public var direction: Direction
    /// Unit of measurement, for display.
    public var unit: String?
    /// Goalposts (lower, upper) in the units of the transformed series, for goalpost normalisation.
    public var goalposts: Goalposts?
    /// ITU-style threshold (score 0) and goalpost (score 100) in the units of the series *before* its log, log10,
    /// log1p or cap transform (which is applied to them too; per-capita and ratio transforms leave them as they
    /// are). For direction +1 the threshold is below the goalpost, for −1 (prices) above it. Both or neither;
    /// exclusive with ``goalposts``. See ``effectiveGoalposts``.
    public var threshold: Double?
    public var goalpost: Double?
    /// Target or reference value in the units of the transformed series.
    public var target: Double?
    public var transform: IndicatorTransform
    /// Per-indicator choices overriding the framework's (nil = use the framework's).
    public var normalisation: Normalisation?
    public var treatment: Treatment?

    public init(series: String, direction: Direction, unit: String? = nil, goalposts: Goalposts? = nil,
                target: Double? = nil, transform: IndicatorTransform = .none, normalisation: Normalisation? = nil,
                treatment: Treatment? = nil, threshold: Double? = nil, goalpost: Double? = nil) {
        self.series = series
        self.direction = direction
        self.unit = unit
        self.goalposts = goalposts
        self.threshold = threshold
        self.goalpost = goalpost
        self.target = target
        self.transform = transform
        self.normalisation = normalisation
        self.treatment = treatment
    }
}

extension IndicatorSpec {
    /// The goalposts normalisation uses, in transformed units: ``goalposts`` as written, or the ``threshold``
    /// and ``goalpost`` passed through the transform and ordered (lower, upper) — so that `goalposts:100` gives
    /// `(x − threshold)/(goalpost − threshold)·100` for direction +1 and `(threshold − x)/(threshold − goalpost)·100`
    /// for −1, clipped to [0, 100] (ITU, IDI 2024, Annex 1, "Normalization"). Nil when neither is given or a
    /// threshold or goalpost lies outside the transform's domain (``Framework/validate(knownSeries:)`` reports it).
    public var effectiveGoalposts: Goalposts? {
        guard let threshold, let goalpost else { return goalposts }
        guard let t = transform.applied(toBound: threshold), let g = transform.applied(toBound: goalpost) else {
            return nil
        }
        return Goalposts(lower: min(t, g), upper: max(t, g))
    }
}

extension IndicatorTransform {
    /// The transform of a threshold or goalpost written in the series' units: log, log10, log1p and cap apply;
    /// per-capita, ratio and positive leave it unchanged (it is already per capita, a ratio, positive). Nil
    /// outside the transform's domain (log of a value ≤ 0, log1p of a value ≤ −1).
    package func applied(toBound x: Double) -> Double? {
        switch self {
        case .none, .positive, .perCapita: return x
        case .log: return x > 0 ? Foundation.log(x) : nil
        case .log10: return x > 0 ? Foundation.log10(x) : nil
        case .log1p: return x > -1 ? Foundation.log1p(x) : nil
        case .cap(let upper): return min(x, upper)
        }
    }
}

/// Which publisher's edition a framework reproduces or approximates, and how closely (the file's `edition:`).
public struct EditionInfo: Sendable, Equatable {
    /// How the framework relates to the publisher's own numbers.
    public enum Status: String, Sendable, CaseIterable {
        /// The publisher's method on the publisher's own inputs: gives the published numbers.
        case reproduces
        /// The publisher's structure or method on other data or with substitutes: close, not equal.
        case approximates
        /// An index of this project's own design (no publisher's numbers to match).
        case project
    }
    public var status: Status
    /// The edition, e.g. "ITU ICT Development Index 2024".
    public var title: String
    /// How closely, with the figure (e.g. "170 economies: mean |Δ| 0.03, max 0.07 IDI points").
    public var agreement: String?
    /// The command that measured `agreement`.
    public var command: String?

    public init(status: Status, title: String, agreement: String? = nil, command: String? = nil) {
        self.status = status
        self.title = title
        self.agreement = agreement
        self.command = command
    }
}

/// Lower and upper goalposts of an indicator.
public struct Goalposts: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }
}

/// Construction choices for the whole framework. Command-line overrides replace these
/// (see ``Framework/overriding(imputation:treatment:normalisation:aggregation:)``).
public struct MethodChoices: Sendable, Equatable {
    /// Imputation steps, applied in order to the cells still missing.
    public var imputation: [Imputation]
    public var treatment: Treatment
    public var normalisation: Normalisation
    /// Normalise each indicator over all years at once (pooled min, max, …) so scores compare over time.
    public var pooledNormalisation: Bool
    /// Aggregation of composites that name none.
    public var aggregation: Aggregation
    /// Weighting scheme.
    public var weighting: Weighting
    /// Score of every present value when normalisation's denominator vanishes (max = min). COINr: NaN.
    public var degenerateScore: Double
    /// Unit screening by data availability (COINr `Screen(dat_thresh = t, unit_screen = "byNA")`): after
    /// imputation, a unit whose share of non-missing indicator values in a year is below `t` is removed from that
    /// year (all its values missing, so it is not scored and counts in no later statistic); nil = no screening.
    public var screen: Double? = nil

    public init(imputation: [Imputation] = [.none], treatment: Treatment = .none,
                normalisation: Normalisation = .minMax(lower: 0, upper: 100), pooledNormalisation: Bool = false,
                aggregation: Aggregation = .arithmetic, weighting: Weighting = .explicit,
                degenerateScore: Double = .nan) {
        self.imputation = imputation
        self.treatment = treatment
        self.normalisation = normalisation
        self.pooledNormalisation = pooledNormalisation
        self.aggregation = aggregation
        self.weighting = weighting
        self.degenerateScore = degenerateScore
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.imputation == b.imputation && a.treatment == b.treatment && a.normalisation == b.normalisation
            && a.pooledNormalisation == b.pooledNormalisation && a.aggregation == b.aggregation
            && a.weighting == b.weighting
            && (a.degenerateScore == b.degenerateScore || (a.degenerateScore.isNaN && b.degenerateScore.isNaN))
            && a.screen == b.screen
    }
}

/// How sibling weights are set.
public enum Weighting: String, Sendable, Hashable, CaseIterable {
    /// The weights written in the framework.
    case explicit
    /// Every sibling the same weight.
    case equal
    /// Each composite's children weighted by their loadings on the first principal component of their
    /// correlation matrix (COINr `get_PCA(weights_to = …)`: `prcomp(center = TRUE, scale = TRUE)$rotation[, 1]`
    /// after removing rows with missing values), computed over all years at once; see ``PCAWeights``.
    case pca
}

extension Framework {
    /// A copy with command-line overrides applied. An override replaces the framework's choice *and* every
    /// per-node or per-indicator choice for that step, so `--aggregate geometric` really aggregates every
    /// node geometrically. Strings use ``MethodSyntax``.
    /// - Throws: ``MethodSyntaxError`` listing the valid choices.
    public func overriding(imputation: String? = nil, treatment: String? = nil, normalisation: String? = nil,
                           aggregation: String? = nil) throws -> Framework {
        var copy = self
        if let imputation { copy.methods.imputation = try MethodSyntax.imputation(imputation) }
        let t = try treatment.map(MethodSyntax.treatment)
        let n = try normalisation.map(MethodSyntax.normalisation)
        let a = try aggregation.map(MethodSyntax.aggregation)
        if let t { copy.methods.treatment = t }
        if let n { copy.methods.normalisation = n }
        if let a { copy.methods.aggregation = a }
        func rewrite(_ node: inout FrameworkNode) {
            switch node.content {
            case .indicator(var spec):
                if t != nil { spec.treatment = nil }
                if n != nil { spec.normalisation = nil }
                node.content = .indicator(spec)
            case .composite(var children, let method, let coverage):
                for i in children.indices { rewrite(&children[i]) }
                node.content = .composite(children: children, aggregation: a == nil ? method : nil,
                                          coverage: coverage)
            }
        }
        rewrite(&copy.root)
        return copy
    }
}
