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

    @Option(name: .long, help: ArgumentHelp(
        "A range of years, e.g. 2015-2024: the years compute reports, the window of gaps' growth and of convergence "
            + "(commands that describe one year take --year and refuse it).", valueName: "A-B"))
    var years: YearRange?

    @Option(name: .long, help: ArgumentHelp(
        "Report for this group only: a subregion (ENEA, SEA, SSWA, NCA, Pacific), LDC, LLDC, SIDS, ASEAN, SAARC, "
            + "ECO, PIF, an income group (low, lower-middle, upper-middle, high), a group of --groups, or all. "
            + "Filters and ranks within the group; never changes what the index is computed over.",
        valueName: "GROUP"))
    var group: String?

    @Option(name: .long, help: ArgumentHelp(
        "Compute (normalise, impute) the index over this group: escap (default), all (every economy of the data; "
            + "the default of the IDI presets and of COINr data), or any group --group takes except income groups.",
        valueName: "GROUP"))
    var universe: String?

    @Option(name: .customLong("groups"), help: ArgumentHelp(
        "Your own country groups: a CSV file with the header group,member (member: ISO3 code or name).",
        valueName: "FILE"))
    var groupsFile: String?

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

    mutating func validate() throws {
        if year != nil && years != nil { throw ValidationError("give --year or --years, not both") }
        if let threads, !(1...Self.maxThreads).contains(threads) {
            throw ValidationError("--threads must be 1 to \(Self.maxThreads), found \(threads)")
        }
        // More workers than processors computes the same numbers (results do not depend on the count) no faster, and
        // each worker (and each OpenBLAS thread) holds its own buffers: under a memory limit 256 of them exhausted
        // the address space. So at most one per processor.
        let processors = ProcessInfo.processInfo.activeProcessorCount
        if let threads, threads > processors {
            printError("note: --threads \(threads) is more than the \(processors) processors of this machine; using "
                       + "\(processors) (the results do not depend on the count)")
            self.threads = processors
        }
        // Under an address-space limit (ulimit -v), at most one worker per 256 MiB of it (thread stacks, scratch
        // buffers and OpenBLAS's per-thread buffers), so that a tight limit gives a slower run, not an abort.
        var limit = rlimit()
        if let threads, getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            let fitting = max(1, Int(limit.rlim_cur / (256 << 20)))
            if threads > fitting {
                printError("note: --threads \(threads) under an address-space limit of \(limit.rlim_cur >> 20) MiB; "
                           + "using \(fitting)")
                self.threads = fitting
            }
        }
        if let screen, !(screen >= 0 && screen <= 1) {
            throw ValidationError("--screen must be a share between 0 and 1, found \(screen)")
        }
        if denominate && !isCoinrMeta {
            throw ValidationError("--denominate applies to COINr iMeta frameworks (--framework …iMeta.csv); a YAML "
                                  + "framework divides with transform: ratio:SERIES")
        }
        // With --groups the names are checked once the file is read (``request(_:)``).
        if groupsFile == nil { _ = try reportingGroup(custom: []); _ = try universeGroup(custom: []) }
        do {
            if let impute { _ = try MethodSyntax.imputation(impute) }
            if let treat { _ = try MethodSyntax.treatment(treat) }
            if let normalise { _ = try MethodSyntax.normalisation(normalise) }
            if let aggregate { _ = try MethodSyntax.aggregation(aggregate) }
        } catch let error as MethodSyntaxError {
            throw ValidationError(error.description)
        }
    }

    /// The most worker threads a command starts (each holds its own scratch buffers).
    static let maxThreads = 256

    /// The requested years (nil = the command's default).
    var yearRange: ClosedRange<Int>? {
        if let year { return year...year }
        return years?.range
    }

    /// Whether `--framework` names a COINr iMeta table.
    var isCoinrMeta: Bool { frameworkSource.isCoinrMeta }

    /// `--framework` as the library's framework source: a `.yaml`/`.yml`/`.csv` name or a path is a file, anything
    /// else a preset.
    var frameworkSource: IndexRequest.FrameworkSource {
        let lower = framework.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || framework.contains("/") {
            return .file(framework)
        }
        return .preset(framework)
    }

    /// The groups of `--groups` (none without it).
    func customGroups() throws -> [CountryGroupList] {
        guard let groupsFile else { return [] }
        do { return try CountryGroupList.read(path: groupsFile) } catch { throw ValidationError(error.description) }
    }

    /// `--group` as the library's reporting group.
    func reportingGroup(custom: [CountryGroupList]) throws -> ReportingGroup? {
        guard let group else { return nil }
        do { return try ReportingGroup(parsing: group, custom: custom) } catch {
            throw ValidationError("--group: " + error.description)
        }
    }

    /// `--universe` as a country group (an income group cannot be a universe: it depends on the data's
    /// classification, which is read with the data).
    func universeGroup(custom: [CountryGroupList]) throws -> CountryGroup? {
        guard let universe else { return nil }
        if IncomeGroup(parsing: universe) != nil {
            throw ValidationError("--universe takes a country group, not an income group; report an income group "
                                  + "with --group \(universe)")
        }
        do { return try CountryGroup(parsing: universe, custom: custom) } catch {
            throw ValidationError("--universe: " + error.description)
        }
    }

    /// The library request these options describe (data from `dataOptions`).
    func request(_ dataOptions: DataOptions) throws -> IndexRequest {
        var data = dataOptions
        if isCoinrMeta { data.noDefaultData = true }
        let custom = try customGroups()
        return IndexRequest(
            framework: frameworkSource, data: try data.paths(), load: data.loadOptions(),
            universe: try universeGroup(custom: custom).map { .group($0) }, years: yearRange,
            overrides: overrides, report: try reportingGroup(custom: custom))
    }

    /// The method overrides these options give.
    var overrides: IndexRequest.Overrides {
        .init(imputation: impute, treatment: treat, normalisation: normalise, aggregation: aggregate, screen: screen,
              denominate: denominate)
    }

    /// A deprecated preset name (`idi2023`) still loads, with a warning on standard error that says what it names.
    func warnIfDeprecated() {
        if case .preset(let name) = frameworkSource, let note = FrameworkPresets.deprecation(of: name) {
            printError("warning: " + note)
        }
    }

    /// The framework, with the overrides applied.
    /// - Throws: `ValidationError` carrying every problem of the file (file:line (path): message).
    func loadFramework(knownSeries: Set<String>? = nil) throws -> Framework {
        let request = IndexRequest(framework: frameworkSource, data: [], overrides: overrides)
        warnIfDeprecated()
        return try Self.usage { try request.loadFramework(knownSeries: knownSeries) }
    }

    /// The shipped presets (compiled into the library).
    static func presets() -> FrameworkPresets { .shipped }

    /// The one year a single-year command shows: `--year` (already checked to have scores by ``compute(_:requireScores:)``),
    /// else the latest year the index scores.
    func year(of run: IndexRun) throws -> Int {
        guard let year = year ?? run.result.latestYear else {
            throw ValidationError("no economy is scored in any year")
        }
        return year
    }

    /// A year in which no economy is scored, or one after the last year of the data (where every score would rest
    /// on values carried forward), is an error that says which years are scored, never an empty table. The years
    /// named are those up to the data's last year, whatever range was computed.
    static func checkScored(_ year: Int, in run: IndexRun) throws {
        let result = run.result
        let lastDataYear = run.panel.years.last ?? Int.max
        guard result.scoredCount(node: 0, year: year) == 0 || year > lastDataYear else { return }
        let scored = result.construction.years.filter { $0 <= lastDataYear && result.scoredCount(node: 0, year: $0) > 0 }
        let range = scored.first.map { "\($0)–\(scored.last!)" } ?? "none"
        let why: String
        if year > lastDataYear {
            why = "later than the data reach: they end in \(lastDataYear)"
        } else if let first = scored.first, let last = scored.last {
            why = year > last ? "later than the data reach" : year < first ? "earlier than the data reach"
                : "too few of its indicators have data then"
        } else {
            why = "no year has enough data"
        }
        let what = year > lastDataYear ? "no scores for \(year)" : "no economy is scored in \(year)"
        throw ValidationError("\(what) on \(result.framework.id) (\(why)); years with scores: \(range)")
    }

    /// Loads the data, the framework and computes the index (``IndexRequest/run()``). With `requireScores` (every
    /// command that reports index scores), a `--year` in which no economy is scored, or a `--years` range without
    /// any, is an error that names the years with scores (`checkScored(_:in:)`), never an empty report.
    func compute(_ dataOptions: DataOptions, requireScores: Bool = true) throws -> IndexRun {
        if let threads { BLASLibrary.setThreads(threads) }
        let request = try request(dataOptions)
        warnIfDeprecated()
        let run = try Self.usage { try request.run() }
        Self.noteRejected(run.report)
        if requireScores, let year {
            try Self.checkScored(year, in: run)
        } else if requireScores, yearRange != nil,
                  !run.result.construction.years.contains(where: { run.result.scoredCount(node: 0, year: $0) > 0 }) {
            try Self.checkScored(run.result.construction.years.last ?? 0, in: run)
        }
        if let (outside, of) = run.reportingGroupOutsideUniverse(), let group = run.reportingGroup {
            printError("note: \(outside) of the \(of) members of \(group.name) are outside the universe "
                       + "(\(run.universe.label)) and not computed; --universe \(group.name) or --universe all "
                       + "computes over them")
        }
        return run
    }

    /// Every index command says on standard error when input values were rejected (the scores that would have
    /// used them are not scored, or rest on other values), with the first one's location; `--strict` makes it an
    /// error instead.
    ///
    /// Conflicts between sources are named one by one (up to 5, then a count), with both locations and which value
    /// is kept: the one loaded first, unless `--prefer` says otherwise; values settled by `--prefer` are counted.
    static func noteRejected(_ report: LoadReport) {
        let settled = report.files.reduce(0) { $0 + $1.overriddenByPreference }
        if settled > 0 {
            printError("note: \(settled) value\(settled == 1 ? " given by more than one source was" : "s given by more than one source were") settled "
                       + "by --prefer: the preferred source's value is used, with its own source")
            let decisions = report.files.flatMap(\.preferenceDecisions)
            for d in decisions.prefix(5) {
                printError("prefer: \(d.unit), \(d.indicator), \(d.year): used \(d.used) (\(d.usedValue)), set aside "
                           + "\(d.setAside) (\(d.setAsideValue)): the first --prefer pattern matching a source decides")
            }
            if settled > 5 { printError("prefer: \(settled - 5) more; run divide validate") }
        }
        guard !report.isClean else { return }
        let problems = report.files.flatMap(\.problems).filter { $0.severity == .error }
        let conflicts = problems.filter { $0.error.reason == .conflictingValue }
        for conflict in conflicts.prefix(5) {
            printError("conflict: \(conflict.error.location?.description ?? "?"): \(conflict.error.found ?? "?") against "
                       + "\(conflict.error.expected.map { $0.replacingOccurrences(of: "the same value as ", with: "") } ?? "?")"
                       + "; kept the value loaded first; --prefer PATTERN chooses the source that wins")
        }
        if conflicts.count > 5 { printError("conflict: \(conflicts.count - 5) more; run divide validate") }
        let others = problems.count - conflicts.count
        guard others > 0 || report.errorCount > problems.count else { return }
        let first = problems.first { $0.error.reason != .conflictingValue }
        printError("note: \(report.errorCount - conflicts.count) values were rejected while loading"
                   + (first.map { " (first: \($0.error.location?.description ?? "?"))" } ?? "")
                   + "; results that would use them are computed without them; run divide validate")
    }

    /// The command's one mapping of library errors to exit statuses: errors about what the user asked for (a
    /// framework file, an override, a path, --strict, a series, node or year that is not in the data) become usage
    /// errors, the message with exit status 2; every other library error (`DiagnosedError`: something found in
    /// the data or the analysis) ends the command with its message and exit status 1.
    static func usage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConstructionError {
            guard case .unknownName = error else { throw error }
            throw ValidationError(error.description + (error.hint.map { "; " + $0 } ?? ""))
        } catch let error as AnalysisError {
            guard case .unavailable = error else { throw error }
            throw ValidationError(error.description)
        } catch let error as FrameworkError {
            throw ValidationError(error.description)
        } catch let error as IndexComputationError {
            throw ValidationError(error.description)
        } catch let error as MethodSyntaxError {
            throw ValidationError(error.description)
        } catch let error as DivideError where error.reason == .unreadableFile || error.reason == .invalidArgument {
            throw ValidationError(error.description)
        }
    }
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
