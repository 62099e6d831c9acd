import Foundation

/// World Bank region and income group per economy, read from the country metadata of WDI downloads: a
/// `Metadata_Country_*.csv` file of a CSV download, or the "Metadata - Countries" sheet of an Excel download.
///
/// Not compiled into the library: classifications change every 1 July, so they come from the files the user
/// loads. Rows with an empty `Region` are World Bank aggregates (WLD, EAS, …) and are kept only in
/// ``aggregateCodes``. An economy's `IncomeGroup` may be empty (e.g. VEN since 2021): its entry then has a
/// region and no income group.
public struct WorldBankClassification: Sendable, Equatable {
    /// One economy's classification.
    public struct Entry: Sendable, Equatable {
        /// World Bank region ("East Asia & Pacific"); names change between vintages
        /// (e.g. "Middle East, North Africa, Afghanistan & Pakistan" in 2025), so it is kept as text.
        public let region: String
        /// Income group, `nil` when the file leaves it empty.
        public let incomeGroup: IncomeGroup?
        /// The file the entry was read from (as passed to ``parse(_:file:)``).
        public let source: String
    }

    /// Entries by World Bank country code (ISO3 for economies; `XKX` Kosovo, `CHI` Channel Islands).
    public private(set) var entries: [String: Entry]
    /// Codes of rows with an empty Region (aggregates).
    public private(set) var aggregateCodes: Set<String>

    /// The vintages merged, oldest first (set by ``newest(among:)``; empty when built otherwise).
    public private(set) var vintages: [Vintage] = []

    public init(entries: [String: Entry] = [:], aggregateCodes: Set<String> = []) {
        self.entries = entries
        self.aggregateCodes = aggregateCodes
    }

    /// The classification of an economy by ISO3 / World Bank code.
    public func entry(for code: String) -> Entry? { entries[code] }

    /// Combines several vintages; **the caller passes them oldest first**, and a later vintage's entry replaces
    /// an earlier one for the same code. File names and contents do not carry the classification date reliably
    /// (the download date is in the data file's preamble, which may be missing), so the order is the caller's.
    public static func merging(_ vintages: [WorldBankClassification]) -> WorldBankClassification {
        var merged = WorldBankClassification()
        for vintage in vintages {
            merged.entries.merge(vintage.entries) { _, newer in newer }
            merged.aggregateCodes.formUnion(vintage.aggregateCodes)
        }
        merged.aggregateCodes.subtract(merged.entries.keys)
        return merged
    }

    /// Reads a `Metadata_Country_*.csv` file.
    public static func load(contentsOf url: URL) throws -> WorldBankClassification {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw WorldBankMetadataError(file: url.lastPathComponent, line: 1, column: 1, columnName: nil,
                                         expected: "UTF-8 text", found: "invalid UTF-8", reason: .invalidUTF8)
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// Parses the text of a `Metadata_Country_*.csv` file (BOM and CRLF tolerated; columns found by name:
    /// `Country Code`, `Region`, `IncomeGroup`; others ignored).
    public static func parse(_ text: String, file: String) throws(WorldBankMetadataError) -> WorldBankClassification {
        let records: [SimpleCSV.Record]
        do {
            records = try SimpleCSV.records(text)
        } catch {
            switch error {
            case .unterminatedQuote(let line, let column):
                throw WorldBankMetadataError(file: file, line: line, column: column, columnName: nil,
                                             expected: "a closing quote", found: "end of file",
                                             reason: .unterminatedQuote)
            }
        }
        return try parse(records: records, file: file)
    }

    /// Reads a World Bank country metadata table from `scanner`: a `Metadata_Country_*.csv` file or the
    /// "Metadata - Countries" sheet of a World Bank Excel download (the same columns; ``DataLoader`` reads both this
    /// way). Returns the classification and the number of data records.
    ///
    /// - Throws: ``DivideError`` located at the file, line and column of the problem.
    package static func read(_ scanner: CSVScanner) throws(DivideError) -> (WorldBankClassification, records: Int) {
        var records: [SimpleCSV.Record] = []
        while try scanner.nextRecord() {
            let fields = scanner.strings()
            // A blank row (an Excel sheet's empty row, written as commas) holds nothing; SimpleCSV skips it too.
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            records.append(SimpleCSV.Record(line: scanner.recordLine, fields: fields))
        }
        do {
            return (try parse(records: records, file: scanner.fileName), max(records.count - 1, 0))
        } catch {
            throw DivideError(
                error.reason, at: error.location, expected: error.expected, found: error.found, hint: error.hint)
        }
    }

    /// The classification of a country metadata table's records (header first).
    private static func parse(records: [SimpleCSV.Record], file: String) throws(WorldBankMetadataError)
        -> WorldBankClassification
    {
        guard let header = records.first else {
            throw WorldBankMetadataError(file: file, line: 1, column: 1, columnName: nil,
                                         expected: "a header with Country Code, Region, IncomeGroup", found: "an empty file",
                                         reason: .missingColumn)
        }
        func column(_ name: String) throws(WorldBankMetadataError) -> Int {
            guard let index = header.fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == name }) else {
                throw WorldBankMetadataError(file: file, line: header.line, column: header.fields.count, columnName: name,
                                             expected: "a column named \"\(name)\"",
                                             found: "header " + header.fields.map { "\"\($0)\"" }.joined(separator: ","),
                                             reason: .missingColumn)
            }
            return index
        }
        let codeColumn = try column("Country Code")
        let regionColumn = try column("Region")
        let incomeColumn = try column("IncomeGroup")
        let needed = max(codeColumn, regionColumn, incomeColumn) + 1
        var result = WorldBankClassification()
        for record in records.dropFirst() {
            guard record.fields.count >= needed else {
                throw WorldBankMetadataError(file: file, line: record.line, column: record.fields.count, columnName: nil,
                                             expected: "at least \(needed) fields", found: "\(record.fields.count)",
                                             reason: .raggedRow)
            }
            let code = record.fields[codeColumn].trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw WorldBankMetadataError(file: file, line: record.line, column: codeColumn + 1,
                                             columnName: "Country Code", expected: "a country code", found: "\"\"",
                                             reason: .emptyField)
            }
            let region = record.fields[regionColumn].trimmingCharacters(in: .whitespaces)
            let incomeText = record.fields[incomeColumn].trimmingCharacters(in: .whitespaces)
            if region.isEmpty {
                result.aggregateCodes.insert(code)
                continue
            }
            var income: IncomeGroup? = nil
            if !incomeText.isEmpty {
                guard let parsed = IncomeGroup(fileText: incomeText) else {
                    throw WorldBankMetadataError(
                        file: file, line: record.line, column: incomeColumn + 1, columnName: "IncomeGroup",
                        expected: "one of " + IncomeGroup.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                            + " or empty",
                        found: "\"\(incomeText)\"", reason: .unknownCategory)
                }
                income = parsed
            }
            result.entries[code] = Entry(region: region, incomeGroup: income, source: file)
        }
        return result
    }
}

/// A problem in a `Metadata_Country_*.csv` file, located as `file:line:column (column name)`.
public struct WorldBankMetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let columnName: String?
    public let expected: String?
    public let found: String?
    /// The kind of problem, as a load report counts it.
    public let reason: DivideError.Reason

    public var description: String {
        let name = columnName.map { " (\($0))" } ?? ""
        return "\(file):\(line):\(column)\(name): expected \(expected ?? "?"), found \(found ?? "?")"
    }
}

extension WorldBankClassification {
    /// When a `Metadata_Country_*.csv` file was published, read from its companion data file in the same download
    /// (`Metadata_Country_API_X….csv` beside `API_X….csv`, the World Bank's own naming): the data file's
    /// `Last Updated Date`, else the latest year it has data for.
    public struct Vintage: Sendable, Equatable, CustomStringConvertible {
        /// The metadata file.
        public var file: String
        /// The companion data file's `Last Updated Date` (`YYYY-MM-DD`), when stated.
        public var lastUpdated: String?
        /// The latest year the companion data file has values for.
        public var latestDataYear: Int?

        public init(file: String, lastUpdated: String? = nil, latestDataYear: Int? = nil) {
            self.file = file
            self.lastUpdated = lastUpdated
            self.latestDataYear = latestDataYear
        }

        /// The World Bank fiscal year of the classification: income groups are revised every 1 July for the fiscal
        /// year that starts then (a file updated on 2021-12-16 carries FY2022's). `nil` without a date.
        public var fiscalYear: Int? {
            guard let date = lastUpdated, date.count >= 7, let year = Int(date.prefix(4)),
                  let month = Int(date.dropFirst(5).prefix(2)) else { return nil }
            return month >= 7 ? year + 1 : year
        }

        /// The year the file was published: the update's year, else the year after the latest data.
        package var releaseYear: Int? {
            lastUpdated.flatMap { Int($0.prefix(4)) } ?? latestDataYear.map { $0 + 1 }
        }

        /// Orders vintages by publication: release year, then the update date; unknown vintages first.
        package static func isOlder(_ a: Vintage, _ b: Vintage) -> Bool {
            let (ra, rb) = (a.releaseYear ?? Int.min, b.releaseYear ?? Int.min)
            if ra != rb { return ra < rb }
            return (a.lastUpdated ?? "") < (b.lastUpdated ?? "")
        }

        /// `FY2022 (data file updated 2021-12-16)`, `published 2025 (data to 2024)`, or `vintage unknown`.
        public var description: String {
            if let fiscalYear, let lastUpdated { return "FY\(fiscalYear) (data file updated \(lastUpdated))" }
            if let latestDataYear { return "published \(latestDataYear + 1) (data to \(latestDataYear))" }
            return "vintage unknown"
        }
    }

    /// The classification of the country metadata among `report`'s files — `Metadata_Country_*.csv` files and the
    /// "Metadata - Countries" sheets of World Bank Excel downloads, which ``DataLoader`` read into
    /// ``FileReport/classification`` — merged so that the newest vintage (``Vintage``) wins for every economy it
    /// classifies, whatever the files' names or order. A table that could not be read has no classification (the
    /// load report lists its error). `nil` when there is none.
    ///
    /// A table's vintage comes from its companion data: for a CSV file `Metadata_Country_X.csv`, the file `X.csv`
    /// in the same folder; for a sheet, the World Bank data sheet of the same workbook (its "Data" sheet).
    public static func newest(among report: LoadReport) -> WorldBankClassification? {
        var loaded: [(Vintage, WorldBankClassification)] = []
        for file in report.files where file.format == .worldBankCountryMetadata {
            guard let classification = file.classification else { continue }
            var vintage = Vintage(file: file.file)
            if let data = companion(of: file, in: report) {
                vintage.lastUpdated = data.vintage
                vintage.latestDataYear = data.years?.upperBound
            }
            loaded.append((vintage, classification))
        }
        guard !loaded.isEmpty else { return nil }
        loaded.sort { Vintage.isOlder($0.0, $1.0) }
        var merged = merging(loaded.map(\.1))
        merged.vintages = loaded.map(\.0)
        return merged
    }

    /// The World Bank data file or sheet published with the country metadata `file`, when it was loaded.
    private static func companion(of file: FileReport, in report: LoadReport) -> FileReport? {
        if let workbook = file.workbook {
            return report.files.first { $0.workbook == workbook && $0.format == .worldBank }
        }
        let name = URL(fileURLWithPath: file.file).lastPathComponent
        let prefix = "Metadata_Country_"
        guard name.hasPrefix(prefix) else { return nil }
        // The companion's path as the report spells it: the same folder text, the name without the prefix.
        let path = String(file.file.dropLast(name.utf8.count)) + String(name.dropFirst(prefix.count))
        return report.files.first { $0.file == path && $0.workbook == nil }
    }
}
