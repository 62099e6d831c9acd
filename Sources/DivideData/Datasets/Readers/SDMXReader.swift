/// Reads SDMX-CSV, the CSV format of SDMX data portals (UN, ESCAP, OECD, Eurostat, IMF…), versions 1.0 and 2.0, and
/// the OECD archive exports built on the same codes.
///
/// Specifications: SDMX-CSV 1.0 (SDMX Technical Working Group, 2017) — first column `DATAFLOW`
/// (`AGENCY:ID(VERSION)`), then one column per dimension, `TIME_PERIOD`, `OBS_VALUE`, then attributes; SDMX-CSV 2.0
/// (2021, <https://github.com/sdmx-twg/sdmx-csv>) — `STRUCTURE` (`dataflow`, `datastructure` or
/// `dataprovision`), `STRUCTURE_ID` (`AGENCY:ID(VERSION)`), optional `STRUCTURE_NAME` and `ACTION`, then the same.
///
/// Shapes read (header names compared ignoring case):
/// - labels in the cells, `CODE: Label` (SDMX-CSV 2.0 `labels=both`, e.g. `REF_AREA: Reference area`, `KOR: Korea`):
///   only the code before `: ` is used;
/// - labels in their own columns (OECD Data Explorer `labels=both`: `REF_AREA,Reference area,FREQ,Frequency of
///   observation,…`; Eurostat `geo,Geopolitical entity (reporting)`; OECD.Stat `LOCATION,Country,SUBJECT,Subject`):
///   a *label column* is one whose header is not a code identifier (it has a space or mixes upper and lower case)
///   and that follows a code column; it is skipped (counted in no value);
/// - the area column `REF_AREA`, `geo` (Eurostat), `LOCATION` or `COU` (OECD archive exports such as
///   `DP_LIVE_*.csv` and OECD.Stat), `COUNTRY`, `REPORTING_COUNTRY`, `AREA`;
/// - the time column `TIME_PERIOD` or `TIME`; the value column `OBS_VALUE` or `Value`;
/// - the dataflow in `STRUCTURE_ID` or `DATAFLOW`; an OECD archive export has none (its indicator key is its
///   dimensions).
///
/// Mapping to the panel:
/// - unit: the area code (resolved like any country text: ISO3, ISO2 with Eurostat's `EL` and `UK`, M49 codes;
///   Eurostat's `EU27_2020` and `EA20` are aggregates);
/// - year: the time period, a year (`2023`) or SDMX's explicit annual period (`2023-A1`, a range of one calendar
///   year such as `2023-01-01/P1Y`); every other period (quarters `2023-Q1`, months `2023-01` or `2023-M01`, weeks,
///   days, other ranges) is set aside as one class with its count and first location (`NonAnnualPeriods`: the
///   panel is annual), anything else rejected as a malformed year;
/// - indicator code: the dataflow id (the `ID` of `AGENCY:ID(VERSION)`) followed by the value of every *dimension*
///   column in header order, joined by `.`, `UNIT_MEASURE` included (in OECD data the same measure comes as a growth
///   rate and as a level: two series, not a conflict) — e.g. `DF_SDG_GLH.SI_POV_DAY1._T`;
/// - a column is a dimension unless it is a structure column, the area, time or value column, `FREQ`/`FREQUENCY`, a
///   label column, or a known attribute (`attributes`): `OBS_STATUS`, `OBS_FLAG`, `CONF_STATUS`, `OBS_CONF`,
///   `UNIT_MULT` (applied: each value × 10^UNIT_MULT; OECD.Stat's `PowerCode Code` is the same), `DECIMALS`,
///   comments, sources, `Flag Codes`…: attributes describe a value, they never split a series;
/// - `UNIT_MEASURE` (or OECD.Stat's `Unit Code`) is also kept as the indicator's unit;
/// - text observations (`Data pending`, `3/7`, `confidential`) are not numbers: set aside as one class, counted,
///   with the first one's location; malformed numbers (`12,3`) are rejected;
/// - `ACTION` `D` (delete) rows are skipped.
public struct SDMXReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .sdmx }

    package static let structureColumns: Set<String> = [
        "dataflow", "structure", "structure_id", "structure_name", "action", "last update", "last_update",
    ]
    /// Known attributes: kept out of the series key.
    package static let attributes: Set<String> = [
        "obs_status", "obs_flag", "conf_status", "obs_conf", "obs_pre_break", "unit_mult", "decimals",
        "comment_obs", "obs_comment", "comment", "time_format", "source_detail", "nature", "base_per",
        "reporting_type", "upper_bound", "lower_bound", "title", "cust_breakdown", "data_source", "source",
        "footnote", "geo_info_url", "obs_type", "time_detail", "flag codes", "powercode code", "reference period code",
        "unit code", "embargo_date", "obs_note", "note",
        "dissemination_status", "unit_measure_label", "comment_ts", "comment_dset", "adjustment_detail",
    ]
    package static let areaColumns = ["ref_area", "geo", "location", "cou", "country", "reporting_country", "area"]
    package static let timeColumns = ["time_period", "time"]
    package static let valueColumns = ["obs_value", "value"]
    package static let frequencyColumns: Set<String> = ["freq", "frequency"]

    /// The roles of an SDMX header's columns.
    package struct Layout {
        package var area: Int
        package var time: Int
        package var value: Int
        package var flow: Int?
        package var action: Int?
        package var measure: Int?
        package var multiplier: Int?
        package var dimensions: [Int]
        package var labels: [Int]

        /// `nil` when the header has no area, time or value column, or is neither SDMX-CSV (a dataflow column) nor
        /// an OECD archive export (`LOCATION` and `TIME`).
        package init?(_ header: [String]) {
            let codes = header.map { SDMXReader.code($0).lowercased() }
            func first(_ names: [String]) -> Int? {
                for name in names { if let i = codes.firstIndex(of: name) { return i } }
                return nil
            }
            guard let area = first(SDMXReader.areaColumns), let time = first(SDMXReader.timeColumns),
                let value = first(SDMXReader.valueColumns)
            else { return nil }
            let flow = first(["structure_id", "dataflow"])
            let archive = codes[area] == "location" || codes[area] == "cou"
            guard flow != nil || archive else { return nil }
            self.area = area
            self.time = time
            self.value = value
            self.flow = flow
            action = first(["action"])
            measure = first(["unit_measure", "unit code"])
            multiplier = first(["unit_mult", "powercode code"])
            var dimensions: [Int] = []
            var labels: [Int] = []
            for (j, name) in codes.enumerated() {
                if j == area || j == time || j == value { continue }
                if SDMXReader.structureColumns.contains(name) || SDMXReader.frequencyColumns.contains(name) { continue }
                if SDMXReader.attributes.contains(name) { continue }
                if name == "unit_measure" {
                    dimensions.append(j)
                    continue
                }
                if j > 0 && !SDMXReader.isIdentifier(SDMXReader.code(header[j])) {
                    labels.append(j)  // "Reference area" after REF_AREA, "Country" after LOCATION
                    continue
                }
                dimensions.append(j)
            }
            self.dimensions = dimensions
            self.labels = labels
        }
    }

    /// Whether `text` is a code identifier: letters, digits and `_`, all one case for its letters (`REF_AREA`,
    /// `geo`, `indic_is`), not a label (`Reference area`, `Country`).
    package static func isIdentifier(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, first.properties.isAlphabetic else { return false }
        var upper = false, lower = false
        for s in scalars {
            switch s.value {
            case 0x41...0x5A: upper = true
            case 0x61...0x7A: lower = true
            case 0x30...0x39, 0x5F: break
            default: return false
            }
        }
        return !(upper && lower)
    }

    public func detect(_ sample: HeaderSample) -> Double {
        guard let header = sample.records.first?.fields, let layout = Layout(header) else { return 0 }
        return layout.flow != nil ? 1 : 0.9
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

    /// The set-aside class of text observations.
    package static let textKind = "text observations (not numbers)"

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        guard let layout = Layout(header) else {
            let codes = header.map { Self.code($0).lowercased() }
            let missing = [("REF_AREA (or geo, LOCATION)", Self.areaColumns), ("TIME_PERIOD", Self.timeColumns),
                           ("OBS_VALUE", Self.valueColumns)]
                .filter { entry in !entry.1.contains { codes.contains($0) } }.map(\.0)
            throw ReaderSupport.missingColumn(
                missing.isEmpty ? "DATAFLOW or STRUCTURE_ID" : missing.joined(separator: ", "), file: sink.fileName,
                line: headerLine, header: header)
        }
        let (area, time, value) = (layout.area, layout.time, layout.value)
        sink.setYearColumn(time + 1)
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        var indicators = ByteInterner()
        var indicatorHandles: [IndicatorHandle] = []
        var key: [UInt8] = []
        var periods = NonAnnualPeriods()
        defer { periods.finish(into: sink) }
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: header.count, into: sink) else { continue }
            if let action = layout.action, scanner.string(action).trimmingSpaces().uppercased() == "D" { continue }
            let line = scanner.recordLine
            // The period first: an observation of a quarter or a month is set aside before its unit and series
            // are declared (a series of quarters alone is not an indicator of the annual panel).
            var yearText = Self.code(scanner.string(time))
            guard let year = yearText.withUTF8({ periods.year($0, scanner, field: time, into: sink) }) else { continue }
            let areaCode = Self.code(scanner.string(area))
            var areaBytes = areaCode
            let (unitID, unitIsNew) = areaBytes.withUTF8 { units.intern($0) }
            if unitIsNew { unitHandles.append(sink.unit(areaCode, column: area + 1)) }
            // The indicator key: dataflow id, then each dimension value, separated by '.'.
            key.removeAll(keepingCapacity: true)
            if let flow = layout.flow { key.append(contentsOf: Self.dataflowID(scanner.string(flow)).utf8) }
            for dimension in layout.dimensions {
                if !key.isEmpty { key.append(0x2E) }
                key.append(contentsOf: Self.code(scanner.string(dimension)).utf8)
            }
            let (indicatorID, indicatorIsNew) = key.withUnsafeBufferPointer { indicators.intern($0) }
            if indicatorIsNew {
                let unitText = layout.measure.map { Self.code(scanner.string($0)) }
                indicatorHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: indicators.text(indicatorID),
                            unit: unitText.flatMap { $0.isEmpty ? nil : $0 })))
            }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            var scale = 1.0
            if let multiplier = layout.multiplier {
                let text = Self.code(scanner.string(multiplier))
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
            ReaderSupport.value(scanner, field: value, into: sink, text: { bytes in
                sink.setAside(Self.textKind, count: 1, at: sink.location(line: line, column: value + 1),
                              text: String(decoding: bytes, as: UTF8.self))
            }) { number in
                sink.observe(unit: unit, indicator: indicator, year: year, value: number * scale, line: line,
                             column: value + 1)
            }
        }
    }
}
