import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct AuditTests {
    // Hand-worked: items A = 1 2 3 4, B = 2 2 4 4, C = 1 3 3 5 (a fifth row with a gap is not a complete case).
    // Sample variances 5/3, 4/3, 8/3 (sum 17/3); row sums 4 7 10 13 have variance 15;
    // α = 3/2·(1 − (17/3)/15) = 42/45. Correlations r_AB = 4/√20, r_AC = 6/√40, r_BC = 4/√32, mean r̄;
    // α_std = 3r̄/(1 + 2r̄) = 0.9444742467190278. Cross-check:
    // python3 -c "import numpy as np; X=np.array([[1,2,1],[2,2,3],[3,4,3],[4,4,5]],float); k=3;
    //   print(k/(k-1)*(1-X.var(0,ddof=1).sum()/X.sum(1).var(ddof=1)));
    //   R=np.corrcoef(X.T); r=R[np.triu_indices(3,1)].mean(); print(k*r/(1+(k-1)*r))"
    //   → 0.9333333333333333 0.9444742467190278
    @Test func cronbachAlphaMatchesTheTextbookFormula() throws {
        let data = try Matrix(columns: [[1, 2, 3, 4, 9], [2, 2, 4, 4, .nan], [1, 3, 3, 5, 1]])
        let alpha = CronbachAlpha(data)
        #expect(alpha.completeCases == 4)
        #expect(alpha.items == 3)
        #expect(isNear(alpha.raw, 42.0 / 45))
        let rAB: Double = 4 / 20.0.squareRoot()
        let rAC: Double = 6 / 40.0.squareRoot()
        let rBC: Double = 4 / 32.0.squareRoot()
        let rBar: Double = (rAB + rAC + rBC) / 3
        #expect(isNear(alpha.standardised, 3 * rBar / (1 + 2 * rBar)))
        #expect(isNear(alpha.standardised, 0.9444742467190278))
    }

    @Test func cronbachAlphaIsUndefinedWhenItemsCancel() throws {
        let alpha = CronbachAlpha(try Matrix(columns: [[0, 25, 50, 100], [100, 75, 50, 0]]))
        #expect(alpha.raw == nil)
        // r = −1: α_std = 2·(−1)/(1 − 1) is not finite, so undefined as well.
        #expect(alpha.standardised == nil)
    }

    // PCA of the correlation matrix equals the SVD of the centred, standardised data: λⱼ = σⱼ²/(n − 1) and the
    // first right singular vector is PC1's loadings (up to sign).
    @Test func pcaAgreesWithSVDOfStandardisedData() throws {
        var lcg = TestLCG(state: 42)
        let n = 12, k = 4
        var columns: [[Double]] = []
        let common = (0..<n).map { _ in lcg.next() }
        for j in 0..<k { columns.append((0..<n).map { common[$0] * Double(j + 1) + lcg.next() }) }
        let data = try Matrix(columns: columns)
        let pca = try PrincipalComponents(data)
        var standardised = columns
        for j in 0..<k {
            let s = ColumnSummary(columns[j])
            standardised[j] = columns[j].map { ($0 - s.mean) / s.sampleStandardDeviation }
        }
        let svd = try SingularValueDecomposition(try Matrix(columns: standardised))
        let fromSVD = svd.singularValues.map { $0 * $0 / Double(n - 1) }
        #expect(pca.eigenvalues.count == k)
        for j in 0..<k { #expect(isNear(pca.eigenvalues[j], fromSVD[j], 1e-10)) }
        #expect(isNear(pca.eigenvalues.reduce(0, +), Double(k), 1e-10))
        var v = (0..<k).map { svd.vt[0, $0] }
        if v.reduce(0, +) < 0 { v = v.map { -$0 } }
        for j in 0..<k { #expect(isNear(pca.loadings[j], v[j], 1e-10)) }
        #expect(isNear(pca.varianceShares[0], pca.eigenvalues[0] / Double(k)))
        // One strong common factor: one eigenvalue above 1 and PC1 over 60%.
        #expect(pca.dominant == (pca.componentsAboveOne == 1 && pca.varianceShares[0] >= 0.6))
    }

    @Test func pcaNeedsThreeCompleteCases() throws {
        #expect(throws: AnalysisError.tooFewObservations(measure: "principal components", expected: 3, found: 2)) {
            try PrincipalComponents(try Matrix(columns: [[1, 2, .nan], [3, 1, 2]]))
        }
    }

    // 20 units u = 1…20. P1: i1 = u, i2 = 2u + 1 ± 0.1 (collinear with i1), i3 = u but 1000 for u = 20
    // (skew 4.4676, kurtosis 19.971: scipy.stats.skew/kurtosis(bias=False) of [1..19, 1000]).
    // P2: i4 present for u ≤ 8 only (availability 0.4), i5 zero for u ≤ 12 (non-zero 8/20 = 0.4).
    // P3: i6 = u (weight 2), i7 = 40 − 2u (weight 1): normalised i7 = 100 − i6, so P3 = (100 + i6)/3 and
    // corr(i7, P3) = −1: weak and negative with its parent; the pair i6–i7 is negative.
    static func crafted(treatment: Treatment = .none) throws -> (Framework, IndicatorCube) {
        func indicator(_ id: String, weight: Double = 1) -> FrameworkNode {
            FrameworkNode(id: id, weight: weight, content: .indicator(IndicatorSpec(series: id, direction: .higherIsBetter)))
        }
        func pillar(_ id: String, _ children: [FrameworkNode]) -> FrameworkNode {
            FrameworkNode(id: id, content: .composite(children: children, aggregation: nil, coverage: 0))
        }
        let root = FrameworkNode(id: "IDX", content: .composite(children: [
            pillar("P1", [indicator("i1"), indicator("i2"), indicator("i3")]),
            pillar("P2", [indicator("i4"), indicator("i5")]),
            pillar("P3", [indicator("i6", weight: 2), indicator("i7")]),
        ], aggregation: nil, coverage: 0))
        let framework = Framework(root: root, methods: MethodChoices(treatment: treatment))
        let units = (1...20).map { "U\($0)" }
        let series = ["i1", "i2", "i3", "i4", "i5", "i6", "i7"]
        var cube = try IndicatorCube(units: units, series: series, years: [2022])
        for u in 0..<20 {
            let x = Double(u + 1)
            let values = [x, 2 * x + 1 + (u % 2 == 0 ? 0.1 : -0.1), u == 19 ? 1000 : x, u < 8 ? x : .nan,
                          u < 12 ? 0 : x, x, 40 - 2 * x]
            for (s, v) in values.enumerated() { cube[u, s, 0] = v }
        }
        return (framework, cube)
    }

    @Test func auditFlagsCraftedProblems() throws {
        let (framework, cube) = try Self.crafted()
        let report = try Audit.run(framework, cube: cube)
        #expect(report.year == 2022)
        #expect(report.units == 20)
        let flags = Dictionary(uniqueKeysWithValues: report.indicators.map { ($0.indicator, $0.flags) })
        #expect(flags["i1"] == [])
        #expect(flags["i3"] == ["outliers"])
        // 8 values of 20: low availability only; missing values are not zeros. COINr divides the non-zero and unique
        // counts by all units, so under its convention they also trip those flags.
        #expect(flags["i4"] == ["low_availability"])
        var coinr = AuditThresholds()
        coinr.countsOverAllUnits = true
        let coinrReport = try Audit.run(framework, cube: cube, thresholds: coinr)
        #expect(coinrReport.indicators.first { $0.indicator == "i4" }?.flags == ["low_availability", "many_zeros", "few_unique"])
        #expect(flags["i5"] == ["many_zeros", "few_unique"])
        let i3 = report.indicators.first { $0.indicator == "i3" }!
        #expect(isNear(i3.skewness, 4.4675765755287316, 1e-9))
        #expect(isNear(i3.kurtosis, 19.97145854317376, 1e-9))
        #expect(report.indicators.first { $0.indicator == "i4" }!.available == 8)

        let pairFlags = Dictionary(uniqueKeysWithValues: report.pairs.map { ("\($0.first)-\($0.second)", $0.flags) })
        #expect(pairFlags["i1-i2"] == ["collinear"])
        #expect(pairFlags["i1-i3"] == [])
        #expect(pairFlags["i6-i7"] == ["negative"])
        // i4 (u ≤ 8) and i5 (0 for u ≤ 12) share 8 units where i5 is constant.
        #expect(pairFlags["i4-i5"] == ["undefined"])
        let i1i2 = report.pairs.first { $0.first == "i1" && $0.second == "i2" }!
        #expect(i1i2.coefficients.spearman == 1 && i1i2.coefficients.kendall == 1)
        #expect(i1i2.group == "P1")
        #expect(!report.pairs.contains { $0.group == "P1" && $0.first == "i4" })

        let i7 = report.correlations.first { $0.node == "i7" && $0.relation == "parent" }!
        #expect(i7.ancestor == "P3")
        #expect(i7.flags == ["weak", "negative"])
        #expect(isNear(i7.coefficients.pearson, -1, 1e-12))
        #expect(report.correlations.contains { $0.node == "i7" && $0.relation == "index" && $0.ancestor == "IDX" })
        #expect(report.correlations.first { $0.node == "i6" && $0.relation == "parent" }!.flags == [])

        let p3 = report.coherence.first { $0.node == "P3" }!
        #expect(p3.flags.contains("negative_loading"))
        #expect(p3.cronbach.raw == nil)
        let p1 = report.coherence.first { $0.node == "P1" }!
        #expect(p1.pca?.dominant == true)
        #expect(report.removals.count == 10)
    }

    // With the JRC rule, i3's single outlier is winsorised (1000 → 19) and the column then passes.
    @Test func auditReportsWhatTreatmentDid() throws {
        let (framework, cube) = try Self.crafted(treatment: .jrcDefault)
        let report = try Audit.run(framework, cube: cube)
        let i3 = report.indicators.first { $0.indicator == "i3" }!
        #expect(i3.flags == ["outliers"])
        #expect(i3.treatment?.failedBefore == true)
        #expect(i3.treatment?.winsorised == 1)
        #expect(i3.treatment?.transform == nil)
        #expect(i3.treatment?.stillFails == false)
        #expect(report.indicators.first { $0.indicator == "i1" }!.treatment?.failedBefore == false)
    }

    // Flat index of three indicators, arithmetic mean, equal weights, no normalisation:
    //          i1  i2  i3   index   rank | −i1  rank | −i2  rank | −i3  rank
    //     A    10   0   0   10/3     2   |  0     4  |  5     1  |  5     1
    //     B     0   6   0   2        4   |  3     3  |  0     4  |  3     3
    //     C     0   0   9   3        3   |  4.5   1  |  4.5   2  |  0     4
    //     D     4   4   4   4        1   |  4     2  |  4     3  |  4     2
    // |Δrank|: −i1: 2 1 2 1 → mean 1.5, max 2; −i2: 1 0 1 2 → 1.0, 2; −i3: 1 1 1 1 → 1.0, 1.
    @Test func removeOneOnAHandWorkedIndex() throws {
        let nodes = ["i1", "i2", "i3"].map {
            FrameworkNode(id: $0, content: .indicator(IndicatorSpec(series: $0, direction: .higherIsBetter)))
        }
        let framework = Framework(
            root: FrameworkNode(id: "IDX", content: .composite(children: nodes, aggregation: nil, coverage: 0)),
            methods: MethodChoices(normalisation: .none))
        let cube = try IndicatorCube(units: ["A", "B", "C", "D"], series: ["i1", "i2", "i3"], years: [2020],
                                     values: [10, 0, 0, 4, 0, 6, 0, 4, 0, 0, 9, 4])
        let prepared = try Construction.prepare(framework, cube: cube)
        let nominal = try prepared.aggregate()
        #expect(["A", "B", "C", "D"].map { nominal.rank(unit: $0, node: "IDX", year: 2020) } == [2, 4, 3, 1])
        let impacts = try Audit.removeOne(prepared: prepared, nominal: nominal, year: 2020)
        #expect(impacts.map(\.node) == ["i1", "i2", "i3"])
        #expect(impacts.map(\.meanAbsoluteRankChange) == [1.5, 1.0, 1.0])
        #expect(impacts.map(\.maxAbsoluteRankChange) == [2, 2, 1])
        #expect(impacts.allSatisfy { $0.comparedUnits == 4 && $0.unitsNoLongerScored.isEmpty })
    }

    // A unit whose only input is the removed indicator loses its score and is named.
    @Test func removeOneNamesUnitsThatLoseTheirScore() throws {
        let nodes = ["i1", "i2"].map {
            FrameworkNode(id: $0, content: .indicator(IndicatorSpec(series: $0, direction: .higherIsBetter)))
        }
        let framework = Framework(
            root: FrameworkNode(id: "IDX", content: .composite(children: nodes, aggregation: nil, coverage: 0)),
            methods: MethodChoices(normalisation: .none))
        let cube = try IndicatorCube(units: ["A", "B", "C"], series: ["i1", "i2"], years: [2020],
                                     values: [1, 2, 3, 5, .nan, 4])
        let prepared = try Construction.prepare(framework, cube: cube)
        let impacts = try Audit.removeOne(prepared: prepared, nominal: try prepared.aggregate(), year: 2020)
        // Without i1: A 5, B not scored, C 4 → A 1, C 2 (before: C 3.5 → 1, A 3 → 2, B 2 → 3).
        #expect(impacts[0].unitsNoLongerScored == ["B"])
        #expect(impacts[0].comparedUnits == 2)
        #expect(impacts[0].meanAbsoluteRankChange == 1)
    }
}
