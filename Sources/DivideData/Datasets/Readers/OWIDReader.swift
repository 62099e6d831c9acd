import Foundation

/// Reads an Our World in Data grapher CSV: `Entity, Code, Year, <one or more value columns>` (or `Day` for daily data).
///
/// Both header styles are read: the 2020 style names a column `<name> (<unit>)` (e.g. `Males (%)`,
/// `Secure Internet servers (per 1 million people) (per 1 million people)`), the current style names it after the
/// variable (`Individuals using the Internet (% of population)`).
///
/// Units: the `Code` column when it is not empty, else `Entity`. OWID's `OWID_*` codes and its code-less regions
/// ("Africa", "High-income countries") are aggregates: the resolver says so, and they are set aside and counted.
/// Other code-less entities ("East Asia and Pacific (WB)", "Arab States (UNDP)", "China (urban)", historical
/// states) are not economies either: their values are set aside as one class, counted, with the first as example.
///
/// Text columns (region labels such as `World regions according to OWID`, `…annotations`) are not indicators: known
/// by name, or found by content (a column with text and no number), their cells are set aside as one class. Text
/// in a column that also has numbers is rejected. Years: ``LoadOptions/longHistoryYears`` (default 1000–2100).
///
/// Daily grapher files (`Entity, Code, Day, …`, e.g. `2020-03-01`) and any row whose period is not a calendar year
/// are set aside as one class, every value cell of the row counted (`NonAnnualPeriods`): the panel is annual.
///
/// Indicator codes: the *data-package stem* when the file has one value column (OWID names a download after its
/// chart slug, e.g. `broadband-penetration-by-country`); `<stem>/<column slug>` when it has several
/// (`proportion-of-individuals-who-own-a-mobile-by-sex/females`). The column slug is the header without its
/// trailing `(…)`, lower-cased, with every run of characters other than ASCII letters and digits replaced by one
/// `-` (`Both sexes (%)` → `both-sexes`). The stem is the file name without `.csv`, except when the file sits in an
/// OWID data package whose CSV was renamed: if no `<stem>.metadata.json` exists but the directory holds exactly one
/// `*.metadata.json` that describes every value column of the file, that package's slug is the stem.
///
/// Metadata: the indicator's name is the column header and its unit the text of the header's trailing `(…)`, if
/// any. A data package's metadata (`columns[<header>]`) overrides them: name `titleShort`, unit `unit`, share when
/// `shortUnit` is `%`, source `citationShort`, definition `descriptionShort`; the vintage is `lastUpdated`.
/// Licence: CC BY 4.0 (OWID's terms; third-party data keep their providers' terms).
public struct OWIDReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .owid }

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.owid, sample)
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        let names = header.map { $0.trimmingSpaces().lowercased() }
        guard names.count >= 4, names[0] == "entity", names[1] == "code", names[2] == "year" || names[2] == "day" else {
            throw DivideError(
                .missingColumn, at: SourceLocation(file: sink.fileName, line: headerLine),
                expected: "a header Entity,Code,Year,<value columns>",
                found: "header " + header.map { DivideError.quote($0) }.joined(separator: ","))
        }
        sink.setYearColumn(3)
        sink.setPublisher("Our World in Data")
        // OWID holds long-run series (Maddison GDP from 1820) and projections (to 2100).
        sink.acceptYears(sink.options.longHistoryYears)
        let valueColumns = Array(header[3...])
        let package = OWIDDataPackage.find(forCSV: sink.fileName, columns: valueColumns)
        if let vintage = package?.lastUpdated { sink.setVintage(vintage) }
        let stem = package?.slug ?? OWIDReader.stem(of: sink.fileName)
        // Text columns known by name (region labels, annotations) are never indicators; other columns are decided
        // by their content at the end (TextValues): all text and no number, a text column set aside.
        let isTextColumn = valueColumns.map(OWIDReader.isTextColumn)
        let numericCount = isTextColumn.lazy.filter { !$0 }.count
        // The indicators are declared at the first row of a calendar year (a file of daily data has none).
        var infos: [IndicatorInfo?] = []
        for (k, column) in valueColumns.enumerated() {
            guard !isTextColumn[k] else {
                infos.append(nil)
                continue
            }
            let parsed = OWIDReader.splitUnit(column)
            let code = numericCount == 1 ? stem : stem + "/" + OWIDReader.slug(parsed.name)
            var info = IndicatorInfo(
                code: code, name: column.trimmingSpaces(), unit: parsed.unit, source: "Our World in Data",
                licence: "CC BY 4.0", isShare: OWIDReader.isShare(unit: parsed.unit, name: column))
            if let meta = package?.columns[column] {
                if let title = meta.title { info.name = title }
                if let unit = meta.unit { info.unit = unit }
                if let citation = meta.citation { info.source = citation }
                info.definition = meta.description
                if let short = meta.shortUnit { info.isShare = short.trimmingSpaces() == "%" }
            }
            infos.append(info)
        }
        var indicators: [IndicatorHandle?] = []
        let resolver: (any UnitResolving)? = {
            if case .resolve(let resolver) = sink.options.unitPolicy { return resolver }
            return nil
        }()
        let width = header.count
        var codes = ByteInterner()
        var codeHandles: [UnitHandle] = []
        var entities = ByteInterner()
        // A code-less entity is an economy or aggregate the resolver knows, or else a non-economy (nil).
        var entityHandles: [UnitHandle?] = []
        var texts = TextValues(keep: sink.options.maxListedPerReason)
        var textCells = 0
        var firstTextCell: (location: SourceLocation, text: String)?
        var nonEconomyValues = 0
        var nonEconomies = Set<Int>()
        var firstNonEconomy: (location: SourceLocation, name: String)?
        var periods = NonAnnualPeriods()
        defer { periods.finish(into: sink) }
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            // A day or another period that is not a year sets the row's cells aside, whoever the entity is.
            guard let year = periods.year(scanner, field: 2, values: width - 3, into: sink) else { continue }
            if indicators.isEmpty { indicators = infos.map { $0.map { sink.indicator($0) } } }
            let unit: UnitHandle
            if MissingMarker.match(scanner.field(1)) == .empty {
                let (id, isNew) = entities.intern(scanner.field(0))
                if isNew {
                    let name = entities.text(id)
                    if let resolver, case .unknown = resolver.resolve(name) {
                        entityHandles.append(nil)
                    } else {
                        entityHandles.append(sink.unit(name, column: 1))
                    }
                }
                guard let handle = entityHandles[Int(id)] else {
                    nonEconomies.insert(Int(id))
                    for index in 3..<width {
                        if let marker = MissingMarker.match(scanner.field(index)) {
                            sink.missing(marker)
                        } else if isTextColumn[index - 3] {
                            textCells += 1
                        } else {
                            nonEconomyValues += 1
                            if firstNonEconomy == nil {
                                firstNonEconomy = (sink.location(line: line, column: 1), entities.text(id))
                            }
                        }
                    }
                    continue
                }
                unit = handle
            } else {
                let (id, isNew) = codes.intern(scanner.field(1))
                if isNew { codeHandles.append(sink.unit(codes.text(id), column: 2)) }
                unit = codeHandles[Int(id)]
            }
            for index in 3..<width {
                guard let indicator = indicators[index - 3] else {
                    let bytes = scanner.field(index)
                    if let marker = MissingMarker.match(bytes) {
                        sink.missing(marker)
                    } else {
                        textCells += 1
                        if firstTextCell == nil {
                            firstTextCell = (sink.location(line: line, column: index + 1),
                                             String(decoding: bytes, as: UTF8.self))
                        }
                    }
                    continue
                }
                ReaderSupport.value(scanner, field: index, into: sink, text: { bytes in
                    texts.text(index - 3, bytes, at: sink.location(line: line, column: index + 1))
                }) { value in
                    texts.number(index - 3)
                    sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: index + 1)
                }
            }
        }
        if let first = firstTextCell {
            sink.setAside(OWIDReader.textColumnsKind, count: textCells, at: first.location, text: first.text)
        }
        texts.finish(into: sink, kind: OWIDReader.textColumnsKind) { valueColumns[$0].trimmingSpaces() }
        if let first = firstNonEconomy {
            sink.setAside(
                "values of \(nonEconomies.count) code-less entities that are not economies (regions of other "
                    + "publishers, historical states, parts of economies)",
                count: nonEconomyValues, at: first.location, text: first.name)
        }
    }

    /// The set-aside class of OWID's text columns.
    package static let textColumnsKind = "text cells of label or annotation columns (not numbers)"

    /// Whether an OWID column is a text column by its name: OWID's region labels (`World regions according to OWID`,
    /// `world-regions-according-to-owid`, `owid_region`, `Continent`) and annotation columns (`…annotations`).
    package static func isTextColumn(_ header: String) -> Bool {
        let name = slug(header)
        return name.hasSuffix("annotations") || name == "world-regions-according-to-owid" || name == "owid-region"
            || name == "continent" || name == "owid-region-name"
    }

    /// The file name of `path` without directories and a trailing `.csv`.
    package static func stem(of path: String) -> String {
        var name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".csv") { name.removeLast(4) }
        return name
    }

    /// Splits `Name (unit)` into the name and the unit of the last balanced parenthesised group ending the text.
    /// `Secure Internet servers (per 1 million people) (per 1 million people)` → unit `per 1 million people`;
    /// text without a trailing `(…)` has no unit.
    package static func splitUnit(_ header: String) -> (name: String, unit: String?) {
        let text = header.trimmingSpaces()
        guard text.hasSuffix(")") else { return (text, nil) }
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == ")" { depth += 1 }
            if text[index] == "(" {
                depth -= 1
                if depth == 0 {
                    let unit = String(text[text.index(after: index)..<text.index(before: text.endIndex)]).trimmingSpaces()
                    let name = String(text[..<index]).trimmingSpaces()
                    return (name.isEmpty ? text : name, unit.isEmpty ? nil : unit)
                }
            }
        }
        return (text, nil)
    }

    /// Lower-case ASCII letters and digits, every other run of characters one `-`, no `-` at either end.
    package static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let lower = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
            if (lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(Unicode.Scalar(UInt8(lower)))
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// A share when the unit is `%`, `percent` or `% of population`/`% of households`/`% of individuals`
    /// (parts of a whole), or as ``IndicatorInfo/inferIsShare(code:unit:name:)`` says.
    package static func isShare(unit: String?, name: String) -> Bool {
        if let unit {
            let lowered = unit.trimmingSpaces().lowercased()
            if ["% of population", "% of households", "% of individuals", "% of schools"].contains(lowered) { return true }
        }
        return IndicatorInfo.inferIsShare(code: "", unit: unit, name: name)
    }
}

/// The parts of an OWID data package's `<slug>.metadata.json` the OWID reader uses.
package struct OWIDDataPackage: Sendable {
    package struct Column: Sendable {
        package var title: String?
        package var unit: String?
        package var shortUnit: String?
        package var citation: String?
        package var description: String?
    }

    /// The package slug: the metadata file name without `.metadata.json`.
    package var slug: String
    package var lastUpdated: String?
    package var columns: [String: Column]

    /// The data package describing the CSV at `path` (see ``OWIDReader`` for the rule), or `nil`.
    package static func find(forCSV path: String, columns: [String]) -> OWIDDataPackage? {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let own = directory.appendingPathComponent(OWIDReader.stem(of: path) + ".metadata.json")
        if FileManager.default.fileExists(atPath: own.path) { return load(own) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        let candidates = names.filter { $0.hasSuffix(".metadata.json") }
        guard candidates.count == 1, let package = load(directory.appendingPathComponent(candidates[0])),
            columns.allSatisfy({ package.columns[$0] != nil })
        else { return nil }
        return package
    }

    /// Parses a metadata file; `nil` when it cannot be read or is not an OWID metadata object.
    package static func load(_ url: URL) -> OWIDDataPackage? {
        guard let data = try? Data(contentsOf: url),
            let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let columns = root["columns"] as? [String: Any]
        else { return nil }
        var parsed: [String: Column] = [:]
        var lastUpdated: String?
        for (name, value) in columns {
            guard let object = value as? [String: Any] else { continue }
            func text(_ key: String) -> String? {
                guard let s = object[key] as? String, !s.trimmingSpaces().isEmpty else { return nil }
                return s
            }
            parsed[name] = Column(
                title: text("titleShort"), unit: text("unit"), shortUnit: object["shortUnit"] as? String,
                citation: text("citationShort"), description: text("descriptionShort"))
            if lastUpdated == nil { lastUpdated = text("lastUpdated") }
        }
        var slug = url.lastPathComponent
        slug.removeLast(".metadata.json".count)
        return OWIDDataPackage(slug: slug, lastUpdated: lastUpdated, columns: parsed)
    }
}
