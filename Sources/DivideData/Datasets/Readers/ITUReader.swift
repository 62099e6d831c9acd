/// Reads an ITU DataHub CSV export: `seriesID, seriesCode, seriesName, seriesParent, seriesUnits, entityID,
/// entityIso, entityName, dataValue, dataYear, dataNote, dataSource, seriesDescription`; one file may hold several
/// series.
///
/// Header names are matched ignoring case; required: `seriesCode`, `entityIso`, `dataValue`, `dataYear`. The unit
/// is `entityIso`, or `entityName` on rows whose ISO code is empty. The indicator code is `seriesCode` (`i992b`,
/// `i271GA`, `xHH6_IDI`, `i271mb_5GB_GNI`), its name `seriesName`, its definition `seriesDescription`, its unit
/// `seriesUnits` corrected by ``ITUSeriesUnits`` (the export mislabels some series), its source
/// "International Telecommunication Union, ITU DataHub" and its licence CC BY-NC-SA 3.0 IGO.
///
/// Categorical and policy series (the ICT regulatory tracker's "Yes"/"No"/"Partially", types of regulator) have
/// text values: a series with text and no number is set aside as one class, counted, with its first location;
/// text in a numeric series is rejected.
///
/// Per-value `dataNote` and `dataSource` (national regulators, "ITU estimate.") are not kept: the sink records
/// provenance as file and line, which locate them in the file. A `dataSource` starting "ITU estimate" marks the
/// value as an estimate (``Panel/isEstimate(unitAt:indicatorAt:yearAt:)``), not an official figure.
public struct ITUReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .itu }

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.itu, sample)
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        func column(_ name: String) -> Int? { ReaderSupport.column(header, [name]) }
        guard let codeColumn = column("seriescode"), let isoColumn = column("entityiso"),
            let valueColumn = column("datavalue"), let yearColumn = column("datayear")
        else {
            let missing = ["seriesCode", "entityIso", "dataValue", "dataYear"].filter {
                column($0.lowercased()) == nil
            }
            throw ReaderSupport.missingColumn(
                missing.joined(separator: ", "), file: sink.fileName, line: headerLine, header: header)
        }
        let nameColumn = column("seriesname")
        let unitsColumn = column("seriesunits")
        let descriptionColumn = column("seriesdescription")
        let entityNameColumn = column("entityname")
        let sourceColumn = column("datasource")
        sink.setYearColumn(yearColumn + 1)
        sink.setPublisher("ITU DataHub")
        func text(_ index: Int?) -> String? {
            guard let index else { return nil }
            let value = scanner.string(index).trimmingSpaces()
            return value.isEmpty ? nil : value
        }
        let width = header.count
        var isos = ByteInterner()
        var isoHandles: [UnitHandle] = []
        var names = ByteInterner()
        var nameHandles: [UnitHandle] = []
        var series = ByteInterner()
        var seriesHandles: [IndicatorHandle] = []
        var texts = TextValues(keep: sink.options.maxListedPerReason)
        var periods = NonAnnualPeriods()
        defer { periods.finish(into: sink) }
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            guard let year = periods.year(scanner, field: yearColumn, into: sink) else { continue }
            let unit: UnitHandle
            if let entityNameColumn, MissingMarker.match(scanner.field(isoColumn)) == .empty {
                let (id, isNew) = names.intern(scanner.field(entityNameColumn))
                if isNew { nameHandles.append(sink.unit(names.text(id), column: entityNameColumn + 1)) }
                unit = nameHandles[Int(id)]
            } else {
                let (id, isNew) = isos.intern(scanner.field(isoColumn))
                if isNew { isoHandles.append(sink.unit(isos.text(id), column: isoColumn + 1)) }
                unit = isoHandles[Int(id)]
            }
            let (seriesID, seriesIsNew) = series.intern(scanner.field(codeColumn))
            if seriesIsNew {
                let code = series.text(seriesID).trimmingSpaces()
                let measure = ITUSeriesUnits.correct(code: code, label: text(unitsColumn))
                seriesHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: code, name: text(nameColumn), unit: measure.unit,
                            source: "International Telecommunication Union, ITU DataHub",
                            licence: "CC BY-NC-SA 3.0 IGO", definition: text(descriptionColumn),
                            isShare: measure.isShare)))
            }
            let indicator = seriesHandles[Int(seriesID)]
            ReaderSupport.value(scanner, field: valueColumn, into: sink, text: { bytes in
                texts.text(Int(seriesID), bytes, at: sink.location(line: line, column: valueColumn + 1))
            }) { value in
                texts.number(Int(seriesID))
                sink.observe(
                    unit: unit, indicator: indicator, year: year, value: value, line: line, column: valueColumn + 1)
                if let sourceColumn, Self.isITUEstimate(scanner.field(sourceColumn)) { sink.markEstimate(line: line) }
            }
        }
        texts.finish(into: sink, kind: Self.categoricalKind) { series.text(Int32($0)).trimmingSpaces() }
    }

    /// The set-aside class of ITU's categorical and policy series.
    package static let categoricalKind = "values of categorical or policy series (text, not numbers)"

    private static let estimatePrefix = Array("itu estimate".utf8)

    /// Whether a `dataSource` field starts "ITU estimate" (any case, leading spaces allowed), without a `String`.
    package static func isITUEstimate(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < field.count && field[start] == UInt8(ascii: " ") { start += 1 }
        guard field.count - start >= estimatePrefix.count else { return false }
        for (k, byte) in estimatePrefix.enumerated() {
            var b = field[start + k]
            if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { b += 32 }
            if b != byte { return false }
        }
        return true
    }
}

/// The unit of measure of an ITU DataHub series, correcting the export's `seriesUnits` labels.
///
/// The DataHub export labels some series wrongly (Data/SOURCES.md): the count `i4213tfbb` says "per 100 people",
/// the per-100 series `i911mw` says "count", and the USD and PPP price baskets say "% GNI per capita". The rule,
/// applied in order to the series code:
/// 1. a code ending `$` is a price in US dollars (unit `USD`); ending `_PPP`, a price in PPP dollars (`PPP$`);
///    ending `_GNI`, a price as a share of monthly GNI per capita (`% of monthly GNI per capita`, which exceeds
///    100 where the basket costs more than a month's income);
/// 2. codes ITU defines as subscription counts (`i271mw`, `i4213tfbb`, `i271`, `i112`) have unit `count`;
///    codes defined per 100 inhabitants (`i911mw`, `i992b`, `i911`, `i91`) have unit `per 100 inhabitants`;
/// 3. otherwise the label is kept as written.
///
/// A series is a 0–100 share only when the (corrected) unit is exactly `%`: so a label never makes a count or a
/// price a share. Checked on the shipped files: every `%` series lies in 0–100; `i271mw` reaches 1.87·10⁹ and
/// `i4213tfbb` 6.7·10⁸ (counts), `i911mw` at most 435 and `i992b` at most 76 (per 100), `i154_FBB5_GNI` up to 964.
public enum ITUSeriesUnits {
    /// ITU codes of subscription counts.
    public static let counts: Set<String> = ["i271mw", "i4213tfbb", "i271", "i112"]
    /// ITU codes of subscriptions per 100 inhabitants.
    public static let per100: Set<String> = ["i911mw", "i992b", "i911", "i91"]

    /// The corrected unit of series `code` labelled `label`, and whether it is a 0–100 share.
    public static func correct(code: String, label: String?) -> (unit: String?, isShare: Bool) {
        let unit: String?
        if code.hasSuffix("$") {
            unit = "USD"
        } else if code.hasSuffix("_PPP") {
            unit = "PPP$"
        } else if code.hasSuffix("_GNI") {
            unit = "% of monthly GNI per capita"
        } else if counts.contains(code) {
            unit = "count"
        } else if per100.contains(code) {
            unit = "per 100 inhabitants"
        } else {
            unit = label
        }
        return (unit, unit?.trimmingSpaces() == "%")
    }
}
