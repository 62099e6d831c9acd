import Testing
@testable import LinearAlgebra

@Suite struct CorrelationTests {
    // python3 -c "import numpy as np, pandas as pd; nan=np.nan;
    //   df=pd.DataFrame({'a':[1.,2,3,4,5,6,7],'b':[2.,nan,3.5,3.5,8,7,9.5],'c':[9.,7,nan,4,4,1,nan],'d':[1.]*7});
    //   print(df.corr('pearson').values); print(df.corr('spearman').values);
    //   print(df.notna().astype(int).T.dot(df.notna().astype(int)).values)"
    let data = try! Matrix(columns: [
        [1, 2, 3, 4, 5, 6, 7],
        [2, .nan, 3.5, 3.5, 8, 7, 9.5],
        [9, 7, .nan, 4, 4, 1, .nan],
        [1, 1, 1, 1, 1, 1, 1],
    ])

    @Test func pearsonPairwiseMatchesPandas() {
        let r = Correlation.pearson(data)
        #expect(close(r.coefficients[0, 1], 0.9236749118767463))
        #expect(close(r.coefficients[0, 2], -0.9778764492824231))
        #expect(close(r.coefficients[1, 2], -0.7521534870360234))
        #expect(close(r.coefficients[2, 1], -0.7521534870360234))
        #expect(r.coefficients[0, 0] == 1 && r.coefficients[1, 1] == 1)
        for k in 0..<4 { #expect(r.coefficients[3, k].isNaN) }  // constant column
        #expect(r.pairCounts == [[7, 6, 5, 7], [6, 6, 4, 6], [5, 4, 5, 5], [7, 6, 5, 7]])
    }

    @Test func spearmanPairwiseMatchesPandas() {
        let r = Correlation.spearman(data)
        #expect(close(r.coefficients[0, 1], 0.9276336570439175))
        #expect(close(r.coefficients[0, 2], -0.9746794344808964))
        #expect(close(r.coefficients[1, 2], -0.6324555320336759))
        #expect(r.coefficients[3, 3].isNaN)
    }

    // Same data frame: print(df.corr('kendall').values)
    @Test func kendallPairwiseMatchesPandas() {
        let r = Correlation.kendall(data)
        #expect(close(r.coefficients[0, 1], 0.8280786712108251))
        #expect(close(r.coefficients[0, 2], -0.9486832980505138))
        #expect(close(r.coefficients[1, 2], -0.5477225575051661))
        #expect(r.coefficients[1, 1] == 1)
        #expect(r.coefficients[3, 3].isNaN)
        #expect(r.pairCounts[1][2] == 4)
    }

    // python3 -c "import scipy.stats as st; x=[1,2,2,3,4,5,5,5,6.]; y=[2,1,2,4,3,5,6,5,7.];
    //   print(st.kendalltau(x,y).statistic, st.spearmanr(x,y).statistic, st.pearsonr(x,y).statistic)"
    // → 0.8185577344976237 0.9314076794245811 0.9135645709117802
    @Test func vectorsMatchScipy() {
        let x: [Double] = [1, 2, 2, 3, 4, 5, 5, 5, 6], y: [Double] = [2, 1, 2, 4, 3, 5, 6, 5, 7]
        #expect(close(Correlation.kendallTauB(x, y), 0.8185577344976237))
        #expect(close(Correlation.spearman(x, y), 0.9314076794245811))
        #expect(close(Correlation.pearson(x, y), 0.9135645709117802))
    }

    // python3 -c "import scipy.stats as st; print(st.kendalltau([2,3.5,8,7],[9,4,4,1]).statistic)"
    // → -0.5477225575051662 (columns b and c above, pairwise complete)
    @Test func kendallSkipsIncompletePairs() {
        #expect(close(Correlation.kendallTauB(data.column(1), data.column(2)), -0.5477225575051662))
        #expect(Correlation.kendallTauB([1], [2]).isNaN)
        #expect(Correlation.kendallTauB([1, 1, 1], [1, 2, 3]).isNaN)
    }

    @Test func perfectAndUndefined() {
        // Own loops (no BLAS), small integers: Sxy = 2·Sxx exactly and √(Sxx·Syy) = 2·Sxx exactly, so r is 1 exactly.
        #expect(Correlation.pearson([1, 2, 3], [2, 4, 6]) == 1)
        #expect(Correlation.pearson([1, 2, 3], [3, 2, 1]) == -1)
        #expect(Correlation.pearson([1, .nan], [1, 2]).isNaN)
    }
}
