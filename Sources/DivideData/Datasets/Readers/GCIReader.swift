/// Reads the ITU Global Cybersecurity Index in its two shipped shapes, mapping both to the same indicator codes so
/// that one series spans the 2020 and 2024 editions:
/// - wide (GCI 2024 via World Bank Data360): `country, legal, technical, organizational, capacity, cooperation,
///   gci, iso3, year`; the unit is `iso3` (or `country` where `iso3` is empty);
/// - long (GCI 2020 as extracted by the Blavatnik Index): exactly `cc_iso3c, ref_year, variable, value`, with
///   variables `gci_overall`, `gci_legal_measures`, `gci_technical_measures`, `gci_organisational_measures`,
///   `gci_capacity_development`, `gci_cooperative_measures`.
///
/// Codes and scales (checked on both files and in their notes, Data/itu/gci-*/…md): `GCI.OVERALL` 0–100 (the sum of
/// the five pillars), `GCI.LEGAL`, `GCI.TECHNICAL`, `GCI.ORGANIZATIONAL`, `GCI.CAPACITY`, `GCI.COOPERATION`, 0–20
/// each. A long-shape variable not in the list is kept under its own name as code.
///
/// Detection: the wide shape by `iso3, year, gci`; the long shape by its exact header *and* a first data row whose
/// variable starts with `gci_`, which wins over the tidy reader (0.8 for that header).
public struct GCIReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .gci }

    package static let longHeader = ["cc_iso3c", "ref_year", "variable", "value"]

    /// The indicators, each with its wide-shape column and long-shape variables.
    package static let indicators: [(info: IndicatorInfo, wide: String, long: [String])] = [
        (info("GCI.OVERALL", "Global Cybersecurity Index, overall score", "score (0-100)"), "gci", ["gci_overall"]),
        (info("GCI.LEGAL", "GCI legal measures", "score (0-20)"), "legal", ["gci_legal_measures"]),
        (info("GCI.TECHNICAL", "GCI technical measures", "score (0-20)"), "technical", ["gci_technical_measures"]),
        (info("GCI.ORGANIZATIONAL", "GCI organizational measures", "score (0-20)"), "organizational",
            ["gci_organisational_measures", "gci_organizational_measures"]),
        (info("GCI.CAPACITY", "GCI capacity development measures", "score (0-20)"), "capacity",
            ["gci_capacity_development", "gci_capacity_development_measures"]),
        (info("GCI.COOPERATION", "GCI cooperative measures", "score (0-20)"), "cooperation",
            ["gci_cooperative_measures", "gci_cooperation_measures"]),
    ]

    private static func info(_ code: String, _ name: String, _ unit: String) -> IndicatorInfo {
        IndicatorInfo(
            code: code, name: name, unit: unit, source: "ITU Global Cybersecurity Index",
            licence: "ITU terms of use (educational and non-commercial reuse)", isShare: false)
    }

    public func detect(_ sample: HeaderSample) -> Double {
        if FormatDetection.signature(.gci, sample) > 0 { return 1 }
        guard let header = sample.records.first?.fields,
            header.map({ $0.trimmingSpaces().lowercased() }) == GCIReader.longHeader
        else { return 0 }
        guard sample.records.count > 1 else { return 0.5 }
        let variable = sample.records[1].fields.count > 2 ? sample.records[1].fields[2] : ""
        return variable.trimmingSpaces().lowercased().hasPrefix("gci_") ? 1 : 0
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        sink.setPublisher("ITU Global Cybersecurity Index")
        let lowered = header.map { $0.trimmingSpaces().lowercased() }
        if lowered == GCIReader.longHeader {
            try readLong(scanner, header: header, into: sink)
            return
        }
        guard let isoColumn = lowered.firstIndex(of: "iso3"), let yearColumn = lowered.firstIndex(of: "year") else {
            throw ReaderSupport.missingColumn(
                "iso3 and year (or the header cc_iso3c,ref_year,variable,value)", file: sink.fileName,
                line: headerLine, header: header)
        }
        let countryColumn = lowered.firstIndex(of: "country")
        var columns: [(index: Int, handle: IndicatorHandle)] = []
        for entry in GCIReader.indicators {
            if let index = lowered.firstIndex(of: entry.wide) { columns.append((index, sink.indicator(entry.info))) }
        }
        guard !columns.isEmpty else {
            throw ReaderSupport.missingColumn("gci", file: sink.fileName, line: headerLine, header: header)
        }
        sink.setYearColumn(yearColumn + 1)
        let width = header.count
        var isos = ByteInterner()
        var isoHandles: [UnitHandle] = []
        var names = ByteInterner()
        var nameHandles: [UnitHandle] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            let unit: UnitHandle
            if let countryColumn, MissingMarker.match(scanner.field(isoColumn)) == .empty {
                let (id, isNew) = names.intern(scanner.field(countryColumn))
                if isNew { nameHandles.append(sink.unit(names.text(id), column: countryColumn + 1)) }
                unit = nameHandles[Int(id)]
            } else {
                let (id, isNew) = isos.intern(scanner.field(isoColumn))
                if isNew { isoHandles.append(sink.unit(isos.text(id), column: isoColumn + 1)) }
                unit = isoHandles[Int(id)]
            }
            guard let year = ReaderSupport.year(scanner.field(yearColumn)) else {
                ReaderSupport.rejectYear(scanner, field: yearColumn, into: sink)
                continue
            }
            for (index, indicator) in columns {
                ReaderSupport.value(scanner, field: index, into: sink) { value in
                    sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: index + 1)
                }
            }
        }
    }

    private func readLong<Sink: ObservationSink>(_ scanner: CSVScanner, header: [String], into sink: Sink)
        throws(DivideError)
    {
        sink.setYearColumn(2)
        var isos = ByteInterner()
        var isoHandles: [UnitHandle] = []
        var variables = ByteInterner()
        var variableHandles: [IndicatorHandle] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: 4, into: sink) else { continue }
            let line = scanner.recordLine
            let (isoID, isoIsNew) = isos.intern(scanner.field(0))
            if isoIsNew { isoHandles.append(sink.unit(isos.text(isoID), column: 1)) }
            let (variableID, variableIsNew) = variables.intern(scanner.field(2))
            if variableIsNew {
                let variable = variables.text(variableID).trimmingSpaces()
                let lowered = variable.lowercased()
                let known = GCIReader.indicators.first { $0.long.contains(lowered) }?.info
                variableHandles.append(sink.indicator(known ?? IndicatorInfo(code: variable, source: "ITU Global Cybersecurity Index")))
            }
            guard let year = ReaderSupport.year(scanner.field(1)) else {
                ReaderSupport.rejectYear(scanner, field: 1, into: sink)
                continue
            }
            let unit = isoHandles[Int(isoID)]
            let indicator = variableHandles[Int(variableID)]
            ReaderSupport.value(scanner, field: 3, into: sink) { value in
                sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: 4)
            }
        }
    }
}
