import ArgumentParser
import DigitalDivide
import Foundation

/// `divide coverage`: economies × indicators, the latest year with data in each cell, and a summary per indicator.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Show, for each economy of a group and each indicator, the latest year with data.",
        discussion: """
            Groups: \(CountryGroup.allGroups.map(\.name).joined(separator: ", ")) (subregions also by full name). \
            Text and Markdown show the latest year of each indicator (rows, by code) for each economy (columns, by \
            ISO3 code) as 'YY, in panels of economies that fit the width (100 columns, or the terminal's); CSV and \
            JSON give one row per economy with full codes and years.
            """
    )

    @Option(name: .long, help: "The economies: escap (default), a subregion such as ENEA, or all.")
    var group: String = "escap"

    @Option(name: .long, help: "Output format: text, markdown, csv, json or xlsx (default: from --output's extension, else text).")
    var format: ReportFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        do {
            _ = try CountryGroup(parsing: group)
        } catch {
            throw ValidationError(error.description)
        }
        _ = try ReportFormat.resolve(format, output: output, default: .text)
    }

    func run() throws {
        let parsed = try CountryGroup(parsing: group)
        let format = try ReportFormat.resolve(format, output: output, default: .text)
        let result = try dataOptions.load()
        let table = CoverageTable(panel: result.panel, economies: CountryRegistry.standard.members(of: parsed))
        let width = output == nil ? Terminal.width() : 100
        try writeReport(format, to: output, text: { Self.render(table, group: parsed.name, format: $0, width: width) },
                        workbook: { Self.workbook(table, group: parsed.name) })
        if !result.report.isClean {
            printError("note: \(result.report.errorCount) values were rejected while loading; run divide validate")
        }
    }

    /// The coverage table in `format`.
    static func render(_ table: CoverageTable, group: String, format: OutputFormat, width: Int = 100) -> String {
        switch format {
        case .json:
            return JSON.encode(CoverageJSON(table, group: group))
        case .csv:
            var rows: [[String]] = []
            for (e, economy) in table.economies.enumerated() {
                rows.append(
                    [economy.iso3, economy.name, economy.subregion ?? ""]
                        + table.latest[e].map { $0.map(String.init) ?? "" })
            }
            let numeric = Set(3..<(3 + table.indicators.count))
            return Table(header: ["iso3", "economy", "subregion"] + table.indicators.map(\.code), rows: rows,
                numeric: numeric).csv()
        case .text, .markdown:
            let summary = summaryTable(table)
            let panels = cellPanels(table, width: width)
            if format == .markdown {
                return "## Indicator summary (\(table.economies.count) economies, group \(group))\n\n"
                    + summary.markdown() + "\n## Latest year with data ('YY; · = none)\n\n"
                    + panels.map { "### \($0.title)\n\n" + $0.table.markdown() }.joined(separator: "\n")
            }
            return "Indicator summary (\(table.economies.count) economies, group \(group))\n\n"
                + summary.lines(width: width).joined(separator: "\n") + "\n"
                + "\nLatest year with data ('YY; · = none)\n"
                + panels.map { "\n\($0.title)\n" + $0.table.lines(width: width).joined(separator: "\n") + "\n" }.joined()
        }
    }

    /// The latest-year table transposed and split: indicators (by code) down, economies (by ISO3 code) across, as
    /// many economies per panel as fit `width` beside the indicator column.
    static func cellPanels(_ table: CoverageTable, width: Int) -> [(title: String, table: Table)] {
        let label = min(40, max(12, table.indicators.map(\.code.count).max() ?? 12))
        let perPanel = max(1, (width - label) / 5)
        var panels: [(title: String, table: Table)] = []
        var start = 0
        while start < table.economies.count {
            let end = min(start + perPanel, table.economies.count)
            let economies = Array(start..<end)
            let rows = table.indicators.enumerated().map { i, indicator in
                [indicator.code] + economies.map { e in table.latest[e][i].map { shortYear($0) } ?? "·" }
            }
            let columns = [Table.Column(header: "indicator", minimumWidth: 12)]
                + economies.map { Table.Column(header: table.economies[$0].iso3, rightAligned: true) }
            let first = table.economies[start].iso3, last = table.economies[end - 1].iso3
            panels.append((title: "Economies \(start + 1)–\(end) of \(table.economies.count) (\(first)–\(last))",
                           table: Table(columns: columns, rows: rows)))
            start = end
        }
        return panels
    }

    static func summaryTable(_ table: CoverageTable) -> Table {
        let n = table.economies.count
        let rows = table.indicators.enumerated().map { i, indicator in
            [
                "#\(i + 1)", indicator.code, "\(indicator.economiesWithData)/\(n)",
                indicator.latestYears.map { "\($0.year): \($0.economies)" }.joined(separator: ", "),
            ]
        }
        return Table(columns: [.init(header: "#"), .init(header: "indicator", minimumWidth: 12),
                               .init(header: "economies", rightAligned: true),
                               .init(header: "latest-year distribution", minimumWidth: 20)], rows: rows)
    }

    /// `'23` for 2023.
    static func shortYear(_ year: Int) -> String {
        let two = ((year % 100) + 100) % 100
        return two < 10 ? "'0\(two)" : "'\(two)"
    }
}

/// The coverage in JSON: economies with their latest year per indicator code, and the indicator summaries.
struct CoverageJSON: Codable, Equatable {
    struct Economy: Codable, Equatable {
        var iso3: String
        var name: String
        var subregion: String?
        var latest: [String: Int]
    }

    var group: String
    var indicators: [CoverageTable.Indicator]
    var economies: [Economy]

    init(_ table: CoverageTable, group: String) {
        self.group = group
        indicators = table.indicators
        economies = table.economies.enumerated().map { e, economy in
            var latest: [String: Int] = [:]
            for (i, indicator) in table.indicators.enumerated() {
                if let year = table.latest[e][i] { latest[indicator.code] = year }
            }
            return Economy(iso3: economy.iso3, name: economy.name, subregion: economy.subregion, latest: latest)
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(StandardOutput.inert(string).utf8))
    }
}
