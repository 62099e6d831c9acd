import Foundation
import Testing
@testable import DivideData
@testable import DivideReports
import DivideIndex

/// Issue 12, point 7: a regional average says how many of the group's economies, and what share of its population,
/// it rests on, and warns when that is too little to speak for the group.
@Suite struct AveragesCoverageTests {
    /// Hand-worked: population 100 (A), 300 (B), 600 (C, latest up to 2023 is 2021's); D has no population.
    static let panel: Panel = {
        let csv = """
        country,year,indicator,value
        AFG,2023,SP.POP.TOTL,100
        BGD,2023,SP.POP.TOTL,300
        CHN,2021,SP.POP.TOTL,600
        CHN,2024,SP.POP.TOTL,9000
        """
        let builder = PanelBuilder(options: LoadOptions())
        _ = DataLoader().load(bytes: Array(csv.utf8), name: "pop.csv", into: builder)
        return builder.build()
    }()

    @Test func populationShareIsTheCoveredPeopleOverThoseWithAPopulation() throws {
        let all = ["AFG", "BGD", "CHN", "DZA"]
        #expect(try #require(Self.panel.populationShare(of: ["AFG", "CHN"], among: all, year: 2023)) == 0.7)
        #expect(try #require(Self.panel.populationShare(of: ["BGD"], among: all, year: 2023)) == 0.3)
        // 2024: China's 9000 is the latest.
        #expect(abs(try #require(Self.panel.populationShare(of: ["CHN"], among: all, year: 2024)) - 9000.0 / 9400) < 1e-15)
        // An economy outside `all` counts for nothing; DZA has no population and counts in neither sum.
        #expect(try #require(Self.panel.populationShare(of: ["DZA", "IND"], among: all, year: 2023)) == 0)
        #expect(Self.panel.populationShare(of: ["AFG"], among: all, year: 2010) == nil)
        #expect(Self.panel.populationShare(of: ["AFG"], among: all, year: 2023, series: "NO.SUCH") == nil)
    }

    func brief(subregion: Brief.Benchmark, escap: Brief.Benchmark) -> Brief {
        var brief = BriefFixture.brief
        for k in brief.pillars.indices {
            brief.pillars[k].subregion = subregion
            brief.pillars[k].escap = escap
        }
        brief.index?.subregion = subregion
        brief.index?.escap = escap
        return brief
    }

    @Test func theBriefSaysWhatTheAveragesRestOnAndWarnsBelowTheThresholds() throws {
        let sub = Brief.Benchmark(group: "ENEA", average: 60, best: 90, bestEconomy: BriefFixture.jpn, scored: 5,
                                  members: 8, populationShare: 0.42)
        let escap = Brief.Benchmark(group: "ESCAP", average: 50, best: 95, bestEconomy: BriefFixture.sgp, scored: 48,
                                    members: 58, populationShare: 0.9996)
        let text = try #require(BriefFormatting.averagesBasis(brief(subregion: sub, escap: escap)))
        #expect(text.contains("ENEA 5 of 8 economies, 42% of its population"))
        #expect(text.contains("ESCAP 48 of 58 economies, >99% of its population"))
        #expect(text.contains("Caution: the ENEA averages rest on under 90% of its population and under 75% of its economies."))
        #expect(!text.contains("the ESCAP averages"))
        // Every format carries it.
        let b = brief(subregion: sub, escap: escap)
        #expect(b.text().contains("ENEA 5 of 8 economies"))
        #expect(b.markdown().contains("ENEA 5 of 8 economies"))
        #expect(b.html().contains("ENEA 5 of 8 economies"))
    }

    @Test func aBriefWrittenBeforeGroupSizesWereRecordedSaysNothingFalse() {
        #expect(BriefFormatting.averagesBasis(BriefFixture.brief) == nil)
    }

    @Test func theBriefOfTheShippedDataStatesTheESCAPCoverage() throws {
        let framework = try ShippedData.preset("apddi")
        let result = try IndexComputation(framework: framework, units: .group(.escap)).run(panel: ShippedData.panel)
        let brief = try BriefBuilder(result: result, panel: ShippedData.panel).brief(for: "KOR")
        let escap = try #require(brief.index?.escap)
        #expect(escap.members == 58)
        #expect(escap.scored > 30 && escap.scored <= 58)
        let share = try #require(escap.populationShare)
        #expect(share > 0.9 && share <= 1)
        #expect(try #require(brief.index?.subregion?.members) >= 5)
    }
}

/// Issue 12, point 1: a brief says which universe its scores come from, and its "region" columns name that universe
/// when it is not the whole ESCAP region (no "ESCAP 10/11").
@Suite struct BriefUniverseLabelTests {
    @Test func aBriefComputedOverSouthEastAsiaNamesItsRanksAndAveragesSEA() throws {
        let run = try IndexRequest(data: [RepositoryPaths.data.path], universe: .group(.subregion(.southEastAsia)),
                                   years: 2023...2023).run()
        let brief = try BriefBuilder(run: run).brief(for: "KHM", year: 2023)
        #expect(brief.header.region == "SEA")
        #expect(brief.header.universe == "South-East Asia (11 economies)")
        #expect(brief.index?.escap?.group == "SEA" && brief.index?.rank?.of ?? 0 <= 11)
        for text in [brief.text(), brief.markdown(), brief.html()] {
            #expect(!text.contains("ESCAP avg") && !text.contains("ESCAP average") && !text.contains("ESCAP rank"))
            #expect(text.contains("South-East Asia (11 economies)"))
        }
        #expect(brief.text().contains("SEA avg"))
    }

    @Test func aBriefOverTheWholeRegionSaysSo() throws {
        let run = try IndexRequest(data: [RepositoryPaths.data.path], years: 2023...2023).run()
        let brief = try BriefBuilder(run: run).brief(for: "KOR", year: 2023)
        #expect(brief.header.region == "ESCAP")
        #expect(brief.header.universe == "the ESCAP region (58 economies)")
        #expect(brief.text().contains("Scores computed (normalised) over the ESCAP region (58 economies)"))
    }
}
