import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite struct FrameworkFileTests {
    static let known: Set<String> = ["IT.NET.USER.ZS", "IT.NET.BBND", "SP.POP.TOTL", "ITU.COV.4G", "ITU.MOB.OWN",
                                     "ITU.MBB.PRICE.GNI"]

    /// The first ```yaml block of docs/framework-format.md, so the documented example is tested as written.
    static func documentedExample() throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/framework-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func loadsTheDocumentedExample() throws {
        let f = try FrameworkFile.load(yaml: Self.documentedExample(), file: "example.yaml", knownSeries: Self.known)
        #expect(f.id == "DDI")
        #expect(f.methods.imputation == [.latest(maxYears: 3), .groupMean(grouping: "subregion")])
        #expect(f.methods.treatment == .jrcDefault)
        #expect(f.methods.normalisation == .minMax(lower: 0, upper: 100))
        #expect(f.methods.degenerateScore == 50)
        #expect(f.indicators.map(\.indicator.series) == ["IT.NET.USER.ZS", "IT.NET.BBND", "ITU.COV.4G", "ITU.MOB.OWN",
                                                         "ITU.MBB.PRICE.GNI"])
        let conn = f.root.children[0]
        guard case .composite(_, let method, let coverage) = conn.content else { Issue.record("CONN"); return }
        #expect(method == .geometricShifted(shift: 1))
        #expect(coverage == 0.5)
        #expect(conn.line == 17)
        let price = f.indicators[4].indicator
        #expect(price.direction == .lowerIsBetter)
        #expect(price.target == 2)
        #expect(price.normalisation == .distanceToTarget(cap: true))
        #expect(price.treatment == Treatment.none)
        #expect(f.indicators[1].indicator.transform == .perCapita(denominator: "SP.POP.TOTL", scale: 100))
        #expect(f.indicators[0].indicator.goalposts == Goalposts(lower: 0, upper: 100))
    }

    // Root: CONN 2, AFF 1 → 2/3, 1/3. CONN: net_use 1, fbb 1, ACCESS 1.5 (sum 3.5) → net_use 2/7·2/3 = 4/21,
    // fbb 4/21, ACCESS 3/7·2/3 = 2/7 → cov_4g, mob_own 1/7 each; mbb_price 1/3. Indicators sum to 1.
    @Test func effectiveWeightsAreProductsDownTheTree() throws {
        let f = try FrameworkFile.load(yaml: Self.documentedExample())
        let rows = f.effectiveWeights()
        let eff = Dictionary(uniqueKeysWithValues: rows.map { ($0.path.last!, $0.effective) })
        #expect(close(eff["DDI"]!, 1))
        #expect(close(eff["CONN"]!, 2.0 / 3))
        #expect(close(eff["net_use"]!, 4.0 / 21))
        #expect(close(eff["ACCESS"]!, 2.0 / 7))
        #expect(close(eff["cov_4g"]!, 1.0 / 7))
        #expect(close(eff["mbb_price"]!, 1.0 / 3))
        #expect(close(rows.filter(\.isIndicator).map(\.effective).reduce(0, +), 1))
        var equal = f
        equal.methods.weighting = .equal
        let e = Dictionary(uniqueKeysWithValues: equal.effectiveWeights().map { ($0.path.last!, $0.effective) })
        #expect(close(e["net_use"]!, 1.0 / 6))
        #expect(close(e["cov_4g"]!, 1.0 / 12))
        let tree = f.treeDescription()
        #expect(tree.contains("  CONN  Connectivity  w=0.6667  eff=0.6667  [geometric-shifted:1, coverage ≥ 0.5]"))
        #expect(tree.contains("      cov_4g  Population covered by at least a 4G/LTE mobile network  w=0.5000  eff=0.1429"))
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/frameworks")


    /// Tests/Fixtures/frameworks/broken.yaml holds one of every kind of error; the lines below are its lines.
    @Test func reportsEveryKindOfErrorWithLineAndPath() throws {
        do {
            _ = try FrameworkFile.load(contentsOf: Self.fixtures.appendingPathComponent("broken.yaml"),
                                       knownSeries: Self.known)
            Issue.record("expected errors")
        } catch let error as FrameworkError {
            func has(_ kind: FrameworkIssue.Kind, line: Int, path: String, _ fragment: String) {
                #expect(error.issues.contains {
                    $0.kind == kind && $0.line == line && $0.path.joined(separator: "/") == path
                        && $0.message.contains(fragment)
                }, "missing \(kind) at \(line) \(path): \(fragment)\n\(error)")
            }
            has(.unknownMethod, line: 3, path: "BAD/methods", "unknown aggregation method \"geom\"; valid choices: arithmetic")
            has(.badParameter, line: 3, path: "BAD/methods", "expected L < U")
            has(.nonPositiveWeight, line: 6, path: "BAD/P1", "weight must be > 0, found -1.0")
            has(.missingDirection, line: 9, path: "BAD/P1/a", "needs a direction")
            has(.unknownSeries, line: 11, path: "BAD/P1/b", "series \"NOT.A.SERIES\" is not in the data")
            has(.duplicateId, line: 14, path: "BAD/P1/a", "duplicate id \"a\", first used at line 9 (BAD/P1/a)")
            has(.missingDirection, line: 14, path: "BAD/P1/a", "found \"sideways\"")
            has(.badParameter, line: 17, path: "BAD/P2", "p ≠ 0")
            has(.badParameter, line: 17, path: "BAD/P2", "coverage must be a share between 0 and 1, found 1.5")
            has(.structure, line: 17, path: "BAD/P2", "unknown key \"weigth\"")
            has(.missingField, line: 22, path: "BAD/P2/c", "normalisation goalposts:100 needs goalposts")
            has(.unknownSeries, line: 22, path: "BAD/P2/c", "denominator series \"NO.POP\"")
            has(.structure, line: 27, path: "BAD/P2/d", "either series (an indicator) or children, found both")
            #expect(error.description.contains("broken.yaml:6 (BAD/P1): weight must be > 0, found -1.0"))
            #expect(error.issues.count == 13, "\(error)")
        }
    }

    @Test func syntaxErrorsCarryTheirLine() throws {
        let yaml = "id: X\nchildren:\n  - id: a\n    series: [unclosed\n"
        #expect { try FrameworkFile.load(yaml: yaml, file: "s.yaml") } throws: { error in
            guard let e = error as? FrameworkError, let issue = e.issues.first else { return false }
            return issue.kind == .syntax && issue.line != nil && e.description.hasPrefix("s.yaml:")
        }
    }

    // `weight: heavy` is a type error: reported with the path and the line of the value.
    @Test func typeErrorsCarryPathAndLine() throws {
        let yaml = "id: X\nchildren:\n  - id: a\n    weight: heavy\n    series: S\n    direction: 1\n"
        do {
            _ = try FrameworkFile.load(yaml: yaml, file: "t.yaml")
            Issue.record("expected an error")
        } catch let error as FrameworkError {
            #expect(error.issues.first?.line == 4, "\(error)")
            #expect(error.description.contains("t.yaml:4 (children/[0]/weight): expected a number, found \"heavy\""), "\(error)")
            #expect(error.description.contains("children/[0]/weight"), "\(error)")
        }
    }

    @Test func overridesReplaceEveryPerNodeChoice() throws {
        let f = try FrameworkFile.load(yaml: Self.documentedExample())
        let g = try f.overriding(imputation: "mean", treatment: "none", normalisation: "minmax:1,100",
                                 aggregation: "geometric")
        #expect(g.methods.imputation == [.mean])
        #expect(g.methods.aggregation == .geometric)
        let plan = ConstructionPlan(g)
        #expect(plan.aggregationOrder.allSatisfy { plan.nodes[$0].aggregation == .geometric })
        #expect(g.indicators.allSatisfy { $0.indicator.normalisation == nil && $0.indicator.treatment == nil })
        #expect(throws: MethodSyntaxError.self) { try f.overriding(aggregation: "mean-ish") }
    }
}
