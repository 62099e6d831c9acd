import ArgumentParser
import DigitalDivide
import Foundation

/// `divide validate FILE…`: detects each file's format, loads it, and prints the load report.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Detect the format of data files, load them and print what was read, used, set aside and rejected.",
        discussion: """
            With no FILE, validates the data sources (the shipped Data/ folder and any --data). A directory stands \
            for every .csv, .xlsx and .xls under it (a directory with none is an error). Exit status: 0 when nothing was rejected, 1 when something was, 2 for usage \
            errors.
            """
    )

    @Argument(help: ArgumentHelp("Files or directories to validate.", valueName: "FILE"))
    var paths: [String] = []

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .customLong("max-errors"), help: "List at most this many problems per file (all are counted).")
    var maxErrors = 10

    enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    func validate() throws {
        if maxErrors < 0 { throw ValidationError("--max-errors must be at least 0, found \(maxErrors)") }
    }

    func run() throws {
        let files = paths.isEmpty ? try dataOptions.files() : try DataOptions.expand(paths + dataOptions.data)
        let result = DataLoader(options: dataOptions.loadOptions()).load(files: files)
        switch format {
        case .text: print(Self.renderText(result.report, maxErrors: maxErrors), terminator: "")
        case .json: print(JSON.encode(ValidationSummary(result.report, maxErrors: maxErrors)), terminator: "")
        }
        if !result.report.isClean { throw ExitCode.failure }
    }

    /// The report as text: one block per file, then the totals.
    static func renderText(_ report: LoadReport, maxErrors: Int) -> String {
        var out = ""
        let vintages = WorldBankClassification.newest(among: report)?.vintages ?? []
        for problem in report.problems { out += "\(problem)\n" }
        for file in report.files {
            // A detection confidence, when a format was detected short of an exact signature.
            let how = file.format == nil || file.confidence == 1 ? "" : String(format: ", confidence %.2f", file.confidence)
            out += "\(file.file): \(file.format?.rawValue ?? "unknown format")\(how)\n"
            if let reason = file.skippedReason {
                // A file refused for an error is listed once, by the error itself (below).
                let isListedError = file.problems.contains { $0.severity == .error && $0.error.description == reason }
                out += isListedError ? "  not read (the error below)\n" : "  skipped: \(reason)\n"
            } else if let classification = file.classification {
                let counts = ValidationSummary.Classification(classification, file: file.file, among: vintages)
                out += "  country metadata (no observations): \(file.records) records: \(counts.economies) economies "
                    + "with a region (\(counts.withIncomeGroup) with an income group), \(counts.aggregates) "
                    + "aggregates; vintage \(counts.vintage): \(counts.role)\n"
            } else if let format = file.format, !format.holdsObservations {
                out += "  metadata (no observations): \(file.records) records, \(file.indicators.count) indicators described\n"
            } else {
                out += "  records \(file.records), values used \(file.valuesUsed), set aside \(file.setAsideTotal), "
                    + "missing \(file.missingTotal), rejected \(file.rejectedTotal), warnings \(file.warningTotal)"
                if file.duplicatesAgreeing > 0 { out += ", duplicates agreeing \(file.duplicatesAgreeing)" }
                if file.overriddenByPreference > 0 { out += ", decided by --prefer \(file.overriddenByPreference)" }
                out += "\n"
                let years = file.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none"
                out += "  units \(file.unitsFound), years \(years)"
                if let vintage = file.vintage { out += ", vintage \(vintage)" }
                out += "\n"
            }
            if !file.indicators.isEmpty {
                out += "  indicators (\(file.indicators.count)): \(file.indicators.joined(separator: ", "))\n"
            }
            if !file.setAside.isEmpty {
                out += "  set aside (aggregates, \(file.setAside.count)): " + counts(file.setAside, limit: 8) + "\n"
            }
            for entry in file.setAsideClasses { out += "  set aside: \(entry)\n" }
            for d in file.preferenceDecisions {
                out += "  decided by --prefer: \(d.unit), \(d.indicator), \(d.year): used \(d.used) (\(d.usedValue)), "
                    + "set aside \(d.setAside) (\(d.setAsideValue))\n"
            }
            if !file.missing.isEmpty {
                out += "  missing by marker: "
                    + file.missing.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + "\n"
            }
            if !file.rejected.isEmpty {
                out += "  rejected by reason: "
                    + file.rejected.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
                    .joined(separator: ", ") + "\n"
            }
            if !file.warnings.isEmpty {
                out += "  warnings by reason: "
                    + file.warnings.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
                    .joined(separator: ", ") + "\n"
            }
            let listed = ordered(file.problems).prefix(maxErrors)
            for problem in listed { out += "  \(problem)\n" }
            let total = file.rejectedTotal + file.warningTotal
            if total > listed.count { out += "  … \(total - listed.count) more problems not listed\n" }
        }
        let files = report.files
        out += "\n\(files.count) files: records \(files.reduce(0) { $0 + $1.records }), "
            + "values used \(files.reduce(0) { $0 + $1.valuesUsed }), "
            + "set aside \(files.reduce(0) { $0 + $1.setAsideTotal }), "
            + "missing \(files.reduce(0) { $0 + $1.missingTotal }), "
            + "rejected \(report.errorCount), warnings \(report.warningCount)\n"
        out += report.isClean ? "OK: nothing rejected.\n" : "FAILED: \(report.errorCount) rejected.\n"
        return out
    }

    /// Errors before warnings, each group in file order.
    static func ordered(_ problems: [LoadProblem]) -> [LoadProblem] {
        problems.filter { $0.severity == .error } + problems.filter { $0.severity == .warning }
    }

    /// `name count` pairs, largest first, then by name; at most `limit`, then `…`.
    static func counts(_ values: [String: Int], limit: Int) -> String {
        let sorted = values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var parts = sorted.prefix(limit).map { "\($0.key) \($0.value)" }
        if sorted.count > limit { parts.append("…") }
        return parts.joined(separator: ", ")
    }
}

/// The load report in JSON.
struct ValidationSummary: Codable, Equatable {
    struct File: Codable, Equatable {
        var file: String
        var format: String?
        var confidence: Double
        var skipped: String?
        var vintage: String?
        var records: Int
        var valuesUsed: Int
        var setAside: [String: Int]
        /// Other classes set aside (text columns, categorical series…): `kind count, e.g. location "text"`.
        var setAsideClasses: [String]?
        var duplicatesAgreeing: Int
        var decidedByPreference: Int
        var missing: [String: Int]
        var rejected: [String: Int]
        var warnings: [String: Int]
        var firstYear: Int?
        var lastYear: Int?
        var units: Int
        var indicators: [String]
        var problems: [String]
        /// A World Bank country metadata file's classification: how many economies it gives a region and an income
        /// group, and how many aggregates it lists.
        var classification: Classification?
    }

    struct Classification: Codable, Equatable {
        var economies: Int
        var withIncomeGroup: Int
        var aggregates: Int
        /// When the classification was published (``WorldBankClassification/Vintage``).
        var vintage: String
        /// Which of the load's classifications wins for an economy several of them classify.
        var role: String

        /// The counts of `file`'s `classification`, and its place among the load's `vintages` (oldest first).
        init(_ classification: WorldBankClassification, file: String, among vintages: [WorldBankClassification.Vintage]) {
            economies = classification.entries.count
            withIncomeGroup = classification.entries.values.filter { $0.incomeGroup != nil }.count
            aggregates = classification.aggregateCodes.count
            vintage = vintages.first { $0.file == file }?.description ?? "unknown"
            role = vintages.count == 1 ? "the regions and income groups of this load"
                : vintages.last?.file == file ? "the newest of \(vintages.count) loaded: its regions and income groups win"
                : "older than another loaded: used only for economies the newer ones leave out"
        }
    }

    var files: [File]
    var rejected: Int
    var warnings: Int
    var clean: Bool

    init(_ report: LoadReport, maxErrors: Int) {
        let vintages = WorldBankClassification.newest(among: report)?.vintages ?? []
        files = report.files.map { file in
            File(
                file: file.file, format: file.format?.rawValue, confidence: file.confidence, skipped: file.skippedReason,
                vintage: file.vintage, records: file.records, valuesUsed: file.valuesUsed, setAside: file.setAside,
                setAsideClasses: file.setAsideClasses.isEmpty ? nil : file.setAsideClasses.map(\.description),
                duplicatesAgreeing: file.duplicatesAgreeing, decidedByPreference: file.overriddenByPreference,
                missing: Dictionary(uniqueKeysWithValues: file.missing.map { ($0.key.rawValue, $0.value) }),
                rejected: Dictionary(uniqueKeysWithValues: file.rejected.map { ($0.key.rawValue, $0.value) }),
                warnings: Dictionary(uniqueKeysWithValues: file.warnings.map { ($0.key.rawValue, $0.value) }),
                firstYear: file.years?.lowerBound, lastYear: file.years?.upperBound, units: file.unitsFound,
                indicators: file.indicators,
                problems: ValidateCommand.ordered(file.problems).prefix(maxErrors).map(\.description),
                classification: file.classification.map { Classification($0, file: file.file, among: vintages) })
        }
        rejected = report.errorCount
        warnings = report.warningCount
        clean = report.isClean
    }
}
