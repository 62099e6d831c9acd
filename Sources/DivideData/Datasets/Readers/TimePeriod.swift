/// A time period as publishers write it in a year column, classified for an annual panel.
///
/// The panel holds calendar years, so a period is either a year or not data for the panel:
/// - **a year**: `2023` (``ReaderSupport/year(_:)``), SDMX's explicit annual reporting period `2023-A1`, and a time
///   range covering exactly one calendar year (`2023-01-01/P1Y`, `2023-01/P12M`, `2023-01-01T00:00:00/P1Y`,
///   `2023-01-01/2023-12-31`);
/// - **not annual** (set aside, never guessed into a year): the other SDMX reporting periods (SDMX 2.1 Technical
///   Notes, section 4.2.3: semester `2023-S1`, trimester `2023-T2`, quarter `2023-Q1`, month `2023-M01`, week
///   `2023-W05`, day `2023-D032`, also without the hyphen as Eurostat's and the IMF's bulk files write them:
///   `2023Q1`, `2023M01`), Gregorian months and days (`2023-01`, `2023-01-15`, with or without a time), every other
///   time range (`2023-01-01/P3M`, `2015/2017`, `2015-2017`), and fiscal years spanning two calendar years
///   (`2019/20`, `2019-20`: which calendar year they belong to would be a guess);
/// - anything else is not a period (`nil`): a malformed year, rejected where it is.
package enum TimePeriod: Equatable {
    case year(Int)
    case notAnnual

    /// Classifies `bytes` (spaces around allowed); `nil` when it is not a period.
    package static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> TimePeriod? {
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard end - start <= 64 else { return nil }
        let text = Array(bytes[start..<end])
        if let slash = text.firstIndex(of: 0x2F) {
            return range(Array(text[..<slash]), Array(text[(slash + 1)...]))
        }
        return single(text)
    }

    /// The calendar year of the period at the start of `text` (`YYYY`), and what follows it.
    private static func leadingYear(_ text: [UInt8]) -> (year: Int, rest: ArraySlice<UInt8>)? {
        guard text.count >= 4, text[0..<4].allSatisfy(isDigit) else { return nil }
        let year = text[0..<4].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (year, text[4...])
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The value of `digits` when they are all digits, else `nil`.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// A period without `/`.
    private static func single(_ text: [UInt8]) -> TimePeriod? {
        guard let (year, rest) = leadingYear(text) else { return nil }
        if rest.isEmpty { return .year(year) }
        var body = rest
        let hyphen = body.first == 0x2D
        if hyphen { body = body.dropFirst() }
        guard let letter = body.first else { return nil }
        if !isDigit(letter) {
            // An SDMX reporting period: a letter and its number within the year.
            guard let n = number(body.dropFirst()) else { return nil }
            switch letter | 0x20 {  // either case
            case UInt8(ascii: "a"): return n == 1 ? .year(year) : nil
            case UInt8(ascii: "s"): return (1...2).contains(n) ? .notAnnual : nil
            case UInt8(ascii: "t"): return (1...3).contains(n) ? .notAnnual : nil
            case UInt8(ascii: "q"): return (1...4).contains(n) ? .notAnnual : nil
            case UInt8(ascii: "m"): return (1...12).contains(n) ? .notAnnual : nil
            case UInt8(ascii: "w"): return (1...53).contains(n) ? .notAnnual : nil
            case UInt8(ascii: "d"): return (1...366).contains(n) ? .notAnnual : nil
            default: return nil
            }
        }
        guard hyphen else { return nil }
        // YYYY-MM, YYYY-MM-DD (with an optional time), YYYY-YYYY (a range of years), YYYY-YY (a fiscal year).
        let parts = body.split(separator: 0x2D, maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1, let n = number(parts[0]) {
            switch parts[0].count {
            case 2 where (1...12).contains(n): return .notAnnual             // a month (or a fiscal year 2011-12)
            case 2 where n == (year + 1) % 100: return .notAnnual            // a fiscal year, 2019-20
            case 4 where n > year: return .notAnnual                         // years 2015-2017
            default: return nil
            }
        }
        return date(text) != nil ? .notAnnual : nil
    }

    /// `YYYY-MM-DD`, optionally followed by a time (`T…` of digits, `:`, `.`, `Z`, `+`, `-`): its year, month and day.
    private static func date(_ text: [UInt8]) -> (year: Int, month: Int, day: Int)? {
        guard text.count >= 10, let (year, _) = leadingYear(text), text[4] == 0x2D, text[7] == 0x2D,
            let month = number(text[5..<7]), let day = number(text[8..<10]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        if text.count > 10 {
            guard text[10] == UInt8(ascii: "T"), text.count > 11,
                text[11...].allSatisfy({ isDigit($0) || [0x3A, 0x2E, 0x5A, 0x2B, 0x2D].contains($0) })
            else { return nil }
        }
        return (year, month, day)
    }

    /// Whether `text` is a time of day at midnight (`T00:00:00`, `T00:00`, `T00:00:00Z`…) or empty.
    private static func isMidnightOrEmpty(_ text: ArraySlice<UInt8>) -> Bool {
        text.isEmpty || (text.first == UInt8(ascii: "T") && text.dropFirst().allSatisfy { $0 == 0x30 || $0 == 0x3A || $0 == 0x5A })
    }

    /// The start of a range: its year and whether it is 1 January at midnight.
    private static func rangeStart(_ text: [UInt8]) -> (year: Int, isNewYear: Bool)? {
        guard let (year, rest) = leadingYear(text) else { return nil }
        if rest.isEmpty { return (year, true) }                                          // 2023/…
        if rest.count == 3, rest.first == 0x2D, let month = number(rest.dropFirst()), (1...12).contains(month) {
            return (year, month == 1)                                                    // 2023-01/…
        }
        guard let d = date(text) else { return nil }
        return (year, d.month == 1 && d.day == 1 && isMidnightOrEmpty(text[10...]))
    }

    /// `start/duration` (SDMX's time range, ISO 8601) or `start/end`.
    private static func range(_ start: [UInt8], _ end: [UInt8]) -> TimePeriod? {
        guard let (year, isNewYear) = rangeStart(start) else { return nil }
        if end.first == UInt8(ascii: "P") {
            // An ISO 8601 duration: digits and designators (P1Y, P3M, P1Y6M, PT12H…).
            guard end.count >= 3, end.dropFirst().allSatisfy({ isDigit($0) || "YMWDTHS".utf8.contains($0) }) else {
                return nil
            }
            let oneYear = end == Array("P1Y".utf8) || end == Array("P12M".utf8)
            return isNewYear && oneYear ? .year(year) : .notAnnual
        }
        if end.count == 2, let n = number(end[...]), n == (year + 1) % 100 { return .notAnnual }  // 2019/20
        if end.count == 4, let last = number(end[...]), last > year { return .notAnnual }         // 2015/2017
        if let d = date(end) {
            return isNewYear && d.year == year && d.month == 12 && d.day == 31 ? .year(year) : .notAnnual
        }
        return nil
    }
}

/// The observations of one file whose period is not a calendar year (``TimePeriod/notAnnual``): counted and set
/// aside as one class at the end, with the first one's location and text.
package struct NonAnnualPeriods {
    private var count = 0
    private var first: (location: SourceLocation, text: String)?

    package init() {}

    /// The set-aside class: what the values are and why they are not used.
    package static let kind = "observations of periods other than a calendar year (quarters, months, weeks, days, "
        + "ranges, fiscal years; the panel is annual)"

    /// The year of field `index` of the current record, parsed from `bytes` (the field itself unless the reader
    /// strips a label first). A recognised non-annual period sets the record's `values` value cells aside and
    /// returns `nil`; anything else that is not a year is rejected where it is and `nil` returned.
    @inline(__always)
    package mutating func year<Sink: ObservationSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ scanner: CSVScanner, field index: Int, values: Int = 1, into sink: Sink
    ) -> Int? {
        if let year = ReaderSupport.year(bytes) { return year }
        return classify(bytes, scanner, field: index, values: values, into: sink)
    }

    /// As ``year(_:_:field:values:into:)`` on the field itself.
    @inline(__always)
    package mutating func year<Sink: ObservationSink>(
        _ scanner: CSVScanner, field index: Int, values: Int = 1, into sink: Sink
    ) -> Int? {
        year(scanner.field(index), scanner, field: index, values: values, into: sink)
    }

    private mutating func classify<Sink: ObservationSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ scanner: CSVScanner, field index: Int, values: Int, into sink: Sink
    ) -> Int? {
        switch TimePeriod.classify(bytes) {
        case .year(let year):
            return year
        case .notAnnual:
            count += values
            if first == nil {
                first = (sink.location(line: scanner.recordLine, column: index + 1),
                         String(decoding: scanner.field(index), as: UTF8.self))
            }
            return nil
        case nil:
            ReaderSupport.rejectYear(scanner, field: index, into: sink)
            return nil
        }
    }

    /// Sets the counted observations aside as one class.
    package func finish<Sink: ObservationSink>(into sink: Sink) {
        if let first { sink.setAside(Self.kind, count: count, at: first.location, text: first.text) }
    }
}
