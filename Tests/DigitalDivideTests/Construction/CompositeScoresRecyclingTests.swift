import Testing
@testable import DivideIndex

/// Recycling a composite store reuses its buffers (no fresh memory), with or without the NaN pass.
@Suite struct CompositeScoresRecyclingTests {
    static let plan = ConstructionPlan(Framework(root: FrameworkNode(id: "index", content: .composite(
        children: [FrameworkNode(id: "a", content: .indicator(IndicatorSpec(series: "a", direction: .higherIsBetter))),
                   FrameworkNode(id: "b", content: .indicator(IndicatorSpec(series: "b", direction: .higherIsBetter)))],
        aggregation: .arithmetic, coverage: 1))))

    static func base(_ store: CompositeScores) -> UnsafePointer<Double>? {
        store.values.withUnsafeBufferPointer { $0.baseAddress }
    }

    @Test func recyclingReusesTheBuffersAndResetsToNaN() {
        var old = CompositeScores(plan: Self.plan, units: 5, years: 3)
        old.values[0] = 1
        let address = Self.base(old)
        let recycled = CompositeScores(plan: Self.plan, units: 5, years: 3, recycling: consume old)
        #expect(Self.base(recycled) == address)
        #expect(recycled.values.allSatisfy(\.isNaN) && recycled.coverage.allSatisfy(\.isNaN))
    }

    @Test func keepingReusesTheBuffersAndTheirContents() {
        var old = CompositeScores(plan: Self.plan, units: 5, years: 3)
        old.values[0] = 1
        let address = Self.base(old)
        let kept = CompositeScores(plan: Self.plan, units: 5, years: 3, keeping: consume old)
        #expect(Self.base(kept) == address && kept.values[0] == 1)
        let other = CompositeScores(plan: Self.plan, units: 4, years: 3, keeping: consume kept)
        #expect(other.units == 4 && other.values.allSatisfy(\.isNaN))
    }
}
