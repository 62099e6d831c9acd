import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Inequality")
struct InequalityTests {
    // MARK: Hand-worked cases

    /// x = (1, 2, 3, 4), μ = 2.5.
    /// Gini: Σᵢ Σⱼ |xᵢ − xⱼ| = 2·(1+2+3+1+2+1) = 20; G = 20/(2·4²·2.5) = 0.25.
    ///   Sorted form: 2·Σ k·x₍ₖ₎ = 2·(1+4+9+16) = 60, (N+1)Σx = 50, (60 − 50)/(4·10) = 0.25.
    /// Theil T: r = x/μ = (0.4, 0.8, 1.2, 1.6); Σ r ln r = −0.366516 − 0.178515 + 0.218786 + 0.752006 = 0.425761;
    ///   T = 0.425761/4 = 0.106440.
    /// Theil L: (ln 2.5 + ln 1.25 + ln(2.5/3) + ln 0.625)/4 = (0.916291 + 0.223144 − 0.182322 − 0.470004)/4 = 0.121777.
    /// Atkinson ε=1: 1 − (1·2·3·4)^(1/4)/2.5 = 1 − 2.213364/2.5 = 0.114654 (= 1 − e^(−L)).
    /// Atkinson ε=2: 1 − HM/μ, HM = 4/(1 + 1/2 + 1/3 + 1/4) = 1.92, so 1 − 1.92/2.5 = 0.232 exactly.
    /// Atkinson ε=0.5: √r = (0.632456, 0.894427, 1.095445, 1.264911), mean 0.971810, squared 0.944414 → 0.055586.
    /// CV: population variance ((1.5² + 0.5²)·2)/4 = 1.25, σ = 1.118034, CV = 0.447214.
    /// Quintile ratio: each unit holds 25% of the population; the bottom fifth is 0.2 of unit 1 (mass 0.2·1), the
    ///   top fifth 0.2 of unit 4 (mass 0.2·4): ratio 4.
    @Test func handWorkedOneToFour() throws {
        let x: [Double] = [3, 1, 4, 2]
        #expect(isNear(try Inequality.gini(x), 0.25, 1e-15))
        #expect(isNear(try Inequality.theilT(x), 0.106440, 1e-6))
        #expect(isNear(try Inequality.theilL(x), 0.121777, 1e-6))
        #expect(isNear(try Inequality.atkinson(x, epsilon: 1), 0.114654, 1e-6))
        #expect(isNear(try Inequality.atkinson(x, epsilon: 2), 0.232, 1e-14))
        #expect(isNear(try Inequality.atkinson(x, epsilon: 0.5), 0.055586, 1e-6))
        #expect(try Inequality.atkinson(x, epsilon: 0) == 0)
        #expect(isNear(try Inequality.coefficientOfVariation(x), 1.25.squareRoot() / 2.5, 1e-15))
        #expect(isNear(try Inequality.quintileShareRatio(x), 4, 1e-14))
    }

    /// Lorenz curve of (3, 1, 4, 2): sorted (1, 2, 3, 4), total 10:
    /// (0,0), (0.25, 0.1), (0.5, 0.3), (0.75, 0.6), (1, 1). Gini = 1 − Σ 0.25·(Lₖ + Lₖ₋₁)
    /// = 1 − 0.25·(0.1 + 0.4 + 0.9 + 1.6) = 1 − 0.75 = 0.25.
    @Test func lorenzCurveHandWorked() throws {
        let points = try Inequality.lorenzCurve([3, 1, 4, 2])
        let expected: [(Double, Double)] = [(0, 0), (0.25, 0.1), (0.5, 0.3), (0.75, 0.6), (1, 1)]
        #expect(points.count == expected.count)
        for (point, (p, l)) in zip(points, expected) {
            #expect(isNear(point.populationShare, p, 1e-15) && isNear(point.valueShare, l, 1e-15))
        }
        var area = 0.0
        for k in 1..<points.count {
            area += (points[k].populationShare - points[k - 1].populationShare)
                * (points[k].valueShare + points[k - 1].valueShare)
        }
        #expect(isNear(1 - area, 0.25, 1e-15))
    }

    /// x = (1, 2, 3) with population shares (0.1, 0.3, 0.6): P = (0.1, 0.4, 1).
    /// Bottom fifth: all of unit 1 (0.1·1) and 0.1 of unit 2 (0.1·2): mass 0.3. Top fifth: 0.2 of unit 3: 0.6.
    /// Ratio 0.6/0.3 = 2.
    @Test func quintileRatioSplitsAUnitAcrossTheBoundary() throws {
        #expect(isNear(try Inequality.quintileShareRatio([1, 2, 3], weights: [1, 3, 6]), 2, 1e-14))
        // Five equal units: largest over smallest. Ten: mean of top two over mean of bottom two.
        #expect(isNear(try Inequality.quintileShareRatio([5, 1, 4, 2, 3]), 5, 1e-14))
        #expect(isNear(try Inequality.quintileShareRatio(Array(1...10).map(Double.init)), 19.0 / 3.0, 1e-14))
        #expect(try Inequality.quintileShareRatio([7]) == 1)
    }

    // MARK: Cross-check with numpy

    /// Expected values from an independent numpy implementation (double-sum Gini, Lorenz interpolation):
    /// ```
    /// python3 -c '
    /// import numpy as np
    /// x=np.array([23.4,56.7,89.1,12.3,67.8,45.6,91.2,34.5]); w=np.array([120.5,33.2,8.1,210.0,15.5,60.2,5.3,98.7])
    /// def m(x,w):
    ///     p=w/w.sum(); mu=(p*x).sum(); r=x/mu
    ///     g=(p[:,None]*p[None,:]*np.abs(x[:,None]-x[None,:])).sum()/(2*mu)
    ///     T=(p*r*np.log(r)).sum(); L=-(p*np.log(r)).sum()
    ///     a05=1-((p*r**0.5).sum())**2; a1=1-np.exp((p*np.log(x)).sum())/mu; a2=1-1/((p/r).sum())
    ///     cv=np.sqrt((p*(x-mu)**2).sum())/mu
    ///     o=np.argsort(x); P=np.r_[0,np.cumsum(p[o])]; Lz=np.r_[0,np.cumsum(p[o]*x[o])]/mu
    ///     return g,T,L,a05,a1,a2,cv,(1-np.interp(0.8,P,Lz))/np.interp(0.2,P,Lz)
    /// print(m(x,w)); print(m(x,np.ones(8)))'
    /// ```
    static let x: [Double] = [23.4, 56.7, 89.1, 12.3, 67.8, 45.6, 91.2, 34.5]
    static let w: [Double] = [120.5, 33.2, 8.1, 210.0, 15.5, 60.2, 5.3, 98.7]

    @Test(arguments: [
        (true, [0.32980841920856585, 0.1804292904862753, 0.18218919119671861, 0.08733386751949945,
                0.16655635470170982, 0.2917227561265081, 0.63553542024482, 4.670433186652808]),
        (false, [0.29475748930099854, 0.14485832806588161, 0.17719660127166506, 0.0771589555949056,
                 0.16238490785812232, 0.3370512298026722, 0.5175604387468037, 5.492027334851936]),
    ])
    func matchesNumpy(weighted: Bool, expected: [Double]) throws {
        let weights = weighted ? Self.w : nil
        let x = Self.x
        let got = [
            try Inequality.gini(x, weights: weights), try Inequality.theilT(x, weights: weights),
            try Inequality.theilL(x, weights: weights), try Inequality.atkinson(x, epsilon: 0.5, weights: weights),
            try Inequality.atkinson(x, epsilon: 1, weights: weights),
            try Inequality.atkinson(x, epsilon: 2, weights: weights),
            try Inequality.coefficientOfVariation(x, weights: weights),
            try Inequality.quintileShareRatio(x, weights: weights),
        ]
        for (g, e) in zip(got, expected) { #expect(isNear(g, e, 1e-13), "\(g) vs \(e)") }
    }

    // MARK: Decomposition

    /// x = (1, 3 | 2, 6), groups A, B, unweighted. μ = 3, μ_A = 2, μ_B = 4, P_A = P_B = 1/2,
    /// S_A = (1/2)(2/3) = 1/3, S_B = 2/3.
    /// T_B = (1/3) ln(2/3) + (2/3) ln(4/3) = −0.135155 + 0.191788 = 0.056633.
    /// Both groups have ratios (0.5, 1.5) to their mean: T_g = (0.5 ln 0.5 + 1.5 ln 1.5)/2 = 0.130812 = T_W.
    /// T = (Σ r ln r)/4 with r = (1/3, 1, 2/3, 2): (−0.366204 + 0 − 0.270310 + 1.386294)/4 = 0.187445 = T_B + T_W.
    /// L_B = ½ ln(3/2) + ½ ln(3/4) = 0.058892; L_g = ½(ln 2 + ln(2/3)) = 0.143841 = L_W;
    /// L = (ln 3 + ln 1 + ln 1.5 + ln 0.5)/4 = 0.202733 = L_B + L_W.
    @Test func decompositionHandWorked() throws {
        let x: [Double] = [1, 2, 3, 6]
        let groups = ["A", "B", "A", "B"]
        let d = try Inequality.theilDecomposition(x, groups: groups)
        #expect(isNear(d.between.theilT, 0.056633, 1e-6))
        #expect(isNear(d.within.theilT, 0.130812, 1e-6))
        #expect(isNear(d.between.theilL, 0.058892, 1e-6))
        #expect(isNear(d.within.theilL, 0.143841, 1e-6))
        #expect(d.groups.map(\.group) == ["A", "B"])
        #expect(isNear(d.groups[0].valueShare, 1.0 / 3, 1e-15) && isNear(d.groups[1].valueShare, 2.0 / 3, 1e-15))
        #expect(isNear(try Inequality.theilT(x), 0.187445, 1e-6))
        #expect(isNear(try Inequality.theilL(x), 0.202733, 1e-6))
        // The unweighted PySAL form T_B = Σ S_g ln(S_g N/n_g).
        let pysal = (1.0 / 3) * log((1.0 / 3) * 4 / 2) + (2.0 / 3) * log((2.0 / 3) * 4 / 2)
        #expect(isNear(d.between.theilT, pysal, 1e-15))
    }

    /// Between + within equals the total to rounding, weighted and unweighted, on random data with 1–6 groups.
    @Test func decompositionPartsAddUpToTotal() throws {
        var rng = Xoshiro256StarStar(seed: 2026)
        for trial in 0..<200 {
            let n = 2 + Int(rng.next() % 40)
            let groupCount = 1 + Int(rng.next() % 6)
            let x = (0..<n).map { _ in 0.5 + 99 * rng.uniform() }
            let w = (0..<n).map { _ in exp(8 * rng.uniform()) }
            let g = (0..<n).map { _ in "g\(rng.next() % UInt64(groupCount))" }
            for weights in [nil, w] {
                let s = try Inequality.summary(x, weights: weights, groups: g)
                let d = try #require(s.decomposition)
                #expect(abs(d.between.theilT + d.within.theilT - s.theilT) <= 1e-14, "trial \(trial)")
                let l = try #require(s.theilL)
                #expect(abs(try #require(d.between.theilL) + (try #require(d.within.theilL)) - l) <= 1e-14)
                #expect(d.between.theilT >= -1e-15 && d.between.theilL! >= -1e-15)
                let shares = d.groups.reduce(0) { $0 + $1.valueShare }
                #expect(isNear(shares, 1, 1e-14))
            }
        }
    }

    /// Population-weighted decomposition of the numpy example by groups A, B, C, against numpy:
    /// ```
    /// python3 -c '
    /// import numpy as np
    /// x=np.array([23.4,56.7,89.1,12.3,67.8,45.6,91.2,34.5]); w=np.array([120.5,33.2,8.1,210.0,15.5,60.2,5.3,98.7])
    /// g=np.array(list("ABABCCAB")); p=w/w.sum(); mu=(p*x).sum(); TB=TW=LB=LW=0
    /// for G in sorted(set(g)):
    ///     m=g==G; P=p[m].sum(); mg=(p[m]*x[m]).sum()/P; S=P*mg/mu
    ///     Tg=((p[m]/P)*(x[m]/mg)*np.log(x[m]/mg)).sum(); Lg=-((p[m]/P)*np.log(x[m]/mg)).sum()
    ///     TB+=S*np.log(mg/mu); TW+=S*Tg; LB+=P*np.log(mu/mg); LW+=P*Lg
    /// print(TB,TW,LB,LW)'
    /// ```
    @Test func weightedDecompositionMatchesNumpy() throws {
        let d = try Inequality.theilDecomposition(Self.x, groups: "ABABCCAB".map(String.init), weights: Self.w)
        #expect(isNear(d.between.theilT, 0.04491514448443479, 1e-13))
        #expect(isNear(d.within.theilT, 0.13551414600184047, 1e-13))
        #expect(isNear(d.between.theilL, 0.040220955449455045, 1e-13))
        #expect(isNear(d.within.theilL, 0.14196823574726375, 1e-13))
    }

    /// A group of zeros contributes nothing to Theil T (S_g = 0) and makes Theil L undefined.
    @Test func decompositionWithAZeroGroup() throws {
        let x: [Double] = [0, 0, 2, 6]
        let s = try Inequality.summary(x, groups: ["Z", "Z", "B", "B"])
        let d = try #require(s.decomposition)
        #expect(d.groups[1].valueShare == 0 && d.groups[1].theilT == 0)
        #expect(abs(d.between.theilT + d.within.theilT - s.theilT) <= 1e-15)
        // T_B = 1·ln(4/2) = ln 2 (all value in group B, whose mean is twice the overall mean).
        #expect(isNear(d.between.theilT, log(2), 1e-15))
        #expect(d.between.theilL == nil && d.within.theilL == nil && s.theilL == nil)
    }

    // MARK: Properties

    /// Integer weights are replication counts: the weighted measures equal the unweighted measures of the data set
    /// with unit i repeated wᵢ times.
    @Test func weightsActAsReplicationCounts() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        for _ in 0..<100 {
            let n = 1 + Int(rng.next() % 15)
            let x = (0..<n).map { _ in (100 * rng.uniform() * 4).rounded() / 4 + 0.25 }
            let counts = (0..<n).map { _ in Double(1 + rng.next() % 5) }
            var replicated: [Double] = []
            var labels: [String] = [], replicatedLabels: [String] = []
            for i in 0..<n {
                labels.append("g\(i % 3)")
                for _ in 0..<Int(counts[i]) {
                    replicated.append(x[i])
                    replicatedLabels.append("g\(i % 3)")
                }
            }
            let a = try Inequality.summary(x, weights: counts, groups: labels, atkinsonEpsilon: 1.5)
            let b = try Inequality.summary(replicated, groups: replicatedLabels, atkinsonEpsilon: 1.5)
            #expect(isNear(a.gini, b.gini, 1e-13))
            #expect(isNear(a.theilT, b.theilT, 1e-13))
            #expect(isNear(a.theilL, try #require(b.theilL), 1e-13))
            #expect(isNear(a.atkinson, try #require(b.atkinson), 1e-13))
            #expect(isNear(a.cv, b.cv, 1e-13))
            #expect(isNear(a.quintileRatio, try #require(b.quintileRatio), 1e-12))
            #expect(isNear(a.decomposition!.between.theilT, b.decomposition!.between.theilT, 1e-13))
            #expect(isNear(a.decomposition!.within.theilL, b.decomposition!.within.theilL!, 1e-13))
        }
    }

    /// Gini, Theil T and L, Atkinson and CV are unchanged when every value is multiplied by c > 0.
    @Test func scaleInvariance() throws {
        let x = Self.x, w = Self.w
        for c in [1e-3, 0.37, 2.0, 1234.5] {
            let a = try Inequality.summary(x, weights: w, atkinsonEpsilon: 2)
            let b = try Inequality.summary(x.map { $0 * c }, weights: w, atkinsonEpsilon: 2)
            #expect(isNear(a.gini, b.gini, 1e-13) && isNear(a.theilT, b.theilT, 1e-13))
            #expect(isNear(a.theilL!, b.theilL!, 1e-13) && isNear(a.atkinson!, b.atkinson!, 1e-13))
            #expect(isNear(a.cv, b.cv, 1e-13) && isNear(a.quintileRatio!, b.quintileRatio!, 1e-12))
            // Scaling the weights changes nothing either.
            let s = try Inequality.summary(x, weights: w.map { $0 * c }, atkinsonEpsilon: 2)
            #expect(isNear(a.gini, s.gini, 1e-13) && isNear(a.theilT, s.theilT, 1e-13))
        }
    }

    /// Pigou–Dalton: moving δ from a richer to a poorer unit without reversing their order lowers every measure.
    @Test func pigouDaltonTransferLowersInequality() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        for _ in 0..<100 {
            let n = 2 + Int(rng.next() % 20)
            var x = (0..<n).map { _ in 1 + 99 * rng.uniform() }
            let before = try Inequality.summary(x, atkinsonEpsilon: 1)
            let poor = x.indices.min { x[$0] < x[$1] }!, rich = x.indices.max { x[$0] < x[$1] }!
            guard x[rich] > x[poor] else { continue }
            let delta = (x[rich] - x[poor]) * (0.05 + 0.4 * rng.uniform())
            x[rich] -= delta
            x[poor] += delta
            let after = try Inequality.summary(x, atkinsonEpsilon: 1)
            #expect(after.gini < before.gini)
            #expect(after.theilT < before.theilT)
            #expect(after.theilL! < before.theilL!)
            #expect(after.atkinson! < before.atkinson!)
            #expect(after.cv < before.cv)
        }
    }

    /// The O(N log N) weighted Gini equals the O(N²) definition and one minus twice the Lorenz area.
    @Test func weightedGiniMatchesDefinitionAndLorenzArea() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        for _ in 0..<100 {
            let n = 1 + Int(rng.next() % 30)
            // Include ties: values on a coarse grid.
            let x = (0..<n).map { _ in Double(rng.next() % 10) }
            guard x.contains(where: { $0 > 0 }) else { continue }
            let w = (0..<n).map { _ in 0.1 + rng.uniform() }
            let total = w.reduce(0, +)
            let p = w.map { $0 / total }
            let mu = zip(p, x).reduce(0) { $0 + $1.0 * $1.1 }
            var double = 0.0
            for i in 0..<n { for j in 0..<n { double += p[i] * p[j] * abs(x[i] - x[j]) } }
            let g = try Inequality.gini(x, weights: w)
            #expect(isNear(g, double / (2 * mu), 1e-13))
            let lorenz = try Inequality.lorenzCurve(x, weights: w)
            var area = 0.0
            for k in 1..<lorenz.count {
                area += (lorenz[k].populationShare - lorenz[k - 1].populationShare)
                    * (lorenz[k].valueShare + lorenz[k - 1].valueShare)
            }
            #expect(isNear(g, 1 - area, 1e-13))
            #expect(lorenz.first == LorenzPoint(populationShare: 0, valueShare: 0))
            #expect(lorenz.last == LorenzPoint(populationShare: 1, valueShare: 1))
            // Unweighted sorted form agrees with the weighted form at equal weights.
            #expect(isNear(try Inequality.gini(x), try Inequality.gini(x, weights: Array(repeating: 2, count: n)), 1e-13))
        }
    }

    /// Extremes: all equal → 0; all but one zero → Gini (N−1)/N, Theil T ln N.
    @Test func extremes() throws {
        let equal = try Inequality.summary([5, 5, 5, 5], atkinsonEpsilon: 2)
        #expect(equal.gini == 0 && equal.theilT == 0 && equal.theilL == 0 && equal.atkinson == 0 && equal.cv == 0)
        #expect(equal.quintileRatio == 1)
        let one = try Inequality.summary([0, 0, 0, 8])
        #expect(isNear(one.gini, 0.75, 1e-15))
        #expect(isNear(one.theilT, log(4), 1e-15))
        #expect(one.theilL == nil && one.quintileRatio == nil)
        #expect(one.atkinson != nil)  // ε = 0.5 allows zeros: 1 − (¼·4^0.5)² = 1 − 0.25 = 0.75
        #expect(isNear(one.atkinson, 0.75, 1e-15))
        #expect(one.notes.count == 2)
    }

    // MARK: Errors and encoding

    @Test func typedErrors() throws {
        #expect(throws: AnalysisError.empty(measure: "Gini", argument: "values")) { try Inequality.gini([]) }
        #expect(throws: AnalysisError.outOfDomain(
            measure: "Gini", argument: "values", index: 1, expected: "a value ≥ 0", found: -1)) {
            try Inequality.gini([1, -1])
        }
        #expect(throws: AnalysisError.nonFinite(measure: "Theil T", argument: "values", index: 2, value: .nan)) {
            try Inequality.theilT([1, 2, .nan])
        }
        #expect(throws: AnalysisError.outOfDomain(
            measure: "Gini", argument: "weights", index: 0, expected: "a weight > 0", found: 0)) {
            try Inequality.gini([1, 2], weights: [0, 1])
        }
        #expect(throws: AnalysisError.lengthMismatch(measure: "Gini", argument: "weights", expected: 2, found: 3)) {
            try Inequality.gini([1, 2], weights: [1, 1, 1])
        }
        #expect(throws: AnalysisError.self) { try Inequality.theilL([1, 0, 2]) }
        #expect(throws: AnalysisError.self) { try Inequality.atkinson([1, 0, 2], epsilon: 1) }
        #expect(throws: AnalysisError.self) { try Inequality.atkinson([1, 2], epsilon: -0.5) }
        #expect(throws: AnalysisError.undefined(measure: "Gini", reason: "every value is 0, so the mean is 0")) {
            try Inequality.gini([0, 0])
        }
        let message = AnalysisError.outOfDomain(
            measure: "Theil L", argument: "values", index: 1, expected: "a value > 0", found: 0).description
        #expect(message == "Theil L: values[1]: expected a value > 0, found 0.0")
    }

    @Test func jsonKeys() throws {
        let s = try Inequality.summary([0, 1, 2, 3], groups: ["a", "a", "b", "b"])
        let data = try JSONEncoder().encode(s)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["gini", "theil_t", "theil_l", "atkinson", "cv", "decomposition", "quintile_ratio", "lorenz"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["theil_l"] is NSNull)
        let decomposition = try #require(object["decomposition"] as? [String: Any])
        let between = try #require(decomposition["between"] as? [String: Any])
        #expect(between["theil_t"] is Double && between["theil_l"] is NSNull)
        #expect(decomposition["within"] is [String: Any])
        #expect(try JSONDecoder().decode(InequalitySummary.self, from: data) == s)
    }
}
