import DivideData
import DivideIndex

/// Inequality of a non-negative quantity across units (countries), optionally weighted by population.
///
/// Every measure takes the values `x` (finite, `≥ 0`) and optional `weights` (population, finite, `> 0`; they are
/// normalised to shares `pᵢ = wᵢ/Σw`, so only their ratios matter). Without weights each unit counts once
/// (`pᵢ = 1/N`). `μ = Σ pᵢ xᵢ` is the (population-weighted) mean. Integer weights give exactly the measure of the
/// data set in which unit `i` is replicated `wᵢ` times (the population principle).
///
/// Handling of awkward values, never silently dropped:
/// - NaN or ±∞ in `x` or `weights`, a negative value, or a weight `≤ 0`: ``AnalysisError`` naming the index.
///   Missing units must be removed by the caller, who knows their names and reports them as not covered.
/// - Every value 0 (μ = 0): ``AnalysisError/undefined(measure:reason:)`` for every measure.
/// - Zeros among positive values: Gini, CV, Theil T (with the limit `0·ln 0 = 0`), Atkinson with `ε < 1` and the
///   quintile ratio are defined; Theil L and Atkinson with `ε ≥ 1` need every `xᵢ > 0` and throw
///   ``AnalysisError/outOfDomain(measure:argument:index:expected:found:)`` naming the first zero.
public enum Inequality {}
