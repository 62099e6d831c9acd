/// Reads a UN SDG Global Database CSV export (unstats.un.org/sdgs/dataportal): `Goal, Target, Indicator,
/// SeriesCode, SeriesDescription, GeoAreaCode, GeoAreaName, TimePeriod, Value, …, Source, FootNote, …` followed by
/// dimension and attribute columns (`Age`, `Location`, `Sex`, `Units`, `Type of skill`, …).
///
/// Units: `GeoAreaCode`, a UN M49 code (`410` Republic of Korea, `1` World: an aggregate, set aside). Year:
/// `TimePeriod`. Value: `Value`. Vintage: `ReleaseName` of the first row (e.g. `2020.Q4.G.02`).
///
/// **Indicator code rule.** `SeriesCode`, then, for each *dimension column* in the order the columns appear in the
/// file, the row's value in that column when it is neither empty nor a total, each preceded by `.`:
/// - the dimension columns are the columns after `ObservationID` (or, without it, after `FootNote`), except the
///   attribute columns `Freq`, `Nature`, `Units`, `UnitMultiplier`, `Reporting Type` and `Observation Status`;
/// - the totals are (ignoring case) `BOTHSEX`, `ALLAGE`, `ALLAREA`, `_T`, `_Z`, `ALL` and `TOTAL`: the
///   both-sexes, all-ages, all-areas values are the headline series and keep the plain `SeriesCode`.
/// So `IT_MOB_OWN` with `Sex` = `FEMALE` is `IT_MOB_OWN.FEMALE`, with `BOTHSEX` it is `IT_MOB_OWN`; `SE_ADT_ACTS`
/// with `Sex` = `BOTHSEX` and `Type of skill` = `EMAIL` is `SE_ADT_ACTS.EMAIL`, with `MALE`, `SE_ADT_ACTS.MALE.EMAIL`.
/// The name is `SeriesDescription` followed by the code's dimension values in brackets (`[FEMALE]`); the unit is
/// `Units` (`PERCENT` is written `%`, which makes the series a 0–100 share).
public struct UNSDGReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .unSDG }

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.unSDG, sample)
    }

    /// Attribute columns, which never split a series (compared lower-cased).
    package static let attributes: Set<String> = ["freq", "nature", "units", "unitmultiplier", "reporting type", "observation status"]
    /// Dimension values that mean "all" (compared upper-cased).
    package static let totals: Set<String> = ["BOTHSEX", "ALLAGE", "ALLAREA", "_T", "_Z", "ALL", "TOTAL"]

    /// The indicator code of `seriesCode` with these dimension values (in column order).
    public static func indicatorCode(seriesCode: String, dimensions: [String]) -> String {
        var code = seriesCode.trimmingSpaces()
        for value in dimensions {
            let trimmed = value.trimmingSpaces()
            if trimmed.isEmpty || totals.contains(trimmed.uppercased()) { continue }
            code += "." + trimmed
        }
        return code
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        let lowered = header.map { $0.trimmingSpaces().lowercased() }
        guard let seriesColumn = lowered.firstIndex(of: "seriescode"),
            let areaColumn = lowered.firstIndex(of: "geoareacode"),
            let yearColumn = lowered.firstIndex(of: "timeperiod"),
            let valueColumn = lowered.firstIndex(of: "value")
        else {
            let missing = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value"].filter {
                !lowered.contains($0.lowercased())
            }
            throw ReaderSupport.missingColumn(
                missing.joined(separator: ", "), file: sink.fileName, line: headerLine, header: header)
        }
        let descriptionColumn = lowered.firstIndex(of: "seriesdescription")
        let unitsColumn = lowered.firstIndex(of: "units")
        let releaseColumn = lowered.firstIndex(of: "releasename")
        let dimensionStart = (lowered.firstIndex(of: "observationid") ?? lowered.firstIndex(of: "footnote")).map {
            $0 + 1
        } ?? header.count
        let dimensionColumns = (dimensionStart..<header.count).filter { !UNSDGReader.attributes.contains(lowered[$0]) }
        sink.setYearColumn(yearColumn + 1)
        sink.setPublisher("UN SDG Global Database")
        let width = header.count
        var areas = ByteInterner()
        var areaHandles: [UnitHandle] = []
        // Series key: the series code and the dimension values, joined with a separator no field holds unescaped.
        var keys = ByteInterner()
        var keyHandles: [IndicatorHandle] = []
        var key: [UInt8] = []
        var sawVintage = false
        var periods = NonAnnualPeriods()
        defer { periods.finish(into: sink) }
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            if !sawVintage, let releaseColumn {
                let release = scanner.string(releaseColumn).trimmingSpaces()
                if !release.isEmpty { sink.setVintage(release) }
                sawVintage = true
            }
            guard let year = periods.year(scanner, field: yearColumn, into: sink) else { continue }
            let (areaID, areaIsNew) = areas.intern(scanner.field(areaColumn))
            if areaIsNew { areaHandles.append(sink.unit(areas.text(areaID), column: areaColumn + 1)) }
            let unit = areaHandles[Int(areaID)]
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: scanner.field(seriesColumn))
            for column in dimensionColumns {
                key.append(0)
                key.append(contentsOf: scanner.field(column))
            }
            let (keyID, keyIsNew) = key.withUnsafeBufferPointer { keys.intern($0) }
            if keyIsNew {
                let dimensions = dimensionColumns.map { scanner.string($0) }
                let series = scanner.string(seriesColumn).trimmingSpaces()
                let code = UNSDGReader.indicatorCode(seriesCode: series, dimensions: dimensions)
                let split = dimensions.map { $0.trimmingSpaces() }.filter {
                    !$0.isEmpty && !UNSDGReader.totals.contains($0.uppercased())
                }
                var name = descriptionColumn.map { scanner.string($0).trimmingSpaces() } ?? ""
                if !split.isEmpty { name += (name.isEmpty ? "" : " ") + "[" + split.joined(separator: ", ") + "]" }
                var measure = unitsColumn.map { scanner.string($0).trimmingSpaces() } ?? ""
                if measure.uppercased() == "PERCENT" { measure = "%" }
                keyHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: code, name: name.isEmpty ? nil : name, unit: measure.isEmpty ? nil : measure,
                            source: "UN SDG Global Database (UNSD)")))
            }
            let indicator = keyHandles[Int(keyID)]
            ReaderSupport.value(scanner, field: valueColumn, into: sink) { value in
                sink.observe(
                    unit: unit, indicator: indicator, year: year, value: value, line: line, column: valueColumn + 1)
            }
        }
    }
}
