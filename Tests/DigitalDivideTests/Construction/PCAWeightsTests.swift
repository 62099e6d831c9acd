import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
import LinearAlgebra

@Suite struct PCAWeightsTests {
    // numpy: Xc = rows without NaN; R = np.corrcoef(Xc, rowvar=False); w, V = np.linalg.eigh(R);
    // v = V[:, -1], sign chosen so that v.sum() > 0 → [0.644656162087531, 0.6948678449238744, 0.3187116420424973]
    @Test func firstComponentLoadingsOfTheCorrelationMatrix() throws {
        let data = try Matrix(rows: [[1, 2, 5], [2, 2.5, 1], [3, 5, 4], [4, 4, 2], [5, 7, 6], [6, 6.5, 3], [.nan, 1, 1]])
        let w = try PCAWeights.firstComponent(data)
        #expect(close(w, [0.644656162087531, 0.6948678449238744, 0.3187116420424973], 1e-10))
    }

    // Two perfectly opposed children: loadings ±1/√2, so one weight is negative whatever the sign.
    @Test func negativeLoadingsAreAnError() throws {
        let data = try Matrix(rows: [[1, 6], [2, 5], [3, 4], [4, 1]])
        #expect(throws: ConstructionError.self) { try PCAWeights.firstComponent(data, node: "P", children: ["x", "y"]) }
        let constant = try Matrix(rows: [[1, 6], [2, 6], [3, 6], [4, 6]])
        #expect(throws: ConstructionError.self) { try PCAWeights.firstComponent(constant) }
        let short = try Matrix(rows: [[1, 6], [2, 5]])
        #expect(throws: ConstructionError.self) { try PCAWeights.firstComponent(short) }
    }

    // Hand-worked index (ConstructionPipelineTests): P1's children a = [0, 50, 100] and b = [0, 100, 50] on the
    // complete units A–C correlate positively (r = 0.5), so PC1 = (1, 1)/√2: equal weights; likewise the root's
    // P1 = [0, 75, 75, 25] and P2 = [0, 50, 100, 25]. IDX = (P1 + P2)/2: B (75 + 50)/2 = 62.5.
    @Test func pcaWeightingInThePipeline() throws {
        var f = ConstructionPipelineTests.framework()
        f.methods.weighting = .pca
        let r = try Construction.run(f, cube: ConstructionPipelineTests.cube())
        let a = r.plan.node("a")!, b = r.plan.node("b")!, p1 = r.plan.node("P1")!, p2 = r.plan.node("P2")!
        #expect(close(r.weights[a], 0.5.squareRoot(), 1e-12))
        #expect(close(r.weights[b], 0.5.squareRoot(), 1e-12))
        #expect(close(r.weights[p1], r.weights[p2], 1e-12))
        #expect(close(r.score(unit: "B", node: "IDX", year: 2020)!, 62.5, 1e-12))
        #expect(close(r.effectiveWeights()[a], 0.25, 1e-12))
    }
}
