import Foundation
import Testing
import DigitalDivide

/// The Swift code of the DocC article "Getting started" (`Sources/DigitalDivide/DigitalDivide.docc/GettingStarted.md`)
/// runs here on the shipped data, and the article must show exactly this code, so it cannot rot.
@Suite("DocC: Getting started", .serialized)
struct GettingStartedTests {
    @Test func theArticlesCodeRunsOnTheShippedData() throws {
        // BEGIN getting-started
        // Data: every CSV under Data/, each value keeping its file, line and publisher.
        let loaded = try DataLoader().load(directory: "Data")
        let panel = loaded.panel

        // Framework: the flagship preset, index → pillars → indicators with their methods.
        let framework = try FrameworkPresets(directory: "Data/frameworks").load(FrameworkPresets.defaultName)

        // Scores: the index for the ESCAP region, every year with data.
        let result = try IndexComputation(framework: framework, units: .group(.escap)).run(panel: panel)
        let year = result.latestYear!
        let scores = result.construction.scores(node: 0, year: result.construction.years.firstIndex(of: year)!)
        let korea = result.construction.rank(unit: "KOR", node: framework.id, year: year)

        // Audit (of the computed index, not a second preparation): indicator statistics, correlations, Cronbach's alpha, PCA, remove-one-element.
        let audit = try Audit.run(result, year: year)

        // Uncertainty: 5–95% rank intervals with the pillar weights varied by ±25%.
        let uncertainty = try UncertaintyAnalysis.run(
            result, assumptions: UncertainAssumptions(weightNoise: 0.25),
            options: UncertaintyOptions(replications: 200, seed: 1, year: year))

        // Inequality of the index across the economies it scores.
        let inequality = try Inequality.summary(scores.filter { !$0.isNaN })

        // A country brief, in any format.
        let brief = try BriefBuilder(result: result, panel: panel).brief(for: "KOR", year: year)
        print(brief.text())
        // END getting-started

        // What the article says about these values.
        #expect(panel.unitIndex(of: "KOR") != nil && !loaded.report.files.isEmpty)
        #expect(korea == brief.index?.rank?.rank)
        #expect(audit.year == year && audit.scoredUnits == scores.filter { !$0.isNaN }.count)
        let kor = try #require(uncertainty.units.first { $0.unit == "KOR" })
        #expect(try #require(kor.p5Rank) <= Double(try #require(korea)))
        #expect(Double(try #require(korea)) <= (kor.p95Rank ?? 0))
        #expect(inequality.count == scores.filter { !$0.isNaN }.count && inequality.gini > 0 && inequality.gini < 1)
    }

    /// The article's code block is the code between the markers above, line for line.
    @Test func theArticleShowsTheTestedCode() throws {
        let root = RepositoryPaths.root
        let test = try String(contentsOf: root.appendingPathComponent(
            "Tests/DigitalDivideTests/Documentation/GettingStartedTests.swift"), encoding: .utf8)
        let article = try String(contentsOf: root.appendingPathComponent(
            "Sources/DigitalDivide/DigitalDivide.docc/GettingStarted.md"), encoding: .utf8)
        let begin = try #require(test.range(of: "// BEGIN getting-started\n"))
        let end = try #require(test.range(of: "        // END getting-started"))
        let tested = test[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.count >= 8 ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        let shown = try #require(article.components(separatedBy: "```swift\n").dropFirst().first?
            .components(separatedBy: "```").first)
        #expect(shown == "import DigitalDivide\n\n" + tested)
    }
}
