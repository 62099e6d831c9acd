import ArgumentParser
import DigitalDivide
import Foundation
import LinearAlgebra

/// The options every index command shares (`compute`, `rank`, and the analysis commands built on them):
/// which framework, which years, which economies, and the global method overrides.
///
/// `--framework` takes a preset name (`divide frameworks` lists them; default `apddi`), a YAML framework file
/// (docs/framework-format.md), or a COINr `iMeta` CSV (recognised by its header). With an iMeta the shipped
/// data is not read (give the iData with `--data`), and the default group is every unit of the data.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A preset (see 'divide frameworks'), a framework YAML file or a COINr iMeta CSV.",
        valueName: "PRESET|FILE"))
    var framework: String = FrameworkPresets.defaultName

    @Option(name: .long, help: ArgumentHelp("Report one year.", valueName: "Y"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("Report a range of years, e.g. 2015-2024.", valueName: "A-B"))
    var years: YearRange?

    @Option(name: .long, help: ArgumentHelp(
        "The units: escap (default), a subregion (ENEA, SEA, SSWA, NCA, Pacific), another group, or all "
            + "(every unit of the data; the default for COINr data).", valueName: "GROUP"))
    var group: String?

    @Option(name: .long, help: ArgumentHelp(
        "Override the imputation: \(MethodSyntax.imputationChoices.joined(separator: ", ")) (chain with +).",
        valueName: "METHOD"))
    var impute: String?

    @Option(name: .long, help: ArgumentHelp(
        "Override the outlier treatment: \(MethodSyntax.treatmentChoices.joined(separator: ", ")).", valueName: "METHOD"))
    var treat: String?

    @Option(name: .customLong("normalise"), help: ArgumentHelp(
        "Override the normalisation: \(MethodSyntax.normalisationChoices.joined(separator: ", ")).",
        valueName: "METHOD"))
    var normalise: String?

    @Option(name: .long, help: ArgumentHelp(
        "Override every node's aggregation: \(MethodSyntax.aggregationChoices.joined(separator: ", ")).",
        valueName: "METHOD"))
    var aggregate: String?

    @Option(name: .long, help: ArgumentHelp(
        "Screen units by data availability after imputation: drop a unit from a year when less than this share "
            + "of its indicators has a value (COINr Screen, dat_thresh; e.g. 0.9).", valueName: "SHARE"))
    var screen: Double?

    @Flag(name: .long, help: "COINr iMeta frameworks: divide each indicator by its iMeta Denominator (COINr Denominate).")
    var denominate = false

    @Option(name: .long, help: ArgumentHelp(
        "Worker threads (BLAS, and commands that run in parallel); default: the machine's setting.", valueName: "N"))
    var threads: Int?

    func validate() throws {
        if year != nil && years != nil { throw ValidationError("give --year or --years, not both") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, found \(threads)") }
        if let screen, !(screen >= 0 && screen <= 1) {
            throw ValidationError("--screen must be a share between 0 and 1, found \(screen)")
        }
        if denominate && !isCoinrMeta {
            throw ValidationError("--denominate applies to COINr iMeta frameworks (--framework …iMeta.csv); a YAML "
                                  + "framework divides with transform: ratio:SERIES")
        }
        if let group, IncomeFilter.parse(group) == nil {
            do { _ = try CountryGroup(parsing: group) } catch {
                throw ValidationError(error.description + "; or an income group: low, lower-middle, upper-middle, high")
            }
        }
        do {
            if let impute { _ = try MethodSyntax.imputation(impute) }
            if let treat { _ = try MethodSyntax.treatment(treat) }
            if let normalise { _ = try MethodSyntax.normalisation(normalise) }
            if let aggregate { _ = try MethodSyntax.aggregation(aggregate) }
        } catch let error as MethodSyntaxError {
            throw ValidationError(error.description)
        }
    }

    /// The requested years (nil = the command's default).
    var yearRange: ClosedRange<Int>? {
        if let year { return year...year }
        return years?.range
    }

    /// Whether `--framework` names a COINr iMeta table.
    var isCoinrMeta: Bool {
        framework.lowercased().hasSuffix(".csv")
    }

    /// The framework, with the overrides applied.
    /// - Throws: `ValidationError` carrying every problem of the file (file:line (path): message).
    func loadFramework(knownSeries: Set<String>? = nil) throws -> Framework {
        let base: Framework
        do {
            if isCoinrMeta {
                let meta: CoinrMeta
                do { meta = try CoinrMeta.read(path: framework) } catch { throw ValidationError(error.description) }
                base = try Framework(coinr: meta, source: framework, knownSeries: knownSeries, denominate: denominate)
            } else if framework.hasSuffix(".yaml") || framework.hasSuffix(".yml") || framework.contains("/") {
                guard FileManager.default.fileExists(atPath: framework) else {
                    throw ValidationError("no such framework file: \(framework)")
                }
                base = try FrameworkFile.load(contentsOf: URL(fileURLWithPath: framework), knownSeries: knownSeries)
            } else {
                base = try IndexOptions.presets().load(framework, knownSeries: knownSeries)
                if let note = FrameworkPresets.deprecation(of: framework) {
                    FileHandle.standardError.write(Data(("warning: " + note + "\n").utf8))
                }
            }
        } catch let error as FrameworkError {
            throw ValidationError(error.description)
        }
        do {
            var overridden = try base.overriding(imputation: impute, treatment: treat, normalisation: normalise,
                                                 aggregation: aggregate)
            if let screen { overridden.methods.screen = screen }
            return overridden
        } catch let error as MethodSyntaxError {
            throw ValidationError(error.description)
        }
    }

    /// The shipped presets (`Data/frameworks`, found as the data folder is).
    static func presets() throws -> FrameworkPresets {
        guard let data = DataLocation.defaultDirectory(
            workingDirectory: FileManager.default.currentDirectoryPath, executablePath: Bundle.main.executablePath)
        else {
            throw ValidationError("no Data/ folder with the presets found above the working directory or the "
                                      + "divide executable; give a framework file")
        }
        return FrameworkPresets(directory: data + "/frameworks")
    }

    /// Loads the data, the framework and computes the index.
    /// The one year a single-year command shows: `--year`, else the latest year the index scores.
    func year(of run: IndexRun) throws -> Int {
        guard let year = year ?? run.result.latestYear else {
            throw ValidationError("no economy is scored in any year")
        }
        return year
    }

    func compute(_ dataOptions: DataOptions) throws -> IndexRun {
        if let threads { BLASLibrary.setThreads(threads) }
        var data = dataOptions
        if isCoinrMeta { data.noDefaultData = true }
        let files = try data.files()
        let loaded = DataLoader(options: data.loadOptions()).load(files: files)
        if loaded.report.errorCount > 0 && data.strict {
            throw ValidationError("\(loaded.report.errorCount) values were rejected while loading (--strict); "
                                      + "run divide validate")
        }
        // Checked against the data's series here, so that an unknown series is reported at its line of the file.
        let framework = try loadFramework(knownSeries: Set(loaded.panel.indicators.map(\.code)))
        let selection: UnitSelection
        let income = group.flatMap(IncomeFilter.parse)
        if let group, income == nil { selection = .group(try CountryGroup(parsing: group)) }
        else { selection = isCoinrMeta ? .panel : .group(.escap) }
        var groupings: [String: [String: String]] = [:]
        for file in loaded.report.files where file.format == .coinrData {
            if let groups = try? CoinrDataReader.unitGroups(path: file.file) {
                groupings.merge(UnitGroupings.coinr(groups)) { first, _ in first }
            }
        }
        if !isCoinrMeta {
            let metadata = files.filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("Metadata_Country") }
            let classification = metadata.isEmpty ? nil : WorldBankClassification.merging(
                metadata.compactMap { try? WorldBankClassification.load(contentsOf: URL(fileURLWithPath: $0)) })
            let units = selection.units(in: loaded.panel)
            groupings.merge(UnitGroupings.countries(units, classification: classification)) { first, _ in first }
        }
        let computation = IndexComputation(framework: framework, units: selection, years: yearRange,
                                           groupings: groupings)
        let result: IndexResult
        do {
            result = try computation.run(panel: loaded.panel)
        } catch let error as FrameworkError {
            throw ValidationError(error.description)
        } catch let error as IndexComputationError {
            throw ValidationError(error.description)
        }
        return IndexRun(result: result, report: loaded.report, income: income, panel: loaded.panel)
    }
}

/// What an index command computed, with the load report.
struct IndexRun {
    var result: IndexResult
    var report: LoadReport
    /// `--group` named an income group: the index is computed on ESCAP and shown for this group.
    var income: IncomeGroup?
    /// The loaded data (analysis commands read series beyond the framework's from it).
    var panel: Panel
}

/// `A-B` (or a single year `A`) on the command line.
struct YearRange: ExpressibleByArgument, Equatable {
    var range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let a = Int(parts[0]), let b = Int(parts.last!), a <= b,
              (1000...9999).contains(a), (1000...9999).contains(b) else { return nil }
        range = a...b
    }

    var defaultValueDescription: String { "\(range.lowerBound)-\(range.upperBound)" }
}
