/// The tidy reader's fast path: ordinary rows parsed straight from the scanner's buffer.
///
/// An *ordinary* row is one physical line of exactly the header's field count, ASCII, without quotes, ending with LF
/// or CRLF, whose year parses and whose value is a number. Such a row takes no trip through the general scanner
/// (field tables, record state), and its value reaches the panel through ``FileSink/observeOrdinary``. Any other
/// row — a quote, a non-ASCII byte, a lone CR, a ragged or blank line, a bad year, a missing marker, a row running
/// past the buffered bytes — is left untouched for the general path (`CSVScanner.nextRecord()` and the reader's
/// per-record code), which therefore reports it exactly as before: same counts, same errors, same order.
///
/// The only side effects a fast-path attempt can have before handing a row back are the interning of its unit and
/// indicator texts (and their declaration to the sink when new), which the general path would do first anyway, in
/// the same order, and which are idempotent.
extension TidyReader {
    /// Parses and commits ordinary rows from the scanner's buffered bytes until a row needs the general path or the
    /// buffer's complete rows are used up. Returns the number of rows committed.
    @inline(__always)
    func readOrdinaryRows(
        _ scanner: CSVScanner, columns: Columns, width: Int, into sink: FileSink, fieldBounds: UnsafeMutablePointer<Int>,
        units: inout ByteInterner, unitHandles: inout [UnitHandle],
        indicators: inout ByteInterner, indicatorHandles: inout [IndicatorHandle]
    ) -> Int {
        guard let (base, start, end, firstLine) = scanner.bufferedRecords() else { return 0 }
        var position = start
        var line = firstLine
        let last = width - 1
        var run = FileSink.OrdinaryRun()
        // Counts not yet committed to the sink (``FileSink/commitOrdinary``).
        var records = 0
        var placed = 0
        var minYear = Int.max
        var maxYear = Int.min
        @inline(__always) func commit() {
            if records > 0 {
                sink.commitOrdinary(
                    records: records, placed: placed, lastLine: line - 1, minYear: minYear, maxYear: maxYear)
            }
            records = 0
            placed = 0
            minYear = Int.max
            maxYear = Int.min
        }
        /// The first byte at or after `from` that may end a field: below 0x2D (`,`, LF, CR, `"`, space and other
        /// punctuation) or non-ASCII. Eight bytes at a time: a byte `b < 0x80` is flagged by
        /// `(b − 0x2D) & ~b & 0x80` (the lowest flag is exact; a borrow only runs upwards from a flagged byte),
        /// a byte ≥ 0x80 by its top bit.
        @inline(__always) func nextStop(_ from: Int) -> Int {
            var q = from
            while q + 8 <= end {
                let x = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self).littleEndian
                let flags = ((x &- 0x2D2D_2D2D_2D2D_2D2D) & ~x | x) & 0x8080_8080_8080_8080
                if flags != 0 { return q + flags.trailingZeroBitCount >> 3 }
                q += 8
            }
            while q < end && base[q] &- 0x2D < 0x53 { q += 1 }
            return q
        }
        // The previous row's unit and indicator fields (offsets in this batch's buffer) and their ids.
        var previousUnit: (start: Int, count: Int, id: Int32) = (0, -1, 0)
        var previousIndicator: (start: Int, count: Int, id: Int32) = (0, -1, 0)
        @inline(__always) func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            for k in 0..<count where a[k] != b[k] { return false }
            return true
        }
        rows: while position < end {
            // Split the line into fields: bounds[2k] ..< bounds[2k + 1].
            var p = position
            var field = 0
            while true {
                fieldBounds[2 * field] = p
                p = nextStop(p)
                while p < end {
                    let byte = base[p]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    if byte == 0x22 || byte >= 0x80 { break rows }  // quoted or non-ASCII: the general path
                    p = nextStop(p + 1)  // other punctuation is ordinary text
                }
                guard p < end else { break rows }  // runs past the buffer (or the file lacks a final line end)
                let byte = base[p]
                fieldBounds[2 * field + 1] = p
                if field < last {
                    guard byte == 0x2C else { break rows }
                    p += 1
                    field += 1
                    continue
                }
                if byte == 0x0A {
                    p += 1
                } else if byte == 0x0D && p + 1 < end && base[p + 1] == 0x0A {
                    p += 2
                } else {
                    break rows
                }
                break
            }
            // A line holding only an empty first field is a blank line: the general path skips it.
            if width == 1 && fieldBounds[1] == fieldBounds[0] { break rows }
            @inline(__always) func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(start: base + fieldBounds[2 * k], count: fieldBounds[2 * k + 1] - fieldBounds[2 * k])
            }
            // Sorted files repeat a unit (and an indicator) on consecutive rows: the same bytes as the previous
            // row's field, still in the buffer, have the same id, with no trip through the interner.
            let unitID: Int32
            let unitStart = fieldBounds[2 * columns.unit]
            let unitCount = fieldBounds[2 * columns.unit + 1] - unitStart
            if unitCount == previousUnit.count && equalBytes(base + unitStart, base + previousUnit.start, unitCount) {
                unitID = previousUnit.id
            } else {
                let (id, isNew) = units.intern(bytes(columns.unit))
                if isNew {
                    unitHandles.append(sink.unit(units.text(id), column: columns.unit + 1))
                    run = FileSink.OrdinaryRun()
                }
                unitID = id
                previousUnit = (unitStart, unitCount, id)
            }
            let indicatorID: Int32
            let indicatorStart = fieldBounds[2 * columns.indicator]
            let indicatorCount = fieldBounds[2 * columns.indicator + 1] - indicatorStart
            var indicatorIsNew = false
            if indicatorCount == previousIndicator.count
                && equalBytes(base + indicatorStart, base + previousIndicator.start, indicatorCount)
            {
                indicatorID = previousIndicator.id
            } else {
                let (id, isNew) = indicators.intern(bytes(columns.indicator))
                indicatorID = id
                indicatorIsNew = isNew
                previousIndicator = (indicatorStart, indicatorCount, id)
            }
            if indicatorIsNew {
                let code = indicators.text(indicatorID).trimmingSpaces()
                let measure = columns.measure.map { String(decoding: bytes($0), as: UTF8.self).trimmingSpaces() }
                let source = columns.source.map { String(decoding: bytes($0), as: UTF8.self).trimmingSpaces() }
                indicatorHandles.append(
                    sink.indicator(
                        IndicatorInfo(
                            code: code, unit: measure.flatMap { $0.isEmpty ? nil : $0 },
                            source: source.flatMap { $0.isEmpty ? nil : $0 })))
                run = FileSink.OrdinaryRun()
            }
            guard let year = ReaderSupport.year(bytes(columns.year)) else { break rows }
            guard case .number(let value) = DecimalParser.parse(bytes(columns.value)) else { break rows }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            if run.unit != unit.rawValue || run.indicator != indicator.rawValue {
                run = sink.ordinaryRun(unit: unit, indicator: indicator)
            }
            records += 1
            if year >= run.low && year <= run.high && line <= run.lastLine
                && sink.placeOrdinary(&run, year: year, value: value, line: line)
            {
                placed += 1
                if year < minYear { minYear = year }
                if year > maxYear { maxYear = year }
            } else {
                line += 1  // commit() counts lines up to the current one
                commit()
                line -= 1
                sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: columns.value + 1)
                run = FileSink.OrdinaryRun()
            }
            position = p
            line += 1
        }
        commit()
        let committed = line - firstLine
        if committed > 0 { scanner.consumeLines(to: position, count: committed) }
        return committed
    }
}
