import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Convergence")
struct ConvergenceTests {
    /// Units (1,2,3), (3,3,3), (5,4,3) over 2000–2002.
    /// 2000: mean 3, σ = √((4+0+4)/3) = √(8/3) = 1.632993, CV = 0.544331;
    /// 2001: values (2,3,4), σ = √(2/3) = 0.816497, CV = 0.272166; 2002: σ = 0, CV = 0.
    /// σ falls by exactly √(2/3) a year (√(8/3) = 2√(2/3)), so the trend has slope −√(2/3), SE 0 and R² = 1.
    @Test func sigmaHandWorked() throws {
        let panel = try ConvergencePanel(values: [[1, 2, 3], [3, 3, 3], [5, 4, 3]], years: [2000, 2001, 2002])
        let sigma = try SigmaConvergence(panel)
        #expect(sigma.counts == [3, 3, 3])
        #expect(isNear(sigma.standardDeviations[0], (8.0 / 3).squareRoot(), 1e-15))
        #expect(isNear(sigma.standardDeviations[1], (2.0 / 3).squareRoot(), 1e-15))
        // Exact by construction: the mean of (3, 3, 3) and its deviations are exact in binary (own loops, no BLAS).
        #expect(sigma.standardDeviations[2] == 0)
        #expect(isNear(sigma.coefficientsOfVariation[0], (8.0 / 3).squareRoot() / 3, 1e-15))
        let trend = try #require(sigma.standardDeviationTrend)
        #expect(isNear(trend.slope, -(2.0 / 3).squareRoot(), 1e-12))
        #expect(isNear(trend.slopeStandardError, 0, 1e-7))
        #expect(isNear(trend.rSquared, 1, 1e-12))
    }

    /// Unequal year spacing; expected values from scipy:
    /// ```
    /// python3 -c '
    /// import numpy as np; from scipy.stats import linregress
    /// v=np.array([[10.,14,21,30,38],[40,44,50,57,61],[25,33,35,47,52],[5,9,16,20,31]]); yrs=np.array([2015,2016,2018,2019,2022])
    /// sd=v.std(axis=0); cv=sd/v.mean(axis=0)
    /// for s in (sd,cv):
    ///   r=linregress(yrs,s); print(r.slope,r.intercept,r.stderr,r.rvalue**2)
    /// g=np.log(v[:,-1]/v[:,0])/7; r=linregress(np.log(v[:,0]),g); print(r.intercept,r.slope,r.stderr,r.rvalue**2)'
    /// ```
    static let values: [[Double]] = [[10, 14, 21, 30, 38], [40, 44, 50, 57, 61], [25, 33, 35, 47, 52], [5, 9, 16, 20, 31]]
    static let years = [2015, 2016, 2018, 2019, 2022]

    @Test func sigmaAndBetaMatchScipy() throws {
        let panel = try ConvergencePanel(values: Self.values, years: Self.years)
        let sigma = try SigmaConvergence(panel)
        let sd = try #require(sigma.standardDeviationTrend), cv = try #require(sigma.cvTrend)
        #expect(isNear(sd.slope, -0.27137060751907205, 1e-10))
        #expect(isNear(sd.intercept, 561.0664105842388, 1e-10))
        #expect(isNear(sd.slopeStandardError, 0.15993855556876807, 1e-10))
        #expect(isNear(sd.rSquared, 0.4896962508992458, 1e-10))
        #expect(isNear(cv.slope, -0.05942979942076044, 1e-10))
        #expect(isNear(cv.slopeStandardError, 0.007358671229878988, 1e-10))
        #expect(isNear(cv.rSquared, 0.9560274271098116, 1e-10))
        #expect(isNear(sigma.coefficientsOfVariation[4], 0.2574807585463732, 1e-14))
        let beta = try BetaConvergence(panel)
        #expect(beta.elapsedYears == 7)
        #expect(isNear(beta.alpha, 0.41389156828534346, 1e-12))
        #expect(isNear(beta.beta, -0.09605492906734002, 1e-12))
        #expect(isNear(beta.betaStandardError, 0.0011085988131704493, 1e-12))
        #expect(isNear(beta.rSquared, 0.9997336677114115, 1e-12))
    }

    /// Hand-solved OLS. T = 10 years; ln x₀ = (0, 1, 2, 3) and annual growth g = (0.05, 0.04, 0.02, 0.01), i.e.
    /// x_T = exp(ln x₀ + 10g). x̄ = 1.5, ḡ = 0.03, Sxx = 2.25+0.25+0.25+2.25 = 5,
    /// Sxy = (−1.5)(0.02) + (−0.5)(0.01) + (0.5)(−0.01) + (1.5)(−0.02) = −0.07.
    /// β = −0.07/5 = −0.014; α = 0.03 + 0.014·1.5 = 0.051.
    /// Fitted (0.051, 0.037, 0.023, 0.009), residuals (−0.001, 0.003, −0.003, 0.001), RSS = 2e−5,
    /// SE(β) = √(2e−5/2/5) = √(2e−6) = 0.00141421; TSS = 0.001, R² = 1 − 0.02 = 0.98.
    /// λ = −ln(1 − 0.14)/10 = 0.0150823; half-life = ln 2/λ = 45.9574 years.
    /// Two more units are excluded: one missing in 2000, one with a 0 in 2010; a missing middle year is ignored.
    @Test func betaHandSolved() throws {
        let logStart: [Double] = [0, 1, 2, 3], g: [Double] = [0.05, 0.04, 0.02, 0.01]
        var rows = zip(logStart, g).map { [exp($0), .nan, exp($0 + 10 * $1)] }
        rows.append([.nan, 3, 4])
        rows.append([2, 3, 0])
        let beta = try BetaConvergence(try ConvergencePanel(values: rows, years: [2000, 2005, 2010]))
        #expect(isNear(beta.beta, -0.014, 1e-13))
        #expect(isNear(beta.alpha, 0.051, 1e-13))
        #expect(isNear(beta.betaStandardError, 2e-6.squareRoot(), 1e-10))
        #expect(isNear(beta.rSquared, 0.98, 1e-10))
        #expect(beta.count == 4)
        #expect(isNear(beta.speed, -log(0.86) / 10, 1e-12))
        #expect(isNear(beta.speed, 0.0150823, 1e-6))
        #expect(isNear(beta.halfLife, 45.9574, 1e-4))
        #expect(beta.excludedUnits == [
            .init(unit: 4, reason: .missingStart), .init(unit: 5, reason: .nonPositive),
        ])
    }

    /// β ≥ 0 (divergence): λ ≤ 0 and no half-life; 1 + βT ≤ 0: λ undefined.
    @Test func betaUndefinedSpeedAndHalfLife() throws {
        // Growth rises with the initial level: β > 0.
        let diverging = try BetaConvergence(try ConvergencePanel(
            values: [[1, exp(0.1)], [exp(1), exp(1.3)], [exp(2), exp(2.5)]], years: [2000, 2001]))
        #expect(diverging.beta > 0 && diverging.speed! < 0 && diverging.halfLife == nil)
        // T = 1, ln-growth = −2·ln x₀ exactly: β = −2, 1 + βT = −1 ≤ 0.
        let reversing = try BetaConvergence(try ConvergencePanel(
            values: [[1, 1], [2, 0.5], [4, 0.25]].map { [$0[0], $0[0] * exp(-2 * log($0[0]))] }, years: [2000, 2001]))
        #expect(isNear(reversing.beta, -2, 1e-12))
        #expect(reversing.speed == nil && reversing.halfLife == nil)
        #expect(throws: AnalysisError.tooFewObservations(measure: "beta convergence", expected: 2, found: 1)) {
            try BetaConvergence(try ConvergencePanel(values: [[1, 2], [.nan, 3]], years: [2000, 2001]))
        }
    }

    /// Ranks (1,2,3) then (2,1,3): sums (3,3,6), population variance 2; Var(2·(1,2,3)) = Var(2,4,6) = 8/3;
    /// γ = 2/(8/3) = 0.75. Ranks reversed in year 2: sums equal, γ = 0. Unchanged ranks: γ = 1 in every year.
    @Test func gammaHandWorked() throws {
        let mixed = try GammaConvergence(try ConvergencePanel(values: [[1, 20], [2, 10], [3, 30]], years: [2000, 2001]))
        #expect(mixed.series[0] == 1)
        #expect(isNear(mixed.value, 0.75, 1e-15))
        let reversed = try GammaConvergence(try ConvergencePanel(values: [[1, 3], [2, 2], [3, 1]], years: [2000, 2001]))
        #expect(reversed.value == 0)
        let stable = try GammaConvergence(try ConvergencePanel(values: Self.values, years: Self.years))
        // Those four units keep their order (3 < 0 < 2 < 1) in every year, so γ stays 1.
        #expect(stable.series.allSatisfy { isNear($0, 1, 1e-15) })
        let unchanged = try GammaConvergence(try ConvergencePanel(
            values: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], years: [1, 2, 3, 4]))
        #expect(unchanged.series.allSatisfy { isNear($0, 1, 1e-15) })
        // A unit with a gap is excluded.
        let gappy = try GammaConvergence(try ConvergencePanel(
            values: [[1, 20], [2, 10], [3, 30], [4, .nan]], years: [2000, 2001]))
        #expect(gappy.excludedUnits == [3] && gappy.count == 3 && isNear(gappy.value, 0.75, 1e-15))
    }

    /// (1,2), (3,5), (2,5): 2000 best 3, δ = 2+0+1 = 3; 2001 best 5, δ = 3+0+0 = 3.
    /// Lower is better: 2000 best 1, δ = 0+2+1 = 3; 2001 best 2, δ = 0+3+3 = 6.
    @Test func deltaHandWorked() throws {
        let panel = try ConvergencePanel(values: [[1, 2], [3, 5], [2, 5]], years: [2000, 2001])
        let high = try DeltaConvergence(panel)
        #expect(high.delta == [3, 3] && high.frontier == [3, 5])
        // δ is constant (3, 3): the trend is flat by construction (LinearTrend's equal-y case, no solver), so the
        // slope is exactly 0 on every BLAS kernel; the general fit agrees within rounding.
        #expect(high.trend?.slope == 0)
        let fitted = try LinearTrend(x: [2000, 2001, 2002], y: [3, 3, 3.000000000000001])
        #expect(abs(fitted.slope) < 1e-14)
        let low = try DeltaConvergence(panel, higherIsBetter: false)
        #expect(low.delta == [3, 6] && low.frontier == [1, 2])
        #expect(isNear(low.trend!.slope, 3, 1e-12))
    }

    /// Balanced coverage drops a unit with a gap everywhere; available coverage uses it where observed.
    @Test func coverage() throws {
        let panel = try ConvergencePanel(values: [[1, 2, 3], [3, 3, 3], [5, .nan, 9]], years: [2000, 2001, 2002])
        let balanced = try SigmaConvergence(panel)
        #expect(balanced.excludedUnits == [2] && balanced.counts == [2, 2, 2])
        #expect(balanced.standardDeviations[0] == 1)
        let available = try SigmaConvergence(panel, coverage: .available)
        #expect(available.excludedUnits.isEmpty && available.counts == [3, 2, 3])
        #expect(isNear(available.standardDeviations[0], (8.0 / 3).squareRoot(), 1e-15))
        let delta = try DeltaConvergence(panel, coverage: .available)
        #expect(delta.delta == [6, 1, 12])
    }

    @Test func panelErrors() throws {
        #expect(throws: AnalysisError.self) { try ConvergencePanel(values: [[1, 2]], years: [2001, 2001]) }
        #expect(throws: AnalysisError.lengthMismatch(
            measure: "convergence panel", argument: "values[1]", expected: 2, found: 3)) {
            try ConvergencePanel(values: [[1, 2], [1, 2, 3]], years: [2000, 2001])
        }
        #expect(throws: AnalysisError.tooFewObservations(measure: "convergence panel", expected: 2, found: 1)) {
            try ConvergencePanel(values: [[1]], years: [2000])
        }
        #expect(throws: AnalysisError.self) { try ConvergencePanel(values: [[1, .infinity]], years: [2000, 2001]) }
        #expect(throws: AnalysisError.self) {
            try GammaConvergence(try ConvergencePanel(values: [[1, 2], [1, 3]], years: [2000, 2001]))
        }
    }

    @Test func encodesWithSnakeCaseKeys() throws {
        let beta = try BetaConvergence(try ConvergencePanel(values: Self.values, years: Self.years))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(beta)) as! [String: Any]
        for key in ["alpha", "beta", "beta_standard_error", "r_squared", "count", "speed", "half_life"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(try JSONDecoder().decode(BetaConvergence.self, from: JSONEncoder().encode(beta)) == beta)
        // A panel with one observed year has no trend: the key is there, as null.
        let sparse = try ConvergencePanel(values: [[1, .nan], [3, .nan]], years: [2000, 2001])
        for value in [try JSONEncoder().encode(SigmaConvergence(sparse, coverage: .available)),
                      try JSONEncoder().encode(DeltaConvergence(sparse, coverage: .available))] {
            let object = try JSONSerialization.jsonObject(with: value) as! [String: Any]
            #expect(object["cv_trend"] is NSNull || object["trend"] is NSNull)
        }
        let sigma = try SigmaConvergence(sparse, coverage: .available)
        #expect(try JSONDecoder().decode(SigmaConvergence.self, from: JSONEncoder().encode(sigma)) == sigma)
    }
}
