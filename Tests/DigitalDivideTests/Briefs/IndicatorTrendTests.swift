import Foundation
import Testing
import DigitalDivide
@testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// The brief's indicator trends: each indicator's published values for the economy and the subregion and ESCAP
/// means over the economies with a value, counted, from a panel small enough to work out by hand.
@Suite("Brief: indicators over time")
struct IndicatorTrendTests {
    /// KOR, JPN, CHN (East and North-East Asia) and IND (South and South-West Asia); series x in 2018–2021 with
    /// gaps, and y per 100 of p in 2020–2021.
    static let csv = """
        country,year,indicator,value
        KOR,2018,x,10
        KOR,2019,x,20
        KOR,2021,x,40
        JPN,2018,x,30
        JPN,2019,x,30
        JPN,2020,x,30
        JPN,2021,x,30
        CHN,2020,x,50
        CHN,2021,x,60
        IND,2018,x,5
        IND,2021,x,8
        KOR,2021,y,5
        KOR,2021,p,50
        JPN,2020,y,6
        JPN,2020,p,30
        JPN,2021,y,9
        JPN,2021,p,30
        IND,2021,y,1
        IND,2021,p,10

        """

    static func builder() throws -> BriefBuilder {
        let panelBuilder = PanelBuilder(options: LoadOptions())
        _ = DataLoader().load(bytes: Array(csv.utf8), name: "t.csv", into: panelBuilder)
        let panel = panelBuilder.build()
        let framework = Framework(
            root: FrameworkNode(id: "IDX", content: .composite(children: [
                FrameworkNode(id: "a", name: "Use", content: .indicator(IndicatorSpec(
                    series: "x", direction: .higherIsBetter, unit: "%"))),
                FrameworkNode(id: "b", name: "Subscriptions", content: .indicator(IndicatorSpec(
                    series: "y", direction: .higherIsBetter, unit: "per 100 people",
                    transform: .perCapita(denominator: "p", scale: 100)))),
            ], aggregation: nil, coverage: 0)),
            methods: MethodChoices())
        let result = try IndexComputation(framework: framework, units: .units(["KOR", "JPN", "CHN", "IND"]))
            .run(panel: panel)
        return BriefBuilder(result: result, panel: panel)
    }

    static func points(_ g: Brief.GroupTrend?) -> [[Double]] {
        (g?.points ?? []).map { [Double($0.year), ($0.value * 1000).rounded() / 1000, Double($0.economies)] }
    }

    @Test func meansAndCoverageByYear() throws {
        let brief = try Self.builder().brief(for: "KOR", year: 2021)
        let trends = try #require(brief.indicatorTrends)
        #expect(trends.map(\.indicatorId) == ["a", "b"])
        let a = trends[0]
        #expect(a.name == "Use" && a.unit == "%" && a.series == "x")
        // KOR's own values: 2020 is missing and stays missing (nothing is carried forward).
        #expect(a.economy == [.init(year: 2018, value: 10), .init(year: 2019, value: 20), .init(year: 2021, value: 40)])
        // East and North-East Asia: KOR, JPN, CHN; each year's mean over the economies with a value.
        #expect(a.subregion?.group == "East and North-East Asia" && a.subregion?.of == 3)
        #expect(Self.points(a.subregion) == [[2018, 20, 2], [2019, 25, 2], [2020, 40, 2], [2021, 43.333, 3]])
        // The ESCAP region: the four.
        #expect(a.escap?.group == "ESCAP" && a.escap?.of == 4)
        #expect(Self.points(a.escap) == [[2018, 15, 3], [2019, 25, 2], [2020, 40, 2], [2021, 34.5, 4]])
        // y per 100 of p: the framework's transform applied to each economy's value; a target on the series y would
        // be in other units, so the trend names no series.
        let b = trends[1]
        #expect(b.series == nil && b.unit == "per 100 people")
        #expect(b.economy == [.init(year: 2021, value: 10)])
        #expect(Self.points(b.subregion) == [[2020, 20, 1], [2021, 20, 2]])
        #expect(Self.points(b.escap) == [[2020, 20, 1], [2021, 16.667, 3]])
    }

    @Test func theWindowEndsAtTheBriefsYear() throws {
        var builder = try Self.builder()
        builder.indicatorTrendYears = 2
        let brief = try builder.brief(for: "IND", year: 2020)
        let a = try #require(brief.indicatorTrends?.first)
        // 2019–2020 only: IND has no value then; its subregion (South and South-West Asia) is itself alone.
        #expect(a.economy.isEmpty)
        #expect(a.subregion?.group == "South and South-West Asia" && a.subregion?.of == 1)
        #expect(Self.points(a.subregion).isEmpty)
        #expect(Self.points(a.escap) == [[2019, 25, 2], [2020, 40, 2]])
    }

    @Test func trendsSurviveJSONAndCSV() throws {
        let brief = try Self.builder().brief(for: "KOR", year: 2021)
        #expect(brief.schemaVersion == "2.1")
        let json = try brief.json()
        #expect(json.contains("\"indicator_trends\" : ["))
        #expect(try Brief.decode(json: Data(json.utf8)) == brief)
        let csv = brief.csv()
        #expect(csv.contains("indicator_trend,a,name,Use\r\n"))
        #expect(csv.contains("indicator_trend,a:economy,2019,20\r\n"))
        #expect(csv.contains("indicator_trend,a:subregion,of,3\r\n"))
        #expect(csv.contains("indicator_trend,a:escap,2021,34.5\r\n"))
        #expect(csv.contains("indicator_trend,a:escap,2021:economies,4\r\n"))
    }

    /// A brief written before schema 2.1 has no `indicator_trends` key and still decodes (to nil).
    @Test func olderBriefsDecodeWithoutTrends() throws {
        var old = BriefFixture.brief
        old.schemaVersion = "2.0"
        old.indicatorTrends = nil
        let json = try old.json()
        #expect(!json.contains("indicator_trends"))
        #expect(try Brief.decode(json: Data(json.utf8)).indicatorTrends == nil)
    }
}
