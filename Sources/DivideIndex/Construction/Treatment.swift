import DivideData
import Foundation
import LinearAlgebra

/// Outlier treatment of one indicator's column (one year, all units).
///
/// Source: COINr 1.1 `R/treat.R` (`Treat` defaults, `winsorise`, `check_SkewKurt`, `log_CT`, `boxcox`);
/// METHODS §1.3.
public enum Treatment: Sendable, Hashable {
    /// Values unchanged.
    case none
    /// The JRC rule exactly as COINr's `Treat()` applies it by default.
    ///
    /// A column *fails* when |skew| ≥ `skewThreshold` **and** kurtosis ≥ `kurtosisThreshold` (COINr
    /// `check_SkewKurt`: pass if |skew| < 2 or kurt < 3.5), with the e1071 type-2 sample estimators.
    /// While it fails and fewer than `winsorisationLimit` points are winsorised: if skew ≥ 0 every value equal
    /// to the maximum is replaced by the largest other value (else the minimum by the smallest other value);
    /// the count is the number of points at the extreme(s) last replaced, as COINr counts it. If the
    /// winsorised column still fails, the **original** column becomes `ln(x − min + 0.01·(max − min))`
    /// (COINr `log_CT`, `combine_treat = FALSE`). Columns with fewer than 4 present values or no spread are
    /// not tested and stay unchanged (COINr stops with an error there).
    case jrc(JRCRule)
    /// `y = ln x`; a value ≤ 0 is an error.
    case log
    /// COINr `log_CT`: `y = ln(x − min + 0.01·(max − min))`, applied unconditionally.
    case logShifted
    /// Box–Cox with fixed λ after COINr's shift x' = x − min + 1: `y = (x'^λ − 1)/λ`, or ln x' for λ = 0
    /// (COINr `boxcox(makepos = TRUE)`).
    case boxCox(lambda: Double)

    /// Parameters of the JRC rule; the defaults are COINr's.
    public struct JRCRule: Sendable, Hashable {
        /// Stop winsorising once this many points are winsorised (COINr `winmax`, default 5).
        public var winsorisationLimit: Int
        /// Fail when |skewness| ≥ this (COINr `skew_thresh`, default 2).
        public var skewThreshold: Double
        /// …and excess kurtosis ≥ this (COINr `kurt_thresh`, default 3.5).
        public var kurtosisThreshold: Double
        public init(winsorisationLimit: Int = 5, skewThreshold: Double = 2, kurtosisThreshold: Double = 3.5) {
            self.winsorisationLimit = winsorisationLimit
            self.skewThreshold = skewThreshold
            self.kurtosisThreshold = kurtosisThreshold
        }
    }

    /// The JRC rule with COINr's defaults (5 points, |skew| 2, kurtosis 3.5).
    public static let jrcDefault = Treatment.jrc(JRCRule())

    /// Treats one column. Missing values stay missing.
    /// - Throws: ``ConstructionError/invalidValue(method:row:column:value:expected:context:)`` for
    ///   ``log`` on a value ≤ 0 (column = 0, row = unit).
    public func apply(to column: [Double]) throws -> (values: [Double], report: TreatmentReport) {
        var report = TreatmentReport(skewBefore: SampleStatistics.skewness(column),
                                     kurtosisBefore: SampleStatistics.kurtosis(column))
        var y = column
        switch self {
        case .none:
            break
        case .jrc(let rule):
            guard let passes = rule.passes(column) else { break }
            report.failedBefore = !passes
            guard !passes else { break }
            var (winsorised, points) = rule.winsorise(column)
            report.winsorised = points
            if rule.passes(winsorised) == false {
                winsorised = Self.logShifted(column)
                report.transform = .logShifted
            }
            y = winsorised
        case .log:
            for (u, v) in column.enumerated() where !v.isNaN && v <= 0 {
                throw ConstructionError.invalidValue(method: "log", row: u, column: 0, value: v,
                                                     expected: "a value > 0", context: "")
            }
            y = column.map { Foundation.log($0) }
            report.transform = .log
        case .logShifted:
            y = Self.logShifted(column)
            report.transform = .logShifted
        case .boxCox(let lambda):
            if let (lo, _) = SampleStatistics.range(column) {
                y = column.map { v in
                    let s = v - lo + 1
                    return lambda == 0 ? Foundation.log(s) : (pow(s, lambda) - 1) / lambda
                }
            }
            report.transform = .boxCox(lambda: lambda)
        }
        report.skewAfter = SampleStatistics.skewness(y)
        report.kurtosisAfter = SampleStatistics.kurtosis(y)
        return (y, report)
    }

    package static func logShifted(_ x: [Double]) -> [Double] {
        guard let (lo, hi) = SampleStatistics.range(x) else { return x }
        return x.map { Foundation.log($0 - lo + 0.01 * (hi - lo)) }
    }

    /// The method's name as written in a framework file or on the command line.
    public var name: String {
        switch self {
        case .none: return "none"
        case .jrc(let r):
            return r == JRCRule() ? "jrc" : "jrc:\(r.winsorisationLimit),\(MethodSyntax.format(r.skewThreshold)),"
                + MethodSyntax.format(r.kurtosisThreshold)
        case .log: return "log"
        case .logShifted: return "log-ct"
        case .boxCox(let l): return "boxcox:\(MethodSyntax.format(l))"
        }
    }
}

extension Treatment.JRCRule {
    /// COINr `check_SkewKurt`: true (pass) if |skew| < threshold or kurtosis < threshold; nil when the
    /// statistics are undefined (fewer than 4 values, or no spread).
    package func passes(_ x: [Double]) -> Bool? {
        let summary = SampleStatistics.summary(x)
        let s = summary.skewness, k = summary.excessKurtosis
        guard !s.isNaN, !k.isNaN else { return nil }
        return abs(s) < skewThreshold || k < kurtosisThreshold
    }

    /// COINr `winsorise(winmax, skew_thresh, kurt_thresh)`, step for step.
    package func winsorise(_ column: [Double]) -> ([Double], [WinsorisedPoint]) {
        var x = column
        var lastHigh: [Int] = [], lastLow: [Int] = []
        var points: [WinsorisedPoint] = []
        var count = 0
        while passes(x) == false && count < winsorisationLimit {
            let present = x.indices.filter { !x[$0].isNaN }
            let high = SampleStatistics.skewness(x) >= 0
            let extreme = high ? present.map { x[$0] }.max()! : present.map { x[$0] }.min()!
            let at = present.filter { x[$0] == extreme }
            let others = present.filter { x[$0] != extreme }.map { x[$0] }
            guard let replacement = high ? others.max() : others.min() else { break }
            for u in at {
                if !points.contains(where: { $0.unit == u }) {
                    points.append(WinsorisedPoint(unit: u, side: high ? .high : .low, original: column[u],
                                                  replacement: replacement))
                } else if let k = points.firstIndex(where: { $0.unit == u }) {
                    points[k].replacement = replacement
                }
                x[u] = replacement
            }
            if high { lastHigh = at } else { lastLow = at }
            count = lastHigh.count + lastLow.count
        }
        return (x, points)
    }
}

/// One winsorised value: which unit, at which end, its original value and what it was replaced by.
public struct WinsorisedPoint: Sendable, Hashable {
    /// Row (unit index) in the treated column.
    public var unit: Int
    /// `.high` when the maximum was pulled in (skew ≥ 0), `.low` otherwise.
    public var side: Side
    /// The value before treatment.
    public var original: Double
    /// The value it was finally replaced by (the next value inwards).
    public var replacement: Double
    /// The end of the distribution a winsorised point was at.
    public enum Side: String, Sendable, Hashable {
        /// The maximum was pulled in (positive skew).
        case high
        /// The minimum was pulled in (negative skew).
        case low
    }
}

/// What the treatment did to one indicator column.
public struct TreatmentReport: Sendable, Equatable {
    /// e1071 type-2 skewness and kurtosis before and after (NaN when undefined).
    public var skewBefore: Double
    public var kurtosisBefore: Double
    public var skewAfter: Double = .nan
    public var kurtosisAfter: Double = .nan
    /// For the JRC rule: whether the untreated column failed the test (nil when not tested).
    public var failedBefore: Bool?
    /// Points winsorised by the JRC rule. When ``transform`` is `.logShifted` after the JRC rule, the
    /// winsorisation did not suffice and was discarded: the transform applies to the original column.
    public var winsorised: [WinsorisedPoint] = []
    /// The transform applied, if any.
    public var transform: Transform?

    /// A transform applied by a treatment (``Treatment/log``, ``Treatment/logShifted``, ``Treatment/boxCox(lambda:)``).
    public enum Transform: Sendable, Hashable {
        case log, logShifted, boxCox(lambda: Double)
    }

    package init(skewBefore: Double, kurtosisBefore: Double) {
        self.skewBefore = skewBefore
        self.kurtosisBefore = kurtosisBefore
    }

    public static func == (a: Self, b: Self) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return same(a.skewBefore, b.skewBefore) && same(a.kurtosisBefore, b.kurtosisBefore)
            && same(a.skewAfter, b.skewAfter) && same(a.kurtosisAfter, b.kurtosisAfter)
            && a.failedBefore == b.failedBefore && a.winsorised == b.winsorised && a.transform == b.transform
    }
}
