import DivideData
import Foundation

/// The whole question an index answers, asked of the library in one value: which framework, which data, which
/// universe the index is computed over, which years, which method overrides, and which group results are reported
/// for. ``run()`` answers it with an ``IndexRun``; every `divide` command and `BriefBuilder` start from one.
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
/// - **Data**: files and folders (a folder adds every `.csv` under it, see `DataLoader/csvFiles(in:)`), read once
///   each, conflicts settled by `LoadOptions/prefer`; with `LoadOptions/strict` a rejected value is an error.
/// - **Groups reported**: ESCAP subregions and World Bank income groups from the newest World Bank country
///   classification among the data (ordered by the vintage of its companion data file, never by file name; see
///   `WorldBankClassification/newest(among:)`), and COINr iData groups.
/// - **Universe** (the economies the index is computed, normalised and imputed over): ``universe``, else the
///   framework's own (``Framework/universe``, e.g. `all` for ITU's IDI), else ESCAP, else (COINr data) every unit
///   of the panel.
/// - **Reporting group** (``report``): which of the computed economies results are shown and ranked within. It
///   never changes the universe, so a score is the same whichever group it is reported for.
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
        /// - Throws: ``FrameworkError`` (every problem of the file with its line), `DivideError` for an iMeta that
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
    /// Report results for this group only (the index is still computed over the universe).
    public var report: ReportingGroup?

    public init(framework: FrameworkSource = .preset(FrameworkPresets.defaultName), data: [String],
                load: LoadOptions = LoadOptions(), universe: UnitSelection? = nil, years: ClosedRange<Int>? = nil,
                overrides: Overrides = Overrides(), report: ReportingGroup? = nil) {
        self.framework = framework
        self.data = data
        self.load = load
        self.universe = universe
        self.years = years
        self.overrides = overrides
        self.report = report
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
    /// - Throws: `DivideError` (a path that does not exist; rejected values under `LoadOptions/strict`),
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
        let framework: Framework
        do {
            framework = try loadFramework(knownSeries: Set(loaded.panel.indicators.map(\.code)))
        } catch var error as FrameworkError where error.issues.contains(where: { $0.kind == .unknownSeries }) {
            // A series missing from the data may be in a file that could not be read at all: say which, first.
            let unread = loaded.report.files.filter { $0.format == nil && $0.valuesUsed == 0 }
                .compactMap { $0.problems.first { $0.severity == .error }?.error.description }
            if !unread.isEmpty {
                error.issues.append(FrameworkIssue(path: [], kind: .unknownSeries,
                                                   message: "a data file was not read: " + unread.joined(separator: "; ")))
            }
            throw error
        }
        let selection = universe ?? framework.universe.map { .group($0) }
            ?? (self.framework.isCoinrMeta ? .panel : .group(.escap))
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
                        reportingGroup: report, classification: classification)
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
    /// Results are reported for this group only (`nil`: every economy of the universe).
    public var reportingGroup: ReportingGroup?
    /// The World Bank classification the income groups came from (`nil`: no country metadata in the data).
    public var classification: WorldBankClassification?

    /// The framework computed.
    public var framework: Framework { result.framework }

    public init(result: IndexResult, report: LoadReport, panel: Panel, universe: UnitSelection,
                reportingGroup: ReportingGroup? = nil, classification: WorldBankClassification? = nil) {
        self.result = result
        self.report = report
        self.panel = panel
        self.universe = universe
        self.reportingGroup = reportingGroup
        self.classification = classification
    }

    /// Indices (into `result.construction.units`) of the computed units that belong to `group`, in computation
    /// order; every computed unit for `nil`. An income group is read from the run's classification (the
    /// `income` grouping of the cube); a country group from the registry (a unit the registry does not know,
    /// e.g. a COINr code, belongs only to `all`).
    public func units(in group: ReportingGroup?, registry: CountryRegistry = .standard) -> [Int] {
        let units = result.construction.units
        switch group {
        case nil, .countries(.all)?:
            return Array(units.indices)
        case .income(let income)?:
            let labels = result.cube.groupings[UnitGroupings.income]
            return units.indices.filter { labels?[$0] == income.rawValue }
        case .countries(let countries)?:
            return units.indices.filter { registry.country(iso3: units[$0]).map(countries.contains) ?? false }
        }
    }

    /// The computed units results are reported for (``units(in:registry:)`` of ``reportingGroup``).
    public var reportedUnits: [Int] { units(in: reportingGroup) }

    /// How many members of the reporting group lie outside the universe (and so have no score), and the
    /// group's size; `nil` when every member is computed or the group is not a country group.
    public func reportingGroupOutsideUniverse(registry: CountryRegistry = .standard) -> (outside: Int, of: Int)? {
        guard case .countries(let group)? = reportingGroup, group != .all else { return nil }
        let members = registry.members(of: group).map(\.iso3)
        let computed = Set(result.construction.units)
        let outside = members.count { !computed.contains($0) }
        return outside == 0 ? nil : (outside, members.count)
    }

    /// The competition rank ("1224") of unit `u` among `units` on node `node` in year index `y`: one plus the
    /// number of those units with a higher score; `nil` when `u` has no score. The ``IndexResult`` ranks (all
    /// computed units) follow the same rule.
    public func rank(of u: Int, among units: [Int], node: Int, y: Int) -> (rank: Int, of: Int)? {
        IndexResult.competitionRank(of: u, among: units, column: result.construction.scores(node: node, year: y))
    }
}

extension IndexResult {
    /// The competition rank ("1224") of `u` among `units` on `column` (higher is better): one plus the number of
    /// units with a strictly higher score, out of the units with a score; `nil` when `u` has no score. Equal
    /// scores share a rank.
    public static func competitionRank(of u: Int, among units: [Int], column: [Double]) -> (rank: Int, of: Int)? {
        let x = column[u]
        guard !x.isNaN else { return nil }
        var better = 0, scored = 0
        for v in units where !column[v].isNaN {
            scored += 1
            if column[v] > x { better += 1 }
        }
        return (better + 1, scored)
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
    /// The files `paths` name, in order: a folder adds its data files (`dataFiles(in:)`: `.csv`, `.xlsx`, `.xls`),
    /// a file adds itself; a file named twice is read once.
    /// - Throws: `DivideError` (`unreadableFile`) for a path that does not exist or a folder that cannot be read,
    ///   (`unknownFormat`) for a folder without a data file.
    public static func files(expanding paths: [String]) throws(DivideError) -> [String] {
        var files: [String] = []
        var seen = Set<String>()
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "a file or folder",
                                  found: "no such file or directory")
            }
            let found = status.st_mode & S_IFMT == S_IFDIR ? try dataFiles(in: path) : [path]
            for file in found where seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                files.append(file)
            }
        }
        return files
    }
}
