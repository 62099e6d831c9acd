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
/// A third shape, the *multi-edition table* (`MultiEdition`: GCI 2014–2024 scores and ranks side by side, `#N/A`
/// for economies not assessed, repeated `Global Rank` headers, title rows above the header), gives `GCI.OVERALL`
/// per edition year and `GCI.RANK`; scores of editions before 2020 (0–1) are multiplied by 100 so that one series
/// is on 0–100 throughout (docs/data-formats.md).
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
        if sample.records.contains(where: { GCIReader.MultiEdition($0.fields) != nil }) { return 1 }
        guard let header = sample.records.first?.fields,
            header.map({ $0.trimmingSpaces().lowercased() }) == GCIReader.longHeader
        else { return 0 }
        guard sample.records.count > 1 else { return 0.5 }
        let variable = sample.records[1].fields.count > 2 ? sample.records[1].fields[2] : ""
        return variable.trimmingSpaces().lowercased().hasPrefix("gci_") ? 1 : 0
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        var header = scanner.strings()
        var skipped = 0
        // A multi-edition table may have title rows above its header.
        while MultiEdition(header) == nil && skipped < FormatDetection.sampleSize
            && !header.contains(where: { ["iso3", "cc_iso3c"].contains($0.trimmingSpaces().lowercased()) }),
            try scanner.nextRecord()
        {
            let next = scanner.strings()
            if MultiEdition(next) != nil { header = next; break }
            skipped += 1
        }
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        sink.setPublisher("ITU Global Cybersecurity Index")
        if let layout = MultiEdition(header) {
            try readMultiEdition(scanner, layout: layout, width: header.count, into: sink)
            return
        }
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

    // MARK: - Multi-edition tables

    /// The columns of a GCI table with several editions side by side (`Country, ISO3, GCI 2014 Score, Global Rank,
    /// GCI 2017 Score, Global Rank, …, GCI 2024 Score, Tier`): each score column names its edition's year; a rank
    /// column takes the year in its own header or else that of the nearest score column to its left (so repeated
    /// `Global Rank` headers are read by position, never refused as duplicates).
    package struct MultiEdition {
        package var iso: Int?
        package var name: Int?
        package var scores: [(index: Int, year: Int)] = []
        package var ranks: [(index: Int, year: Int)] = []
        /// Columns that are neither (tiers, regions, notes): their cells are set aside.
        package var others: [Int] = []

        /// `nil` unless `header` has a country or ISO column and score columns of at least two editions.
        package init?(_ header: [String]) {
            var current: Int?
            for (j, raw) in header.enumerated() {
                // A header cell is short; a long cell (a note, a quoted paragraph) is never a GCI column name.
                guard raw.utf8.count <= 256 else { others.append(j); continue }
                let text = raw.trimmingSpaces().lowercased()
                let year = GCIReader.year(in: text)
                if ["iso3", "iso", "iso code", "iso3 code", "country code", "code"].contains(text) {
                    iso = iso ?? j
                } else if ["country", "economy", "country name", "economy name", "member state", "country/economy"]
                    .contains(text) {
                    name = name ?? j
                } else if text.contains("rank") {
                    if let y = year ?? current { ranks.append((j, y)) } else { others.append(j) }
                } else if let year, text.contains("gci") || text.contains("score") || text.contains("cybersecurity") {
                    scores.append((j, year))
                    current = year
                } else if !text.isEmpty {
                    others.append(j)
                }
            }
            guard iso != nil || name != nil, Set(scores.map(\.year)).count >= 2 else { return nil }
        }
    }

    /// A year 1990–2099 written in `text` (`gci 2017 score`, `2018/2019`: the first), or `nil`.
    package static func year(in text: String) -> Int? {
        // One pass over the bytes, counting the current run of digits: a run of exactly four is a candidate.
        var run = 0, value = 0
        func candidate() -> Int? { run == 4 && (1990...2099).contains(value) ? value : nil }
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                value = run <= 4 ? value * 10 + Int(byte - 0x30) : value
            } else {
                if let y = candidate() { return y }
                run = 0
                value = 0
            }
        }
        return candidate()
    }

    /// The GCI's global rank, read from multi-edition tables.
    package static let rankInfo = IndicatorInfo(
        code: "GCI.RANK", name: "Global Cybersecurity Index, global rank", unit: "rank",
        source: "ITU Global Cybersecurity Index", licence: "ITU terms of use (educational and non-commercial reuse)",
        isShare: false)

    /// Reads a multi-edition table. Scores of editions before 2020 (GCI 2014, 2017, 2018) are published on 0–1 and
    /// are multiplied by 100, so that `GCI.OVERALL` is on 0–100 in every edition (GCI 2020 and 2024 publish 0–100);
    /// a pre-2020 score above 1 is rejected (its scale is unknown). `#N/A` and the usual markers are missing.
    private func readMultiEdition<Sink: ObservationSink>(
        _ scanner: CSVScanner, layout: MultiEdition, width: Int, into sink: Sink
    ) throws(DivideError) {
        sink.setYearColumn(nil)
        let overall = sink.indicator(GCIReader.indicators[0].info)
        let rank = layout.ranks.isEmpty ? nil : sink.indicator(GCIReader.rankInfo)
        var isos = ByteInterner()
        var isoHandles: [UnitHandle] = []
        var names = ByteInterner()
        var nameHandles: [UnitHandle] = []
        var otherCells = 0
        var firstOther: (location: SourceLocation, text: String)?
        while try scanner.nextRecord() {
            let line = scanner.recordLine
            // Notes and source lines under the table: a row without a country is not a record.
            let unitColumn: Int
            if let iso = layout.iso, iso < scanner.fieldCount, MissingMarker.match(scanner.field(iso)) == nil {
                unitColumn = iso
            } else if let name = layout.name, name < scanner.fieldCount,
                MissingMarker.match(scanner.field(name)) == nil
            {
                unitColumn = name
            } else {
                continue
            }
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, allowTrailingEmpty: true, into: sink) else {
                continue
            }
            let unit: UnitHandle
            if unitColumn == layout.iso {
                let (id, isNew) = isos.intern(scanner.field(unitColumn))
                if isNew { isoHandles.append(sink.unit(isos.text(id), column: unitColumn + 1)) }
                unit = isoHandles[Int(id)]
            } else {
                let (id, isNew) = names.intern(scanner.field(unitColumn))
                if isNew { nameHandles.append(sink.unit(names.text(id), column: unitColumn + 1)) }
                unit = nameHandles[Int(id)]
            }
            for (index, year) in layout.scores where index < scanner.fieldCount {
                ReaderSupport.value(scanner, field: index, into: sink) { value in
                    var score = value
                    if year < 2020 {
                        guard value >= 0 && value <= 1 else {
                            sink.reject(DivideError(
                                .nonNumericValue, at: sink.location(line: line, column: index + 1),
                                expected: "a score in 0...1 (GCI editions before 2020 are published on 0-1)",
                                found: "\(value)"))
                            return
                        }
                        score = value * 100
                    }
                    sink.observe(unit: unit, indicator: overall, year: year, value: score, line: line,
                                 column: index + 1)
                }
            }
            if let rank {
                for (index, year) in layout.ranks where index < scanner.fieldCount {
                    ReaderSupport.value(scanner, field: index, into: sink) { value in
                        sink.observe(unit: unit, indicator: rank, year: year, value: value, line: line,
                                     column: index + 1)
                    }
                }
            }
            for index in layout.others where index < scanner.fieldCount && index != layout.iso
                && index != layout.name
            {
                let bytes = scanner.field(index)
                if MissingMarker.match(bytes) != nil { continue }
                otherCells += 1
                if firstOther == nil {
                    firstOther = (sink.location(line: line, column: index + 1), String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        if let firstOther {
            sink.setAside("cells of columns that are neither scores nor ranks (tiers, regions, notes)",
                          count: otherCells, at: firstOther.location, text: firstOther.text)
        }
    }
}
