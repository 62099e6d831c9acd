import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// Briefs on the flagship preset and the shipped data (the tests run from the package root).
@Suite("Brief commands: shipped data", .serialized)
struct BriefCommandsShippedDataTests {
    static let builder: BriefBuilder? = {
        guard let command = try? Divide.parseAsRoot(["brief", "KOR"]) as? BriefCommand else { return nil }
        return try? BriefSession.builder(index: command.index, data: command.dataOptions)
    }()

    @Test func everyEscapEconomyRendersInEveryFormat() throws {
        let builder = try #require(Self.builder, "the default preset did not compute on the shipped data")
        let year = try #require(builder.defaultYear)
        let escap = CountryRegistry.standard.members(of: .escap).map(\.iso3)
        #expect(escap.count == 58)
        #expect(Set(builder.economies) == Set(escap))
        for iso3 in escap {
            let brief = try builder.brief(for: iso3, year: year)
            #expect(brief.header.economy.iso3 == iso3)
            for format in BriefFormat.allCases {
                let text = try format.render(brief)
                #expect(!text.isEmpty)
                #expect(!text.contains("nan") && !text.contains("inf)"), "\(iso3) \(format)")
            }
            for width in [80, 100] {
                for line in brief.text(width: width).split(separator: "\n") {
                    #expect(line.count <= width, "\(iso3) at \(width): \(line)")
                }
            }
            #expect(try Brief.decode(json: Data(brief.json().utf8)) == brief)
            #expect(!brief.html().contains("<script"))
        }
    }

    /// Ranks, averages, bests and gaps against the construction's own results and plain recomputation.
    @Test func numbersAgreeWithTheComputation() throws {
        let builder = try #require(Self.builder)
        let year = try #require(builder.defaultYear)
        let c = builder.result.construction
        let y = try #require(c.years.firstIndex(of: year))
        let index = c.scores(node: 0, year: y)
        let plan = builder.result.plan
        var pooled = builder.result.framework
        pooled.methods.pooledNormalisation = true
        let first = try #require(builder.result.years.first)
        let levels = try Construction.run(pooled, cube: try #require(builder.result.cube.restricted(to: (first - 5)...(builder.result.years.last ?? year))))
        let scored = index.indices.filter { !index[$0].isNaN }
        let mean = scored.map { index[$0] }.reduce(0, +) / Double(scored.count)
        let best = scored.max { index[$0] < index[$1] }!
        for iso3 in builder.economies {
            let brief = try builder.brief(for: iso3, year: year)
            let u = c.units.firstIndex(of: iso3)!
            let summary = try #require(brief.index)
            // The construction ranks the same units (the ESCAP region): the brief's rank is the construction's.
            #expect(summary.rank?.rank == c.rank(unit: iso3, node: c.plan.nodes[0].id, year: year))
            #expect(summary.rank.map(\.of) == (index[u].isNaN ? nil : scored.count))
            #expect(abs((summary.escap?.average ?? .nan) - mean) < 1e-9)
            #expect(summary.escap?.best == index[best])
            if let s = summary.score, let gap = summary.gapToEscapBest {
                #expect(abs(gap.gap - (index[best] - s)) < 1e-9)
                #expect(gap.contributors.count <= 3)
                let shares = gap.contributors.compactMap(\.share)
                #expect(shares.allSatisfy { $0 > 0 && $0 <= 1 + 1e-12 })
                #expect(zip(gap.contributors, gap.contributors.dropFirst()).allSatisfy { $0.points >= $1.points })
            }
            // The economy's Lorenz point: the share of the total held by the economies scoring at most as much.
            if let d = brief.distribution, let p = d.economyPoint {
                let x = index[u]
                let total = scored.map { index[$0] }.reduce(0, +)
                let below = scored.filter { index[$0] <= x }
                #expect(abs(p.valueShare - below.map { index[$0] }.reduce(0, +) / total) < 1e-12)
                #expect(abs(p.populationShare - Double(below.count) / Double(scored.count)) < 1e-12)
            }
            // Changes are differences of the trend-safe variant (the framework with pooled normalisation over the
            // index's years and the five before), computed here independently, where the index rests on the same
            // pillars in both years; otherwise the change says what it was measured on.
            for change in [summary.changeOneYear, summary.changeFiveYears].compactMap({ $0 }) {
                let l1 = try #require(levels.years.firstIndex(of: year)), l0 = try #require(levels.years.firstIndex(of: change.fromYear))
                func pillars(_ t: Int) -> [Bool] { plan.nodes[0].children.map { !levels.scores[levels.index(unit: u, node: $0, year: t)].isNaN } }
                if pillars(l1) == pillars(l0) {
                    let expected = levels.scores[levels.index(unit: u, node: 0, year: l1)] - levels.scores[levels.index(unit: u, node: 0, year: l0)]
                    #expect(abs(change.delta - expected) < 1e-9 && change.basis == nil, "\(iso3) since \(change.fromYear)")
                } else {
                    #expect(change.basis?.hasPrefix("on the ") == true, "\(iso3) since \(change.fromYear)")
                }
            }
            // Indicator flags follow the construction's cell origins.
            for (i, row) in brief.indicators.enumerated() {
                switch builder.result.origin(unit: u, indicator: i, year: year) {
                case .observed: #expect(row.status.flag == .observed || (row.status.flag == .missing && row.value == nil))
                case .carried(let from): #expect(row.status == .carriedForward(from: from) || row.value == nil)
                case .imputed, .interpolated: #expect(row.status.flag == .imputed)
                case .missing: #expect(row.status.flag == .missing && row.value == nil)
                }
            }
        }
    }

    /// Monte Carlo rank intervals: present for every scored economy, ordered, within 1…n, and reproducible.
    @Test func rankIntervalsFromTheUncertaintyAnalysis() throws {
        var builder = try #require(Self.builder)
        let year = try #require(builder.defaultYear)
        builder.computeRankIntervals(year: year, replications: 60, seed: 7)
        var again = builder
        again.computeRankIntervals(year: year, replications: 60, seed: 7)
        #expect(again.rankIntervals == builder.rankIntervals)
        let root = builder.result.plan.nodes[0].id
        #expect(builder.rankIntervals.keys.contains(root))
        for iso3 in builder.economies {
            let brief = try builder.brief(for: iso3, year: year)
            for node in brief.nodes {
                guard let rank = node.rank else { continue }
                let interval = try #require(node.rankInterval, "\(iso3) \(node.id)")
                #expect(1 <= interval.low && interval.low <= interval.high && Int(interval.high) <= rank.of)
                if let median = interval.median { #expect(interval.low <= median && median <= interval.high) }
                #expect(interval.replications <= 60)
                // A score of 100 rests on the best value of every indicator below it: 100 in every replication, so
                // rank 1 (shared with the others tied there) in every one; the interval agrees with the tie.
                if node.score == 100, rank.rank == 1 {
                    #expect(interval.low == 1 && interval.high == 1, "\(iso3) \(node.id): \(interval)")
                }
            }
            #expect(brief.notes.contains { $0.hasPrefix("Rank intervals: 60 Monte Carlo replications") })
        }
    }

    @Test func koreaByAnyName() throws {
        for name in ["KOR", "kor", "Korea", "Republic of Korea", "Korea, Rep."] {
            #expect(try BriefSession.economy(name) == "KOR", "\(name)")
        }
        #expect(throws: ValidationError.self) { try BriefSession.economy("Koreaa") }
        do {
            _ = try BriefSession.economy("Koreaa")
        } catch let error as ValidationError {
            #expect(error.message.contains("did you mean") && error.message.contains("Republic of Korea"))
        }
        #expect(try BriefSession.economies("KOR,jpn,China") == ["KOR", "JPN", "CHN"])
    }

    @Test func briefWithChosenPeers() throws {
        let builder = try #require(Self.builder)
        let brief = try builder.brief(for: "KOR", peers: ["JPN", "CHN"])
        #expect(brief.peers?.basis == .chosen)
        #expect(brief.peers?.economies.map(\.economy.iso3) == ["JPN", "CHN"])
        #expect(brief.trend.map(\.economy.iso3).first == "KOR")
        #expect(Set(brief.trend.map(\.economy.iso3)).isSubset(of: ["KOR", "JPN", "CHN"]))
    }

    @Test func compareSideBySide() throws {
        let builder = try #require(Self.builder)
        let briefs = try ["KOR", "JPN", "CHN"].map { try builder.brief(for: $0, peers: []) }
        let text = try CompareCommand.render(briefs, format: .text)
        #expect(text.contains("KOR") && text.contains("JPN") && text.contains("CHN"))
        #expect(text.contains("Connectivity") && text.contains("Gender parity score"))
        let csv = try CompareCommand.render(briefs, format: .csv)
        #expect(csv.hasPrefix("iso3,node,name,score,rank,ranked,rank_p05,rank_p95\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count - 2 == 3 * briefs[0].nodes.count)
        #expect(try CompareCommand.render(briefs, format: .json).contains("\"economies\""))
        // HTML: the brief's frame and table styles, the same table, a chart, the disclaimer; nothing to load or run.
        let html = try CompareCommand.render(briefs, format: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Content-Security-Policy"))
        #expect(html.contains("<th class=\"num\">KOR</th><th class=\"num\">JPN</th><th class=\"num\">CHN</th>"))
        #expect(html.contains("<td class=\"sub\">5–95% rank interval</td>") && html.contains("Gender parity score"))
        #expect(html.contains("aria-label=\"Index and pillar scores of KOR, JPN, CHN\"") && html.contains("class=\"designations\""))
        #expect(!html.contains("<script"))
        // --output x.html writes HTML without --format; an explicit --format wins.
        let inferred = try #require(try Divide.parseAsRoot(["compare", "KOR", "JPN", "--output", "x.html"]) as? CompareCommand)
        #expect(try CompareCommand.CompareFormat.resolve(inferred.format, output: inferred.output, default: .text) == .html)
        let explicit = try #require(try Divide.parseAsRoot(["compare", "KOR", "JPN", "--format", "markdown", "--output", "x.html"])
            as? CompareCommand)
        #expect(try CompareCommand.CompareFormat.resolve(explicit.format, output: explicit.output, default: .text) == .markdown)
    }

    @Test func briefsForEveryEconomyWithIndexAndOverview() throws {
        let builder = try #require(Self.builder)
        let year = try #require(builder.defaultYear)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dd-briefs-\(UUID().uuidString)").path
        let files = try BriefsCommand.write(builder: builder, year: year, format: .html, to: folder)
        #expect(files.count == 58 + 2 + 1 && files.last == "manifest.json")  // briefs, index, overview; manifest last
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"complete\" : true") && manifest.components(separatedBy: "\"bytes\"").count - 1 == 60)
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"KOR.html\"") && index.contains("href=\"overview.html\""))
        let overview = try String(contentsOfFile: folder + "/overview.html", encoding: .utf8)
        #expect(overview.contains("Leaderboard and pillar heat-table") && overview.contains("Inequality across the region"))
        #expect(overview.components(separatedBy: "<tr><td class=\"num\">").count - 1 == 58)
        let md = try BriefsCommand.write(builder: builder, year: year, format: .markdown, to: folder + "/md")
        #expect(md.contains("README.md") && md.contains("overview.md") && md.contains("KOR.md"))
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func commandsParse() throws {
        let brief = try #require(try Divide.parseAsRoot(
            ["brief", "Korea", "--peers", "JPN,CHN", "--format", "html", "--output", "k.html", "--year", "2023",
             "--replications", "50", "--seed", "3"])
            as? BriefCommand)
        #expect(brief.intervals.replications == 50 && brief.intervals.seed == 3)
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["brief", "KOR", "--replications", "-1"]) }
        #expect(brief.economy == "Korea" && brief.peers == "JPN,CHN" && brief.format == .html)
        #expect(brief.output == "k.html" && brief.index.year == 2023)
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["brief", "Atlantis"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["brief", "KOR", "--years", "2020-2023"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["compare", "KOR"]) }
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["briefs", "--output", "x"]) }
        let briefs = try #require(try Divide.parseAsRoot(["briefs", "--all", "--output", "out", "--format", "markdown"])
            as? BriefsCommand)
        #expect(briefs.all && briefs.format == .markdown)
    }
}
