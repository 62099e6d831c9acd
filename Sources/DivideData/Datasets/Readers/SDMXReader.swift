/// Reads SDMX-CSV, the CSV format of SDMX data portals (UN, ESCAP, OECD, Eurostat…), versions 1.0 and 2.0.
///
/// Specifications: SDMX-CSV 1.0 (SDMX Technical Working Group, 2017) — first column `DATAFLOW`
/// (`AGENCY:ID(VERSION)`), then one column per dimension, `TIME_PERIOD`, `OBS_VALUE`, then attributes; SDMX-CSV 2.0
/// (2021, <https://github.com/sdmx-twg/sdmx-csv>) — `STRUCTURE` (`dataflow`, `datastructure` or
/// `dataprovision`), `STRUCTURE_ID` (`AGENCY:ID(VERSION)`), optional `ACTION`, then the same. Both allow headers
/// and values with labels, `CODE: Label`; only the code before `: ` is used.
///
/// Mapping to the panel:
/// - unit: `REF_AREA` (resolved like any country text: ISO3 codes, or M49 numeric codes if the resolver knows them);
/// - year: `TIME_PERIOD`, which must be a year (`2023`); periods such as `2023-Q1` or `2023-01` are rejected as
///   years out of range (the panel is annual);
/// - indicator code: the dataflow id (the `ID` of `AGENCY:ID(VERSION)`) followed by the values of the other
///   dimension columns in header order, joined by `.` — e.g. `DF_SDG_GLH.SI_POV_DAY1._T` for `SERIES=SI_POV_DAY1`,
///   `SEX=_T`. A column counts as a dimension unless it is a structure column, `REF_AREA`, `TIME_PERIOD`,
///   `OBS_VALUE`, `FREQ`, `UNIT_MEASURE` (kept as the indicator's unit) or a known attribute (`OBS_STATUS`,
///   `OBS_CONF`, `OBS_PRE_BREAK`, `UNIT_MULT` (applied: each value is multiplied by 10^UNIT_MULT), `DECIMALS`, `COMMENT_OBS`, `OBS_COMMENT`, `COMMENT`, `TIME_FORMAT`,
///   `SOURCE_DETAIL`, `NATURE`, `BASE_PER`, `REPORTING_TYPE`, `UPPER_BOUND`, `LOWER_BOUND`, `TITLE`,
///   `CUST_BREAKDOWN`, `DATA_SOURCE`, `SOURCE`, `FOOTNOTE`, `GEO_INFO_URL`, `OBS_TYPE`, `TIME_DETAIL`).
/// - `ACTION` `D` (delete) rows are skipped and counted as missing-free records.
public struct SDMXReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .sdmx }

    package static let structureColumns: Set<String> = ["dataflow", "structure", "structure_id", "action"]
    package static let nonDimensions: Set<String> = [
        "ref_area", "time_period", "obs_value", "freq", "unit_measure", "obs_status", "obs_conf", "obs_pre_break",
        "unit_mult", "decimals", "comment_obs", "obs_comment", "comment", "time_format", "source_detail", "nature",
        "base_per", "reporting_type", "upper_bound", "lower_bound", "title", "cust_breakdown", "data_source",
        "source", "footnote", "geo_info_url", "obs_type", "time_detail",
    ]

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.sdmx, sample)
    }

    /// The code part of `CODE: Label`.
    package static func code(_ text: String) -> String {
        var index = text.startIndex
        while let colon = text[index...].firstIndex(of: ":") {
            let next = text.index(after: colon)
            if next < text.endIndex && text[next] == " " { return String(text[..<colon]).trimmingSpaces() }
            index = next
        }
        return text.trimmingSpaces()
    }

    /// `ID` of `AGENCY:ID(VERSION)`.
    package static func dataflowID(_ text: String) -> String {
        var id = Substring(code(text))
        if let colon = id.firstIndex(of: ":") { id = id[id.index(after: colon)...] }
        if let paren = id.firstIndex(of: "(") { id = id[..<paren] }
        return String(id)
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        let codes = header.map { Self.code($0).lowercased() }
        func column(_ name: String) -> Int? { codes.firstIndex(of: name) }
        guard let area = column("ref_area") else {
            throw ReaderSupport.missingColumn("REF_AREA", file: sink.fileName, line: headerLine, header: header)
        }
        guard let time = column("time_period") else {
            throw ReaderSupport.missingColumn("TIME_PERIOD", file: sink.fileName, line: headerLine, header: header)
        }
        guard let value = column("obs_value") else {
            throw ReaderSupport.missingColumn("OBS_VALUE", file: sink.fileName, line: headerLine, header: header)
        }
        // SDMX-CSV 2.0 names the dataflow in STRUCTURE_ID; 1.0 in DATAFLOW.
        guard let flow = column("structure_id") ?? column("dataflow") else {
            throw ReaderSupport.missingColumn(
                "DATAFLOW or STRUCTURE_ID", file: sink.fileName, line: headerLine, header: header)
        }
        let action = column("action")
        let measure = column("unit_measure")
        // UNIT_MULT changes what a number means (OBS_VALUE × 10^UNIT_MULT): applied to each value, never ignored.
        let multiplier = column("unit_mult")
        let dimensions = codes.indices.filter {
            !Self.structureColumns.contains(codes[$0]) && !Self.nonDimensions.contains(codes[$0])
        }
        sink.setYearColumn(time + 1)
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        var indicators = ByteInterner()
        var indicatorHandles: [IndicatorHandle] = []
        var key: [UInt8] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: header.count, into: sink) else { continue }
            if let action, scanner.string(action).trimmingSpaces().uppercased() == "D" { continue }
            let line = scanner.recordLine
            let areaCode = Self.code(scanner.string(area))
            var areaBytes = areaCode
            let (unitID, unitIsNew) = areaBytes.withUTF8 { units.intern($0) }
            if unitIsNew { unitHandles.append(sink.unit(areaCode, column: area + 1)) }
            // The indicator key: dataflow id, then each dimension value, separated by '.'.
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: Self.dataflowID(scanner.string(flow)).utf8)
            for dimension in dimensions {
                key.append(0x2E)
                key.append(contentsOf: Self.code(scanner.string(dimension)).utf8)
            }
            let (indicatorID, indicatorIsNew) = key.withUnsafeBufferPointer { indicators.intern($0) }
            if indicatorIsNew {
                let unitText = measure.map { Self.code(scanner.string($0)) }
                indicatorHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: indicators.text(indicatorID),
                            unit: unitText.flatMap { $0.isEmpty ? nil : $0 })))
            }
            var yearText = Self.code(scanner.string(time))
            guard let year = yearText.withUTF8({ ReaderSupport.year($0) }) else {
                ReaderSupport.rejectYear(scanner, field: time, into: sink)
                continue
            }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            var scale = 1.0
            if let multiplier {
                let text = scanner.string(multiplier).trimmingSpaces()
                if !text.isEmpty {
                    guard let power = Int(text), (-30...30).contains(power) else {
                        sink.reject(DivideError(
                            .nonNumericValue, at: sink.location(line: line, column: multiplier + 1),
                            expected: "a unit multiplier: a whole power of ten from -30 to 30",
                            found: DivideError.quote(text)))
                        continue
                    }
                    scale = Double("1e\(power)")!   // the correctly rounded power of ten
                }
            }
            ReaderSupport.value(scanner, field: value, into: sink) { number in
                sink.observe(unit: unit, indicator: indicator, year: year, value: number * scale, line: line,
                             column: value + 1)
            }
        }
    }
}
