import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// `divide gaps` and `divide brief` come from the one gap analysis: for every ESCAP economy on the shipped data,
/// the brief's "gap to the ESCAP best" line and the gaps command's row agree on the frontier, the gap, the largest
/// contributors and the years to close, on the index and on every pillar the brief shows.
@Suite("Gaps and briefs agree")
struct GapsAgreementTests {
    @Test func everyEscapEconomyAgrees() throws {
        let command = try #require(try Divide.parseAsRoot(["gaps"]) as? GapsCommand)
        let run = try command.index.compute(command.dataOptions)
        let builder = BriefBuilder(result: run.result, panel: run.panel)
        let year = try #require(builder.defaultYear)
        let report = try GapsReport.measure(run, year: year, window: nil, frontier: .escap, only: nil,
                                             parity: ("IT_MOB_OWN.FEMALE", "IT_MOB_OWN.MALE"), urbanRural: nil)
        let escap = Set(CountryRegistry.standard.members(of: .escap).map(\.iso3))
        var compared = 0, withContributors = 0
        for row in report.rows where escap.contains(row.unit) {
            let brief = try builder.brief(for: row.unit, year: year, peers: nil)
            guard let score = row.score else {
                #expect(brief.index?.score == nil, "\(row.unit)")
                continue
            }
            let line = try #require(brief.index?.gapToEscapBest, "\(row.unit): no gap line in the brief")
            #expect(brief.index?.score == score)
            #expect(line.frontier == row.frontier, "\(row.unit)")
            #expect(line.frontierEconomy?.iso3 == row.frontierUnit, "\(row.unit)")
            #expect(line.gap == max(0, row.gap ?? .nan), "\(row.unit)")
            #expect(brief.targets == row.targets, "\(row.unit)")
            // The brief lists the three largest positive contributions; gaps lists them all.
            let positive = row.contributions.filter { $0.contribution > 0 }.sorted { $0.contribution > $1.contribution }
            #expect(line.contributors.map(\.indicatorId) == positive.prefix(3).map(\.indicator), "\(row.unit)")
            #expect(zip(line.contributors, positive).allSatisfy { $0.points == $1.contribution }, "\(row.unit)")
            compared += 1
            if !line.contributors.isEmpty { withContributors += 1 }
        }
        #expect(compared >= 45 && withContributors >= 40, "compared \(compared), with contributors \(withContributors)")
        // Pillars: the brief's pillar lines against the library's analysis, which gaps uses for the index.
        for iso3 in ["KOR", "TUV", "AFG", "IND"] {
            let brief = try builder.brief(for: iso3, year: year, peers: nil)
            let u = try #require(run.result.construction.units.firstIndex(of: iso3))
            let escapUnits = run.result.construction.units.indices.filter { escap.contains(run.result.construction.units[$0]) }
            for pillar in brief.pillars {
                let n = try #require(run.result.plan.nodes.firstIndex { $0.id == pillar.id })
                let analysis = run.result.gap(node: n, unit: u, year: year, frontier: .bestOf(escapUnits))
                #expect(pillar.gapToEscapBest?.frontier == analysis?.frontier, "\(iso3) \(pillar.id)")
                #expect(pillar.gapToEscapBest?.gap == analysis.map { max(0, $0.gap) }, "\(iso3) \(pillar.id)")
            }
        }
    }
}
