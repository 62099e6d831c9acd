/// COINr's `iMeta` table: one row per column of `iData` and per aggregate of the index, as written by R's
/// `write.csv` (quoted headers, `NA` for missing).
///
/// Columns (header names case-sensitive in COINr, matched here ignoring case): required `iCode`, `Level`,
/// `Parent`, `Direction`, `Weight`, `Type`; optional `iName`, `Unit`, `Target`, `Denominator`; others are ignored.
/// Validation follows COINr's `check_iMeta` (COINr, R/new_coin.R), each problem located at file:line:column:
/// - `iCode` non-empty, unique, not starting with a digit; `Type` one of `Indicator`, `Aggregate`, `Group`,
///   `Denominator`, `Other`;
/// - for `Indicator` and `Aggregate` rows: `Level` a whole number ≥ 1 (1 for indicators, ≥ 2 for aggregates),
///   `Direction` −1 or 1, `Weight` a number, `Parent` the `iCode` of an `Aggregate` one level up (empty only at the
///   top level);
/// - `Target` a number when present; `Denominator` the `iCode` of a `Denominator` row when present.
/// `Group`, `Denominator` and `Other` rows may leave `Level`, `Parent`, `Direction` and `Weight` empty (`NA`).
public struct CoinrMeta: Sendable, Equatable {
    /// What a row describes.
    public enum EntryType: String, Sendable, Hashable, CaseIterable {
        /// A level-1 indicator, a numeric column of iData.
        case indicator = "Indicator"
        /// An aggregate (pillar, sub-index, index) computed from its children.
        case aggregate = "Aggregate"
        /// A text column of iData grouping units (e.g. `GDP_group`).
        case group = "Group"
        /// A numeric column of iData used to scale indicators (e.g. `Population`).
        case denominator = "Denominator"
        /// A column passed through, unused by the index.
        case other = "Other"
    }

    /// One row.
    public struct Entry: Sendable, Equatable {
        public var code: String
        public var name: String?
        public var type: EntryType
        public var level: Int?
        public var parent: String?
        /// 1 when higher values are better, −1 when lower are.
        public var direction: Int?
        public var weight: Double?
        public var unit: String?
        public var target: Double?
        public var denominator: String?
        /// The 1-based line of the row in its file.
        public var line: Int
    }

    /// The rows in file order.
    public var entries: [Entry]

    /// The entries of one type, in file order.
    public func entries(ofType type: EntryType) -> [Entry] { entries.filter { $0.type == type } }

    /// The entry with this code.
    public func entry(_ code: String) -> Entry? { entries.first { $0.code == code } }

    /// The highest level (the index), 0 when there are no levels.
    public var maxLevel: Int { entries.compactMap(\.level).max() ?? 0 }

    /// Reads and validates the iMeta file at `path`.
    ///
    /// - Throws: ``DivideError``: the first validation problem (see ``parse(_:)`` for all of them), a missing column,
    ///   or an unreadable file.
    public static func read(path: String) throws(DivideError) -> CoinrMeta {
        let (meta, problems, _) = try parse(try CSVScanner(path: path))
        if let first = problems.first { throw first }
        return meta
    }

    /// Parses an iMeta table, returning the entries that passed validation, every problem found, and the number of
    /// data records read.
    ///
    /// - Throws: ``DivideError`` only for problems with the whole file: a missing required column, an
    ///   unterminated quote, an I/O error.
    public static func parse(_ scanner: CSVScanner) throws(DivideError) -> (CoinrMeta, [DivideError], Int) {
        var records = 0
        var problems: [DivideError] = []
        guard let headerRecord = try scanner.nextStrings() else {
            throw DivideError(
                .missingColumn, at: SourceLocation(file: scanner.fileName, line: 1),
                expected: "an iMeta header (iCode, Level, Parent, Direction, Weight, Type)", found: "an empty file")
        }
        let header = headerRecord.fields
        let lowered = header.map { $0.trimmingSpaces().lowercased() }
        func column(_ name: String) -> Int? { lowered.firstIndex(of: name.lowercased()) }
        let required = ["iCode", "Level", "Parent", "Direction", "Weight", "Type"]
        let absent = required.filter { column($0) == nil }
        guard absent.isEmpty, let codeColumn = column("iCode"), let levelColumn = column("Level"),
            let parentColumn = column("Parent"), let directionColumn = column("Direction"),
            let weightColumn = column("Weight"), let typeColumn = column("Type")
        else {
            throw ReaderSupport.missingColumn(
                absent.joined(separator: ", "), file: scanner.fileName, line: headerRecord.line, header: header)
        }
        let nameColumn = column("iName")
        let unitColumn = column("Unit")
        let targetColumn = column("Target")
        let denominatorColumn = column("Denominator")

        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        var parentRefs: [(entry: Int, line: Int)] = []
        var denominatorRefs: [(entry: Int, line: Int)] = []
        while true {
            let record: CSVRecord
            do {
                guard let next = try scanner.nextStrings() else { break }
                record = next
            } catch where error.reason == .invalidUTF8 {
                records += 1
                problems.append(error)
                continue
            }
            records += 1
            let line = record.line
            let fields = record.fields
            func location(_ column: Int) -> SourceLocation {
                SourceLocation(file: scanner.fileName, line: line, column: column + 1, columnName: header[column])
            }
            guard fields.count == header.count else {
                problems.append(
                    DivideError(
                        .raggedRow,
                        at: SourceLocation(file: scanner.fileName, line: line, column: min(fields.count, header.count) + 1),
                        expected: "\(header.count) fields as in the header", found: "\(fields.count) fields"))
                continue
            }
            func text(_ column: Int?) -> String? {
                guard let column else { return nil }
                let value = fields[column].trimmingSpaces()
                return value.isEmpty || MissingMarker.match(value) != nil ? nil : value
            }
            var rowProblems: [DivideError] = []
            func number(_ column: Int?) -> Double? {
                guard let column, let value = text(column) else { return nil }
                var copy = value
                let outcome = copy.withUTF8 { DecimalParser.parse($0) }
                if case .number(let parsed) = outcome { return parsed }
                rowProblems.append(
                    DivideError(.nonNumericValue, at: location(column), expected: "a number", found: DivideError.quote(value)))
                return nil
            }
            guard let code = text(codeColumn) else {
                problems.append(
                    DivideError(.emptyField, at: location(codeColumn), expected: "an indicator code", found: "an empty field"))
                continue
            }
            if let first = code.unicodeScalars.first, ("0"..."9").contains(first) {
                rowProblems.append(
                    DivideError(
                        .invalidArgument, at: location(codeColumn), expected: "a code not starting with a digit",
                        found: DivideError.quote(code)))
            }
            let typeText = text(typeColumn) ?? ""
            guard let type = EntryType.allCases.first(where: { $0.rawValue.lowercased() == typeText.lowercased() }) else {
                problems.append(
                    DivideError(
                        .invalidArgument, at: location(typeColumn),
                        expected: "one of " + EntryType.allCases.map(\.rawValue).joined(separator: ", "),
                        found: DivideError.quote(fields[typeColumn])))
                continue
            }
            let levelValue = number(levelColumn)
            var level: Int?
            if let levelValue {
                if levelValue >= 1, levelValue == levelValue.rounded(), levelValue < 1000 {
                    level = Int(levelValue)
                } else {
                    rowProblems.append(
                        DivideError(
                            .invalidArgument, at: location(levelColumn), expected: "a whole number ≥ 1",
                            found: DivideError.quote(fields[levelColumn])))
                }
            }
            let directionValue = number(directionColumn)
            var direction: Int?
            if let directionValue {
                if directionValue == 1 || directionValue == -1 {
                    direction = Int(directionValue)
                } else {
                    rowProblems.append(
                        DivideError(
                            .invalidArgument, at: location(directionColumn), expected: "-1 or 1",
                            found: DivideError.quote(fields[directionColumn])))
                }
            }
            let weight = number(weightColumn)
            let target = number(targetColumn)
            if type == .indicator || type == .aggregate {
                if levelValue == nil && text(levelColumn) == nil {
                    rowProblems.append(
                        DivideError(.emptyField, at: location(levelColumn), expected: "a level", found: "an empty field"))
                } else if let level, type == .indicator && level != 1 || type == .aggregate && level < 2 {
                    rowProblems.append(
                        DivideError(
                            .invalidArgument, at: location(levelColumn),
                            expected: type == .indicator ? "level 1 for an Indicator" : "a level ≥ 2 for an Aggregate",
                            found: DivideError.quote(fields[levelColumn])))
                }
                if directionValue == nil && text(directionColumn) == nil {
                    rowProblems.append(
                        DivideError(.emptyField, at: location(directionColumn), expected: "-1 or 1", found: "an empty field"))
                }
                if weight == nil && text(weightColumn) == nil {
                    rowProblems.append(
                        DivideError(.emptyField, at: location(weightColumn), expected: "a weight", found: "an empty field"))
                }
            }
            if let first = firstLine[code] {
                rowProblems.append(
                    DivideError(
                        .conflictingValue, at: location(codeColumn), expected: "a code not used before",
                        found: "\(DivideError.quote(code)), already on line \(first)"))
            }
            if !rowProblems.isEmpty {
                problems.append(contentsOf: rowProblems)
                continue
            }
            firstLine[code] = line
            let entry = Entry(
                code: code, name: text(nameColumn), type: type, level: level, parent: text(parentColumn),
                direction: direction, weight: weight, unit: text(unitColumn), target: target,
                denominator: text(denominatorColumn), line: line)
            if type == .indicator || type == .aggregate { parentRefs.append((entries.count, line)) }
            if entry.denominator != nil { denominatorRefs.append((entries.count, line)) }
            entries.append(entry)
        }
        // Cross-row checks: parents and denominators refer to rows of the right type and level.
        let byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let top = entries.compactMap(\.level).max() ?? 0
        var invalid = Set<Int>()
        for (index, line) in parentRefs {
            let entry = entries[index]
            let where_ = SourceLocation(
                file: scanner.fileName, line: line, column: parentColumn + 1, columnName: header[parentColumn])
            guard let parentCode = entry.parent else {
                if (entry.level ?? 0) < top {
                    problems.append(
                        DivideError(
                            .emptyField, at: where_, expected: "the iCode of the aggregate above level \(entry.level ?? 0)",
                            found: "an empty field"))
                    invalid.insert(index)
                }
                continue
            }
            guard let parent = byCode[parentCode], parent.type == .aggregate,
                parent.level == (entry.level ?? 0) + 1
            else {
                problems.append(
                    DivideError(
                        .invalidArgument, at: where_,
                        expected: "the iCode of an Aggregate at level \((entry.level ?? 0) + 1)",
                        found: DivideError.quote(parentCode)))
                invalid.insert(index)
                continue
            }
        }
        for (index, line) in denominatorRefs {
            guard let denominatorColumn, let name = entries[index].denominator else { continue }
            if byCode[name]?.type != .denominator {
                problems.append(
                    DivideError(
                        .invalidArgument,
                        at: SourceLocation(
                            file: scanner.fileName, line: line, column: denominatorColumn + 1,
                            columnName: header[denominatorColumn]),
                        expected: "the iCode of a Denominator row", found: DivideError.quote(name)))
                invalid.insert(index)
            }
        }
        let valid = entries.enumerated().filter { !invalid.contains($0.offset) }.map(\.element)
        return (CoinrMeta(entries: valid), problems, records)
    }
}
