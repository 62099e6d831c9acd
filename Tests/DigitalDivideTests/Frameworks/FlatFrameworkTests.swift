import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct FlatFrameworkTests {
    private func indicator(_ id: String, parent: String, line: Int? = nil) -> FlatNode {
        FlatNode(id: id, parent: parent, indicator: IndicatorSpec(series: id.uppercased(), direction: .higherIsBetter),
                 line: line)
    }

    @Test func buildsTheTreeFromParentReferences() throws {
        let f = try Framework(nodes: [
            FlatNode(id: "IDX", parent: nil),
            FlatNode(id: "P1", parent: "IDX", weight: 3, aggregation: .geometric),
            indicator("a", parent: "P1"), indicator("b", parent: "P1"),
            FlatNode(id: "P2", parent: "IDX"), indicator("c", parent: "P2"),
        ])
        #expect(f.root.children.map(\.id) == ["P1", "P2"])
        #expect(f.indicators.map(\.path) == [["IDX", "P1", "a"], ["IDX", "P1", "b"], ["IDX", "P2", "c"]])
        let plan = ConstructionPlan(f)
        #expect(plan.nodes.map(\.level) == [3, 2, 1, 1, 2, 1])
        #expect(plan.nodes[1].aggregation == .geometric)
        #expect(plan.aggregationOrder == [1, 4, 0])
    }

    @Test func detectsCyclesUnknownParentsDuplicatesAndRoots() {
        let nodes = [
            FlatNode(id: "IDX", parent: nil, line: 2),
            FlatNode(id: "P1", parent: "P3", line: 3),
            FlatNode(id: "P3", parent: "P1", line: 4),
            indicator("a", parent: "P1", line: 5),
            indicator("a", parent: "IDX", line: 6),
            indicator("b", parent: "PX", line: 7),
            FlatNode(id: "IDX2", parent: nil, line: 8),
        ]
        do {
            _ = try Framework(nodes: nodes, source: "iMeta.csv")
            Issue.record("expected errors")
        } catch let error as FrameworkError {
            let kinds = error.issues.map(\.kind)
            #expect(kinds.filter { $0 == .cycle }.count == 1)
            #expect(kinds.contains(.duplicateId))
            #expect(kinds.contains(.unknownParent))
            #expect(kinds.contains(.structure))
            #expect(error.description.contains("iMeta.csv:7 (b): parent \"PX\" is not a node of the framework"))
            #expect(error.description.contains("cycle: P1 → P3 → P1") || error.description.contains("cycle: P3 → P1 → P3"),
                    "\(error)")
            #expect(error.description.contains("expected exactly one root (a node without parent), found 2: IDX, IDX2"))
        } catch { Issue.record("wrong error \(error)") }
    }

    @Test func validatesWeightsAndSeriesOfTheBuiltTree() {
        #expect(throws: FrameworkError.self) {
            try Framework(nodes: [FlatNode(id: "IDX", parent: nil), FlatNode(id: "a", parent: "IDX", weight: 0,
                indicator: IndicatorSpec(series: "A", direction: .higherIsBetter))])
        }
        #expect(throws: FrameworkError.self) {
            try Framework(nodes: [FlatNode(id: "IDX", parent: nil), indicator("a", parent: "IDX")], knownSeries: ["B"])
        }
    }
}
