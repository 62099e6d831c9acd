/// The ``ObservationSink`` of one file being loaded into a ``PanelBuilder``: validates each value and counts it in the
/// file's ``FileReport``.
///
/// Checks, in order: the unit resolves to an economy (aggregates are set aside, unknown units rejected with
/// suggestions), the year lies in ``LoadOptions/yearRange``, a share lies in 0–100 (within
/// ``LoadOptions/shareTolerance`` a warning, beyond it an error), and the cell holds no different value already
/// (``PreferPolicy``).
public final class FileSink: ObservationSink {
    public let fileName: String
    public var options: LoadOptions { builder.options }
    package let fileIndex: Int
    private let builder: PanelBuilder
    private let rowBase: UInt64
    @exclusivity(unchecked) package private(set) var report: FileReport
    @exclusivity(unchecked) package private(set) var maxLine = 0
    @exclusivity(unchecked) package private(set) var publisher: String?

    @exclusivity(unchecked) private var header: [String] = []
    @exclusivity(unchecked) private var yearColumn: Int?
    @exclusivity(unchecked) private var verbatimUnits = false
    // Per unit handle: global unit index, or -1 aggregate, -2 unknown, -3 empty text.
    @exclusivity(unchecked) private var unitMap: [Int32] = []
    @exclusivity(unchecked) private var unitTexts: [String] = []
    @exclusivity(unchecked) private var unitColumns: [Int] = []
    @exclusivity(unchecked) private var aggregateNames: [Int: String] = [:]
    @exclusivity(unchecked) private var suggestions: [Int: [String]] = [:]
    @exclusivity(unchecked) private var usedUnits: [Bool] = []
    @exclusivity(unchecked) private var indicatorMap: [Int32] = []
    @exclusivity(unchecked) private var indicatorIsShare: [Bool] = []
    @exclusivity(unchecked) private var indicatorCodes: [String] = []
    @exclusivity(unchecked) private var missingCounts = [Int](repeating: 0, count: MissingMarker.allCases.count)
    @exclusivity(unchecked) private var listed: [String: Int] = [:]
    @exclusivity(unchecked) private var minYear = Int.max
    @exclusivity(unchecked) private var maxYear = Int.min
    private var yearLow: Int
    private var yearHigh: Int

    package init(builder: PanelBuilder, fileIndex: Int, rowBase: UInt64, name: String, format: DataFormat, confidence: Double)
    {
        self.builder = builder
        self.fileIndex = fileIndex
        self.rowBase = rowBase
        self.fileName = name
        self.report = FileReport(file: name, format: format, confidence: confidence)
        yearLow = builder.options.yearRange.lowerBound
        yearHigh = builder.options.yearRange.upperBound
    }

    public func setHeader(_ names: [String]) { header = names }

    public func columnName(_ column: Int) -> String? {
        column >= 1 && column <= header.count ? header[column - 1] : nil
    }

    public func setYearColumn(_ column: Int?) { yearColumn = column }

    public func acceptYears(_ range: ClosedRange<Int>) {
        yearLow = range.lowerBound
        yearHigh = range.upperBound
    }

    public func setVintage(_ vintage: String) { report.vintage = vintage }

    public func setPublisher(_ publisher: String) {
        self.publisher = publisher
        builder.sinkPublishers[fileIndex] = publisher
    }

    public func keepUnitsVerbatim() { verbatimUnits = true }

    public func unit(_ text: String, column: Int) -> UnitHandle {
        let handle = Int32(unitMap.count)
        let trimmed = text.trimmingSpaces()
        unitTexts.append(trimmed)
        unitColumns.append(column)
        if trimmed.isEmpty {
            unitMap.append(-3)
        } else if verbatimUnits {
            unitMap.append(builder.globalUnit(trimmed))
        } else {
            switch builder.resolve(trimmed) {
            case .economy(let iso3):
                unitMap.append(builder.globalUnit(iso3))
            case .aggregate(let name):
                unitMap.append(-1)
                aggregateNames[Int(handle)] = name
            case .unknown(let nearest):
                unitMap.append(-2)
                suggestions[Int(handle)] = nearest
            }
        }
        return UnitHandle(rawValue: handle)
    }

    public func indicator(_ info: IndicatorInfo) -> IndicatorHandle {
        let handle = Int32(indicatorMap.count)
        var info = info
        info.code = info.code.trimmingSpaces()
        indicatorCodes.append(info.code)
        if info.code.isEmpty {
            indicatorMap.append(-1)
            indicatorIsShare.append(false)
        } else {
            let global = builder.globalIndicator(info)
            // The source this file gives the indicator (a tidy file's source column, a publisher's metadata): each
            // value from the file keeps it, whatever other files say of the indicator.
            if let source = info.source, !source.isEmpty, builder.fileIndicatorSources[fileIndex]?[global] == nil {
                builder.fileIndicatorSources[fileIndex, default: [:]][global] = source
            }
            indicatorMap.append(global)
            indicatorIsShare.append(builder.isShare(global))
        }
        return IndicatorHandle(rawValue: handle)
    }

    public func recordRead() { report.records += 1 }

    public func sourceOverride(_ source: String, indicator: IndicatorHandle) -> String? {
        let global = indicatorMap[Int(indicator.rawValue)]
        guard global >= 0 else { return nil }
        let trimmed = source.trimmingSpaces()
        return trimmed == (builder.fileIndicatorSources[fileIndex]?[global] ?? "") ? nil : trimmed
    }

    public func rowSource(_ source: String, line: Int) {
        guard line >= 0, rowBase + UInt64(line) < UInt64(UInt32.max) else { return }
        builder.rowSources[UInt32(rowBase + UInt64(line))] = source
    }

    public func markEstimate(line: Int) {
        guard line >= 0, rowBase + UInt64(line) < UInt64(UInt32.max) else { return }
        builder.estimatedRows.insert(UInt32(rowBase + UInt64(line)))
    }

    public func missing(_ marker: MissingMarker) {
        missingCounts[MissingMarker.allCases.firstIndex(of: marker) ?? 0] += 1
    }

    public func reject(_ error: DivideError) { note(error, severity: .error) }

    public func setAside(_ kind: String, count: Int, at location: SourceLocation, text: String) {
        guard count > 0 else { return }
        if let line = location.line, line > maxLine { maxLine = line }
        if let index = report.setAsideClasses.firstIndex(where: { $0.kind == kind }) {
            report.setAsideClasses[index].count += count
        } else {
            report.setAsideClasses.append(
                SetAsideClass(kind: kind, count: count, example: "\(location) \(DivideError.quote(text))"))
        }
    }

    public func rejectMore(_ reason: DivideError.Reason, count: Int) {
        guard count > 0 else { return }
        report.rejected[reason, default: 0] += count
        listed[Severity.error.rawValue + reason.rawValue, default: 0] += count
    }

    public func warn(_ error: DivideError) { note(error, severity: options.strict ? .error : .warning) }

    @inline(__always)
    public func observe(unit: UnitHandle, indicator: IndicatorHandle, year: Int, value: Double, line: Int, column: Int)
    {
        if line > maxLine { maxLine = line }
        let handle = Int(unit.rawValue)
        let indicatorHandle = Int(indicator.rawValue)
        guard handle >= 0, handle < unitMap.count, indicatorHandle >= 0, indicatorHandle < indicatorMap.count else {
            reject(
                DivideError(
                    .invalidArgument, at: location(line: line, column: column),
                    expected: "unit and indicator handles from this sink", found: "an unknown handle"))
            return
        }
        let globalIndicator = indicatorMap[indicatorHandle]
        if globalIndicator < 0 {
            reject(
                DivideError(
                    .emptyField, at: location(line: line, column: column), expected: "an indicator code",
                    found: "an empty field"))
            return
        }
        let global = unitMap[handle]
        if global < 0 {
            unresolved(handle, global: global, line: line)
            return
        }
        if year < yearLow || year > yearHigh {
            reject(
                DivideError(
                    .yearOutOfRange, at: location(line: line, column: yearColumn ?? column),
                    expected: "a year in \(yearLow)...\(yearHigh)", found: "\(year)"))
            return
        }
        if indicatorIsShare[indicatorHandle] && !(value >= 0 && value <= 100) {
            let tolerance = options.shareTolerance
            let problem = DivideError(
                .shareOutOfRange, at: location(line: line, column: column),
                expected: "a percentage in 0...100 (\(indicatorCodes[indicatorHandle]) is a share)",
                found: "\(value)")
            if value >= -tolerance && value <= 100 + tolerance && !options.strict {
                warn(problem)
            } else {
                reject(problem)
                return
            }
        }
        let lineNumber = UInt64(line)
        guard rowBase + lineNumber < UInt64(UInt32.max) else {
            reject(
                DivideError(
                    .limitExceeded, at: location(line: line, column: column),
                    expected: "fewer than 2^32 lines in all files together", found: "line \(line)"))
            return
        }
        let rowID = UInt32(rowBase + lineNumber)
        let placement = builder.place(
            unit: global, indicator: globalIndicator, year: year, value: value, rowID: rowID, fileIndex: fileIndex)
        switch placement {
        case .placed:
            report.valuesUsed += 1
        case .agreed:
            report.duplicatesAgreeing += 1
        case .overrode(let existing, let existingRow), .lost(let existing, let existingRow):
            report.overriddenByPreference += 1
            if report.preferenceDecisions.count < options.maxListedPerReason {
                let here = location(line: line, column: column).description
                let there = builder.location(ofRow: existingRow)
                var won = true
                if case .lost = placement { won = false }
                report.preferenceDecisions.append(PreferenceDecision(
                    unit: builder.unitKeys[Int(global)], indicator: indicatorCodes[indicatorHandle], year: year,
                    used: won ? here : there, usedValue: won ? value : existing,
                    setAside: won ? there : here, setAsideValue: won ? existing : value))
            }
        case .conflict(let existing, let existingRow):
            reject(
                DivideError(
                    .conflictingValue, at: location(line: line, column: column),
                    expected: "the same value as \(builder.location(ofRow: existingRow)) (\(existing)) for "
                        + "\(builder.unitKeys[Int(global)]), \(indicatorCodes[indicatorHandle]), \(year)",
                    found: "\(value)", hint: "choose the source that wins with prefer (--prefer)"))
            return
        case .failed(var error):
            error.location = location(line: line, column: column)
            reject(error)
            return
        }
        let g = Int(global)
        if g >= usedUnits.count { usedUnits.append(contentsOf: repeatElement(false, count: g + 1 - usedUnits.count)) }
        usedUnits[g] = true
        if year < minYear { minYear = year }
        if year > maxYear { maxYear = year }
    }

    /// Where a run of ordinary values of one (unit, indicator) pair goes, for readers' fast paths: a value of that
    /// pair for a year in `low...high` lands in cell `cellOffset + year` when that cell is empty, with exactly the
    /// effect ``observe(unit:indicator:year:value:line:column:)`` would have (the unit and indicator are resolved, the
    /// indicator is not a share, the year is inside the allowed range, the years seen and the cells held). Any other
    /// value, an occupied cell, and a row id that does not fit a one-byte provenance mark must go through `observe`.
    /// The run holds the storage's pointers, so placing a value touches no class instance: it is valid until the
    /// next call of `observe`, ``unit(_:column:)`` or ``indicator(_:)`` (which may move or widen the cells).
    package struct OrdinaryRun {
        package var unit: Int32 = -1
        package var indicator: Int32 = -1
        package var global = 0
        package var cellOffset = 0
        /// The years a value may have to take the fast path (none when `low > high`).
        package var low = 1
        package var high = 0
        /// The last line whose row id fits (`rowBase + line < 2³²`).
        package var lastLine = 0
        package var markedUsed = false
        /// The storage's values, its one-byte provenance marks (`nil` without provenance) and the base row id of the
        /// pair's row of cells (see `CellStorage`).
        package var values: UnsafeMutablePointer<Double>?
        package var marks: UnsafeMutablePointer<UInt8>?
        package var rowBaseID: UnsafeMutablePointer<UInt32>?
        /// The file's first global row id: a value on line `l` has row id `firstRowID + l`.
        package var firstRowID: UInt64 = 0

        /// Places `value` (for `year` in `low...high`, at `line` ≤ `lastLine`) when its cell is empty and its row id
        /// fits a one-byte mark, and returns `true`; otherwise returns `false`, changing nothing visible (then
        /// `observe` decides: agreement, conflict, preference, or a wider mark). Counts are added later by
        /// ``FileSink/commitOrdinary``; the unit is marked used by ``FileSink/markUsed(_:)``.
        @inline(__always)
        package func place(year: Int, value: Double, line: Int) -> Bool {
            guard let values else { return false }
            let index = cellOffset &+ year
            if let marks, let rowBaseID {
                if marks[index] != 0 { return false }
                let rowID = UInt32(truncatingIfNeeded: firstRowID &+ UInt64(truncatingIfNeeded: line))
                var base = rowBaseID.pointee
                if base == 0 {
                    base = rowID
                    rowBaseID.pointee = rowID  // the row's first value: its mark is 1 either way
                }
                guard rowID >= base, rowID &- base < 0xFF else { return false }
                marks[index] = UInt8(truncatingIfNeeded: rowID &- base &+ 1)
            } else if !values[index].isNaN {
                return false
            }
            values[index] = value
            return true
        }
    }

    /// The ``OrdinaryRun`` of `unit` and `indicator`; it accepts no year (`low > high`) when no value of the pair can
    /// take the fast path now (an unresolved unit, a share, provenance marks already wider than one byte, …).
    package func ordinaryRun(unit: UnitHandle, indicator: IndicatorHandle) -> OrdinaryRun {
        var run = OrdinaryRun(unit: unit.rawValue, indicator: indicator.rawValue)
        let handle = Int(unit.rawValue)
        let indicatorHandle = Int(indicator.rawValue)
        let storage = builder.storage
        guard handle >= 0, handle < unitMap.count, indicatorHandle >= 0, indicatorHandle < indicatorMap.count,
            !indicatorIsShare[indicatorHandle], let seen = builder.yearsSeen, storage.yearStride > 0,
            !storage.tracksRows || storage.markWidth == 1
        else { return run }
        let global = Int(unitMap[handle])
        let globalIndicator = Int(indicatorMap[indicatorHandle])
        guard global >= 0, globalIndicator >= 0, global < storage.liveUnits,
            globalIndicator < storage.liveIndicators, global < usedUnits.count,
            rowBase < UInt64(UInt32.max)
        else { return run }
        let low = max(yearLow, seen.lowerBound, storage.yearBase)
        let high = min(yearHigh, seen.upperBound, storage.yearBase + storage.yearStride - 1)
        guard low <= high else { return run }
        run.global = global
        run.cellOffset = storage.index(indicator: globalIndicator, unit: global, year: 0)
        run.low = low
        run.high = high
        run.lastLine = Int(UInt64(UInt32.max) - 1 - rowBase)
        run.values = storage.values
        if storage.tracksRows {
            run.marks = storage.marks.assumingMemoryBound(to: UInt8.self)
            run.rowBaseID = storage.rowBases + (globalIndicator * storage.unitStride + global)
        }
        run.firstRowID = rowBase
        return run
    }

    /// Records that unit `global` (an ``OrdinaryRun``'s) has a value in the panel.
    package func markUsed(_ global: Int) { usedUnits[global] = true }

    /// Adds what a fast path placed since its last commit: `records` data records read, `placed` values used, the
    /// highest line and the years spanned. Call it before any `observe` and at the end of a batch.
    package func commitOrdinary(records: Int, placed: Int, lastLine: Int, minYear low: Int, maxYear high: Int) {
        report.records += records
        report.valuesUsed += placed
        if lastLine > maxLine { maxLine = lastLine }
        if low < minYear { minYear = low }
        if high > maxYear { maxYear = high }
    }

    private func unresolved(_ handle: Int, global: Int32, line: Int) {
        let column = unitColumns[handle]
        switch global {
        case -1:
            report.setAside[aggregateNames[handle] ?? unitTexts[handle], default: 0] += 1
        case -3:
            reject(
                DivideError(
                    .emptyField, at: location(line: line, column: column), expected: "a country name or code",
                    found: "an empty field"))
        default:
            let nearest = suggestions[handle] ?? []
            reject(
                DivideError(
                    .unknownUnit, at: location(line: line, column: column), expected: "a known country name or code",
                    found: DivideError.quote(unitTexts[handle]),
                    hint: nearest.isEmpty ? nil : "did you mean " + nearest.prefix(3).joined(separator: ", ") + "?"))
        }
    }

    private func note(_ error: DivideError, severity: Severity) {
        if let line = error.location?.line, line > maxLine { maxLine = line }
        switch severity {
        case .error: report.rejected[error.reason, default: 0] += 1
        case .warning: report.warnings[error.reason, default: 0] += 1
        }
        let key = severity.rawValue + error.reason.rawValue
        let count = listed[key, default: 0]
        if count < options.maxListedPerReason {
            report.problems.append(LoadProblem(severity: severity, error: error))
        }
        listed[key] = count + 1
    }

    package func finishReport() -> FileReport {
        for (index, marker) in MissingMarker.allCases.enumerated() where missingCounts[index] > 0 {
            report.missing[marker] = missingCounts[index]
        }
        report.unitsFound = usedUnits.lazy.filter { $0 }.count
        var seen = Set<String>()
        report.indicators = indicatorCodes.filter { !$0.isEmpty && seen.insert($0).inserted }
        if minYear <= maxYear { report.years = minYear...maxYear }
        return report
    }
}
