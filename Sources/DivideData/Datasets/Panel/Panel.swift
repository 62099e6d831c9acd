/// A file that contributed to a panel, for provenance.
public struct SourceFile: Sendable, Hashable {
    /// The file as named in messages.
    public var name: String
    /// Its format.
    public var format: DataFormat
    /// The vintage the file states (World Bank "Last Updated Date"), if any.
    public var vintage: String?
    /// The publisher the file names (e.g. "World Development Indicators"), if any.
    public var publisher: String?
    /// Global row ids `firstRowID + line` belong to this file.
    package var firstRowID: UInt32
}

/// Where one panel value came from.
public struct Provenance: Sendable, Hashable, CustomStringConvertible {
    /// The file, its format and vintage.
    public var file: SourceFile
    /// The 1-based line where the value's record starts.
    public var line: Int
    /// The value's source: the one its file gives the indicator (a tidy file's `source` column, the publisher's
    /// metadata), else the file's publisher, else the indicator's metadata; nil when none is known.
    public var publisher: String?
    /// The year the value was observed (equal to the cell's year at load; construction steps that carry values
    /// forward keep the original here).
    public var year: Int

    public var description: String {
        "\(file.name):\(line)" + (publisher.map { " (\($0))" } ?? "") + " year \(year)"
    }
}

/// Units × indicators × years of `Double`, with a missing mask and per-cell provenance.
///
/// Layout: indicator-major, `values[(i · units.count + u) · years.count + (y − years.first)]`; so one indicator's
/// units × years slab is contiguous (row per unit, column per year) — see ``withSlab(indicator:_:)``. A missing
/// cell holds NaN and row id 0. Provenance is a global row id per cell, `firstRowID(file) + line`, decoded by binary
/// search over the files; it is stored compactly, usually in one byte per cell (see `CellStorage`).
///
/// Units are keyed by ISO3 code (``UnitPolicy/resolve(_:)``) or by their verbatim text, in order of first appearance.
/// Years are the contiguous range from the earliest to the latest year with a value.
public struct Panel: Sendable {
    /// Unit keys (ISO3 or verbatim), in order of first appearance.
    public let units: [String]
    /// Indicator metadata, in order of first appearance.
    public let indicators: [IndicatorInfo]
    /// The years, contiguous and ascending; empty for an empty panel.
    public let years: [Int]
    /// The files that contributed, in load order.
    public let files: [SourceFile]

    package let storage: CellStorage
    /// Global row ids of the values their file marked as estimates (see ``isEstimate(unitAt:indicatorAt:yearAt:)``).
    package let estimatedRows: Set<UInt32>
    private let unitIndex: [String: Int]
    private let indicatorIndex: [String: Int]

    /// Per file index, per indicator index: the source that file gives the indicator's values.
    package let valueSources: [Int: [Int: String]]
    /// Per row id: the source a row names where it differs from ``valueSources`` ("" for none).
    package let rowSources: [UInt32: String]

    package init(units: [String], indicators: [IndicatorInfo], years: [Int], files: [SourceFile], storage: CellStorage,
         estimatedRows: Set<UInt32> = [], valueSources: [Int: [Int: String]] = [:], rowSources: [UInt32: String] = [:]) {
        self.estimatedRows = estimatedRows
        self.valueSources = valueSources
        self.rowSources = rowSources
        self.units = units
        self.indicators = indicators
        self.years = years
        self.files = files
        self.storage = storage
        var unitIndex: [String: Int] = [:]
        for (index, unit) in units.enumerated() { unitIndex[unit] = index }
        self.unitIndex = unitIndex
        var indicatorIndex: [String: Int] = [:]
        for (index, info) in indicators.enumerated() { indicatorIndex[info.code] = index }
        self.indicatorIndex = indicatorIndex
    }

    /// The number of cells, `units × indicators × years`.
    public var cellCount: Int { units.count * indicators.count * years.count }

    /// The position of `unit` in ``units``.
    public func unitIndex(of unit: String) -> Int? { unitIndex[unit] }
    /// The position of the indicator `code` in ``indicators``.
    public func indicatorIndex(of code: String) -> Int? { indicatorIndex[code] }
    /// The position of `year` in ``years``.
    public func yearIndex(of year: Int) -> Int? {
        guard let first = years.first, year >= first, year - first < years.count else { return nil }
        return year - first
    }

    @inline(__always)
    private func cell(_ u: Int, _ i: Int, _ y: Int) -> Int { (i * units.count + u) * years.count + y }

    /// The value at positions (`unit`, `indicator`, `year`), NaN when missing or out of range.
    @inline(__always)
    public func value(unitAt unit: Int, indicatorAt indicator: Int, yearAt year: Int) -> Double {
        guard unit >= 0, unit < units.count, indicator >= 0, indicator < indicators.count, year >= 0,
            year < years.count
        else { return .nan }
        return storage.values[cell(unit, indicator, year)]
    }

    /// Whether the cell at these positions holds a value.
    public func isPresent(unitAt unit: Int, indicatorAt indicator: Int, yearAt year: Int) -> Bool {
        guard unit >= 0, unit < units.count, indicator >= 0, indicator < indicators.count, year >= 0,
            year < years.count
        else { return false }
        return storage.isPresent(cell(unit, indicator, year))
    }

    /// Whether any value of the panel is marked as an estimate by its file.
    public var hasEstimates: Bool { !estimatedRows.isEmpty }

    /// Whether the value of this cell is marked as an estimate by its file (a tidy file's `estimate` column,
    /// e.g. ITU's † "ITU estimate" in the IDI 2024 Annex 2), rather than an official figure. False for missing
    /// cells, and always false when the panel was loaded without ``LoadOptions/tracksProvenance``.
    public func isEstimate(unitAt unit: Int, indicatorAt indicator: Int, yearAt year: Int) -> Bool {
        guard !estimatedRows.isEmpty, storage.tracksRows else { return false }
        let rowID = storage.rowID(at: cell(unit, indicator, year))
        return rowID != 0 && estimatedRows.contains(rowID)
    }

    /// The value for `unit` (key), indicator `code` and `year`, or `nil` when missing.
    public func value(unit: String, indicator: String, year: Int) -> Double? {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator], let y = yearIndex(of: year),
            isPresent(unitAt: u, indicatorAt: i, yearAt: y)
        else { return nil }
        return storage.values[cell(u, i, y)]
    }

    /// Where the value for this cell came from, or `nil` when missing (or loaded without
    /// ``LoadOptions/tracksProvenance``).
    public func provenance(unit: String, indicator: String, year: Int) -> Provenance? {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator], let y = yearIndex(of: year) else {
            return nil
        }
        guard storage.tracksRows else { return nil }
        let rowID = storage.rowID(at: cell(u, i, y))
        guard rowID != 0, let index = Panel.decodeIndex(rowID: rowID, files: files) else { return nil }
        let file = files[index]
        // The value's own source: what its row or its file says of the indicator, else the file's publisher, else
        // the indicator's metadata (another file may have given it).
        return Provenance(file: file, line: Int(rowID - file.firstRowID),
                          publisher: ownSource(rowID: rowID, fileIndex: index, indicator: i) ?? file.publisher
                              ?? indicators[i].source, year: year)
    }

    /// The source the value of (`unit`, `indicator`, `year`) names itself: its row's (a tidy file's `source` cell),
    /// else what its file gives the indicator (the first row's `source`, a publisher's metadata); nil otherwise.
    package func ownSource(unit: String, indicator: String, year: Int) -> String? {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator], let y = yearIndex(of: year),
              storage.tracksRows else { return nil }
        let rowID = storage.rowID(at: cell(u, i, y))
        guard rowID != 0, let index = Panel.decodeIndex(rowID: rowID, files: files) else { return nil }
        return ownSource(rowID: rowID, fileIndex: index, indicator: i)
    }

    private func ownSource(rowID: UInt32, fileIndex: Int, indicator i: Int) -> String? {
        let own = rowSources[rowID] ?? valueSources[fileIndex]?[i]
        return own?.isEmpty == false ? own : nil
    }

    /// The years with a value and the values, ascending by year.
    public func series(unit: String, indicator: String) -> [(year: Int, value: Double)] {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator] else { return [] }
        var result: [(year: Int, value: Double)] = []
        for y in 0..<years.count where isPresent(unitAt: u, indicatorAt: i, yearAt: y) {
            result.append((years[y], storage.values[cell(u, i, y)]))
        }
        return result
    }

    /// The latest year with a value, and that value.
    public func latest(unit: String, indicator: String) -> (year: Int, value: Double)? {
        latest(unit: unit, indicator: indicator, upTo: Int.max) { _ in true }
    }

    /// The latest year up to `year` whose value `accept`s, and that value (no allocation: a backward scan).
    package func latest(unit: String, indicator: String, upTo year: Int,
                        where accept: (Double) -> Bool) -> (year: Int, value: Double)? {
        guard let u = unitIndex[unit], let i = indicatorIndex[indicator] else { return nil }
        var y = years.count - 1
        while y >= 0 {
            if years[y] <= year, isPresent(unitAt: u, indicatorAt: i, yearAt: y) {
                let value = storage.values[cell(u, i, y)]
                if accept(value) { return (years[y], value) }
            }
            y -= 1
        }
        return nil
    }

    /// Calls `body` with indicator `indicator`'s contiguous units × years slab (`slab[u · years.count + y]`, NaN
    /// when missing). The buffer is valid only inside `body`.
    public func withSlab<R>(indicator: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        guard indicator >= 0, indicator < indicators.count else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let size = units.count * years.count
        return try body(UnsafeBufferPointer(start: storage.values + indicator * size, count: size))
    }

    /// Calls `body` with all values, indicator-major (see the type's documentation).
    public func withValues<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: cellCount == 0 ? nil : storage.values, count: cellCount))
    }

    /// The file and line of a global row id.
    package static func decode(rowID: UInt32, files: [SourceFile]) -> (SourceFile, Int)? {
        guard let index = decodeIndex(rowID: rowID, files: files) else { return nil }
        return (files[index], Int(rowID - files[index].firstRowID))
    }

    /// The index of the file holding a global row id.
    package static func decodeIndex(rowID: UInt32, files: [SourceFile]) -> Int? {
        var low = 0
        var high = files.count - 1
        var found = -1
        while low <= high {  // last file whose firstRowID < rowID
            let mid = (low + high) / 2
            if files[mid].firstRowID < rowID {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found >= 0 ? found : nil
    }
}
