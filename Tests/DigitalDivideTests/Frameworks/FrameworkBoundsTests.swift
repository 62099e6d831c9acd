import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Framework files have documented limits that give a clear error instead of hours of work and gigabytes.
@Suite("Framework file limits")
struct FrameworkBoundsTests {
    /// Nested aliases ("billion laughs"): 10⁸ indicators in 8 lines. Refused before decoding.
    @Test func aliasExpansionIsBounded() throws {
        var lines = ["c: &c {id: x, series: s, direction: higher}", "l0: &l0 [" + Array(repeating: "*c", count: 10).joined(separator: ", ") + "]"]
        for i in 1..<8 {
            lines.append("l\(i): &l\(i) [" + Array(repeating: "{id: p\(i), children: *l\(i - 1)}", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("id: bomb\nname: Bomb\naggregation: arithmetic\nchildren: *l7")
        let error = try #require(throws: FrameworkError.self) { try FrameworkFile.load(yaml: lines.joined(separator: "\n"), file: "bomb.yaml") }
        #expect(error.description.contains("expands to more than 100000 YAML nodes"), "\(error)")
    }

    @Test func anOversizedFileIsRefused() throws {
        let yaml = "id: big\nname: \"" + String(repeating: "x", count: FrameworkFile.maxBytes) + "\"\n"
        let error = try #require(throws: FrameworkError.self) { try FrameworkFile.load(yaml: yaml, file: "big.yaml") }
        #expect(error.description.contains("a framework may have at most \(FrameworkFile.maxBytes)"))
    }

    @Test func aRepeatedKeyIsAnErrorAtItsLine() throws {
        let yaml = "id: d\nname: D\nname: E\naggregation: arithmetic\nchildren:\n  - {id: a, series: s, direction: higher}\n"
        let error = try #require(throws: FrameworkError.self) { try FrameworkFile.load(yaml: yaml, file: "dup.yaml") }
        #expect(error.description == "dup.yaml:3: the key \"name\" is given twice in one mapping (lines 2 and 3); YAML keys must be unique",
                "\(error)")
        // In a nested mapping: the repeat's line, not the first occurrence's or the mapping's.
        let nested = """
            id: d
            name: D
            aggregation: arithmetic
            children:
              - id: a
                series: s
                direction: higher
                direction: lower
            """
        let inner = try #require(throws: FrameworkError.self) { try FrameworkFile.load(yaml: nested, file: "n.yaml") }
        #expect(inner.description == "n.yaml:8: the key \"direction\" is given twice in one mapping (lines 7 and 8); YAML keys must be unique",
                "\(inner)")
    }

    /// A framework within the limits that uses aliases legitimately still loads.
    @Test func ordinaryAliasesStillWork() throws {
        let yaml = """
            id: ok
            name: OK
            aggregation: arithmetic
            children:
              - {id: a, series: s1, direction: &up higher}
              - {id: b, series: s2, direction: *up}
            """
        #expect(try FrameworkFile.load(yaml: yaml).indicators.count == 2)
    }
}
