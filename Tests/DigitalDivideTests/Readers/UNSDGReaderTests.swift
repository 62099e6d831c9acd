import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("UN SDG Global Database reader")
struct UNSDGReaderTests {
    @Test func codeRule() {
        #expect(UNSDGReader.indicatorCode(seriesCode: "IT_MOB_OWN", dimensions: ["", "FEMALE", ""]) == "IT_MOB_OWN.FEMALE")
        #expect(UNSDGReader.indicatorCode(seriesCode: "IT_MOB_OWN", dimensions: ["", "BOTHSEX", ""]) == "IT_MOB_OWN")
        #expect(UNSDGReader.indicatorCode(seriesCode: "SE_ADT_ACTS", dimensions: ["BOTHSEX", "EMAIL"]) == "SE_ADT_ACTS.EMAIL")
        #expect(UNSDGReader.indicatorCode(seriesCode: "SE_ADT_ACTS", dimensions: ["MALE", "EMAIL"]) == "SE_ADT_ACTS.MALE.EMAIL")
        #expect(UNSDGReader.indicatorCode(seriesCode: "X", dimensions: ["ALLAGE", "_T", "ALLAREA", "URBAN"]) == "X.URBAN")
        #expect(UNSDGReader.indicatorCode(seriesCode: " X ", dimensions: ["15-24", "total"]) == "X.15-24")
    }

    @Test func shippedMobileOwnership() throws {
        let result = loadShipped(["itu/sdg-database/sdg_database_ind_own_mobile.csv"])
        let report = try #require(result.report.files.first)
        #expect(report.format == .unSDG && report.vintage == "2020.Q4.G.02")
        #expect(Set(report.indicators) == ["IT_MOB_OWN", "IT_MOB_OWN.MALE", "IT_MOB_OWN.FEMALE"])
        // GeoAreaCode 410 (M49, Republic of Korea), lines 332–334: 2014 MALE 87.72014, BOTHSEX 84.67433, FEMALE 81.58382.
        #expect(result.panel.value(unit: "KOR", indicator: "IT_MOB_OWN.MALE", year: 2014) == 87.72014)
        #expect(result.panel.value(unit: "KOR", indicator: "IT_MOB_OWN", year: 2014) == 84.67433)
        #expect(result.panel.value(unit: "KOR", indicator: "IT_MOB_OWN.FEMALE", year: 2014) == 81.58382)
        #expect(result.panel.provenance(unit: "KOR", indicator: "IT_MOB_OWN.FEMALE", year: 2014)?.line == 334)
        let info = try #require(result.panel.indicators.first { $0.code == "IT_MOB_OWN.FEMALE" })
        #expect(info.unit == "%" && info.isShare)
        #expect(info.name == "Proportion of individuals who own a mobile telephone, by sex (%) [FEMALE]")
        // Costa Rica 2016 (lines 125–127) reports 112.9, 111.1, 109.5 %: rejected as shares above 100.
        #expect(report.rejected == [.shareOutOfRange: 4])
        #expect(messages(result).contains(
            "sdg_database_ind_own_mobile.csv:125:15 (Value): expected a percentage in 0...100 (IT_MOB_OWN.MALE is a share), found 112.9233"))
    }

    @Test func shippedSkillsSplitBySexAndSkill() throws {
        let result = loadShipped(["itu/sdg-database/sdg_database_ict_literacy.csv"])
        let report = try #require(result.report.files.first)
        #expect(report.indicators.count == 27 && report.rejectedTotal == 0)  // 3 sexes × 9 skills
        // Lines 2299–2301: KOR (410) 2017 EMAIL: FEMALE 51.36743, BOTHSEX 57.4379, MALE 63.83655.
        #expect(result.panel.value(unit: "KOR", indicator: "SE_ADT_ACTS.FEMALE.EMAIL", year: 2017) == 51.36743)
        #expect(result.panel.value(unit: "KOR", indicator: "SE_ADT_ACTS.EMAIL", year: 2017) == 57.4379)
        #expect(result.panel.value(unit: "KOR", indicator: "SE_ADT_ACTS.MALE.EMAIL", year: 2017) == 63.83655)
    }

    @Test func malformedInputIsLocated() throws {
        let text = """
            SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,FootNote,Sex,Units
            X_1,Thing,764,Thailand,2020,<5,,FEMALE,PERCENT
            X_1,Thing,764,Thailand,2021,7,,FEMALE,PERCENT
            X_1,Thing,1,World,2021,7,,FEMALE,PERCENT
            X_1,Thing,999,Nowhere,2021,7,,FEMALE,PERCENT

            """
        let result = try load("sdg.csv", text, options: registryOptions)
        #expect(result.report.files.first?.format == .unSDG)
        #expect(result.panel.value(unit: "THA", indicator: "X_1.FEMALE", year: 2021) == 7)
        let listed = messages(result)
        #expect(listed.contains { $0.hasPrefix("sdg.csv:2:6 (Value): expected a number, found \"<5\"") })
        #expect(listed.contains("sdg.csv:5:3 (GeoAreaCode): expected a known country name or code, found \"999\""))
        #expect(result.report.files.first?.setAsideTotal == 1)
    }
}
