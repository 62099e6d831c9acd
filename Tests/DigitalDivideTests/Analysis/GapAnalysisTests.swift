import DigitalDivide
import Foundation
import Testing

/// ``IndexResult/gap(node:unit:year:frontier:window:)``: the one gap analysis, with an exact hierarchical split.
@Suite("Gap analysis")
struct GapAnalysisTests {
    /// KOR, JPN and CHN with four indicators in two pillars; no normalisation, so indicator scores are the values:
    ///
    ///     unit  a   b   c   d
    ///     KOR   40  90  30  80
    ///     JPN   60  70  50  20
    ///     CHN   20  10  –   60
    static func run(index: String, pillarA: String, pillarB: String, weights: (Double, Double) = (1, 3))
        throws -> IndexRun
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gaps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var csv = "country,year,indicator,value\n"
        let values: [String: [Double?]] = ["KOR": [40, 90, 30, 80], "JPN": [60, 70, 50, 20], "CHN": [20, 10, nil, 60]]
        for (unit, row) in values {
            for (k, v) in row.enumerated() {
                for year in [2019, 2024] {
                    if let v { csv += "\(unit),\(year),s\(k),\(year == 2019 ? v * 0.8 : v)\n" }
                }
            }
        }
        try csv.write(toFile: folder + "/data.csv", atomically: false, encoding: .utf8)
        let yaml = """
            id: hand
            name: Hand
            aggregation: \(index)
            methods: {imputation: none, treatment: none, normalisation: none}
            children:
              - {id: A, aggregation: \(pillarA), weight: \(weights.0), children: [{id: a, series: s0, direction: higher}, {id: b, series: s1, weight: 2, direction: higher}]}
              - {id: B, aggregation: \(pillarB), weight: \(weights.1), children: [{id: c, series: s2, direction: higher}, {id: d, series: s3, direction: higher}]}
            """
        return try IndexRequest(framework: .framework(try FrameworkFile.load(yaml: yaml)), data: [folder],
                                universe: .units(["KOR", "JPN", "CHN"])).run()
    }

    static func unit(_ run: IndexRun, _ code: String) -> Int { run.result.construction.units.firstIndex(of: code)! }

    /// Every decomposable method, alone and mixed across levels: contributions sum to the gap to 1e-12 relative,
    /// at every level of the tree, for a peer frontier and a target.
    @Test(arguments: [
        ("arithmetic", "arithmetic", "arithmetic"), ("geometric", "geometric", "geometric"),
        ("harmonic", "harmonic", "harmonic"), ("generalised:2", "generalised:0.5", "generalised:-1.5"),
        ("geometric-shifted:1", "arithmetic", "harmonic"), ("arithmetic", "geometric", "generalised:3"),
    ])
    func contributionsAddUpToTheGapForEveryDecomposableMethod(index: String, a: String, b: String) throws {
        let run = try Self.run(index: index, pillarA: a, pillarB: b)
        let kor = Self.unit(run, "KOR"), jpn = Self.unit(run, "JPN"), chn = Self.unit(run, "CHN")
        for frontier in [GapFrontier.bestOf([kor, jpn, chn]), .target(100)] {
            for u in [kor, jpn, chn] {
                let gap = try #require(run.result.gap(node: 0, unit: u, year: 2024, frontier: frontier))
                guard gap.frontierUnit != u else { #expect(gap.contributions.isEmpty); continue }
                let sum = gap.contributions.reduce(0) { $0 + $1.points }
                if gap.contributions.count < 4 {
                    // CHN lacks c (as the economy or as the frontier): the split covers what both have, so it need
                    // not equal the whole gap; it is reported as the attributed gap.
                    #expect(gap.contributions.map(\.id) == ["a", "b", "d"] && (u == chn || gap.frontierUnit == chn))
                    #expect(gap.attributedGap == sum)
                    continue
                }
                #expect(abs(sum - gap.gap) <= 1e-12 * max(1, abs(gap.gap)), "\(index)/\(a)/\(b) unit \(u): \(sum) vs \(gap.gap)")
                #expect(gap.attributionNote == nil)
            }
        }
    }

    /// Arithmetic everywhere, worked by hand for KOR against JPN (the frontier: see below).
    /// Pillar A = (40 + 2·90)/3 = 73.33 (KOR), (60 + 2·70)/3 = 66.67 (JPN); B = 55 (KOR), 35 (JPN);
    /// index (weights 1, 3) = (73.33 + 3·55)/4 = 59.58 (KOR), (66.67 + 105)/4 = 42.92 (JPN): KOR is the frontier.
    /// JPN's gap 16.67 = ¼(73.33 − 66.67) + ¾(55 − 35) = 1.667 + 15; A's 1.667 splits ⅓(40 − 60)·¼ = −1.667 (a)
    /// and ⅔(90 − 70)·¼ = 3.333 (b); B's 15 splits ½(30 − 50)·¾ = −7.5 (c) and ½(80 − 20)·¾ = 22.5 (d).
    @Test func arithmeticByHand() throws {
        let run = try Self.run(index: "arithmetic", pillarA: "arithmetic", pillarB: "arithmetic")
        let kor = Self.unit(run, "KOR"), jpn = Self.unit(run, "JPN")
        let gap = try #require(run.result.gap(node: 0, unit: jpn, year: 2024, frontier: .bestOf([kor, jpn])))
        #expect(gap.frontierUnit == kor && abs(gap.gap - 50.0 / 3) < 1e-12)
        let points = Dictionary(uniqueKeysWithValues: gap.contributions.map { ($0.id, $0.points) })
        for (id, expected) in [("a", -5.0 / 3), ("b", 10.0 / 3), ("c", -7.5), ("d", 22.5)] {
            #expect(abs(points[id]! - expected) < 1e-12, "\(id): \(points[id]!)")
        }
        #expect(gap.behind.map(\.contribution.id) == ["d", "b"])
        #expect(abs(gap.behind[0].shareOfBehind - 22.5 / (22.5 + 10.0 / 3)) < 1e-12)
        // Effective weights within the index: a ¼·⅓, b ¼·⅔, c and d ¾·½.
        let expectedWeights: [Double] = [1.0 / 12, 1.0 / 6, 0.375, 0.375]
        for (k, contribution) in gap.contributions.enumerated() {
            #expect(abs(contribution.weight - expectedWeights[k]) < 1e-15, "\(contribution.id)")
        }
        // The frontier economy itself: gap 0, no contributions.
        let top = try #require(run.result.gap(node: 0, unit: kor, year: 2024, frontier: .bestOf([kor, jpn])))
        #expect(top.gap == 0 && top.contributions.isEmpty)
        // Growth from 2019 (every value 0.8 of 2024's): the same CAGR for both (no years to close on relative scores).
        #expect(gap.window == [2019, 2024] && abs(gap.growth!.rate - (pow(1 / 0.8, 0.2) - 1)) < 1e-12)
        #expect(abs(gap.frontierGrowth! - (pow(1 / 0.8, 0.2) - 1)) < 1e-12)
    }

    /// Methods that do not split into additive parts are refused with the reason, never attributed as if arithmetic.
    @Test(arguments: ["median", "copeland", "mpi"])
    func nonDecomposableMethodsAreRefused(method: String) throws {
        let run = try Self.run(index: method, pillarA: "arithmetic", pillarB: "arithmetic")
        let (kor, jpn, chn) = (Self.unit(run, "KOR"), Self.unit(run, "JPN"), Self.unit(run, "CHN"))
        let gaps = [kor, jpn, chn].compactMap { run.result.gap(node: 0, unit: $0, year: 2024, frontier: .bestOf([kor, jpn, chn])) }
        let behind = try #require(gaps.first { $0.gap > 0 })
        #expect(behind.contributions.isEmpty)
        #expect(behind.attributionNote?.contains("does not split into additive parts") == true, "\(behind.attributionNote ?? "nil")")
    }
}
