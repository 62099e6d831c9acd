import Foundation

/// World Bank region and income group per economy, read from `Metadata_Country_*.csv` files of WDI downloads.
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
                                         expected: "UTF-8 text", found: "invalid UTF-8")
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
                                             expected: "a closing quote", found: "end of file")
            }
        }
        guard let header = records.first else {
            throw WorldBankMetadataError(file: file, line: 1, column: 1, columnName: nil,
                                         expected: "a header with Country Code, Region, IncomeGroup", found: "an empty file")
        }
        func column(_ name: String) throws(WorldBankMetadataError) -> Int {
            guard let index = header.fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == name }) else {
                throw WorldBankMetadataError(file: file, line: header.line, column: header.fields.count, columnName: name,
                                             expected: "a column named \"\(name)\"",
                                             found: "header " + header.fields.map { "\"\($0)\"" }.joined(separator: ","))
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
                                             expected: "at least \(needed) fields", found: "\(record.fields.count)")
            }
            let code = record.fields[codeColumn].trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw WorldBankMetadataError(file: file, line: record.line, column: codeColumn + 1,
                                             columnName: "Country Code", expected: "a country code", found: "\"\"")
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
                        found: "\"\(incomeText)\"")
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

    /// The classification of the country-metadata files among `report`'s files, merged so that the newest
    /// vintage (``Vintage``) wins for every economy it classifies, whatever the files' names or order. Files that
    /// cannot be read are left out (the load report already lists them). `nil` when there are none.
    public static func newest(among report: LoadReport) -> WorldBankClassification? {
        let metadata = report.files.filter { $0.format == .worldBankCountryMetadata }
        guard !metadata.isEmpty else { return nil }
        let byPath = Dictionary(report.files.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        var loaded: [(Vintage, WorldBankClassification)] = []
        for file in metadata {
            let url = URL(fileURLWithPath: file.file)
            let name = url.lastPathComponent
            let prefix = "Metadata_Country_"
            var vintage = Vintage(file: file.file)
            if name.hasPrefix(prefix) {
                // The companion's path as the report spells it: the same folder text, the name without the prefix.
                let companion = String(file.file.dropLast(name.utf8.count)) + String(name.dropFirst(prefix.count))
                if let data = byPath[companion] {
                    vintage.lastUpdated = data.vintage
                    vintage.latestDataYear = data.years?.upperBound
                }
            }
            guard let classification = try? load(contentsOf: url) else { continue }
            loaded.append((vintage, classification))
        }
        guard !loaded.isEmpty else { return nil }
        loaded.sort { Vintage.isOlder($0.0, $1.0) }
        var merged = merging(loaded.map(\.1))
        merged.vintages = loaded.map(\.0)
        return merged
    }
}
