#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dense cells of a panel: values (`Double`, NaN when missing) and provenance row ids, indicator-major: cell
/// `(i, u, y)` is at `(i · unitStride + u) · yearStride + (y − yearBase)`.
///
/// Provenance is kept compactly ("row-relative marks"): each row of cells `(i, u, ·)` has a base row id (the first
/// one placed in it), and each cell a *mark* of ``markWidth`` bytes: 0 when the cell holds no value, else
/// `rowID − base + 1`. Files whose rows of one unit and indicator lie close together (a tidy file sorted by unit,
/// indicator and year; a wide World Bank file, where a row of cells comes from one line) need one byte per cell.
/// A row id too far from its row's base (or before it) widens every mark once, to two bytes, then to four bytes
/// holding the row id itself (the bases are then unused): memory is never more than one `UInt32` per cell (plus one
/// per row), and in the common case a quarter of that. The global row id is `firstRowID(file) + line` (see
/// ``Panel``).
///
/// While building, units grow by doubling, indicators exactly (new slabs are appended), years exactly while small.
/// Growth uses `realloc` (on Linux large blocks grow by `mremap`, without a copy) and re-lays cells out in place,
/// moving rows from the last to the first, so the peak memory is the final size, not twice it.
/// ``compact(indicators:units:years:)`` finally removes the spare capacity in place.
package final class CellStorage: @unchecked Sendable {
    @exclusivity(unchecked) package private(set) var values: UnsafeMutablePointer<Double>
    /// Per cell, ``markWidth`` bytes: 0 = no value; else `rowID − rowBases[row] + 1` (widths 1 and 2) or the row id
    /// (width 4).
    @exclusivity(unchecked) package private(set) var marks: UnsafeMutableRawPointer
    /// Per row of cells `i · unitStride + u`: the row id the marks count from (0 before the row's first value).
    @exclusivity(unchecked) package private(set) var rowBases: UnsafeMutablePointer<UInt32>
    /// Bytes per mark: 1, 2 or 4.
    @exclusivity(unchecked) package private(set) var markWidth = 1
    @exclusivity(unchecked) package private(set) var indicatorCapacity: Int
    @exclusivity(unchecked) package private(set) var unitStride: Int
    @exclusivity(unchecked) package private(set) var yearStride: Int
    /// The year stored at offset 0 of every row.
    @exclusivity(unchecked) package private(set) var yearBase: Int
    @exclusivity(unchecked) private var allocated: Int
    @exclusivity(unchecked) private var allocatedRows: Int

    /// Whether provenance row ids are kept (see ``LoadOptions/tracksProvenance``); without them a cell is present
    /// when its value is not NaN (parsed values never are: `NaN` in a file is a missing marker).
    package let tracksRows: Bool

    package init(tracksRows: Bool = true) {
        self.tracksRows = tracksRows
        indicatorCapacity = 0
        unitStride = 0
        yearStride = 0
        yearBase = 0
        allocated = 0
        allocatedRows = 0
        values = UnsafeMutablePointer<Double>(OpaquePointer(malloc(8)!))
        marks = malloc(8)!
        rowBases = UnsafeMutablePointer<UInt32>(OpaquePointer(malloc(8)!))
    }

    deinit {
        free(values)
        free(marks)
        free(rowBases)
    }

    package var cellCount: Int { indicatorCapacity * unitStride * yearStride }

    /// Whether cell `index` holds a value.
    @inline(__always)
    package func isPresent(_ index: Int) -> Bool { tracksRows ? mark(index) != 0 : !values[index].isNaN }

    @inline(__always)
    package func index(indicator: Int, unit: Int, year: Int) -> Int {
        (indicator * unitStride + unit) * yearStride + (year - yearBase)
    }

    @inline(__always)
    private func mark(_ index: Int) -> UInt32 {
        switch markWidth {
        case 1: UInt32(marks.load(fromByteOffset: index, as: UInt8.self))
        case 2: UInt32(marks.load(fromByteOffset: 2 * index, as: UInt16.self))
        default: marks.load(fromByteOffset: 4 * index, as: UInt32.self)
        }
    }

    /// The provenance row id of cell `index`, 0 when it holds no value (or provenance is not kept).
    package func rowID(at index: Int) -> UInt32 {
        guard tracksRows, yearStride > 0 else { return 0 }
        let m = mark(index)
        if m == 0 || markWidth == 4 { return m }
        return rowBases[index / yearStride] &+ m &- 1
    }

    /// Records `rowID` (≥ 1) as the provenance of cell `index` (no effect without provenance).
    package func setRowID(_ rowID: UInt32, at index: Int) {
        guard tracksRows else { return }
        setRowID(rowID, at: index, row: index / yearStride)
    }

    /// ``setRowID(_:at:)`` for a cell of row `row` (`index / yearStride`, known to fast paths); provenance is kept.
    @inline(__always)
    package func setRowID(_ rowID: UInt32, at index: Int, row: Int) {
        if markWidth == 1 {
            var base = rowBases[row]
            if base == 0 {
                base = rowID
                rowBases[row] = rowID
            }
            if rowID >= base && rowID - base < 0xFF {
                marks.storeBytes(of: UInt8(rowID - base + 1), toByteOffset: index, as: UInt8.self)
                return
            }
        }
        setRowIDWidening(rowID, at: index)
    }

    private func setRowIDWidening(_ rowID: UInt32, at index: Int) {
        if markWidth == 4 {
            marks.storeBytes(of: rowID, toByteOffset: 4 * index, as: UInt32.self)
            return
        }
        let row = index / yearStride
        var base = rowBases[row]
        if base == 0 {
            base = rowID
            rowBases[row] = rowID
        }
        let delta = rowID >= base ? UInt64(rowID - base) + 1 : UInt64.max
        if markWidth == 1 && delta <= 0xFF {
            marks.storeBytes(of: UInt8(delta), toByteOffset: index, as: UInt8.self)
        } else if delta <= 0xFFFF {
            if markWidth == 1 { widenMarks(to: 2) }
            marks.storeBytes(of: UInt16(delta), toByteOffset: 2 * index, as: UInt16.self)
        } else {
            widenMarks(to: 4)
            marks.storeBytes(of: rowID, toByteOffset: 4 * index, as: UInt32.self)
        }
    }

    /// Re-encodes every live mark with `width` bytes, in place (from the last cell to the first: each wider mark
    /// lies at or after the narrower one it replaces). Cells beyond the live units and indicators are not touched.
    private func widenMarks(to width: Int) {
        guard width > markWidth else { return }
        let old = markWidth
        if allocated > 0, let grown = realloc(marks, allocated * width) { marks = grown }
        let absolute = width == 4
        var i = liveIndicators - 1
        while i >= 0 {
            var u = liveUnits - 1
            while u >= 0 {
                let row = i * unitStride + u
                let base = rowBases[row]
                var y = yearStride - 1
                while y >= 0 {
                    let index = row * yearStride + y
                    var m = old == 1
                        ? UInt32(marks.load(fromByteOffset: index, as: UInt8.self))
                        : UInt32(marks.load(fromByteOffset: 2 * index, as: UInt16.self))
                    if absolute && m != 0 { m = base &+ m &- 1 }
                    if absolute {
                        marks.storeBytes(of: m, toByteOffset: 4 * index, as: UInt32.self)
                    } else {
                        marks.storeBytes(of: UInt16(m), toByteOffset: 2 * index, as: UInt16.self)
                    }
                    y -= 1
                }
                u -= 1
            }
            i -= 1
        }
        markWidth = width
    }

    /// Indicators and units whose cells are initialised (NaN / 0); capacity beyond them is never touched, so
    /// spare capacity costs address space, not memory.
    @exclusivity(unchecked) package private(set) var liveIndicators = 0
    @exclusivity(unchecked) package private(set) var liveUnits = 0

    /// Makes room for `indicators` indicators, `units` units and `years` (must include the years already held), and
    /// initialises the cells of new indicators and units.
    package func ensure(indicators: Int, units: Int, years: ClosedRange<Int>) throws(DivideError) {
        let holdsYears = yearStride > 0 ? yearBase...(yearBase + yearStride - 1) : nil
        let needsYears = holdsYears.map { !($0.contains(years.lowerBound) && $0.contains(years.upperBound)) } ?? true
        if indicators > indicatorCapacity || units > unitStride || needsYears {
            // Indicators are the outermost dimension: they grow exactly (a new slab is appended, nothing moves).
            let newIndicators = max(indicatorCapacity, indicators)
            var newUnits = max(unitStride, 1)
            while newUnits < units { newUnits *= 2 }
            var newBase = yearBase
            var newYearStride = max(yearStride, 1)
            if needsYears {
                if yearStride == 0 {
                    newBase = years.lowerBound
                    newYearStride = years.count
                } else {
                    let low = min(yearBase, years.lowerBound)
                    let high = max(yearBase + yearStride - 1, years.upperBound)
                    let span = high - low + 1
                    // Exact while the panel is small (years usually all arrive with the first rows); with 25 % slack
                    // once it is large, so years arriving one by one stay amortised.
                    let live = liveIndicators * liveUnits * yearStride
                    newYearStride = live < 1 << 20 ? span : max(span, min(yearStride + yearStride / 4, LoadOptions.maxYearSpan))
                    newBase = years.lowerBound < yearBase ? high - newYearStride + 1 : low
                }
            }
            try relayout(indicators: newIndicators, units: newUnits, yearBase: newBase, yearStride: newYearStride)
        }
        if units > liveUnits {
            for i in 0..<liveIndicators {
                fill(fromRow: i * unitStride + liveUnits, rows: units - liveUnits)
            }
            liveUnits = units
        }
        if indicators > liveIndicators {
            for i in liveIndicators..<indicators {
                fill(fromRow: i * unitStride, rows: liveUnits)
            }
            liveIndicators = indicators
        }
    }

    private func relayout(indicators: Int, units: Int, yearBase newBase: Int, yearStride newStride: Int)
        throws(DivideError)
    {
        let (cells, overflow) = indicators.multipliedReportingOverflow(by: units)
        let (total, overflow2) = cells.multipliedReportingOverflow(by: newStride)
        guard !overflow, !overflow2, total < Int.max / 16 else {
            throw DivideError(.limitExceeded, expected: "a panel that fits in memory", found: "\(total) cells")
        }
        let oldUnits = unitStride
        let oldStride = yearStride
        let shift = yearBase - newBase  // ≥ 0: old year offset 0 lands at `shift`
        let width = markWidth
        if total > allocated {
            guard let v = realloc(values, total * 8) else {
                throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
            }
            values = v.assumingMemoryBound(to: Double.self)
            if tracksRows {
                guard let m = realloc(marks, total * width) else {
                    throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
                }
                marks = m
            }
            allocated = total
        }
        if tracksRows && cells > allocatedRows {
            guard let b = realloc(rowBases, cells * 4) else {
                throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
            }
            rowBases = b.assumingMemoryBound(to: UInt32.self)
            allocatedRows = cells
        }
        let v = values
        let m = marks
        if liveIndicators > 0 && liveUnits > 0 && (oldUnits != units || oldStride != newStride || shift != 0) {
            // Move live rows (i, u) backwards: every new position is at or after its old one.
            var i = liveIndicators - 1
            while i >= 0 {
                var u = liveUnits - 1
                while u >= 0 {
                    let source = (i * oldUnits + u) * oldStride
                    let target = (i * units + u) * newStride + shift
                    if source != target {
                        memmove(v + target, v + source, oldStride * 8)
                        if tracksRows { memmove(m + target * width, m + source * width, oldStride * width) }
                    }
                    if tracksRows { rowBases[i * units + u] = rowBases[i * oldUnits + u] }
                    u -= 1
                }
                i -= 1
            }
            // Fill the new years of live rows.
            if newStride != oldStride || shift != 0 {
                for i in 0..<liveIndicators {
                    for u in 0..<liveUnits {
                        let start = (i * units + u) * newStride
                        fillCells(from: start, count: shift)
                        fillCells(from: start + shift + oldStride, count: newStride - shift - oldStride)
                    }
                }
            }
        }
        indicatorCapacity = indicators
        unitStride = units
        yearStride = newStride
        yearBase = newBase
    }

    /// Initialises `rows` whole rows of cells from row `first` (in the current layout): no values, no bases.
    private func fill(fromRow first: Int, rows: Int) {
        guard rows > 0 else { return }
        fillCells(from: first * yearStride, count: rows * yearStride)
        if tracksRows { (rowBases + first).initialize(repeating: 0, count: rows) }
    }

    private func fillCells(from: Int, count: Int) {
        guard count > 0 else { return }
        (values + from).initialize(repeating: .nan, count: count)
        if tracksRows { memset(marks + from * markWidth, 0, count * markWidth) }
    }

    /// Removes spare capacity in place: afterwards the layout is exactly `indicators × units × years`.
    package func compact(indicators: Int, units: Int, years: ClosedRange<Int>?) {
        guard let years, indicators > 0, units > 0 else {
            indicatorCapacity = 0
            unitStride = 0
            yearStride = 0
            return
        }
        let newStride = years.count
        let offset = years.lowerBound - yearBase  // ≥ 0
        let width = markWidth
        if units != unitStride || newStride != yearStride || offset != 0 {
            // Every target index is at or before its source: copy forwards.
            for i in 0..<indicators {
                for u in 0..<units {
                    let source = (i * unitStride + u) * yearStride + offset
                    let target = (i * units + u) * newStride
                    if source != target {
                        memmove(values + target, values + source, newStride * 8)
                        if tracksRows { memmove(marks + target * width, marks + source * width, newStride * width) }
                    }
                    if tracksRows { rowBases[i * units + u] = rowBases[i * unitStride + u] }
                }
            }
        }
        indicatorCapacity = indicators
        unitStride = units
        yearStride = newStride
        yearBase = years.lowerBound
    }
}
