import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Every unit name and code in every shipped CSV under Data/ resolves to an economy or a recognised aggregate,
/// and a file's name column agrees with its code column (the publisher's own code is the independent truth).
@Suite("Shipped data unit names")
struct ShippedUnitNamesTests {
    static let dataDirectory = RepositoryPaths.data

    /// Columns that hold unit names or codes, in the formats shipped under Data/, as (name column, code column).
    static let unitColumns: [(name: String?, code: String?)] = [
        ("Country Name", "Country Code"),   // World Bank API_* files
        ("TableName", "Country Code"),      // World Bank Metadata_Country_* files
        ("Entity", "Code"),                 // OWID grapher CSV
        ("entityName", "entityIso"),        // ITU DataHub export
        ("GeoAreaName", "GeoAreaCode"),     // UN SDG Global Database
        ("country", "iso3"),                // GCI 2024 (Data360)
        (nil, "cc_iso3c"),                  // GCI 2020 (Blavatnik)
        ("Country Name", nil),              // UN E-Government 2018–2022
        ("Country", nil),                   // UN E-Government 2024 (renamed header)
        ("uName", "uCode"),                 // COINr iData
        ("economy", "iso3"),                // ITU IDI 2024 Annex 2 and Table 1 (tidy)
    ]

    /// Files without unit columns, or whose units are not economies by design.
    static func isExcluded(_ relativePath: String) -> Bool {
        relativePath.hasPrefix("reference/")                 // the registry's own sources
            || relativePath.hasSuffix("synth_iData.csv")     // synthetic units "U0001"/"Unit 1" (README says so)
            || relativePath.contains("iMeta")                // indicator metadata
            || relativePath.contains("Metadata_Indicator_")  // indicator metadata
    }

    static func shippedCSVFiles() -> [URL] {
        RepositoryPaths.files(under: dataDirectory).filter { $0.hasSuffix(".csv") }
            .map { dataDirectory.appendingPathComponent($0) }
    }

    static func relative(_ url: URL) -> String {
        String(url.standardizedFileURL.path.dropFirst(dataDirectory.standardizedFileURL.path.count + 1))
    }

    @Test("every unit name and code resolves, and names agree with codes")
    func everyUnitResolves() throws {
        let registry = CountryRegistry.standard
        let files = Self.shippedCSVFiles().filter { !Self.isExcluded(Self.relative($0)) }
        #expect(files.count >= 25, "found only \(files.count) CSV files under \(Self.dataDirectory.path)")
        var unknown: [String] = []
        var disagreements: [String] = []
        var distinct = Set<String>()
        var economies = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let records = try SimpleCSV.records(text)
            // World Bank API files may carry a preamble: the header is the first record naming a unit column.
            let allNames = Set(Self.unitColumns.flatMap { [$0.name, $0.code].compactMap { $0 } })
            guard let headerIndex = records.firstIndex(where: { $0.fields.contains(where: allNames.contains) }) else {
                Issue.record("\(Self.relative(file)): no unit column found")
                continue
            }
            let header = records[headerIndex].fields
            let pairs = Self.unitColumns.compactMap { pair -> (name: Int?, code: Int?)? in
                let n = pair.name.flatMap { header.firstIndex(of: $0) }
                let c = pair.code.flatMap { header.firstIndex(of: $0) }
                if pair.name != nil && n == nil { return nil }
                if pair.code != nil && c == nil { return nil }
                return (n, c)
            }
            #expect(!pairs.isEmpty, "\(Self.relative(file)): no unit column pair matched")
            for record in records[(headerIndex + 1)...] {
                for pair in pairs {
                    var results: [UnitResolution] = []
                    for column in [pair.name, pair.code].compactMap({ $0 }) where column < record.fields.count {
                        let value = record.fields[column]
                        if value.isEmpty { continue }
                        let resolution = registry.resolve(value)
                        if distinct.insert(value).inserted, case .unknown(let s) = resolution {
                            unknown.append("\(Self.relative(file)):\(record.line) \"\(value)\" (did you mean \(s))")
                        }
                        if case .economy(let iso3) = resolution { economies.insert(iso3) }
                        results.append(resolution)
                    }
                    if results.count == 2 {
                        let agree: Bool = switch (results[0], results[1]) {
                        case (.economy(let a), .economy(let b)): a == b
                        case (.aggregate, .aggregate): true
                        default: false
                        }
                        if !agree {
                            disagreements.append("\(Self.relative(file)):\(record.line): \(results[0]) vs \(results[1])")
                        }
                    }
                }
            }
        }
        #expect(unknown.isEmpty, "unknown units:\n\(unknown.joined(separator: "\n"))")
        #expect(Array(Set(disagreements)).sorted().prefix(20).isEmpty,
                "name and code disagree:\n\(Set(disagreements).sorted().prefix(20).joined(separator: "\n"))")
        #expect(distinct.count > 900)
        // Every ESCAP economy appears in the shipped data at least once.
        let escap = Set(registry.members(of: .escap).map(\.iso3))
        #expect(escap.subtracting(economies).isEmpty, "ESCAP economies never seen: \(escap.subtracting(economies).sorted())")
    }
}
