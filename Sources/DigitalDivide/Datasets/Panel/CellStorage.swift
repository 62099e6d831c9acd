#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dense cells of a panel: values (`Double`, NaN when missing) and provenance row ids (`UInt32`, 0 when
/// missing), indicator-major: cell `(i, u, y)` is at `(i · unitStride + u) · yearStride + (y − yearBase)`.
///
/// While building, every dimension has spare capacity and grows by doubling. Growth uses `realloc` (on Linux large
/// blocks grow by `mremap`, without a copy) and re-lays cells out in place, moving rows from the last to the first,
/// so the peak memory is the final size, not twice it. ``compact(indicators:units:years:)`` finally removes the
/// spare capacity in place.
final class CellStorage: @unchecked Sendable {
    private(set) var values: UnsafeMutablePointer<Double>
    private(set) var rowIDs: UnsafeMutablePointer<UInt32>
    private(set) var indicatorCapacity: Int
    private(set) var unitStride: Int
    private(set) var yearStride: Int
    /// The year stored at offset 0 of every row.
    private(set) var yearBase: Int
    private var allocated: Int

    init() {
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

    @inline(__always)
    func index(indicator: Int, unit: Int, year: Int) -> Int {
        (indicator * unitStride + unit) * yearStride + (year - yearBase)
    }

    /// Makes room for `indicators` indicators, `units` units and `years` (must include the years already held).
    func ensure(indicators: Int, units: Int, years: ClosedRange<Int>) throws(DivideError) {
        let holdsYears = yearStride > 0 ? yearBase...(yearBase + yearStride - 1) : nil
        let needsYears = holdsYears.map { !($0.contains(years.lowerBound) && $0.contains(years.upperBound)) } ?? true
        if indicators <= indicatorCapacity && units <= unitStride && !needsYears { return }
        var newIndicators = max(indicatorCapacity, 1)
        while newIndicators < indicators { newIndicators *= 2 }
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
                // Grow with slack in the direction of growth, so that years arriving one by one stay amortised.
                let span = high - low + 1
                newYearStride = max(span, min(yearStride * 2, LoadOptions.maxYearSpan))
                newBase = years.lowerBound < yearBase ? high - newYearStride + 1 : low
            }
        }
        try relayout(indicators: newIndicators, units: newUnits, yearBase: newBase, yearStride: newYearStride)
    }

    private func relayout(indicators: Int, units: Int, yearBase newBase: Int, yearStride newStride: Int)
        throws(DivideError)
    {
        let (cells, overflow) = indicators.multipliedReportingOverflow(by: units)
        let (total, overflow2) = cells.multipliedReportingOverflow(by: newStride)
        guard !overflow, !overflow2, total < Int.max / 16 else {
            throw DivideError(.limitExceeded, expected: "a panel that fits in memory", found: "\(total) cells")
        }
        let oldIndicators = indicatorCapacity
        let oldUnits = unitStride
        let oldStride = yearStride
        let shift = yearBase - newBase  // ≥ 0: old year offset 0 lands at `shift`
        if total > allocated {
            guard let v = realloc(values, total * 8), let r = realloc(rowIDs, total * 4) else {
                throw DivideError(.limitExceeded, expected: "memory for the panel", found: "\(total) cells")
            }
            values = v.assumingMemoryBound(to: Double.self)
            rowIDs = r.assumingMemoryBound(to: UInt32.self)
            allocated = total
        }
        let v = values
        let r = rowIDs
        if oldIndicators > 0 && (oldUnits != units || oldStride != newStride || shift != 0) {
            // Move rows (i, u) backwards: every new position is at or after its old one.
            var row = oldIndicators * oldUnits - 1
            while row >= 0 {
                let i = row / oldUnits
                let u = row % oldUnits
                let source = row * oldStride
                let target = (i * units + u) * newStride + shift
                if source != target {
                    memmove(v + target, v + source, oldStride * 8)
                    memmove(r + target, r + source, oldStride * 4)
                }
                row -= 1
            }
            // Fill the holes: the new rows and the new years of old rows.
            for i in 0..<oldIndicators {
                for u in 0..<units {
                    let start = (i * units + u) * newStride
                    if u >= oldUnits {
                        fill(v, r, from: start, count: newStride)
                    } else {
                        fill(v, r, from: start, count: shift)
                        fill(v, r, from: start + shift + oldStride, count: newStride - shift - oldStride)
                    }
                }
            }
        }
        // New indicators' slabs.
        let firstNew = oldIndicators * units * newStride
        fill(v, r, from: firstNew, count: total - firstNew)
        indicatorCapacity = indicators
        unitStride = units
        yearStride = newStride
        yearBase = newBase
    }

    private func fill(_ v: UnsafeMutablePointer<Double>, _ r: UnsafeMutablePointer<UInt32>, from: Int, count: Int) {
        guard count > 0 else { return }
        (v + from).initialize(repeating: .nan, count: count)
        (r + from).initialize(repeating: 0, count: count)
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
                        memmove(rowIDs + target, rowIDs + source, newStride * 4)
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
