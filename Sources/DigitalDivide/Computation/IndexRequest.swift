import Foundation

/// The whole question an index answers, asked of the library in one value: which framework, which data, which
/// universe the index is computed over, which years, which method overrides, and which group results are reported
/// for. ``run()`` answers it with an ``IndexRun``; every `divide` command and ``BriefBuilder`` start from one.
///
/// ```swift
/// var request = IndexRequest(framework: .preset("apddi"), data: ["Data"])
/// request.universe = .group(.escap)
/// let run = try request.run()
/// let korea = run.result.rows().filter { $0.unit == "KOR" && $0.level == 0 }
/// ```
///
/// What the request decides that a caller would otherwise have to:
/// - **Framework**: a shipped preset (compiled into the library, see ``FrameworkPresets/shipped``), a framework
///   YAML file, a COINr iMeta CSV, or a ``Framework`` value; overrides applied; every series checked against the
///   data at its line of the file.
/// - **Data**: files and folders (a folder adds every `.csv` under it, see ``DataLoader/csvFiles(in:)``), read once
///   each, conflicts settled by ``LoadOptions/prefer``; with ``LoadOptions/strict`` a rejected value is an error.
/// - **Groups reported**: ESCAP subregions and World Bank income groups from the newest World Bank country
///   classification among the data (ordered by the vintage of its companion data file, never by file name; see
///   ``WorldBankClassification/newest(among:)``), and COINr iData groups.
/// - **Universe**: ``universe``, else ESCAP, else (COINr data) every unit of the panel.
public struct IndexRequest: Sendable {
    /// Where the framework comes from.
    public enum FrameworkSource: Sendable {
        /// A shipped preset by name (``FrameworkPresets/shipped``).
        case preset(String)
        /// A framework YAML file, or a COINr iMeta table (a `.csv` file).
        case file(String)
        /// A framework built in code.
        case framework(Framework)

        /// Whether this names a COINr iMeta table (a `.csv` file).
        public var isCoinrMeta: Bool {
            if case .file(let path) = self { return path.lowercased().hasSuffix(".csv") }
            return false
        }

        /// The framework, checked against `knownSeries` when given.
        /// - Throws: ``FrameworkError`` (every problem of the file with its line), ``DivideError`` for an iMeta that
        ///   cannot be read.
        public func load(knownSeries: Set<String>? = nil, denominate: Bool = false) throws -> Framework {
            switch self {
            case .preset(let name):
                return try FrameworkPresets.shipped.load(name, knownSeries: knownSeries)
            case .file(let path) where isCoinrMeta:
                return try Framework(coinr: try CoinrMeta.read(path: path), source: path, knownSeries: knownSeries,
                                     denominate: denominate)
            case .file(let path):
                guard FileManager.default.fileExists(atPath: path) else {
                    throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "a framework file",
                                      found: "no such file")
                }
                return try FrameworkFile.load(contentsOf: URL(fileURLWithPath: path), knownSeries: knownSeries)
            case .framework(let framework):
                return framework
            }
        }
    }

    /// Method overrides applied to every node (``MethodSyntax`` text, e.g. `"mean"`, `"minmax:1,100"`), unit
    /// screening by data availability, and (COINr iMeta) division by the iMeta denominators.
    public struct Overrides: Sendable, Equatable {
        public var imputation: String?
        public var treatment: String?
        public var normalisation: String?
        public var aggregation: String?
        /// Drop a unit from a year when less than this share of its indicators has a value (COINr `Screen`).
        public var screen: Double?
        /// COINr iMeta frameworks: divide each indicator by its iMeta `Denominator` (COINr `Denominate`).
        public var denominate: Bool

        public init(imputation: String? = nil, treatment: String? = nil, normalisation: String? = nil,
                    aggregation: String? = nil, screen: Double? = nil, denominate: Bool = false) {
            self.imputation = imputation
            self.treatment = treatment
            self.normalisation = normalisation
            self.aggregation = aggregation
            self.screen = screen
            self.denominate = denominate
        }
    }

    /// The framework.
    public var framework: FrameworkSource
    /// Data files and folders, in order.
    public var data: [String]
    /// How values are read and conflicts settled.
    public var load: LoadOptions
    /// The units the index is computed over; `nil`: ESCAP, or every unit of the panel for a COINr iMeta.
    public var universe: UnitSelection?
    /// The years; `nil`: every year of the data.
    public var years: ClosedRange<Int>?
    /// Method overrides.
    public var overrides: Overrides
    /// Report results for this income group only (the index is still computed over ``universe``).
    public var reportIncome: IncomeGroup?

    public init(framework: FrameworkSource = .preset(FrameworkPresets.defaultName), data: [String],
                load: LoadOptions = LoadOptions(), universe: UnitSelection? = nil, years: ClosedRange<Int>? = nil,
                overrides: Overrides = Overrides(), reportIncome: IncomeGroup? = nil) {
        self.framework = framework
        self.data = data
        self.load = load
        self.universe = universe
        self.years = years
        self.overrides = overrides
        self.reportIncome = reportIncome
    }

    /// The framework with the overrides applied.
    public func loadFramework(knownSeries: Set<String>? = nil) throws -> Framework {
        var framework = try framework.load(knownSeries: knownSeries, denominate: overrides.denominate).overriding(
            imputation: overrides.imputation, treatment: overrides.treatment,
            normalisation: overrides.normalisation, aggregation: overrides.aggregation)
        if let screen = overrides.screen { framework.methods.screen = screen }
        return framework
    }

    /// Loads the data, checks the framework against it and computes the index.
    /// - Throws: ``DivideError`` (a path that does not exist; rejected values under ``LoadOptions/strict``),
    ///   ``FrameworkError``, ``MethodSyntaxError``, ``IndexComputationError``.
    public func run() throws -> IndexRun {
        let files = try DataLoader.files(expanding: data)
        let loaded = DataLoader(options: load).load(files: files)
        if loaded.report.errorCount > 0 && load.strict {
            throw DivideError(.invalidArgument, expected: "no rejected values (strict)",
                              found: "\(loaded.report.errorCount) values rejected while loading",
                              hint: "the load report lists each with its file and line")
        }
        // Checked against the data's series here, so that an unknown series is reported at its line of the file.
        let framework = try loadFramework(knownSeries: Set(loaded.panel.indicators.map(\.code)))
        let selection = universe ?? (self.framework.isCoinrMeta ? .panel : .group(.escap))
        var groupings: [String: [String: String]] = [:]
        for file in loaded.report.files where file.format == .coinrData {
            if let groups = try? CoinrDataReader.unitGroups(path: file.file) {
                groupings.merge(UnitGroupings.coinr(groups)) { first, _ in first }
            }
        }
        var classification: WorldBankClassification?
        if !self.framework.isCoinrMeta {
            classification = WorldBankClassification.newest(among: loaded.report)
            groupings.merge(UnitGroupings.countries(selection.units(in: loaded.panel), classification: classification))
            { first, _ in first }
        }
        let computation = IndexComputation(framework: framework, units: selection, years: years, groupings: groupings)
        let result = try computation.run(panel: loaded.panel)
        return IndexRun(result: result, report: loaded.report, panel: loaded.panel, universe: selection,
                        reportIncome: reportIncome, classification: classification)
    }
}

/// What an ``IndexRequest`` computed: the index with its provenance, the load report, the panel (analyses read
/// series beyond the framework's from it), the universe and the classification the groups came from.
public struct IndexRun: Sendable {
    /// Scores and ranks for every node × unit × year.
    public var result: IndexResult
    /// What was read, set aside and rejected, per file.
    public var report: LoadReport
    /// The loaded data.
    public var panel: Panel
    /// The units the index was computed over.
    public var universe: UnitSelection
    /// Results are reported for this income group only (ranks within it come from ``IndexResult``'s groupings).
    public var reportIncome: IncomeGroup?
    /// The World Bank classification the income groups came from (`nil`: no country metadata in the data).
    public var classification: WorldBankClassification?

    /// The framework computed.
    public var framework: Framework { result.framework }

    public init(result: IndexResult, report: LoadReport, panel: Panel, universe: UnitSelection,
                reportIncome: IncomeGroup? = nil, classification: WorldBankClassification? = nil) {
        self.result = result
        self.report = report
        self.panel = panel
        self.universe = universe
        self.reportIncome = reportIncome
        self.classification = classification
    }
}

extension IncomeGroup {
    /// An income group as a user names it: `low`, `lower-middle`, `Upper middle income`, `high` (case, spaces,
    /// hyphens and the word "income" ignored); `nil` for anything else.
    public init?(parsing text: String) {
        func key(_ s: String) -> String { s.lowercased().filter(\.isLetter).replacingOccurrences(of: "income", with: "") }
        let k = key(text)
        guard !k.isEmpty, let group = IncomeGroup.allCases.first(where: { key($0.rawValue) == k }) else { return nil }
        self = group
    }
}

extension DataLoader {
    /// The files `paths` name, in order: a folder adds its `.csv` files (``csvFiles(in:)``), a file adds itself; a
    /// file named twice is read once.
    /// - Throws: ``DivideError`` (`unreadableFile`) for a path that does not exist or a folder that cannot be read.
    public static func files(expanding paths: [String]) throws(DivideError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "a file or folder",
                                  found: "no such file or directory")
            }
            let found = status.st_mode & S_IFMT == S_IFDIR ? try csvFiles(in: path) : [path]
            for file in found where seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                files.append(file)
            }
        }
        return files
    }
}
