/// Reads a World Bank WDI download, `API_<code>_DS2_<lang>_csv_v2_<n>.csv`.
///
/// Layout: an optional preamble (`"Data Source","World Development Indicators",`, a blank line,
/// `"Last Updated Date","2024-02-21",`, a blank line — all, some or none of it may be present), then the header
/// `Country Name, Country Code, Indicator Name, Indicator Code, 1960, …, 2024,` with one column per year and a
/// trailing empty column, then one row per economy or aggregate. BOM and CRLF are handled by ``CSVScanner``.
///
/// Units are resolved by `Country Code` (the name when the code is empty); aggregates (`WLD`, `EAS`, …) are set
/// aside by the resolver. The `Data Source` becomes the file's publisher and `Last Updated Date` its vintage.
/// Indicators get their name from `Indicator Name`; the source organisation and definition come from the companion
/// `Metadata_Indicator_*` file (``WorldBankIndicatorMetadataReader``).
public struct WorldBankReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .worldBank }

    package static let headerNames = ["country name", "country code", "indicator name", "indicator code"]

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.worldBank, sample)
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        // Preamble, up to the header.
        var header: [String]?
        var headerLine = 0
        var publisher: String?
        var skipped = 0
        while header == nil, try scanner.nextRecord() {
            let first = scanner.string(0).trimmingSpaces().lowercased()
            if first == "data source" {
                publisher = scanner.string(1).trimmingSpaces()
            } else if first == "last updated date" {
                sink.setVintage(scanner.string(1).trimmingSpaces())
            } else if (0..<4).allSatisfy({ scanner.string($0).trimmingSpaces().lowercased() == Self.headerNames[$0] }) {
                header = scanner.strings()
                headerLine = scanner.recordLine
            } else {
                skipped += 1
                if skipped > FormatDetection.sampleSize {
                    throw DivideError(
                        .missingColumn, at: SourceLocation(file: sink.fileName, line: scanner.recordLine),
                        expected: "the header Country Name, Country Code, Indicator Name, Indicator Code, years…",
                        found: DivideError.quote(scanner.strings().prefix(4).joined(separator: ",")))
                }
            }
        }
        guard let header else {
            throw DivideError(
                .missingColumn, at: SourceLocation(file: sink.fileName, line: max(headerLine, 1)),
                expected: "the header Country Name, Country Code, Indicator Name, Indicator Code, years…",
                found: "the end of the file")
        }
        sink.setHeader(header)
        sink.setYearColumn(nil)
        sink.setPublisher(publisher ?? "World Bank")
        // Year columns.
        var yearColumns: [(index: Int, year: Int)] = []
        for index in 4..<max(header.count, 4) {
            let name = header[index].trimmingSpaces()
            if name.isEmpty && index == header.count - 1 { continue }  // the trailing empty column
            var copy = name
            if let year = copy.withUTF8({ ReaderSupport.year($0) }) {
                yearColumns.append((index, year))
            } else {
                sink.warn(
                    DivideError(
                        .missingColumn, at: SourceLocation(file: sink.fileName, line: headerLine, column: index + 1),
                        expected: "a year as column header", found: DivideError.quote(name),
                        hint: "the column is ignored"))
            }
        }
        let width = header.count
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        var indicators = ByteInterner()
        var indicatorHandles: [IndicatorHandle] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, allowTrailingEmpty: true, into: sink) else {
                continue
            }
            let line = scanner.recordLine
            let code = scanner.field(1)
            let unitField = code.isEmpty ? 0 : 1
            let (unitID, unitIsNew) = units.intern(scanner.field(unitField))
            if unitIsNew { unitHandles.append(sink.unit(units.text(unitID), column: unitField + 1)) }
            let (indicatorID, indicatorIsNew) = indicators.intern(scanner.field(3))
            if indicatorIsNew {
                let name = scanner.string(2).trimmingSpaces()
                indicatorHandles.append(
                    sink.indicator(
                        IndicatorInfo(code: indicators.text(indicatorID), name: name.isEmpty ? nil : name)))
            }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            for (index, year) in yearColumns where index < scanner.fieldCount {
                ReaderSupport.value(scanner, field: index, into: sink) { value in
                    sink.observe(
                        unit: unit, indicator: indicator, year: year, value: value, line: line, column: index + 1)
                }
            }
        }
    }
}

/// Reads a World Bank `Metadata_Indicator_*.csv`: `INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE,
/// SOURCE_ORGANIZATION` → ``IndicatorInfo`` (code, name, definition, source). It holds no observations.
public struct WorldBankIndicatorMetadataReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .worldBankIndicatorMetadata }

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.worldBankIndicatorMetadata, sample)
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        sink.setHeader(header)
        guard let code = ReaderSupport.column(header, ["indicator_code"]) else {
            throw ReaderSupport.missingColumn(
                "INDICATOR_CODE", file: sink.fileName, line: scanner.recordLine, header: header)
        }
        let name = ReaderSupport.column(header, ["indicator_name"])
        let note = ReaderSupport.column(header, ["source_note"])
        let organisation = ReaderSupport.column(header, ["source_organization"])
        func text(_ column: Int?) -> String? {
            guard let column else { return nil }
            let value = scanner.string(column).trimmingSpaces()
            return value.isEmpty ? nil : value
        }
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: header.count, allowTrailingEmpty: true, into: sink)
            else { continue }
            guard let codeText = text(code) else {
                sink.reject(
                    DivideError(
                        .emptyField, at: sink.location(line: scanner.recordLine, column: code + 1),
                        expected: "an indicator code", found: "an empty field"))
                continue
            }
            _ = sink.indicator(
                IndicatorInfo(code: codeText, name: text(name), source: text(organisation), definition: text(note)))
        }
    }
}
