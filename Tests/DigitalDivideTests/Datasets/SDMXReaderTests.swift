import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Test files crafted from the SDMX-CSV specifications (1.0: first column DATAFLOW `AGENCY:ID(VERSION)`;
/// 2.0: STRUCTURE, STRUCTURE_ID, ACTION; labels as `CODE: Label`), since no SDMX file is shipped.
@Suite("SDMX-CSV reader")
struct SDMXReaderTests {
    let options = LoadOptions(unitPolicy: .resolve(TestResolver()))

    @Test func sdmxCSV1() throws {
        let text = """
            DATAFLOW,FREQ,REF_AREA,SERIES,SEX,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS
            UN:DF_SDG_GLH(1.0),A,KOR,IT_USE_ii99,_T,PT,2020,96.5,A
            UN:DF_SDG_GLH(1.0),A,KOR,IT_USE_ii99,F,PT,2020,95.1,A
            UN:DF_SDG_GLH(1.0),A,THA,IT_USE_ii99,_T,PT,2021,NaN,M
            UN:DF_SDG_GLH(1.0),A,WLD,IT_USE_ii99,_T,PT,2021,63,A

            """
        let result = try load("sdg.csv", text, options: options)
        let report = try #require(result.report.files.first)
        #expect(report.format == .sdmx && report.records == 4 && report.valuesUsed == 2)
        #expect(report.missing == [.nan: 1] && report.setAside == ["World": 1])
        let panel = result.panel
        // UNIT_MEASURE is a dimension: part of the series key (issue 13).
        #expect(panel.indicators.map(\.code) == ["DF_SDG_GLH.IT_USE_ii99._T.PT", "DF_SDG_GLH.IT_USE_ii99.F.PT"])
        #expect(panel.indicators[0].unit == "PT")
        #expect(panel.value(unit: "KOR", indicator: "DF_SDG_GLH.IT_USE_ii99.F.PT", year: 2020) == 95.1)
        #expect(panel.provenance(unit: "KOR", indicator: "DF_SDG_GLH.IT_USE_ii99.F.PT", year: 2020)?.line == 3)
    }

    @Test func sdmxCSV2WithLabelsAndActions() throws {
        let text = """
            STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,INDICATOR: Indicator,TIME_PERIOD: Time,OBS_VALUE: Value,UNIT_MEASURE: Unit
            dataflow,ESCAP:DF_ICT(2.1),I,THA: Thailand,FBB: Fixed broadband,2022,17.5,PER100: per 100 people
            dataflow,ESCAP:DF_ICT(2.1),D,KOR: Korea,FBB: Fixed broadband,2022,45.0,PER100: per 100 people
            dataflow,ESCAP:DF_ICT(2.1),I,IND: India,FBB: Fixed broadband,2022-Q1,2.1,PER100: per 100 people

            """
        let result = try load("escap.csv", text, options: options)
        #expect(result.report.files.first?.format == .sdmx)
        #expect(result.panel.indicators.map(\.code) == ["DF_ICT.FBB.PER100"])
        #expect(result.panel.value(unit: "THA", indicator: "DF_ICT.FBB.PER100", year: 2022) == 17.5)
        #expect(result.panel.value(unit: "KOR", indicator: "DF_ICT.FBB.PER100", year: 2022) == nil)
        #expect(result.panel.indicators.first?.unit == "PER100")
        // A quarter is not a year of the annual panel: set aside as a class, not rejected.
        #expect(messages(result).isEmpty)
        let aside = try #require(result.report.files.first?.setAsideClasses.first)
        #expect(aside.kind == NonAnnualPeriods.kind && aside.count == 1)
        #expect(aside.example.hasSuffix("/escap.csv:4:6 (TIME_PERIOD: Time) \"2022-Q1\""))
    }

    // UNIT_MULT changes what OBS_VALUE means (2.7 with UNIT_MULT 6 is 2,700,000): applied, never ignored; a
    // multiplier that is not a power of ten is a located rejection.
    @Test func unitMultiplierIsApplied() throws {
        let text = """
            DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT
            X:POP(1.0),KOR,P,2022,2.7,6
            X:POP(1.0),THA,P,2022,66000000,0
            X:POP(1.0),FRA,P,2022,125,
            X:POP(1.0),IND,P,2022,1.4,billions

            """
        let result = try load("mult.csv", text, options: options)
        #expect(result.panel.value(unit: "KOR", indicator: "POP.P", year: 2022) == 2_700_000)
        #expect(result.panel.value(unit: "THA", indicator: "POP.P", year: 2022) == 66_000_000)
        #expect(result.panel.value(unit: "FRA", indicator: "POP.P", year: 2022) == 125)
        #expect(result.panel.value(unit: "IND", indicator: "POP.P", year: 2022) == nil)
        #expect(messages(result) == [
            "mult.csv:5:6 (UNIT_MULT): expected a unit multiplier: a whole power of ten from -30 to 30, found \"billions\"",
        ])
    }

    @Test func missingObsValueColumnIsFatal() throws {
        let result = try load(
            "bad.csv", "DATAFLOW,REF_AREA,TIME_PERIOD,AMOUNT\nX:Y(1.0),KOR,2020,1\n",
            options: LoadOptions(unitPolicy: .resolve(TestResolver()), format: .sdmx))
        #expect(messages(result) == [
            "bad.csv:1: expected a column OBS_VALUE, found header \"DATAFLOW\",\"REF_AREA\",\"TIME_PERIOD\",\"AMOUNT\"",
        ])
    }
}
