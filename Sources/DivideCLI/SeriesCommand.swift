import ArgumentParser
import DigitalDivide

/// `divide series`: one economy's values of one indicator, year by year, with provenance.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Show one economy's series of one indicator with the file, line, publisher and vintage of each value.",
        discussion: "Without --indicator, lists every series the economy has in the loaded data: code, name, unit, years and values."
    )

    @Option(name: .long, help: "The economy: an ISO3 code or any name publishers use (\"Korea, Rep.\").")
    var country: String

    @Option(name: .long, help: "The indicator code, e.g. IT.NET.USER.ZS (without it: every series of the economy).")
    var indicator: String?

    @Option(name: .long, help: "Output format: text, markdown, csv, json or xlsx (default: from --output's extension, else text).")
    var format: ReportFormat?

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        _ = try Self.economy(country)
        _ = try ReportFormat.resolve(format, output: output, default: .text)
    }

    /// The registry economy `text` names.
    static func economy(_ text: String) throws -> Country {
        switch CountryRegistry.standard.resolve(text) {
        case .economy(let iso3):
            guard let country = CountryRegistry.standard.country(iso3: iso3) else {
                throw ValidationError("unknown economy \(DivideError.quote(text))")
            }
            return country
        case .aggregate(let name):
            throw ValidationError("\"\(text)\" is an aggregate (\(name)), not an economy")
        case .unknown(let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + suggestions.joined(separator: ", ") + "?"
            throw ValidationError("unknown economy \(DivideError.quote(text))\(hint)")
        }
    }

    /// The panel's indicator code matching `text` (exactly, else ignoring case), or a usage error with suggestions.
    static func indicatorCode(_ text: String, in panel: Panel) throws -> String {
        let codes = panel.indicators.map(\.code)
        if codes.contains(text) { return text }
        if let match = codes.first(where: { $0.lowercased() == text.lowercased() }) { return match }
        throw ValidationError("no indicator \"\(text)\" in the data"
                              + (StringDistance.didYouMean(text, among: codes).map { "; " + $0 } ?? ""))
    }

    func run() throws {
        let economy = try Self.economy(country)
        let format = try ReportFormat.resolve(format, output: output, default: .text)
        let result = try dataOptions.load()
        guard let indicator else {
            try writeReport(format, to: output, text: { Self.list(panel: result.panel, economy: economy, format: $0) },
                            workbook: { Self.listWorkbook(panel: result.panel, economy: economy) })
            return
        }
        let code = try Self.indicatorCode(indicator, in: result.panel)
        guard let series = SeriesTable(panel: result.panel, unit: economy.iso3, unitName: economy.name, indicator: code)
        else { throw ValidationError("no indicator \"\(code)\" in the data") }
        try writeReport(format, to: output, text: { Self.render(series, format: $0) },
                        workbook: { Self.workbook(series) })
    }

    /// Every series `economy` has a value of in `panel`: code, name, unit, first and last year, number of values.
    static func list(panel: Panel, economy: Country, format: OutputFormat) -> String {
        var rows: [[String]] = []
        for info in panel.indicators {
            let points = panel.series(unit: economy.iso3, indicator: info.code)
            guard let first = points.map(\.year).min(), let last = points.map(\.year).max() else { continue }
            rows.append([info.code, info.name ?? "", info.unit ?? "", "\(first)–\(last)", String(points.count)])
        }
        if format == .json {
            return JSON.encode(rows.map { ["indicator": $0[0], "name": $0[1], "unit": $0[2], "years": $0[3], "values": $0[4]] })
        }
        let table = Table(header: ["indicator", "name", "unit", "years", "values"], rows: rows, numeric: [4])
        let title = "\(economy.name) (\(economy.iso3)): \(rows.count) series in the loaded data"
        switch format {
        case .csv: return table.csv()
        case .markdown: return "## \(title)\n\n" + (rows.isEmpty ? "No series.\n" : table.markdown())
        default: return title + "\n\n" + (rows.isEmpty ? "No series.\n" : table.text())
        }
    }

    /// The series in `format`.
    static func render(_ series: SeriesTable, format: OutputFormat) -> String {
        if format == .json { return JSON.encode(SeriesJSON(series)) }
        let table = Table(
            header: ["year", "value", "source", "publisher", "vintage"],
            rows: series.points.map {
                [String($0.year), formatNumber($0.value), $0.location, $0.publisher ?? "", $0.vintage ?? ""]
            }, numeric: [0, 1])
        let info = series.indicator
        let title = "\(series.unitName ?? series.unit) (\(series.unit)) · \(info.code)"
            + (info.name.map { " · \($0)" } ?? "")
        var about: [String] = []
        if let unit = info.unit { about.append("unit: \(unit)") }
        if let source = info.source { about.append("source: \(source)") }
        if let licence = info.licence { about.append("licence: \(licence)") }
        switch format {
        case .csv:
            return table.csv()
        case .markdown:
            var out = "## \(title)\n\n"
            if !about.isEmpty { out += about.joined(separator: " · ") + "\n\n" }
            return out + (series.points.isEmpty ? "No values.\n" : table.markdown())
        default:
            var out = title + "\n"
            if !about.isEmpty { out += about.joined(separator: " · ") + "\n" }
            return out + "\n" + (series.points.isEmpty ? "No values.\n" : table.text())
        }
    }
}

/// A series in JSON.
struct SeriesJSON: Codable, Equatable {
    var iso3: String
    var economy: String?
    var indicator: String
    var name: String?
    var unit: String?
    var source: String?
    var licence: String?
    var values: [SeriesTable.Point]

    init(_ series: SeriesTable) {
        iso3 = series.unit
        economy = series.unitName
        indicator = series.indicator.code
        name = series.indicator.name
        unit = series.indicator.unit
        source = series.indicator.source
        licence = series.indicator.licence
        values = series.points
    }
}
