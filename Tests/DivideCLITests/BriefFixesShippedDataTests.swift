import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// The brief fixes checked on the flagship preset and the shipped data: sources of indicators whose metadata names
/// none, ties for the best, and one note for the nodes an economy is not scored on.
@Suite("Brief fixes: shipped data", .serialized)
struct BriefFixesShippedDataTests {
    /// The UN E-Government and WDI electricity series have no source in their metadata: the brief names the
    /// publisher each file states (the WDI file's `"Data Source"` line) or its reader knows (UN DESA's survey).
    @Test func everyIndicatorWithAValueNamesItsSource() throws {
        let builder = try #require(BriefCommandsShippedDataTests.builder)
        let year = try #require(builder.defaultYear)
        for iso3 in ["FJI", "KOR", "IND"] {
            let brief = try builder.brief(for: iso3, year: year)
            let listed = Set(brief.header.sources.map(\.name))
            for row in brief.indicators where row.status.flag != .missing && row.status.flag != .imputed {
                let source = try #require(row.source, "\(iso3) \(row.indicatorId) has no source")
                #expect(!source.isEmpty)
                #expect(listed.contains(source), "\(iso3) \(row.indicatorId): \(source) is not in the header")
            }
            for row in brief.indicators where row.name.hasPrefix("UN E-Government") {
                #expect(row.source == "UN DESA E-Government Survey", "\(iso3) \(row.indicatorId)")
            }
            let electricity = try #require(brief.indicators.first { $0.name == "Access to electricity" })
            #expect(electricity.source == "World Development Indicators")
            #expect(listed.isSuperset(of: ["UN DESA E-Government Survey", "World Development Indicators"]))
            // No licence is invented for a publisher whose file states none.
            #expect(brief.header.sources.first { $0.name == "World Development Indicators" }?.licence == nil)
        }
    }

    /// Trends compare like with like: Samoa's index rests on 4 pillars in 2019 and 5 from 2020 (Trust enters), so
    /// the change since 2019 is measured on the 4 shared pillars and says so, the trend line starts in 2020, and
    /// `divide gaps` takes Samoa's growth from 2020 on with the reason.
    @Test func changesAndTrendsNeverSpanAChangeOfMakeUp() throws {
        let builder = try #require(BriefCommandsShippedDataTests.builder)
        let year = try #require(builder.defaultYear)
        let brief = try builder.brief(for: "WSM", year: year)
        let five = try #require(brief.index?.changeFiveYears)
        #expect(five.basis?.contains("Trust and security has no score in \(five.fromYear)") == true, "\(five)")
        #expect(brief.notes.contains { $0.contains("the change since \(five.fromYear) is measured on the 4 of 5") })
        #expect(brief.notes.contains { $0.hasPrefix("Changes and the trend chart use the index with every indicator normalised") })
        let samoa = try #require(brief.trend.first { $0.economy.iso3 == "WSM" })
        #expect(samoa.points.first.map { $0.year > five.fromYear } == true, "\(samoa.points.map(\.year))")
        let run = try #require(AnalysisCommandsShippedDataTests.run)
        let gaps = try GapsReport.measure(run, year: year, only: "WSM")
        #expect(gaps.rows.first?.windowNote?.contains("Trust and security has no score in") == true)
        #expect(gaps.rows.first?.growth.map { $0.startYear > five.fromYear } == true)
    }

    /// Coverage said where it matters: a pillar scored on fewer indicators than it names says so; an economy with
    /// no score anywhere gets a short note (what the data holds and why), not pages of "n/a".
    @Test func thinCoverageIsSaid() throws {
        let builder = try #require(BriefCommandsShippedDataTests.builder)
        let year = try #require(builder.defaultYear)
        let korea = try builder.brief(for: "KOR", year: year)
        #expect(korea.notes.contains { $0.hasPrefix("Skills rests on 1 of its 2 indicators") }, "\(korea.notes)")
        #expect(!korea.isUnscored)
        let unscored = try builder.economies.compactMap { iso3 -> Brief? in
            let brief = try builder.brief(for: iso3, year: year)
            return brief.isUnscored ? brief : nil
        }
        #expect(!unscored.isEmpty)
        for brief in unscored {
            let text = brief.text()
            #expect(text.contains("NOT SCORED") && !text.contains("SCORES AND RANKS") && !text.contains("AGAINST THE REGION"))
            #expect(text.split(separator: "\n").count < 80, "\(brief.header.economy.iso3)")
            #expect(brief.markdown().contains("## Not scored") && !brief.markdown().contains("## Scores and ranks"))
            #expect(brief.html().contains("<h2>Not scored</h2>"))
        }
    }

    /// A user's tidy file that overrides one shipped value with --prefer: the brief credits the value to the user's
    /// source (row and header), and compute's provenance columns name it with its file and line.
    @Test func ownTidyFileOverridesAShippedValueWithItsOwnSource() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("own-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("own.csv")
        try "country,year,indicator,value,source\nKOR,2024,IT.NET.USER.ZS,99.9,Korea MSIT survey 2024\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let command = try #require(try Divide.parseAsRoot(["brief", "KOR", "--data", file.path, "--prefer", "own.csv"])
            as? BriefCommand)
        let builder = try BriefSession.builder(index: command.index, data: command.dataOptions)
        let brief = try builder.brief(for: "KOR", year: 2024)
        let row = try #require(brief.indicators.first { $0.indicatorId == "net_use" })
        #expect(row.value == 99.9 && row.source == "Korea MSIT survey 2024")
        #expect(brief.header.sources.contains { $0.name == "Korea MSIT survey 2024" })
        let run = try command.index.compute(command.dataOptions)
        let csv = ComputeCommand.csv(run.result, units: ["KOR"], panel: run.panel)
        #expect(csv.contains(",Korea MSIT survey 2024,\(file.path):2\r\n"))
    }

    /// Where several economies share the best score, the brief lists all of them; where one holds it, none.
    @Test func tiesForTheBestAreListed() throws {
        let builder = try #require(BriefCommandsShippedDataTests.builder)
        let year = try #require(builder.defaultYear)
        let c = builder.result.construction
        let y = try #require(c.years.firstIndex(of: year))
        let escap = builder.economies
        var ties = 0
        for iso3 in ["FJI", "KOR", "MNP", "AUS"] {
            let brief = try builder.brief(for: iso3, year: year)
            for node in brief.nodes {
                let n = try #require(c.plan.nodes.firstIndex { $0.id == node.id })
                let column = c.scores(node: n, year: y)
                let scores = escap.map { column[c.units.firstIndex(of: $0)!] }
                let best = try #require(scores.filter { !$0.isNaN }.max())
                let holders = zip(escap, scores).filter { $0.1 == best }.map(\.0).sorted()
                let benchmark = try #require(node.escap)
                if holders.count > 1 {
                    ties += 1
                    #expect(benchmark.bestTiedEconomies?.map(\.iso3) == holders, "\(iso3) \(node.id)")
                    #expect(benchmark.bestEconomy?.iso3 == holders.first)
                    #expect(brief.text().contains(String(format: "%.1f (%d tied)", best, holders.count)))
                    if let gap = node.gapToEscapBest { #expect(gap.frontierTiedEconomies?.map(\.iso3) == holders) }
                } else {
                    #expect(benchmark.bestTiedEconomies == nil && benchmark.bestEconomy?.iso3 == holders.first)
                }
            }
        }
        // The shipped data has ties (pillars where several economies reach 100), so the check above is exercised.
        #expect(ties > 0)
    }

    /// An economy that the index and several pillars cannot score gets one note naming them, not one note each.
    @Test func unscoredNodesShareOneNote() throws {
        let builder = try #require(BriefCommandsShippedDataTests.builder)
        let year = try #require(builder.defaultYear)
        let brief = try builder.brief(for: "MNP", year: year)
        let unscored = brief.nodes.filter { $0.score == nil }.map(\.name)
        #expect(unscored.count > 1)
        let notes = brief.notes.filter { $0.contains("not scored") || $0.hasPrefix("Not scored") }
        #expect(notes == ["Not scored for Northern Mariana Islands in \(year), too few of their indicators having "
            + "values: " + unscored.joined(separator: "; ") + "."])
    }
}
