import Testing
@testable import LinearAlgebra

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    (a.isNaN && b.isNaN) || abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct ColumnSummaryTests {
    // python3 -c "import numpy as np, scipy.stats as st; v=np.array([2,4,4,4,5,5,7,9.]);
    //   print(v.sum(), v.mean(), v.var(ddof=1), v.var(), st.skew(v,bias=False), st.kurtosis(v,bias=False))"
    // → 40.0 5.0 4.571428571428571 4.0 0.8184875533567996 0.9406249999999998
    @Test func matchesScipyWithMissing() {
        let s = ColumnSummary([2, 4, 4, 4, .nan, 5, 5, 7, 9])
        #expect(s.count == 8 && s.missing == 1 && s.total == 9)
        #expect(s.sum == 40 && s.mean == 5)
        #expect(close(s.sampleVariance, 4.571428571428571))
        #expect(close(s.populationVariance, 4))
        #expect(close(s.populationStandardDeviation, 2))
        #expect(close(s.sampleStandardDeviation, 4.571428571428571.squareRoot()))
        #expect(s.min == 2 && s.max == 9)
        #expect(close(s.skewness, 0.8184875533567996))
        #expect(close(s.excessKurtosis, 0.9406249999999998))
    }

    // python3 -c "import numpy as np, scipy.stats as st; w=np.array([1.5,-2.25,3.0,10.0,0.125]);
    //   print(w.sum(), w.mean(), w.var(ddof=1), w.var(), st.skew(w,bias=False), st.kurtosis(w,bias=False))"
    // → 12.375 2.475 21.425000000000004 17.140000000000004 1.2892783425852312 2.1746277864426213
    @Test func secondColumnOfAMatrix() throws {
        let m = try Matrix(columns: [
            [2, 4, 4, 4, 5, 5, 7],
            [1.5, .nan, -2.25, 3.0, 10.0, 0.125, .nan],
        ])
        let summaries = m.columnSummaries()
        #expect(summaries.count == 2)
        #expect(summaries[0] == ColumnSummary([2, 4, 4, 4, 5, 5, 7]))
        let s = summaries[1]
        #expect(s.count == 5 && s.missing == 2)
        #expect(close(s.sum, 12.375) && close(s.mean, 2.475))
        #expect(close(s.sampleVariance, 21.425000000000004) && close(s.populationVariance, 17.140000000000004))
        #expect(close(s.skewness, 1.2892783425852312))
        #expect(close(s.excessKurtosis, 2.1746277864426213))
    }

    /// Excel's published KURT formula, computed independently of the g₂ route:
    /// `n(n+1)/((n−1)(n−2)(n−3))·Σ((x−x̄)/s)⁴ − 3(n−1)²/((n−2)(n−3))`; SKEW: `n/((n−1)(n−2))·Σ((x−x̄)/s)³`.
    @Test func agreesWithExcelFormulas() {
        let x: [Double] = [3.1, 0.4, 7.7, 2.2, 9.9, 5.0, 1.1]
        let s = ColumnSummary(x)
        let n = Double(x.count), sd = s.sampleStandardDeviation
        let z3 = x.reduce(0) { $0 + (($1 - s.mean) / sd) * (($1 - s.mean) / sd) * (($1 - s.mean) / sd) }
        let z4 = x.reduce(0) { let z = ($1 - s.mean) / sd; return $0 + z * z * z * z }
        #expect(close(s.skewness, n / ((n - 1) * (n - 2)) * z3))
        #expect(close(s.excessKurtosis,
            n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * z4 - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))))
    }

    @Test func emptyAndAllMissing() {
        for values in [[], [Double.nan, .nan]] {
            let s = ColumnSummary(values)
            #expect(s.count == 0 && s.missing == values.count && s.sum == 0)
            #expect(s.mean.isNaN && s.sampleVariance.isNaN && s.populationVariance.isNaN)
            #expect(s.min.isNaN && s.max.isNaN && s.skewness.isNaN && s.excessKurtosis.isNaN)
        }
    }

    @Test func singleValue() {
        let s = ColumnSummary([.nan, 4.5])
        #expect(s.count == 1 && s.mean == 4.5 && s.min == 4.5 && s.max == 4.5)
        #expect(s.populationVariance == 0 && s.sampleVariance.isNaN)
        #expect(s.skewness.isNaN && s.excessKurtosis.isNaN)
    }

    @Test func allEqualHasZeroVarianceExactly() {
        // 0.1 is not exactly representable; a naive mean would leave rounding-level deviations.
        let s = ColumnSummary([Double](repeating: 0.1, count: 10))
        #expect(s.sampleVariance == 0 && s.populationVariance == 0)
        #expect(s.skewness.isNaN && s.excessKurtosis.isNaN)
        #expect(s.min == 0.1 && s.max == 0.1)
    }

    @Test func smallSamples() {
        // python3 -c "import scipy.stats as st; print(st.skew([1.,2.,10.],bias=False))" → 1.6523167403329908
        let three = ColumnSummary([1, 2, 10])
        #expect(close(three.skewness, 1.6523167403329908))
        #expect(three.excessKurtosis.isNaN)  // needs n ≥ 4
        #expect(ColumnSummary([1, 2]).skewness.isNaN)
    }
}
