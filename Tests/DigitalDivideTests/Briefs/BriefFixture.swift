import DigitalDivide

/// A hand-built brief with made-up numbers, covering every section: present and absent values, every value status,
/// a `never` years-to-close, a peer without a score, and a missing urban–rural ratio.
enum BriefFixture {
    static let kor = Brief.Economy(iso3: "KOR", name: "Korea, Republic of")
    static let jpn = Brief.Economy(iso3: "JPN", name: "Japan")
    static let chn = Brief.Economy(iso3: "CHN", name: "China")
    static let mng = Brief.Economy(iso3: "MNG", name: "Mongolia")
    static let sgp = Brief.Economy(iso3: "SGP", name: "Singapore")

    static func benchmark(_ group: String, _ average: Double, _ best: Double, _ who: Brief.Economy, _ n: Int) -> Brief.Benchmark {
        Brief.Benchmark(group: group, average: average, best: best, bestEconomy: who, scored: n)
    }

    static let brief = Brief(
        header: Brief.Header(
            economy: kor, subregion: "East and North-East Asia", subregionCode: "ENEA", incomeGroup: "High income",
            framework: Brief.FrameworkReference(id: "ddi", name: "Digital Divide Index"), year: 2023,
            vintage: Brief.Vintage(latestYear: 2023, oldestYear: 2019),
            sources: [Brief.Source(name: "ITU DataHub", licence: "CC BY 4.0"),
                      Brief.Source(name: "World Bank WDI", licence: "CC BY 4.0")]),
        index: Brief.NodeSummary(
            id: "index", name: "Digital Divide Index", kind: .index, score: 81.25,
            rank: Brief.RankPosition(rank: 3, of: 58), subregionRank: Brief.RankPosition(rank: 2, of: 7),
            incomeGroupRank: Brief.RankPosition(rank: 3, of: 14),
            rankInterval: Brief.RankInterval(low: 2, high: 5, median: 3, replications: 200),
            changeOneYear: Brief.Change(fromYear: 2022, delta: 1.4, rankDelta: 1, direction: .up),
            changeFiveYears: Brief.Change(fromYear: 2018, delta: 6.25, rankDelta: 2, direction: .up),
            subregion: benchmark("East and North-East Asia", 64.5, 83.0, jpn, 7),
            escap: benchmark("ESCAP", 48.2, 88.6, sgp, 58),
            gapToSubregionBest: Brief.Gap(
                frontier: 83.0, frontierEconomy: jpn, gap: 1.75,
                contributors: [Brief.GapContributor(indicatorId: "skills", name: "ICT skills", points: 1.2, share: 0.686),
                               Brief.GapContributor(indicatorId: "price_mobile", name: "Mobile data price", points: 0.55, share: 0.314)]),
            gapToEscapBest: Brief.Gap(
                frontier: 88.6, frontierEconomy: sgp, gap: 7.35,
                contributors: [Brief.GapContributor(indicatorId: "skills", name: "ICT skills", points: 3.1, share: 0.422),
                               Brief.GapContributor(indicatorId: "fbb", name: "Fixed broadband", points: 2.5, share: 0.34),
                               Brief.GapContributor(indicatorId: "price_mobile", name: "Mobile data price", points: 1.75, share: 0.238)])),
        pillars: [
            Brief.NodeSummary(
                id: "access", name: "Access and infrastructure", kind: .pillar, score: 92.0,
                rank: Brief.RankPosition(rank: 2, of: 58), subregionRank: Brief.RankPosition(rank: 1, of: 7),
                incomeGroupRank: Brief.RankPosition(rank: 2, of: 14),
                rankInterval: Brief.RankInterval(low: 1, high: 4, median: 2, replications: 200),
                changeOneYear: Brief.Change(fromYear: 2022, delta: 0.02, rankDelta: 0, direction: .flat),
                changeFiveYears: Brief.Change(fromYear: 2018, delta: 3.5, rankDelta: 1, direction: .up),
                subregion: benchmark("East and North-East Asia", 71.0, 92.0, kor, 7),
                escap: benchmark("ESCAP", 55.1, 93.4, sgp, 58),
                gapToSubregionBest: Brief.Gap(frontier: 92.0, frontierEconomy: kor, gap: 0, contributors: []),
                gapToEscapBest: Brief.Gap(
                    frontier: 93.4, frontierEconomy: sgp, gap: 1.4,
                    contributors: [Brief.GapContributor(indicatorId: "fbb", name: "Fixed broadband", points: 1.4, share: 1)])),
            Brief.NodeSummary(
                id: "afford", name: "Affordability", kind: .pillar, score: 77.5,
                rank: Brief.RankPosition(rank: 9, of: 57), subregionRank: Brief.RankPosition(rank: 3, of: 7),
                incomeGroupRank: Brief.RankPosition(rank: 6, of: 14),
                rankInterval: Brief.RankInterval(low: 6, high: 14, median: 9, replications: 200),
                changeOneYear: Brief.Change(fromYear: 2022, delta: -2.1, rankDelta: -2, direction: .down),
                changeFiveYears: nil,
                subregion: benchmark("East and North-East Asia", 68.2, 85.0, chn, 7),
                escap: benchmark("ESCAP", 52.0, 90.3, sgp, 57),
                gapToSubregionBest: Brief.Gap(
                    frontier: 85.0, frontierEconomy: chn, gap: 7.5,
                    contributors: [Brief.GapContributor(indicatorId: "price_mobile", name: "Mobile data price", points: 7.5, share: 1)]),
                gapToEscapBest: Brief.Gap(
                    frontier: 90.3, frontierEconomy: sgp, gap: 12.8,
                    contributors: [Brief.GapContributor(indicatorId: "price_mobile", name: "Mobile data price", points: 12.8, share: 1)])),
            Brief.NodeSummary(id: "skills", name: "Skills", kind: .pillar, score: nil),
        ],
        standing: Brief.Standing(
            basis: "ESCAP region (58)",
            strengths: [Brief.StandingIndicator(indicatorId: "net", name: "Individuals using the Internet", pillar: "Access and infrastructure",
                                                value: 97.2, unit: "%", peerMean: 68.4, standardised: 1.42)],
            weaknesses: [Brief.StandingIndicator(indicatorId: "price_mobile", name: "Mobile data price", pillar: "Affordability",
                                                 value: 1.9, unit: "% of GNI per capita", peerMean: 1.2, standardised: -0.65)]),
        indicators: [
            Brief.IndicatorRow(indicatorId: "net", name: "Individuals using the Internet", pillar: "Access and infrastructure",
                               value: 97.2, unit: "%", year: 2023, source: "ITU DataHub", status: .observed),
            Brief.IndicatorRow(indicatorId: "fbb", name: "Fixed broadband subscriptions per 100 people", pillar: "Access and infrastructure",
                               value: 45.3, unit: "per 100 people", year: 2021, source: "ITU DataHub",
                               status: .carriedForward(from: 2021)),
            Brief.IndicatorRow(indicatorId: "price_mobile", name: "Mobile data price", pillar: "Affordability",
                               value: 1.9, unit: "% of GNI per capita", year: 2023, source: "ITU DataHub", status: .observed),
            Brief.IndicatorRow(indicatorId: "gni", name: "GNI per capita, Atlas method", pillar: "Affordability",
                               value: 35990, unit: "current US$", year: 2023, source: "World Bank WDI", status: .imputed),
            Brief.IndicatorRow(indicatorId: "skills", name: "ICT skills", pillar: "Skills", value: nil, unit: "%",
                               year: nil, source: nil, status: .missing),
        ],
        withinEconomy: Brief.WithinEconomy(
            genderParity: Brief.GenderParityEntry(indicator: "Individuals using the Internet", year: 2022, female: 96.1,
                                                  male: 98.3, score: 0.9776, band: .favoursMen),
            urbanRural: nil),
        peers: Brief.Peers(basis: .subregion, economies: [
            Brief.PeerRow(economy: jpn, scores: [.init(id: "index", score: 83.0, rank: 2), .init(id: "access", score: 90.5, rank: 3),
                                                 .init(id: "afford", score: 80.1, rank: 7), .init(id: "skills", score: 70.0, rank: 5)]),
            Brief.PeerRow(economy: chn, scores: [.init(id: "index", score: 70.4, rank: 12), .init(id: "access", score: 75.0, rank: 15),
                                                 .init(id: "afford", score: 85.0, rank: 4), .init(id: "skills", score: nil, rank: nil)]),
            Brief.PeerRow(economy: mng, scores: [.init(id: "index", score: nil, rank: nil), .init(id: "access", score: 48.0, rank: 33),
                                                 .init(id: "afford", score: 51.2, rank: 30), .init(id: "skills", score: 40.5, rank: 35)]),
        ]),
        trend: [
            Brief.TrendSeries(economy: kor, points: [.init(year: 2018, value: 75.0), .init(year: 2019, value: 76.8),
                                                     .init(year: 2020, value: 78.1), .init(year: 2021, value: 79.0),
                                                     .init(year: 2022, value: 79.85), .init(year: 2023, value: 81.25)]),
            Brief.TrendSeries(economy: jpn, points: [.init(year: 2018, value: 80.2), .init(year: 2020, value: 81.5),
                                                     .init(year: 2023, value: 83.0)]),
            Brief.TrendSeries(economy: chn, points: [.init(year: 2018, value: 60.0), .init(year: 2021, value: 66.3),
                                                     .init(year: 2023, value: 70.4)]),
        ],
        distribution: Brief.Distribution(
            units: 4, gini: 0.125,
            lorenz: [.init(populationShare: 0, valueShare: 0), .init(populationShare: 0.25, valueShare: 0.15),
                     .init(populationShare: 0.5, valueShare: 0.35), .init(populationShare: 0.75, valueShare: 0.6),
                     .init(populationShare: 1, valueShare: 1)],
            economyPoint: .init(populationShare: 0.75, valueShare: 0.6)),
        notes: [
            "Skills is not scored: ICT skills has no value for Korea, Republic of in any year.",
            "Fixed broadband subscriptions per 100 people is carried forward from 2021 (two years old).",
        ],
        targets: [
            TargetProgress(
                target: DigitalTarget(id: "bbc-2025-internet-use", series: "net", name: "Individuals using the Internet",
                                      higherIsBetter: true, value: 75, byYear: 2025,
                                      source: "Broadband Commission, Targets 2025, Target 4",
                                      url: "https://www.broadbandcommission.org/broadband-targets/"),
                value: 97.2, year: 2023, window: [2018, 2023], growth: nil, yearsToReach: .closed, onTrack: true),
            TargetProgress(
                target: DigitalTarget(id: "bbc-2025-mobile-broadband-price", series: "price_mobile",
                                      name: "Mobile data price", higherIsBetter: false, value: 1, byYear: 2025,
                                      source: "Broadband Commission, Targets 2025, Target 3"),
                value: 1.9, year: 2023, window: [2018, 2023], growth: -0.05, yearsToReach: .years(12.5),
                onTrack: false),
        ],
        indicatorTrends: [
            Brief.IndicatorTrend(
                indicatorId: "net", name: "Individuals using the Internet", unit: "%", series: "net",
                economy: [.init(year: 2019, value: 96.2), .init(year: 2021, value: 97.0), .init(year: 2023, value: 97.2)],
                subregion: Brief.GroupTrend(group: "East and North-East Asia", of: 7, points: [
                    .init(year: 2019, value: 80.5, economies: 6), .init(year: 2020, value: 82.0, economies: 2),
                    .init(year: 2021, value: 84.75, economies: 7), .init(year: 2023, value: 88.1, economies: 5)]),
                escap: Brief.GroupTrend(group: "ESCAP", of: 58, points: [
                    .init(year: 2019, value: 55.0, economies: 50), .init(year: 2021, value: 61.5, economies: 52),
                    .init(year: 2023, value: 66.25, economies: 41)])),
            Brief.IndicatorTrend(
                indicatorId: "price_mobile", name: "Mobile data price", unit: "% of GNI per capita",
                series: "price_mobile", economy: [.init(year: 2021, value: 2.4), .init(year: 2023, value: 1.9)],
                subregion: Brief.GroupTrend(group: "East and North-East Asia", of: 7, points: [
                    .init(year: 2021, value: 1.5, economies: 6), .init(year: 2023, value: 1.25, economies: 6)]),
                escap: Brief.GroupTrend(group: "ESCAP", of: 58, points: [
                    .init(year: 2021, value: 3.5, economies: 48), .init(year: 2023, value: 2.75, economies: 47)])),
            Brief.IndicatorTrend(
                indicatorId: "skills", name: "ICT skills", unit: "%", economy: [],
                subregion: Brief.GroupTrend(group: "East and North-East Asia", of: 7, points: []),
                escap: Brief.GroupTrend(group: "ESCAP", of: 58, points: [.init(year: 2022, value: 30.5, economies: 9)])),
        ])
}

extension BriefFixture {
    /// A brief where nothing could be computed: every optional field absent.
    static let empty = Brief(
        header: Brief.Header(
            economy: Brief.Economy(iso3: "NRU", name: "Nauru"), subregion: nil, subregionCode: nil, incomeGroup: nil,
            framework: Brief.FrameworkReference(id: "ddi", name: "Digital Divide Index"), year: 2023,
            vintage: Brief.Vintage(latestYear: nil, oldestYear: nil), sources: []),
        index: nil, pillars: [], standing: nil, indicators: [],
        withinEconomy: Brief.WithinEconomy(genderParity: nil, urbanRural: nil), peers: nil, trend: [],
        distribution: nil, notes: [])
}
