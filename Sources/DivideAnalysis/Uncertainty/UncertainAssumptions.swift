import DivideData
import DivideIndex

/// The uncertain assumptions of a composite index that uncertainty and sensitivity analysis vary.
///
/// Each assumption left at its default (no noise, no alternatives) keeps the framework's own choice. The same value
/// drives ``UncertaintyAnalysis`` (plain Monte Carlo: every replication draws every assumption) and
/// ``SensitivityAnalysis`` (each assumption is one input factor of a Sobol design).
///
/// - Weight noise (COINr `get_noisy_weights`): every weight of a node at one of ``weightLevels`` becomes
///   `w·(1 + x·U(−1, 1))`, `x` = ``weightNoise``, drawn independently per node and replication; siblings are then
///   renormalised by the aggregation, as for any weights. Levels are COINr's: indicators are level 1, a composite is
///   one more than its highest child (pillars of indicators are level 2).
/// - Aggregation: one of ``aggregationAlternatives``, chosen uniformly per replication and applied to every composite
///   at ``aggregationLevels`` (COINr's one `Aggregate` address).
/// - Normalisation, imputation, outlier treatment: one of the alternatives, chosen uniformly per replication; an
///   alternative replaces the framework's choice *and* every per-indicator override, like the command-line overrides
///   (`Framework/overriding(imputation:treatment:normalisation:aggregation:)`).
/// - Measurement noise: every raw value `x` of the series named (by indicator id or series code) becomes
///   `x·(1 + e·U(−1, 1))`, `e` its relative error, in every year, before transforms, imputation and treatment.
public struct UncertainAssumptions: Sendable, Equatable {
    /// `x` in `w·(1 + x·U(−1, 1))`, in [0, 1] (0 = weights fixed).
    public var weightNoise: Double
    /// The levels whose weights are perturbed (2 = pillars of indicators).
    public var weightLevels: [Int]
    /// Aggregation methods to choose among (empty = the framework's).
    public var aggregationAlternatives: [Aggregation]
    /// The composite levels the chosen aggregation applies to (nil = every composite).
    public var aggregationLevels: [Int]?
    /// Normalisations to choose among (empty = the framework's).
    public var normalisationAlternatives: [Normalisation]
    /// Imputation chains to choose among (empty = the framework's).
    public var imputationAlternatives: [[Imputation]]
    /// Outlier treatments to choose among (empty = the framework's), e.g. `[.jrcDefault, .none]` for on/off.
    public var treatmentAlternatives: [Treatment]
    /// Relative measurement error per indicator id or series code, e.g. `["IT.NET.USER.ZS": 0.1]`.
    public var measurementNoise: [String: Double]

    public init(weightNoise: Double = 0, weightLevels: [Int] = [2], aggregationAlternatives: [Aggregation] = [],
                aggregationLevels: [Int]? = nil, normalisationAlternatives: [Normalisation] = [],
                imputationAlternatives: [[Imputation]] = [], treatmentAlternatives: [Treatment] = [],
                measurementNoise: [String: Double] = [:]) {
        self.weightNoise = weightNoise
        self.weightLevels = weightLevels
        self.aggregationAlternatives = aggregationAlternatives
        self.aggregationLevels = aggregationLevels
        self.normalisationAlternatives = normalisationAlternatives
        self.imputationAlternatives = imputationAlternatives
        self.treatmentAlternatives = treatmentAlternatives
        self.measurementNoise = measurementNoise
    }

    /// Whether anything varies at all.
    public var isEmpty: Bool {
        (weightNoise == 0 || weightLevels.isEmpty) && aggregationAlternatives.isEmpty
            && normalisationAlternatives.isEmpty && imputationAlternatives.isEmpty && treatmentAlternatives.isEmpty
            && measurementNoise.values.allSatisfy { $0 == 0 }
    }

    /// Checks the parameters' ranges.
    /// - Throws: ``AnalysisError/invalidParameter(measure:argument:expected:found:)``.
    package func validate(measure: String) throws {
        guard weightNoise >= 0 && weightNoise <= 1 else {
            throw AnalysisError.invalidParameter(measure: measure, argument: "weight noise",
                                                 expected: "a relative amount in [0, 1]", found: weightNoise)
        }
        for level in weightLevels + (aggregationLevels ?? []) where level < 1 {
            throw AnalysisError.invalidParameter(measure: measure, argument: "level", expected: "a level ≥ 1",
                                                 found: Double(level))
        }
        for (name, e) in measurementNoise.sorted(by: { $0.key < $1.key }) where !(e >= 0 && e <= 1) {
            throw AnalysisError.invalidParameter(measure: measure, argument: "measurement noise of \(name)",
                                                 expected: "a relative error in [0, 1]", found: e)
        }
    }
}

extension Framework {
    /// A copy whose normalisation, imputation and treatment are replaced (nil = unchanged), with every
    /// per-indicator override of a replaced step removed — the typed form of ``overriding(imputation:treatment:normalisation:aggregation:)``.
    package func replacing(normalisation: Normalisation?, imputation: [Imputation]?, treatment: Treatment?) -> Framework {
        var copy = self
        if let normalisation { copy.methods.normalisation = normalisation }
        if let imputation { copy.methods.imputation = imputation }
        if let treatment { copy.methods.treatment = treatment }
        func rewrite(_ node: inout FrameworkNode) {
            switch node.content {
            case .indicator(var spec):
                if treatment != nil { spec.treatment = nil }
                if normalisation != nil { spec.normalisation = nil }
                node.content = .indicator(spec)
            case .composite(var children, let method, let coverage):
                for i in children.indices { rewrite(&children[i]) }
                node.content = .composite(children: children, aggregation: method, coverage: coverage)
            }
        }
        rewrite(&copy.root)
        return copy
    }
}
