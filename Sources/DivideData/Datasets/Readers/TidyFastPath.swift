/// The tidy reader's fast path: ordinary rows parsed straight from the scanner's buffer.
///
/// An *ordinary* row is one physical line of exactly the header's field count, ASCII, without quotes, ending with LF
/// or CRLF, whose year parses and whose value is a number. Such a row takes no trip through the general scanner
/// (field tables, record state), and its value reaches the panel through ``FileSink/OrdinaryRun``. Any other
/// row — a quote, a non-ASCII byte, a lone CR, a ragged or blank line, a bad year, a missing marker, a row running
/// past the buffered bytes — is left untouched for the general path (`CSVScanner.nextRecord()` and the reader's
/// per-record code), which therefore reports it exactly as before: same counts, same errors, same order.
///
/// Per row, in one pass over its bytes: the line is split into fields; a plain year (digits) and a plain value
/// (digits with an optional fraction) are parsed during the split, and anything else in those fields is parsed from
/// the field's bytes by ``ReaderSupport/year(_:)`` and ``DecimalParser/parse(_:)-(UnsafeBufferPointer<UInt8>)``,
/// which give the same results on the plain forms. When the unit and indicator columns come before the year and
/// value columns (`unit,indicator,year,value`), a line whose leading fields are byte for byte the previous line's has
/// the previous line's unit and indicator: they are neither split nor looked up again.
///
/// The only side effects a fast-path attempt can have before handing a row back are the interning of its unit and
/// indicator texts (and their declaration to the sink when new), which the general path would do first anyway, in
/// the same order, and which are idempotent.
extension TidyReader {
    /// Parses and commits ordinary rows from the scanner's buffered bytes until a row needs the general path or the
    /// buffer's complete rows are used up. Returns the number of rows committed.
    @inline(__always)
    package func readOrdinaryRows(
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
        @inline(__always) func load(_ offset: Int) -> UInt64 {
            UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        }
        /// The first byte at or after `from` that may end a field: below 0x2D (`,`, LF, CR, `"`, space and other
        /// punctuation) or non-ASCII. Eight bytes at a time: a byte `b < 0x80` is flagged by
        /// `(b − 0x2D) & ~b & 0x80` (the lowest flag is exact; a borrow only runs upwards from a flagged byte),
        /// a byte ≥ 0x80 by its top bit.
        @inline(__always) func nextStop(_ from: Int) -> Int {
            var q = from
            while q + 8 <= end {
                let x = load(q).littleEndian
                let flags = ((x &- 0x2D2D_2D2D_2D2D_2D2D) & ~x | x) & 0x8080_8080_8080_8080
                if flags != 0 { return q + flags.trailingZeroBitCount >> 3 }
                q += 8
            }
            while q < end && base[q] &- 0x2D < 0x53 { q += 1 }
            return q
        }
        @inline(__always) func equalBytes(_ a: Int, _ b: Int, _ count: Int) -> Bool {
            for k in 0..<count where base[a + k] != base[b + k] { return false }
            return true
        }
        /// Whether `base[a ..< a + count]` equals `base[b ..< b + count]`, for `b < a` and `a + count ≤ end`.
        @inline(__always) func samePrefix(_ a: Int, _ b: Int, _ count: Int) -> Bool {
            var k = 0
            while k + 8 <= count {
                if load(a + k) != load(b + k) { return false }
                k += 8
            }
            let rest = count - k
            if rest == 0 { return true }
            if a + k + 8 <= end {  // then b + k + 8 ≤ end too: compare the `rest` first bytes of one word
                return (load(a + k) ^ load(b + k)).littleEndian << UInt64(64 - 8 * rest) == 0
            }
            return equalBytes(a + k, b + k, rest)
        }
        // The previous row's unit and indicator fields (offsets in this batch's buffer) and their ids.
        var previousUnit: (start: Int, count: Int, id: Int32) = (0, -1, 0)
        var previousIndicator: (start: Int, count: Int, id: Int32) = (0, -1, 0)
        let yearColumn = columns.year
        let valueColumn = columns.value
        // The leading fields before the year and value columns, when the unit and the indicator are among them: the
        // previous ordinary line's start and the length of its leading fields with the comma after them (-1: none).
        let keyFields = min(yearColumn, valueColumn)
        let keyedByPrefix = columns.unit < keyFields && columns.indicator < keyFields
        var previousLine = -1
        var previousKeyLength = 0
        var unitID: Int32 = 0
        var indicatorID: Int32 = 0
        // The last `source` field found to be its indicator's own (bytes in this batch's buffer): rows repeating it
        // need no check. A row whose source differs takes the general path, which records it.
        var checkedSource: (start: Int, count: Int, indicator: Int32) = (0, -1, -1)
        // The interchange layout `unit,indicator,year,value` (any key fields, then the year and the value last): a
        // line with the previous line's key is read by the tight loop below.
        let keyThenYearValue = keyedByPrefix && yearColumn == keyFields && valueColumn == yearColumn + 1
            && valueColumn == last
        rows: while position < end {
            if keyThenYearValue && previousLine >= 0 && run.markedUsed {
                // Lines with the previous line's key (hence its unit, indicator and run), a plain year and a plain
                // value, whose cell is empty: the same effect as the general code below, without splitting the key
                // or looking anything up. The first line that is anything else leaves the loop untouched.
                let keyLength = previousKeyLength
                sameKeyLines: while true {
                    let lineStart = position
                    guard lineStart + keyLength <= end, samePrefix(lineStart, previousLine, keyLength) else {
                        break sameKeyLines
                    }
                    var q = lineStart + keyLength
                    let yearStart = q
                    var year = 0
                    while q < end {
                        let d = base[q] &- 0x30
                        if d > 9 { break }
                        year = year &* 10 &+ Int(d)
                        q += 1
                    }
                    guard q > yearStart, q - yearStart <= 12, q < end, base[q] == 0x2C else { break sameKeyLines }
                    let number = DecimalParser.scanSignificand(base, from: q + 1, end: end)
                    var next = number.stop
                    guard number.sawDigit, number.significant <= 19, next < end else { break sameKeyLines }
                    if base[next] == 0x0A {
                        next += 1
                    } else if base[next] == 0x0D && next + 1 < end && base[next + 1] == 0x0A {
                        next += 2
                    } else {
                        break sameKeyLines
                    }
                    guard year >= run.low, year <= run.high, line <= run.lastLine,
                        let value = DecimalParser.value(significand: number.w, exponent: number.exponent, negative: false),
                        run.place(year: year, value: value, line: line)
                    else { break sameKeyLines }
                    records &+= 1
                    placed &+= 1
                    if year < minYear { minYear = year }
                    if year > maxYear { maxYear = year }
                    position = next
                    line &+= 1
                }
                guard position < end else { break rows }
            }
            // Split the line into fields: bounds[2k] ..< bounds[2k + 1]. The year and the value are parsed during the
            // split when they are plain (digits; digits with a fraction): `yearStop` and `significand.stop` are where
            // those scans stopped, and a scan counts only if that is the field's end.
            var p = position
            var field = 0
            let sameKey = previousLine >= 0 && position + previousKeyLength <= end
                && samePrefix(position, previousLine, previousKeyLength)
            if sameKey {
                p = position + previousKeyLength
                field = keyFields
            }
            var year = 0
            var yearStop = -1
            var negative = false
            var significand: (w: UInt64, exponent: Int, significant: Int, sawDigit: Bool, stop: Int) =
                (0, 0, 0, false, -1)
            while true {
                fieldBounds[2 * field] = p
                if field == yearColumn {
                    var q = p
                    while q < end {
                        let d = base[q] &- 0x30
                        if d > 9 { break }
                        year = year &* 10 &+ Int(d)
                        q += 1
                    }
                    yearStop = q - p <= 12 ? q : -1
                    p = q
                } else if field == valueColumn {
                    negative = p < end && base[p] == 0x2D
                    significand = DecimalParser.scanSignificand(base, from: negative ? p + 1 : p, end: end)
                    p = significand.stop
                }
                if p < end && (base[p] == 0x2C || base[p] == 0x0A) {
                    // The field ends here (the common case after a year or a value).
                } else {
                    p = nextStop(p)
                    while p < end {
                        let byte = base[p]
                        if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                        if byte == 0x22 || byte >= 0x80 { break rows }  // quoted or non-ASCII: the general path
                        p = nextStop(p + 1)  // other punctuation is ordinary text
                    }
                    guard p < end else { break rows }  // runs past the buffer (or the file lacks a final line end)
                }
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
            // The year and the value: from the split's scans when they covered the whole field (then they equal what
            // ReaderSupport.year and DecimalParser.parse give), else parsed from the field's bytes.
            if yearStop != fieldBounds[2 * yearColumn + 1] || yearStop == fieldBounds[2 * yearColumn] {
                guard let parsed = ReaderSupport.year(bytes(yearColumn)) else { break rows }
                year = parsed
            }
            let value: Double
            if significand.stop == fieldBounds[2 * valueColumn + 1] && significand.sawDigit
                && significand.significant <= 19,
                let exact = DecimalParser.value(
                    significand: significand.w, exponent: significand.exponent, negative: negative)
            {
                value = exact
            } else {
                guard case .number(let parsed) = DecimalParser.parse(bytes(valueColumn)) else { break rows }
                value = parsed
            }
            if !sameKey {
                // Sorted files repeat a unit (and an indicator) on consecutive rows: the same bytes as the previous
                // row's field, still in the buffer, have the same id, with no trip through the interner.
                let unitStart = fieldBounds[2 * columns.unit]
                let unitCount = fieldBounds[2 * columns.unit + 1] - unitStart
                if unitCount == previousUnit.count && equalBytes(unitStart, previousUnit.start, unitCount) {
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
                let indicatorStart = fieldBounds[2 * columns.indicator]
                let indicatorCount = fieldBounds[2 * columns.indicator + 1] - indicatorStart
                var indicatorIsNew = false
                if indicatorCount == previousIndicator.count
                    && equalBytes(indicatorStart, previousIndicator.start, indicatorCount)
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
                if keyedByPrefix {
                    previousLine = position
                    previousKeyLength = fieldBounds[2 * keyFields] - position
                }
            }
            let unit = unitHandles[Int(unitID)]
            let indicator = indicatorHandles[Int(indicatorID)]
            if let sourceColumn = columns.source {
                let sourceStart = fieldBounds[2 * sourceColumn]
                let sourceCount = fieldBounds[2 * sourceColumn + 1] - sourceStart
                if indicatorID != checkedSource.indicator || sourceCount != checkedSource.count
                    || !equalBytes(sourceStart, checkedSource.start, sourceCount)
                {
                    guard sink.sourceOverride(String(decoding: bytes(sourceColumn), as: UTF8.self), indicator: indicator)
                        == nil else { break rows }
                    checkedSource = (sourceStart, sourceCount, indicatorID)
                }
            }
            if run.unit != unit.rawValue || run.indicator != indicator.rawValue {
                run = sink.ordinaryRun(unit: unit, indicator: indicator)
            }
            records &+= 1
            if year >= run.low && year <= run.high && line <= run.lastLine
                && run.place(year: year, value: value, line: line)
            {
                if !run.markedUsed {
                    sink.markUsed(run.global)
                    run.markedUsed = true
                }
                placed &+= 1
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
            line &+= 1
        }
        commit()
        let committed = line - firstLine
        if committed > 0 { scanner.consumeLines(to: position, count: committed) }
        return committed
    }
}
