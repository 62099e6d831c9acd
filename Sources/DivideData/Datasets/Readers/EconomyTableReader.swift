/// Reads a publisher's table of economies (``DataFormat/economyTable``), the shape of ITU's and the UN's Excel
/// tables, one sheet at a time (or the same table saved as CSV):
///
/// ```
/// ,Individuals using the Internet (from any location), by gender and urban/rural location (%)     ← title
/// ,,,Latest,All,,Gender,,,,,Urban,…                                                               ← groups
/// ,Economy name,,year,Individuals,,Male,,Female,,,Total,,Male,…                                   ← header
/// ,Algeria,,2018,49.0,,55.1,,42.9,,,56.2,…
/// ,Source:,ITU World Telecommunication/ICT Indicators database.                                   ← notes
/// ```
/// or, wide, `Economy, 2015, , 2016, , 2017, Note` (a notes column after each year).
///
/// - Header: the first of the first records with an economy column (`Economy`, `Economy name`, `Country`, `Country
///   name`, `Country/Economy`) and either three or more year columns or a year column (`Year`, `Latest year`, or
///   `year` under `Latest`). An `ISO`/`ISO3`/`ISO code` column, when present, gives the unit; else the name.
/// - Indicators: in a wide table, one, coded by the title's subject (the slug of its text before the first `(` or
///   `,`: `individuals-using-the-internet`), or the file name without a title; in a breakdown table, one per value
///   column, coded `<subject>/<group slug>-<header slug>` (`individuals-using-the-internet/gender-female`,
///   `…/urban-total`), the group being the nearest non-empty cell above the header to the
///   left. The unit is the title's trailing `(…)`.
/// - Notes: columns with an empty header or a header `Note(s)`, `Footnote`, `Source` are notes: their cells are set
///   aside as one class. Rows under the table with no value (a `Source:` line, remarks) are notes rows, set aside;
///   a `Source:` row names the file's publisher.
/// - Values: numbers (Excel cells or text such as `49.0`), publishers' missing markers (`...`); other text is
///   rejected where it is.
public struct EconomyTableReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .economyTable }

    package static let economyNames: Set<String> = [
        "economy", "economy name", "country", "country name", "country/economy", "country or area", "economy/country",
    ]
    package static let isoNames: Set<String> = ["iso", "iso3", "iso code", "iso3 code", "iso-3", "country code"]
    package static let noteNames: Set<String> = ["note", "notes", "footnote", "footnotes", "source", "sources"]

    /// The roles of a table's columns, found from its header and the record above it.
    package struct Layout {
        package var economy: Int
        package var iso: Int?
        package var year: Int?
        package var years: [(index: Int, year: Int)] = []
        package var values: [(index: Int, group: String, name: String)] = []
        package var notes: [Int] = []

        package init?(header: [String], above: [String]?) {
            let names = header.map { $0.trimmingSpaces().lowercased() }
            guard let economy = names.firstIndex(where: { EconomyTableReader.economyNames.contains($0) }) else {
                return nil
            }
            self.economy = economy
            iso = names.firstIndex { EconomyTableReader.isoNames.contains($0) }
            var group = ""
            for (j, name) in names.enumerated() where j != economy && j != iso {
                if let above, j < above.count, !above[j].trimmingSpaces().isEmpty { group = above[j].trimmingSpaces() }
                if name.isEmpty || EconomyTableReader.noteNames.contains(name) {
                    if j > economy { notes.append(j) }
                    continue
                }
                if name == "year" || name == "latest year" || name == "latest data year" || name == "data year" {
                    year = year ?? j
                    continue
                }
                var copy = name
                if let y = copy.withUTF8({ ReaderSupport.year($0) }), (1900...2100).contains(y) {
                    years.append((j, y))
                    continue
                }
                if j > economy { values.append((j, group, header[j].trimmingSpaces())) }
            }
            if years.count >= 3 {
                values = []  // a wide table: other named columns are remarks
            } else if year == nil || values.isEmpty {
                return nil
            } else {
                years = []
            }
        }
    }

    /// The header record in `records` (index) and its layout.
    package static func find(_ records: [[String]]) -> (index: Int, layout: Layout)? {
        for (k, fields) in records.enumerated() {
            if let layout = Layout(header: fields, above: k > 0 ? records[k - 1] : nil) { return (k, layout) }
        }
        return nil
    }

    /// 0.7 when a header of this shape is among the first records (below every publisher's exact signature), else 0.
    public func detect(_ sample: HeaderSample) -> Double {
        Self.find(sample.records.map(\.fields)) != nil ? 0.7 : 0
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        var before: [[String]] = []
        var found: (index: Int, layout: Layout)?
        var headerLine = 0
        while found == nil, try scanner.nextRecord() {
            before.append(scanner.strings())
            headerLine = scanner.recordLine
            found = Self.find(Array(before.suffix(2))).map { (before.count - 1, $0.layout) }
            if found == nil && before.count > FormatDetection.sampleSize {
                break
            }
        }
        guard let (headerIndex, layout) = found else {
            throw DivideError(
                .missingColumn, at: SourceLocation(file: sink.fileName, line: max(headerLine, 1)),
                expected: "a header with an Economy or Country column and year or breakdown columns",
                found: "none in the first \(before.count) records")
        }
        let header = before[headerIndex]
        sink.setHeader(header)
        // The title: the first text of the first record, when it is above the header and alone on its row.
        let title = before.prefix(headerIndex).first.flatMap { row -> String? in
            let cells = row.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            return cells.count == 1 ? cells[0] : nil
        }
        let parsed = title.map(OWIDReader.splitUnit)
        // The subject of the title: its text before the first "(" or "," ("Individuals using the Internet").
        let subject = parsed.map { String($0.name.prefix { $0 != "(" && $0 != "," }) }
        let stem = subject.map(OWIDReader.slug).flatMap { $0.isEmpty ? nil : $0 }
            ?? OWIDReader.slug(OWIDReader.stem(of: sink.fileName))
        let unitText = parsed?.unit
        sink.setPublisher("table of economies")  // replaced by the table's own "Source:" row
        var yearColumns: [(index: Int, year: Int, indicator: IndicatorHandle)] = []
        var valueColumns: [(index: Int, indicator: IndicatorHandle)] = []
        if layout.years.isEmpty {
            sink.setYearColumn(layout.year.map { $0 + 1 })
            for column in layout.values {
                let label = column.group.isEmpty ? column.name : column.group + ", " + column.name
                let code = stem + "/" + OWIDReader.slug(column.group.isEmpty ? column.name : column.group + " " + column.name)
                let info = IndicatorInfo(
                    code: code, name: (parsed?.name ?? stem) + ": " + label, unit: unitText,
                    source: nil, isShare: unitText.map { IndicatorInfo.inferIsShare(code: code, unit: $0, name: parsed?.name) })
                valueColumns.append((column.index, sink.indicator(info)))
            }
        } else {
            sink.setYearColumn(nil)
            let info = IndicatorInfo(code: stem, name: parsed?.name ?? title, unit: unitText)
            let handle = sink.indicator(info)
            yearColumns = layout.years.map { ($0.index, $0.year, handle) }
        }
        let unitColumn = layout.iso ?? layout.economy
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        var notesCells = 0
        var firstNote: (location: SourceLocation, text: String)?
        var notesRows = 0
        var firstNotesRow: (location: SourceLocation, text: String)?
        func hasValue(_ index: Int) -> Bool { index < scanner.fieldCount && MissingMarker.match(scanner.field(index)) != .empty }
        while try scanner.nextRecord() {
            let line = scanner.recordLine
            let valueIndices = layout.years.isEmpty ? layout.values.map(\.index) : layout.years.map(\.index)
            let name = unitColumn < scanner.fieldCount ? scanner.string(unitColumn).trimmingSpaces() : ""
            // A row without any value cell is a note under (or inside) the table, not a record.
            if !valueIndices.contains(where: hasValue) {
                let text = scanner.strings().map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                guard !text.isEmpty else { continue }
                if text[0].lowercased().hasPrefix("source"), text.count > 1 { sink.setPublisher(text[1]) }
                notesRows += 1
                if firstNotesRow == nil {
                    firstNotesRow = (SourceLocation(file: sink.fileName, line: line), text.joined(separator: " "))
                }
                continue
            }
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: header.count, allowTrailingEmpty: true, into: sink)
            else { continue }
            var nameCopy = name
            let (unitID, isNew) = nameCopy.withUTF8 { units.intern($0) }
            if isNew { unitHandles.append(sink.unit(name, column: unitColumn + 1)) }
            let unit = unitHandles[Int(unitID)]
            for index in layout.notes where index < scanner.fieldCount {
                let bytes = scanner.field(index)
                if MissingMarker.match(bytes) == .empty { continue }
                notesCells += 1
                if firstNote == nil {
                    firstNote = (sink.location(line: line, column: index + 1), String(decoding: bytes, as: UTF8.self))
                }
            }
            if let yearColumn = layout.year, layout.years.isEmpty {
                guard let year = ReaderSupport.year(scanner.field(yearColumn)) else {
                    ReaderSupport.rejectYear(scanner, field: yearColumn, into: sink)
                    continue
                }
                for (index, indicator) in valueColumns where index < scanner.fieldCount {
                    ReaderSupport.value(scanner, field: index, into: sink) { value in
                        sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line,
                                     column: index + 1)
                    }
                }
            } else {
                for (index, year, indicator) in yearColumns where index < scanner.fieldCount {
                    ReaderSupport.value(scanner, field: index, into: sink) { value in
                        sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line,
                                     column: index + 1)
                    }
                }
            }
        }
        if let firstNote {
            sink.setAside("cells of notes columns", count: notesCells, at: firstNote.location, text: firstNote.text)
        }
        if let firstNotesRow {
            sink.setAside("notes rows (source, remarks) without values", count: notesRows,
                          at: firstNotesRow.location, text: firstNotesRow.text)
        }
    }
}
