import Foundation
import LinearAlgebra
import Testing
import DigitalDivide
@testable import DivideData
@testable import DivideIndex

/// Every public error type of the library, triggered through the API a caller uses, answers the one error model
/// (`DiagnosedError`): where (a file position or a path in the request), what was expected, what was found.
@Suite struct DiagnosedErrorTests {
    /// A small panel: two economies, one series, one year.
    static func panel() -> Panel {
        let builder = PanelBuilder(options: LoadOptions())
        _ = DataLoader().load(bytes: Array("country,year,indicator,value\nKOR,2020,x,1\nJPN,2020,x,3\n".utf8),
                              name: "p.csv", into: builder)
        return builder.build()
    }

    static let framework = Framework(
        root: FrameworkNode(id: "IDX", content: .composite(children: [
            FrameworkNode(id: "a", content: .indicator(IndicatorSpec(series: "x", direction: .higherIsBetter))),
        ], aggregation: nil, coverage: 0)),
        methods: MethodChoices())

    /// Runs `body`, expects an error of type `E`, and returns it as the protocol sees it.
    struct NotThrown: Error {}

    func diagnosed<E: DiagnosedError>(_ type: E.Type, _ body: () throws -> Void) throws -> any DiagnosedError {
        do {
            try body()
        } catch let error as E {
            let diagnosed: any DiagnosedError = error
            #expect(!diagnosed.description.isEmpty)
            return diagnosed
        } catch {
            Issue.record("expected \(E.self), got \(Swift.type(of: error)): \(error)")
            throw error
        }
        Issue.record("expected \(E.self), nothing was thrown")
        throw NotThrown()
    }

    @Test func divideErrorNamesTheFileLineAndColumn() throws {
        let builder = PanelBuilder(options: LoadOptions())
        let report = DataLoader().load(bytes: Array("country,year,indicator,value\nKOR,2020,x,1.2.3\n".utf8),
                                       name: "bad.csv", into: builder)
        let error: any DiagnosedError = try #require(report.problems.first).error
        #expect(error.location == SourceLocation(file: "bad.csv", line: 2, column: 4, columnName: "value"))
        #expect(error.expected == "a number" && error.found == "\"1.2.3\"")
        let missing = try diagnosed(DivideError.self) { _ = try DataLoader.files(expanding: ["/nonexistent/x.csv"]) }
        #expect(missing.location?.file == "/nonexistent/x.csv")
    }

    @Test func frameworkErrorNamesTheLineAndNodePath() throws {
        let error = try diagnosed(FrameworkError.self) {
            _ = try FrameworkFile.load(yaml: """
                id: IDX
                children:
                  - id: a
                    series: x
                    direction: higher
                    weight: -1
                """, file: "f.yaml")
        }
        #expect(error.location?.file == "f.yaml" && error.location?.line != nil)
        #expect(error.path.last == "a")
        #expect(error.found?.contains("-1") == true)
    }

    @Test func methodSyntaxErrorSuggestsTheNearestMethod() throws {
        let error = try diagnosed(MethodSyntaxError.self) { _ = try MethodSyntax.aggregation("geometirc") }
        #expect(error.path == ["aggregation"])
        #expect(error.found == "\"geometirc\"" && error.expected?.hasPrefix("one of arithmetic") == true)
        #expect(error.hint == "did you mean \"geometric\"?")
    }

    @Test func constructionErrorNamesTheUnknownSeries() throws {
        let cube = try IndicatorCube(units: ["A", "B"], series: ["y"], years: [2020], values: [1, 2])
        let error = try diagnosed(ConstructionError.self) { _ = try IndexResult(computing: Self.framework, cube: cube) }
        #expect(error.path == ["series"] && error.found == "\"x\"")
    }

    @Test func indexComputationErrorWhenNoUnitIsSelected() throws {
        let error = try diagnosed(IndexComputationError.self) {
            _ = try IndexComputation(framework: Self.framework, units: .units([])).run(panel: Self.panel())
        }
        #expect(error.expected == "at least one economy or unit" && error.found == "none")
    }

    @Test func analysisErrorNamesTheMeasureAndArgument() throws {
        let error = try diagnosed(AnalysisError.self) { _ = try Inequality.gini([1, -2, 3]) }
        #expect(error.path.first == "Gini" || error.path.first?.lowercased().contains("gini") == true)
        #expect(error.found == "-2.0")
    }

    @Test func linearAlgebraErrorNamesTheRoutine() throws {
        let a = try Matrix(columns: [[1, 2], [2, 1]])  // symmetric, eigenvalues 3 and −1: not positive definite
        let error = try diagnosed(LinearAlgebraError.self) { _ = try a.solvePositiveDefinite([1, 1]) }
        #expect(!error.path.isEmpty && error.expected == "a positive definite matrix")
    }

    @Test func countryGroupErrorSuggestsTheNearestGroup() throws {
        let error = try diagnosed(CountryGroupError.self) { _ = try CountryGroup(parsing: "Pacfic") }
        #expect(error.found == "\"Pacfic\"")
        #expect(error.hint?.contains("\"Pacific\"") == true)
    }

    @Test func worldBankMetadataErrorIsLocated() throws {
        let error = try diagnosed(WorldBankMetadataError.self) {
            _ = try WorldBankClassification.parse("Country Code,Region,IncomeGroup\n,East Asia,High income\n", file: "m.csv")
        }
        #expect(error.location == SourceLocation(file: "m.csv", line: 2, column: 1, columnName: "Country Code"))
        #expect(error.expected == "a country code")
    }

    @Test func briefErrorNamesTheEconomy() throws {
        let result = try IndexComputation(framework: Self.framework, units: .units(["KOR", "JPN"]))
            .run(panel: Self.panel())
        let error = try diagnosed(BriefError.self) {
            _ = try BriefBuilder(result: result, panel: Self.panel()).brief(for: "IND")
        }
        #expect(error.found == "IND" && error.path == ["IND"])
    }
}
