import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// A hand-worked index. Units A, B, C, D; year 2020. Root IDX (arithmetic) = P1 (weight 2: a, b) + P2 (weight 1: c).
///
///     raw        a (+1)   b (−1)   c (+1)
///     A           10        5        0
///     B           20        1       50
///     C           30        3      100
///     D           –         4       25
///
/// Min-max 0–100 (b: x·d = −5, −1, −3, −4 → min −5, max −1):
///     a: A 0, B 50, C 100, D –;  b: A 0, B 100, C 50, D 25;  c: A 0, B 50, C 100, D 25.
/// P1 = mean of present (a, b): A 0, B 75, C 75, D 25 (b only, coverage ½).   P2 = c.
/// IDX = (2·P1 + P2)/3: A 0, B 200/3, C 250/3, D 75/3 = 25.
/// Ranks: IDX C 1, B 2, D 3, A 4; P1 B 1, C 1, D 3, A 4.
@Suite struct ConstructionPipelineTests {
    static func framework(p1Coverage: Double = 0, rootCoverage: Double = 0) -> Framework {
        let a = FrameworkNode(id: "a", content: .indicator(IndicatorSpec(series: "sa", direction: .higherIsBetter)))
        let b = FrameworkNode(id: "b", content: .indicator(IndicatorSpec(series: "sb", direction: .lowerIsBetter)))
        let c = FrameworkNode(id: "c", content: .indicator(IndicatorSpec(series: "sc", direction: .higherIsBetter)))
        let p1 = FrameworkNode(id: "P1", weight: 2, content: .composite(children: [a, b], aggregation: nil,
                                                                         coverage: p1Coverage))
        let p2 = FrameworkNode(id: "P2", weight: 1, content: .composite(children: [c], aggregation: nil, coverage: 0))
        return Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [p1, p2], aggregation: nil,
                                                                            coverage: rootCoverage)))
    }

    static func cube(years: [Int] = [2020]) throws -> IndicatorCube {
        var cube = try IndicatorCube(units: ["A", "B", "C", "D"], series: ["sa", "sb", "sc", "unused"], years: years,
                                     groupings: ["g": ["g1", "g1", "g2", "g2"]])
        let data: [[Double]] = [[10, 20, 30, .nan], [5, 1, 3, 4], [0, 50, 100, 25]]
        for y in years.indices {
            for (s, column) in data.enumerated() {
                for (u, v) in column.enumerated() { cube[u, s, y] = v + Double(y) * (s == 0 ? 10 : 0) }
            }
        }
        return cube
    }

    @Test func handWorkedIndex() throws {
        let r = try Construction.run(Self.framework(), cube: Self.cube())
        func scores(_ node: String) -> [Double] { ["A", "B", "C", "D"].map { r.score(unit: $0, node: node, year: 2020)! } }
        func ranks(_ node: String) -> [Int?] { ["A", "B", "C", "D"].map { r.rank(unit: $0, node: node, year: 2020) } }
        #expect(close(scores("a"), [0, 50, 100, .nan]))
        #expect(close(scores("b"), [0, 100, 50, 25]))
        #expect(close(scores("P1"), [0, 75, 75, 25]))
        #expect(close(scores("P2"), [0, 50, 100, 25]))
        #expect(close(scores("IDX"), [0, 200.0 / 3, 250.0 / 3, 25]))
        #expect(ranks("IDX") == [4, 2, 1, 3])
        #expect(ranks("P1") == [4, 1, 1, 3])
        #expect(ranks("a") == [3, 2, 1, nil])
        let p1 = r.plan.node("P1")!, idx = r.plan.node("IDX")!
        #expect(close(r.coverage[r.index(unit: 3, node: p1, year: 0)], 0.5))
        #expect(close(r.coverage[r.index(unit: 3, node: idx, year: 0)], 1))
        #expect(r.plan.nodes.map(\.level) == [3, 2, 1, 1, 2, 1])
        // Group ranks (g1 = A, B; g2 = C, D): IDX A 2, B 1, C 1, D 2.
        let g = r.groupRanks["g"]!
        #expect((0..<4).map { g[r.index(unit: $0, node: idx, year: 0)] } == [2, 1, 1, 2])
        #expect(r.imputedShare[r.index(unit: 3, node: idx, year: 0)] == 0)
    }

    // P1 coverage 0.75 needs both a and b: D's P1 is not scored; the root renormalises over P2 alone → D = 25.
    // Root coverage 1 then leaves D not scored and unranked.
    @Test func coverageThresholdsPropagateAsNotScored() throws {
        let r = try Construction.run(Self.framework(p1Coverage: 0.75), cube: Self.cube())
        #expect(r.score(unit: "D", node: "P1", year: 2020)!.isNaN)
        #expect(r.rank(unit: "D", node: "P1", year: 2020) == nil)
        #expect(close(r.score(unit: "D", node: "IDX", year: 2020)!, 25))
        let strict = try Construction.run(Self.framework(p1Coverage: 0.75, rootCoverage: 1), cube: Self.cube())
        #expect(strict.score(unit: "D", node: "IDX", year: 2020)!.isNaN)
        #expect(strict.rank(unit: "D", node: "IDX", year: 2020) == nil)
        #expect(strict.rank(unit: "A", node: "IDX", year: 2020) == 3)
    }

    // COINr i_mean: D's a = mean(10, 20, 30) = 20 → normalised 50; P1 D = (50 + 25)/2 = 37.5 with imputed
    // share ½; IDX D = (2·37.5 + 25)/3 = 100/3 with imputed share ⅓ (1 of 3 indicators).
    @Test func meanImputationIsFlaggedAndCounted() throws {
        var f = Self.framework()
        f.methods.imputation = [.mean]
        let r = try Construction.run(f, cube: Self.cube())
        #expect(close(r.score(unit: "D", node: "a", year: 2020)!, 50))
        #expect(close(r.score(unit: "D", node: "P1", year: 2020)!, 37.5))
        #expect(close(r.score(unit: "D", node: "IDX", year: 2020)!, 100.0 / 3))
        let d = 3
        #expect(r.origins[d + 4 * (0 + 3 * 0)] == .imputed)
        #expect(close(r.imputedShare[r.index(unit: d, node: r.plan.node("P1")!, year: 0)], 0.5))
        #expect(close(r.imputedShare[r.index(unit: d, node: 0, year: 0)], 1.0 / 3))
        #expect(close(r.imputedShare[r.index(unit: 0, node: 0, year: 0)], 0))
    }

    // Year 2021 has a = raw + 10 (A 20, B 30, C 40); carrying D's missing a is impossible (missing in both
    // years), but with linear-constant over years nothing changes either; group mean in g2 takes C's value.
    // Pooled min-max over both years for a: min 10 (A 2020), max 40 (C 2021): A 2020 0, A 2021 1/3·100.
    @Test func pooledNormalisationUsesAllYears() throws {
        var f = Self.framework()
        f.methods.pooledNormalisation = true
        let r = try Construction.run(f, cube: Self.cube(years: [2020, 2021]))
        #expect(close(r.score(unit: "A", node: "a", year: 2020)!, 0))
        #expect(close(r.score(unit: "A", node: "a", year: 2021)!, 100.0 / 3))
        #expect(close(r.score(unit: "C", node: "a", year: 2021)!, 100))
        var g = Self.framework()
        g.methods.imputation = [.linearConstant, .groupMean(grouping: "g")]
        let s = try Construction.run(g, cube: Self.cube(years: [2020, 2021]))
        // D takes C's a (30 in 2020): normalised (30 − 10)/20·100 = 100.
        #expect(close(s.score(unit: "D", node: "a", year: 2020)!, 100))
    }

    @Test func carriedValuesRecordTheirOriginYear() throws {
        var cube = try Self.cube(years: [2020, 2021])
        cube[3, 0, 0] = 15  // D has a in 2020 only
        var f = Self.framework()
        f.methods.imputation = [.latest(maxYears: 1)]
        let r = try Construction.run(f, cube: cube)
        #expect(r.origins[3 + 4 * (0 + 3 * 1)] == .carried(fromYear: 2020))
        // 2021: a = A 20, B 30, C 40, D 15 (carried) → D normalised 0.
        #expect(close(r.score(unit: "D", node: "a", year: 2021)!, 0))
    }

    // Per-capita: sa / unused · 100 with unused = 200 for everyone scales a; min-max is unchanged.
    // Log transform rejects a 0 (c for A) naming indicator, unit and year.
    @Test func transforms() throws {
        var cube = try Self.cube()
        for u in 0..<4 { cube[u, 3, 0] = 200 }
        let a = FrameworkNode(id: "a", content: .indicator(IndicatorSpec(
            series: "sa", direction: .higherIsBetter, transform: .perCapita(denominator: "unused", scale: 100))))
        let f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [a], aggregation: nil, coverage: 0)))
        let r = try Construction.run(f, cube: cube)
        #expect(close(r.scores(node: 1, year: 0), [0, 50, 100, .nan]))
        let c = FrameworkNode(id: "c", content: .indicator(IndicatorSpec(series: "sc", direction: .higherIsBetter,
                                                                           transform: .log)))
        let g = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [c], aggregation: nil, coverage: 0)))
        #expect(throws: ConstructionError.invalidValue(method: "log transform", row: 0, column: 0, value: 0,
                                                       expected: "a value > 0",
                                                       context: "indicator c, unit A, year 2020")) {
            try Construction.run(g, cube: cube)
        }
    }

    @Test func geometricOnMinMaxZeroIsATypedErrorNamingTheCell() throws {
        var f = Self.framework()
        f.methods.aggregation = .geometric
        do {
            _ = try Construction.run(f, cube: Self.cube())
            Issue.record("expected an error")
        } catch let error as ConstructionError {
            #expect(error.description == "geometric (node P1, child a, unit A, year 2020): expected a value > 0, found 0.0")
        }
        f.methods.normalisation = .minMax(lower: 1, upper: 100)
        let r = try Construction.run(f, cube: Self.cube())
        // P1 for B: √(50.5 · 100) on the [1, 100] scale: a 1 + 0.5·99 = 50.5, b 100.
        #expect(close(r.score(unit: "B", node: "P1", year: 2020)!, (50.5 * 100).squareRoot()))
    }

    @Test func unknownSeriesAndGroupingAreNamed() throws {
        let x = FrameworkNode(id: "x", content: .indicator(IndicatorSpec(series: "nope", direction: .higherIsBetter)))
        let f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [x], aggregation: nil, coverage: 0)))
        #expect(throws: ConstructionError.unknownName(kind: "series", name: "nope", known: ["sa", "sb", "sc", "unused"])) {
            try Construction.run(f, cube: Self.cube())
        }
        var g = Self.framework()
        g.methods.imputation = [.groupMean(grouping: "income")]
        #expect(throws: ConstructionError.unknownName(kind: "grouping", name: "income", known: ["g"])) {
            try Construction.run(g, cube: Self.cube())
        }
    }

    @Test func invalidFrameworksAreRejectedBeforeConstruction() throws {
        var f = Self.framework()
        f.root.content = .composite(children: f.root.children.map { var c = $0; c.weight = 0; return c },
                                    aggregation: nil, coverage: 0)
        #expect(throws: FrameworkError.self) { try Construction.run(f, cube: Self.cube()) }
        var g = Self.framework()
        g.methods.normalisation = .distanceToReference(unit: "A", cap: false)
        g.methods.pooledNormalisation = true
        #expect(throws: FrameworkError.self) { try Construction.run(g, cube: Self.cube()) }
        g.methods.pooledNormalisation = false
        let r = try Construction.run(g, cube: Self.cube())
        // dist2ref to A for c (A 0, B 50, C 100, D 25): 1 − (0 − x)/(0 − 0) is degenerate (ref = min) → NaN.
        #expect(r.score(unit: "B", node: "c", year: 2020)!.isNaN)
        g.methods.normalisation = .distanceToReference(unit: "C", cap: false)
        let s = try Construction.run(g, cube: Self.cube())
        // To C (100) for c: 1 − (100 − x)/(100 − 0) → A 0, B 0.5, C 1, D 0.25.
        #expect(close(s.scores(node: s.plan.node("c")!, year: 0), [0, 0.5, 1, 0.25]))
    }

    @Test func treatmentReportsAreKept() throws {
        let units = (0..<12).map { "U\($0)" }
        var cube = try IndicatorCube(units: units, series: ["s"], years: [2020])
        for (u, v) in ((1...10).map(Double.init) + [30, 100]).enumerated() { cube[u, 0, 0] = v }
        let s = FrameworkNode(id: "s", content: .indicator(IndicatorSpec(series: "s", direction: .higherIsBetter)))
        var f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: [s], aggregation: nil, coverage: 0)))
        f.methods.treatment = .jrcDefault
        let r = try Construction.run(f, cube: cube)
        #expect(r.treatment.count == 1)
        #expect(r.treatment[0].report.winsorised.map(\.unit) == [11])
        // After winsorising 100 → 30, U10 and U11 share the maximum: both 100.
        #expect(r.score(unit: "U11", node: "s", year: 2020) == 100)
        #expect(r.score(unit: "U10", node: "s", year: 2020) == 100)
    }

    // Monte Carlo re-aggregation reuses the normalised values: weights (P1 1, P2 3) give
    // IDX = (P1 + 3·P2)/4: B (75 + 150)/4 = 56.25, C (75 + 300)/4 = 93.75.
    @Test func reaggregationWithOtherWeights() throws {
        let prepared = try Construction.prepare(Self.framework(), cube: Self.cube())
        var w = prepared.plan.nominalWeights
        w[prepared.plan.node("P1")!] = 1
        w[prepared.plan.node("P2")!] = 3
        let r = try prepared.aggregate(weights: w, ranks: false)
        #expect(close(r.scores(node: 0, year: 0), [0, 56.25, 93.75, 25]))
        #expect(r.ranks.isEmpty)
        let scaled = try prepared.aggregate(weights: w.map { $0 * 9.5 })
        #expect(close(scaled.scores, r.scores, 1e-12))
        #expect(throws: ConstructionError.self) { try prepared.aggregate(weights: [1]) }
    }

    // Restricting to one year gives that year's scores of the full run.
    @Test func selectingYearsForMonteCarlo() throws {
        let prepared = try Construction.prepare(Self.framework(), cube: Self.cube(years: [2020, 2021]))
        let full = try prepared.aggregate()
        let latest = try prepared.selecting(years: [2021]).aggregate()
        #expect(latest.years == [2021])
        for n in 0..<full.plan.nodes.count {
            #expect(close(latest.scores(node: n, year: 0), full.scores(node: n, year: 1)))
        }
        #expect(throws: ConstructionError.self) { try prepared.selecting(years: [1999]) }
    }

    // Property: raising a unit's higher-is-better raw value (or lowering a lower-is-better one) never lowers
    // any of its scores, under monotone aggregations and min-max normalisation.
    @Test(arguments: [Aggregation.arithmetic, .geometricShifted(shift: 1), .harmonic, .generalised(power: 2),
                      .weightedMedian])
    func improvingAnIndicatorNeverLowersTheScore(method: Aggregation) throws {
        var rng = TestLCG(state: 17)
        let units = (0..<15).map { "U\($0)" }, series = (0..<6).map { "s\($0)" }
        var cube = try IndicatorCube(units: units, series: series, years: [2020])
        for k in cube.values.indices { cube.values[k] = rng.next() < 0.1 ? .nan : 1 + rng.next() * 100 }
        let leaves = series.enumerated().map { k, s in
            FrameworkNode(id: s, weight: 1 + Double(k % 3), content: .indicator(IndicatorSpec(
                series: s, direction: k % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
        }
        let pillars = [FrameworkNode(id: "P1", content: .composite(children: Array(leaves[0..<3]), aggregation: nil, coverage: 0)),
                       FrameworkNode(id: "P2", weight: 2, content: .composite(children: Array(leaves[3...]), aggregation: nil, coverage: 0))]
        var f = Framework(root: FrameworkNode(id: "IDX", content: .composite(children: pillars, aggregation: nil, coverage: 0)))
        f.methods.aggregation = method
        f.methods.normalisation = .minMax(lower: 1, upper: 100)
        let before = try Construction.run(f, cube: cube)
        for _ in 0..<40 {
            let u = Int(rng.next() * 15), s = Int(rng.next() * 6)
            var better = cube
            guard !better[u, s, 0].isNaN else { continue }
            better[u, s, 0] += (s % 2 == 0 ? 1 : -1) * rng.next() * 60
            let after = try Construction.run(f, cube: better)
            for n in 0..<before.plan.nodes.count {
                let i = before.index(unit: u, node: n, year: 0)
                #expect(after.scores[i] >= before.scores[i] - 1e-9 || before.scores[i].isNaN)
            }
        }
    }

    // Property: min-max and rank scores do not change when a raw series is rescaled by a·x + b, a > 0.
    @Test(arguments: [Normalisation.minMax(lower: 0, upper: 100), .rank])
    func affineRescalingOfASeriesChangesNothing(method: Normalisation) throws {
        var f = Self.framework()
        f.methods.normalisation = method
        var rescaled = try Self.cube()
        for u in 0..<4 { rescaled[u, 1, 0] = 0.25 * rescaled[u, 1, 0] + 1000 }
        let a = try Construction.run(f, cube: Self.cube()), b = try Construction.run(f, cube: rescaled)
        #expect(close(a.scores, b.scores, 1e-12))
    }
}
