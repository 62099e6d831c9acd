import Foundation

/// Reads COINr's `iData` table as written by R's `write.csv`: `uCode` (required), `uName`, group columns (text),
/// `Time` (the year, optional), and one numeric column per indicator or denominator; `NA` is missing.
///
/// Units are the data's own `uCode`s, kept verbatim whatever the load's ``UnitPolicy`` (ASEM's are ISO3 codes and
/// so meet other sources' units; synthetic `U0001` codes stay as they are): see
/// ``ObservationSink/keepUnitsVerbatim()``.
///
/// Column roles: with an iMeta (given to ``init(meta:)``, or found beside the file: its name with `iData`
/// replaced by `iMeta`), a column is read as numbers when its `Type` is `Indicator` or `Denominator`, kept as a
/// group when `Group`, and passed over when `Other`; a column iMeta does not list is read as numbers. Without an
/// iMeta, a column whose name ends in `_group` or starts with `Group_` (ignoring case; COINr's own naming) is a
/// group, and every other column is read as numbers. Group columns are not observations: read them with
/// ``unitGroups(path:meta:)``.
///
/// Years: the `Time` column; a table without one is a cross-section and is recorded at the current calendar year
/// (UTC). Indicators: code = column name; name and unit from iMeta when known. COINr units are free text
/// ("Percent" may exceed 100, e.g. public debt as % of GDP), so no COINr indicator is treated as a 0–100 share.
public struct CoinrDataReader: DatasetReader {
    /// The iMeta describing the columns, if known in advance.
    public var meta: CoinrMeta?

    public init(meta: CoinrMeta? = nil) {
        self.meta = meta
    }

    public var format: DataFormat { .coinrData }

    /// 1.0 when the header has `uCode` and `uName` or `Time`; 0.9 for `uCode` alone; else 0.
    public func detect(_ sample: HeaderSample) -> Double {
        guard let header = sample.records.first?.fields else { return 0 }
        let names = Set(header.map { $0.trimmingSpaces().lowercased() })
        guard names.contains("ucode"), !names.contains("icode") else { return 0 }
        return names.contains("uname") || names.contains("time") ? 1 : 0.9
    }

    /// What a column of iData holds.
    package enum Role: Equatable {
        case unitCode, unitName, time, number, group, other
    }

    /// The role of each column of `header`, given an optional iMeta.
    package static func roles(_ header: [String], meta: CoinrMeta?) -> [Role] {
        header.map { raw in
            let name = raw.trimmingSpaces()
            switch name.lowercased() {
            case "ucode": return .unitCode
            case "uname": return .unitName
            case "time": return .time
            default: break
            }
            if let meta, let entry = meta.entry(name) {
                switch entry.type {
                case .indicator, .denominator, .aggregate: return .number
                case .group: return .group
                case .other: return .other
                }
            }
            if meta == nil {
                let lowered = name.lowercased()
                if lowered.hasSuffix("_group") || lowered.hasPrefix("group_") { return .group }
            }
            return .number
        }
    }

    /// The iMeta beside an iData file: the same path with the last `iData` in the file name replaced by `iMeta`.
    package static func siblingMeta(of path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard let range = name.range(of: "iData", options: .backwards) else { return nil }
        let candidate = url.deletingLastPathComponent().appendingPathComponent(
            name.replacingCharacters(in: range, with: "iMeta")).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        sink.keepUnitsVerbatim()
        var meta = self.meta
        if meta == nil, let path = CoinrDataReader.siblingMeta(of: sink.fileName) {
            do {
                meta = try CoinrMeta.read(path: path)
            } catch {
                sink.warn(
                    DivideError(
                        .invalidArgument, at: error.location, expected: error.expected, found: error.found,
                        hint: "the iMeta beside this iData is invalid, so columns are classified by name"))
            }
        }
        let roles = CoinrDataReader.roles(header, meta: meta)
        guard let codeColumn = roles.firstIndex(of: .unitCode) else {
            throw ReaderSupport.missingColumn("uCode", file: sink.fileName, line: headerLine, header: header)
        }
        let timeColumn = roles.firstIndex(of: .time)
        sink.setYearColumn(timeColumn.map { $0 + 1 })
        var columns: [(index: Int, handle: IndicatorHandle)] = []
        for (index, role) in roles.enumerated() where role == .number {
            let code = header[index].trimmingSpaces()
            let entry = meta?.entry(code)
            columns.append(
                (index, sink.indicator(
                    IndicatorInfo(code: code, name: entry?.name, unit: entry?.unit, source: "COINr iData", isShare: false))))
        }
        let fixedYear = LoadOptions.currentYear()
        let width = header.count
        var units = ByteInterner()
        var unitHandles: [UnitHandle] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            let (id, isNew) = units.intern(scanner.field(codeColumn))
            if isNew { unitHandles.append(sink.unit(units.text(id), column: codeColumn + 1)) }
            let unit = unitHandles[Int(id)]
            var year = fixedYear
            if let timeColumn {
                guard let parsed = ReaderSupport.year(scanner.field(timeColumn)) else {
                    ReaderSupport.rejectYear(scanner, field: timeColumn, into: sink)
                    continue
                }
                year = parsed
            }
            for (index, indicator) in columns {
                ReaderSupport.value(scanner, field: index, into: sink) { value in
                    sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: index + 1)
                }
            }
        }
    }

    /// The group columns of the iData at `path`: for each group column, each unit's group.
    ///
    /// Columns are classified as in ``read(_:into:)`` (by `meta`, the iMeta beside the file, or by name). In panel
    /// data (a `Time` column) the group on the unit's last row wins. Units with an empty or `NA` group are left out
    /// of that column.
    ///
    /// - Throws: ``DivideError`` for an unreadable file, a missing `uCode` column, a ragged row or invalid UTF-8.
    public static func unitGroups(path: String, meta: CoinrMeta? = nil) throws(DivideError) -> UnitGroups {
        var meta = meta
        if meta == nil, let sibling = siblingMeta(of: path) { meta = try? CoinrMeta.read(path: sibling) }
        let scanner = try CSVScanner(path: path)
        guard let headerRecord = try scanner.nextStrings() else { return UnitGroups(columns: [], units: []) }
        let header = headerRecord.fields
        let roles = roles(header, meta: meta)
        guard let codeColumn = roles.firstIndex(of: .unitCode) else {
            throw ReaderSupport.missingColumn("uCode", file: path, line: headerRecord.line, header: header)
        }
        let groupColumns = roles.indices.filter { roles[$0] == .group }
        var groups = UnitGroups(columns: groupColumns.map { header[$0].trimmingSpaces() }, units: [])
        var seen = Set<String>()
        while let record = try scanner.nextStrings() {
            guard record.fields.count == header.count else {
                throw DivideError(
                    .raggedRow, at: SourceLocation(file: path, line: record.line, column: min(record.fields.count, header.count) + 1),
                    expected: "\(header.count) fields as in the header", found: "\(record.fields.count) fields")
            }
            let unit = record.fields[codeColumn].trimmingSpaces()
            if seen.insert(unit).inserted { groups.units.append(unit) }
            for (position, column) in groupColumns.enumerated() {
                let value = record.fields[column].trimmingSpaces()
                if value.isEmpty || MissingMarker.match(value) != nil { continue }
                groups.assignments[position][unit] = value
            }
        }
        return groups
    }
}

/// The groups of units given by the group columns of a COINr iData (`GDP_group`, `EurAsia_group`, …): column name
/// → unit → group. Used for group-mean imputation and for ranks within groups.
public struct UnitGroups: Sendable, Equatable {
    /// The group columns, in file order.
    public var columns: [String]
    /// The units (uCodes), in order of first appearance.
    public var units: [String]
    /// Per column (same order as ``columns``): unit → group.
    public var assignments: [[String: String]]

    public init(columns: [String], units: [String]) {
        self.columns = columns
        self.units = units
        assignments = Array(repeating: [:], count: columns.count)
    }

    /// The group of `unit` in `column`, or `nil`.
    public func group(of unit: String, in column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return assignments[index][unit]
    }

    /// The distinct groups of `column`, sorted.
    public func groups(in column: String) -> [String] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return Array(Set(assignments[index].values)).sorted()
    }

    /// The units in `group` of `column`, in unit order.
    public func members(of group: String, in column: String) -> [String] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return units.filter { assignments[index][$0] == group }
    }
}

/// Reads COINr's `iMeta` (see ``CoinrMeta``): it holds no observations, so loading it validates it (every problem
/// is rejected at its file:line:column) and declares its `Indicator` and `Denominator` rows as indicators with
/// their names and units; the load report lists it as a metadata file.
public struct CoinrMetaReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .coinrMeta }

    /// 1.0 for a header with `iCode`, `Type` and `Level` or `Parent`; 0.8 for `iCode` and `iName`; else 0.
    public func detect(_ sample: HeaderSample) -> Double {
        guard let header = sample.records.first?.fields else { return 0 }
        let names = Set(header.map { $0.trimmingSpaces().lowercased() })
        guard names.contains("icode") else { return 0 }
        if names.contains("type") && (names.contains("level") || names.contains("parent")) { return 1 }
        return names.contains("iname") ? 0.8 : 0
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        let (meta, problems, records) = try CoinrMeta.parse(scanner)
        for _ in 0..<records { sink.recordRead() }
        for problem in problems { sink.reject(problem) }
        for entry in meta.entries where entry.type == .indicator || entry.type == .denominator {
            _ = sink.indicator(
                IndicatorInfo(code: entry.code, name: entry.name, unit: entry.unit, source: "COINr iMeta", isShare: false))
        }
    }
}
