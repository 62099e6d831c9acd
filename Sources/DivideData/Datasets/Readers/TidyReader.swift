/// Reads tidy long CSV: one observation per row, `country,year,indicator,value` with optional `unit,source,note`.
///
/// Header names are matched ignoring case, spaces and hyphens (`Country Code` = `country_code`), by aliases:
/// - unit (country, by code or name): `country`, `country_code`, `countrycode`, `iso3`, `iso3c`, `iso`,
///   `iso_code`, `cc_iso3c`, `code`, `country_name`, `economy`, `area`; if none is present, `unit` (the benchmark
///   interchange `unit,indicator,year,value`);
/// - year: `year`, `ref_year`, `time`, `time_period`, `period`: a year, or a period that is not a calendar year
///   (`2023-Q1`, `2023-01`; `TimePeriod`), set aside as one class with its count and first location;
/// - indicator: `indicator`, `indicator_code`, `indicator_id`, `variable`, `series`, `series_code`;
/// - value: `value`, `obs_value`, `data_value`;
/// - optional measurement unit (`unit`, when a country column exists; `units`, `unit_of_measure`) and `source` /
///   `publisher`: attached to the indicator's metadata from its first row; `note` and other columns are ignored;
/// - optional `estimate` (`is_estimate`, `estimated`): `1`, `true`, `yes` mark the row's value as the publisher's
///   estimate rather than an official figure (``Panel/isEstimate(unitAt:indicatorAt:yearAt:)``; e.g. ITU's † in
///   the IDI 2024 Annex 2); `0`, `false`, `no` or empty mark it official; anything else rejects the value
///   (`file:line:column (estimate): expected 1 or 0 …, found "…"`).
///
/// The hot loop makes no `String` per row: unit and indicator texts are interned per file (``ByteInterner``), so per
/// row only the interned ids, the year, the value and the line reach the sink.
public struct TidyReader: DatasetReader {
    /// Whether ordinary rows take the fast path (``readOrdinaryRows``); tests turn it off to compare both paths.
    package let usesFastPath: Bool

    public init() { usesFastPath = true }

    package init(usesFastPath: Bool) { self.usesFastPath = usesFastPath }

    public var format: DataFormat { .tidy }

    package static let unitAliases = [
        "country", "country_code", "countrycode", "iso3", "iso3c", "iso", "iso_code", "cc_iso3c", "code",
        "country_name", "economy", "area",
    ]
    package static let yearAliases = ["year", "ref_year", "time", "time_period", "period"]
    package static let indicatorAliases = ["indicator", "indicator_code", "indicator_id", "variable", "series", "series_code"]
    package static let valueAliases = ["value", "obs_value", "data_value"]
    package static let measureAliases = ["units", "unit_of_measure"]
    package static let sourceAliases = ["source", "publisher"]
    package static let estimateAliases = ["estimate", "is_estimate", "estimated"]

    /// The 0-based columns of a tidy header, or `nil` when a required one is absent.
    package struct Columns {
        package var unit: Int
        package var year: Int
        package var indicator: Int
        package var value: Int
        package var measure: Int?
        package var source: Int?
        package var estimate: Int?

        package init?(_ header: [String]) {
            // The header normalised once for every alias list (each `ReaderSupport.column` call would do it again).
            let names = header.map(ReaderSupport.normalised)
            func column(_ aliases: [String]) -> Int? { ReaderSupport.column(normalisedNames: names, aliases) }
            let unitColumn = column(TidyReader.unitAliases)
            guard let unit = unitColumn ?? column(["unit"]),
                let year = column(TidyReader.yearAliases),
                let indicator = column(TidyReader.indicatorAliases),
                let value = column(TidyReader.valueAliases)
            else { return nil }
            self.unit = unit
            self.year = year
            self.indicator = indicator
            self.value = value
            measure = column(unitColumn == nil ? TidyReader.measureAliases : ["unit"] + TidyReader.measureAliases)
            source = column(TidyReader.sourceAliases)
            estimate = column(TidyReader.estimateAliases)
        }
    }

    /// 1.0 when the first record is exactly the canonical header (`country,year,indicator,value…` or the benchmark's
    /// `unit,indicator,year,value`), 0.8 when the required columns are found through aliases, else 0.
    public func detect(_ sample: HeaderSample) -> Double {
        guard let header = sample.records.first?.fields, Columns(header) != nil else { return 0 }
        let names = Set(header.map(ReaderSupport.normalised))
        if names.isSuperset(of: ["country", "year", "indicator", "value"]) { return 1 }
        if names == ["unit", "indicator", "year", "value"] { return 1 }
        return 0.8
    }

    /// `1` → true, `0` or empty → false (spaces around allowed), read from the bytes without a `String`; nil for
    /// anything else (the words true/false/yes/no and errors take the slow path).
    package static func binaryFlag(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        var lo = 0, hi = field.count
        while lo < hi && field[lo] == UInt8(ascii: " ") { lo += 1 }
        while hi > lo && field[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
        if lo == hi { return false }
        guard hi - lo == 1 else { return nil }
        switch field[lo] {
        case UInt8(ascii: "1"): return true
        case UInt8(ascii: "0"): return false
        default: return nil
        }
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        guard let columns = Columns(header) else {
            let missing = ["country", "year", "indicator", "value"].filter { name in
                switch name {
                case "country": ReaderSupport.column(header, TidyReader.unitAliases + ["unit"]) == nil
                case "year": ReaderSupport.column(header, TidyReader.yearAliases) == nil
                case "indicator": ReaderSupport.column(header, TidyReader.indicatorAliases) == nil
                default: ReaderSupport.column(header, TidyReader.valueAliases) == nil
                }
            }
            throw ReaderSupport.missingColumn(
                missing.joined(separator: ", "), file: sink.fileName, line: headerLine, header: header)
        }
        sink.setYearColumn(columns.year + 1)
        let width = header.count
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        var indicators = ByteInterner()
        var indicatorHandles: [IndicatorHandle] = []
        // Ordinary rows take the fast path (TidyFastPath.swift); the loop below handles every other row (and every
        // row of a file with an estimate column, which the fast path does not read).
        let fastSink = usesFastPath && columns.estimate == nil ? sink as? FileSink : nil
        let fieldBounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * width)
        defer { fieldBounds.deallocate() }
        // The last `source` cell read by the loop below, the indicator it was checked for, and what it changes
        // (``ObservationSink/sourceOverride(_:indicator:)``): a file sorted by source asks once per run of rows.
        var lastSource: (bytes: [UInt8], indicator: Int32, override: String?) = ([], -1, nil)
        var periods = NonAnnualPeriods()
        defer { periods.finish(into: sink) }
        while true {
            if let fastSink {
                _ = readOrdinaryRows(
                    scanner, columns: columns, width: width, into: fastSink, fieldBounds: fieldBounds,
                    units: &units, unitHandles: &unitHandles, indicators: &indicators,
                    indicatorHandles: &indicatorHandles)
            }
            guard try scanner.nextRecord() else { break }
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            // The period first: a quarter or a month is set aside before its unit and indicator are declared.
            guard let year = periods.year(scanner, field: columns.year, into: sink) else { continue }
            let (unitID, unitIsNew) = units.intern(scanner.field(columns.unit))
            if unitIsNew {
                unitHandles.append(sink.unit(units.text(unitID), column: columns.unit + 1))
            }
            let (indicatorID, indicatorIsNew) = indicators.intern(scanner.field(columns.indicator))
            if indicatorIsNew {
                let code = indicators.text(indicatorID).trimmingSpaces()
                let measure = columns.measure.map { scanner.string($0).trimmingSpaces() }
                let source = columns.source.map { scanner.string($0).trimmingSpaces() }
                indicatorHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: code, unit: measure.flatMap { $0.isEmpty ? nil : $0 },
                            source: source.flatMap { $0.isEmpty ? nil : $0 })))
            }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            var isEstimate = false
            if let flag = columns.estimate, let quick = Self.binaryFlag(scanner.field(flag)) {
                isEstimate = quick
            } else if let flag = columns.estimate {
                let text = scanner.string(flag).trimmingSpaces()
                switch text.lowercased() {
                case "1", "true", "yes": isEstimate = true
                case "0", "false", "no", "": isEstimate = false
                default:
                    sink.reject(
                        DivideError(
                            .invalidFlag, at: sink.location(line: line, column: flag + 1),
                            expected: "1 or 0 (true/false, yes/no) saying whether the value is an estimate",
                            found: "\"\(text)\""))
                    continue
                }
            }
            if let sourceColumn = columns.source {
                let field = scanner.field(sourceColumn)
                if indicator.rawValue != lastSource.indicator || !field.elementsEqual(lastSource.bytes) {
                    lastSource = (Array(field), indicator.rawValue,
                                  sink.sourceOverride(String(decoding: field, as: UTF8.self), indicator: indicator))
                }
                if let override = lastSource.override { sink.rowSource(override, line: line) }
            }
            let valueColumn = columns.value
            ReaderSupport.value(scanner, field: valueColumn, into: sink) { value in
                sink.observe(
                    unit: unit, indicator: indicator, year: year, value: value, line: line, column: valueColumn + 1)
                if isEstimate { sink.markEstimate(line: line) }
            }
        }
    }
}
