import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("ITU DataHub reader")
struct ITUReaderTests {
    @Test func shippedFilesHandChecked() throws {
        let result = loadShipped([
            "itu/datahub/fixed_broadband_subscriptions.csv", "itu/datahub/population_coverage_mobile_network.csv",
            "itu/datahub/data_only_mobile_broadband_5GB.csv", "itu/datahub/households_with_internet_access_at_home.csv",
        ])
        let panel = result.panel
        // fixed_broadband_subscriptions.csv line 2033: i4213tfbb KOR 2023 "2.40982e+007"; line 6463: i992b 46.5676.
        #expect(panel.value(unit: "KOR", indicator: "i4213tfbb", year: 2023) == 24_098_200)
        #expect(panel.value(unit: "KOR", indicator: "i992b", year: 2023) == 46.5676)
        #expect(panel.provenance(unit: "KOR", indicator: "i4213tfbb", year: 2023)?.line == 2033)
        #expect(panel.provenance(unit: "KOR", indicator: "i992b", year: 2023)?.line == 6463)
        // population_coverage_mobile_network.csv line 8498: i271GA THA 2023 99.
        #expect(panel.value(unit: "THA", indicator: "i271GA", year: 2023) == 99)
        // data_only_mobile_broadband_5GB.csv lines 256 / 901 / 1509: IND 2025 2.02 USD, 0.93 %GNI, 8.8 PPP$.
        #expect(panel.value(unit: "IND", indicator: "i271mb_5GB$", year: 2025) == 2.02)
        #expect(panel.value(unit: "IND", indicator: "i271mb_5GB_GNI", year: 2025) == 0.93)
        #expect(panel.value(unit: "IND", indicator: "i271mb_5GB_PPP", year: 2025) == 8.8)
        // households_with_internet_access_at_home.csv line 3553: xHH6_IDI VNM 2023 87.7.
        #expect(panel.value(unit: "VNM", indicator: "xHH6_IDI", year: 2023) == 87.7)
        func info(_ code: String) throws -> IndicatorInfo { try #require(panel.indicators.first { $0.code == code }) }
        #expect(try info("i4213tfbb").unit == "count" && !(try info("i4213tfbb").isShare))
        #expect(try info("i992b").unit == "per 100 inhabitants")
        #expect(try info("i271mb_5GB$").unit == "USD" && !(try info("i271mb_5GB$").isShare))
        #expect(try info("i271mb_5GB_PPP").unit == "PPP$")
        #expect(try info("i271mb_5GB_GNI").unit == "% of monthly GNI per capita")
        #expect(try info("xHH6_IDI").isShare && (try info("i271GA").isShare))
        #expect(try info("i271GA").name == "At least LTE/WiMAX")
        #expect(try info("xHH6_IDI").licence == "CC BY-NC-SA 3.0 IGO")
        #expect(result.report.isClean)
        let files = result.report.files
        #expect(files.map(\.records) == [8844, 9609, 1861, 3964])
        #expect(files.allSatisfy { $0.records == $0.valuesUsed + $0.setAsideTotal })
    }

    @Test func unitCorrectionRule() {
        #expect(ITUSeriesUnits.correct(code: "i911mw", label: "count") == ("per 100 inhabitants", false))
        #expect(ITUSeriesUnits.correct(code: "i271mw", label: "count") == ("count", false))
        #expect(ITUSeriesUnits.correct(code: "i154_FBB5$", label: "% GNI per capita") == ("USD", false))
        #expect(ITUSeriesUnits.correct(code: "i271G5_pop", label: "%") == ("%", true))
        // A "%" label never makes a count or a price a share.
        #expect(ITUSeriesUnits.correct(code: "i4213tfbb", label: "%") == ("count", false))
        #expect(ITUSeriesUnits.correct(code: "i271mb_5GB_PPP", label: "%") == ("PPP$", false))
        #expect(ITUSeriesUnits.correct(code: "xNew", label: nil) == (nil, false))
    }

    @Test func malformedInputIsLocated() throws {
        let header = "seriesID,seriesCode,seriesName,seriesParent,seriesUnits,entityID,entityIso,entityName,dataValue,dataYear,dataNote,dataSource,seriesDescription\n"
        let text = header + """
            1,i99,Test,,%,4,THA,Thailand,12.5,2020,,,d
            1,i99,Test,,%,4,THA,Thailand,n.a.,2021,,,d
            1,i99,Test,,%,4,THA,Thailand,10,year,,,d
            1,i99,Test,,%,4,,Zimbabwe,10,2022,,,d
            1,i99,Test,,%,4,XXY,Nowhere,10,2022,,,d

            """
        let result = try load("itu.csv", text, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        #expect(result.report.files.first?.format == .itu)
        #expect(result.panel.value(unit: "THA", indicator: "i99", year: 2020) == 12.5)
        #expect(result.panel.value(unit: "ZWE", indicator: "i99", year: 2022) == 10)  // entityName when entityIso is empty
        let listed = messages(result)
        #expect(listed.contains { $0.hasPrefix("itu.csv:3:9 (dataValue): expected a number, found \"n.a.\"") })
        #expect(listed.contains("itu.csv:4:10 (dataYear): expected a year (an integer such as 2023), found \"year\""))
        #expect(listed.contains { $0.hasPrefix("itu.csv:6:7 (entityIso): expected a known country name or code, found \"XXY\"") })
        let missing = try load("bad.csv", "seriesCode,entityIso,dataValue,year\n", options: LoadOptions(format: .itu))
        #expect(messages(missing) == ["bad.csv:1: expected a column dataYear, found header \"seriesCode\",\"entityIso\",\"dataValue\",\"year\""])
    }
}
