#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dense cells of a panel: values (`Double`, NaN when missing) and provenance row ids (`UInt32`, 0 when
/// missing), indicator-major: cell `(i, u, y)` is at `(i · unitStride + u) · yearStride + (y − yearBase)`.
///
/// While building, units grow by doubling, indicators exactly (new slabs are appended), years exactly while small. Growth uses `realloc` (on Linux large
/// blocks grow by `mremap`, without a copy) and re-lays cells out in place, moving rows from the last to the first,
/// so the peak memory is the final size, not twice it. ``compact(indicators:units:years:)`` finally removes the
/// spare capacity in place.
final class CellStorage: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var values: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private(set) var rowIDs: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private(set) var indicatorCapacity: Int
    @exclusivity(unchecked) private(set) var unitStride: Int
    @exclusivity(unchecked) private(set) var yearStride: Int
    /// The year stored at offset 0 of every row.
    @exclusivity(unchecked) private(set) var yearBase: Int
    @exclusivity(unchecked) private var allocated: Int

    /// Whether provenance row ids are kept (see ``LoadOptions/tracksProvenance``); without them a cell is present
    /// when its value is not NaN (parsed values never are: `NaN` in a file is a missing marker).
    let tracksRows: Bool

    init(tracksRows: Bool = true) {
        self.tracksRows = tracksRows
        indicatorCapacity = 0
        unitStride = 0
        yearStride = 0
        yearBase = 0
        allocated = 0
        values = UnsafeMutablePointer<Double>(OpaquePointer(malloc(8)!))
        rowIDs = UnsafeMutablePointer<UInt32>(OpaquePointer(malloc(8)!))
    }

    deinit {
        free(values)
        free(rowIDs)
    }

    var cellCount: Int { indicatorCapacity * unitStride * yearStride }

    /// Whether cell `index` holds a value.
    @inline(__always)
    func isPresent(_ index: Int) -> Bool { tracksRows ? rowIDs[index] != 0 : !values[index].isNaN }

    @inline(__always)
    func index(indicator: Int, unit: Int, year: Int) -> Int {
        (indicator * unitStride + unit) * yearStride + (year - yearBase)
    }

    /// Indicators and units whose cells are initialised (NaN / 0); capacity beyond them is never touched, so
    /// spare capacity costs address space, not memory.
    @exclusivity(unchecked) private(set) var liveIndicators = 0
    @exclusivity(unchecked) private(set) var liveUnits = 0

    /// Makes room for `indicators` indicators, `units` units and `years` (must include the years already held), and
    /// initialises the cells of new indicators and units.
    func ensure(indicators: Int, units: Int, years: ClosedRange<Int>) throws(DivideError) {
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
                fill(from: (i * unitStride + liveUnits) * yearStride, count: (units - liveUnits) * yearStride)
            }
            liveUnits = units
        }
        if indicators > liveIndicators {
            for i in liveIndicators..<indicators {
                fill(from: i * unitStride * yearStride, count: liveUnits * yearStride)
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
        if total > allocated {
            guard let v = realloc(values, total * 8) else {
                throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
            }
            values = v.assumingMemoryBound(to: Double.self)
            if tracksRows {
                guard let r = realloc(rowIDs, total * 4) else {
                    throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
                }
                rowIDs = r.assumingMemoryBound(to: UInt32.self)
            }
            allocated = total
        }
        let v = values
        let r = rowIDs
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
                        if tracksRows { memmove(r + target, r + source, oldStride * 4) }
                    }
                    u -= 1
                }
                i -= 1
            }
            // Fill the new years of live rows.
            if newStride != oldStride || shift != 0 {
                for i in 0..<liveIndicators {
                    for u in 0..<liveUnits {
                        let start = (i * units + u) * newStride
                        fillRaw(v, r, from: start, count: shift)
                        fillRaw(v, r, from: start + shift + oldStride, count: newStride - shift - oldStride)
                    }
                }
            }
        }
        indicatorCapacity = indicators
        unitStride = units
        yearStride = newStride
        yearBase = newBase
    }

    private func fill(from: Int, count: Int) { fillRaw(values, rowIDs, from: from, count: count) }

    private func fillRaw(_ v: UnsafeMutablePointer<Double>, _ r: UnsafeMutablePointer<UInt32>, from: Int, count: Int) {
        guard count > 0 else { return }
        (v + from).initialize(repeating: .nan, count: count)
        if tracksRows { (r + from).initialize(repeating: 0, count: count) }
    }

    /// Removes spare capacity in place: afterwards the layout is exactly `indicators × units × years`.
    func compact(indicators: Int, units: Int, years: ClosedRange<Int>?) {
        guard let years, indicators > 0, units > 0 else {
            indicatorCapacity = 0
            unitStride = 0
            yearStride = 0
            return
        }
        let newStride = years.count
        let offset = years.lowerBound - yearBase  // ≥ 0
        if units != unitStride || newStride != yearStride || offset != 0 {
            // Every target index is at or before its source: copy forwards.
            for i in 0..<indicators {
                for u in 0..<units {
                    let source = (i * unitStride + u) * yearStride + offset
                    let target = (i * units + u) * newStride
                    if source != target {
                        memmove(values + target, values + source, newStride * 8)
                        if tracksRows { memmove(rowIDs + target, rowIDs + source, newStride * 4) }
                    }
                }
            }
        }
        indicatorCapacity = indicators
        unitStride = units
        yearStride = newStride
        yearBase = years.lowerBound
    }
}
