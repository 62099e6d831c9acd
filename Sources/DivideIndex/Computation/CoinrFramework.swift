import DivideData
import Foundation

extension Framework {
    /// The framework a COINr `iMeta` table describes: its `Indicator` and `Aggregate` rows as a tree (each
    /// row's `Parent`), with their `Weight`, `Direction`, `Unit` and `Target`. `Group`, `Denominator` and
    /// `Other` rows are not part of the tree.
    ///
    /// Methods are COINr's defaults for the steps a user runs (`Normalise`: `n_minmax` to [0, 100];
    /// `Aggregate`: `a_amean`, each unit's weights rescaled over its non-missing children); no imputation or
    /// treatment unless overridden (``overriding(imputation:treatment:normalisation:aggregation:)``). Coverage
    /// thresholds are 0: a unit with at least one child present is scored, as COINr does.
    ///
    /// - Parameters:
    ///   - meta: the COINr `iMeta` table.
    ///   - source: the file name for error messages.
    ///   - knownSeries: the series codes present in the data; when given, indicators naming another are errors.
    ///   - denominate: divide each indicator with a `Denominator` by that series (COINr `Denominate(dset =
    ///     "Raw")`: x / denominator, no scaling; `transform: ratio:SERIES`), as COINr's `build_example_coin()` does.
    /// - Throws: ``FrameworkError`` (no single root, cycles, …) as ``init(nodes:methods:knownSeries:source:)``.
    public init(coinr meta: CoinrMeta, source: String = "<iMeta>", knownSeries: Set<String>? = nil,
                denominate: Bool = false) throws {
        let nodes: [FlatNode] = meta.entries.compactMap { entry in
            switch entry.type {
            case .indicator:
                let transform: IndicatorTransform = denominate && entry.denominator != nil
                    ? .perCapita(denominator: entry.denominator!, scale: 1) : .none
                let spec = IndicatorSpec(series: entry.code,
                                         direction: entry.direction == -1 ? .lowerIsBetter : .higherIsBetter,
                                         unit: entry.unit, target: entry.target, transform: transform)
                return FlatNode(id: entry.code, name: entry.name, parent: entry.parent, weight: entry.weight ?? 1,
                                indicator: spec, line: entry.line)
            case .aggregate:
                return FlatNode(id: entry.code, name: entry.name, parent: entry.parent, weight: entry.weight ?? 1,
                                line: entry.line)
            case .group, .denominator, .other:
                return nil
            }
        }
        try self.init(nodes: nodes, methods: MethodChoices(), knownSeries: knownSeries, source: source)
    }
}
