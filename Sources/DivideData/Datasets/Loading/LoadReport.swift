/// How serious a problem is. Errors reject the value or record; warnings keep it. `strict` turns warnings into errors.
public enum Severity: String, Sendable, Hashable {
    case warning
    case error
}

/// A problem found while loading, with its severity.
public struct LoadProblem: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var error: DivideError

    public var description: String { "\(severity.rawValue): \(error)" }
}

/// What happened to one file: everything read is accounted for as used, set aside, missing or rejected.
///
/// Counting: `records` is the number of data records (CSV rows after the header). Values are counted one by one
/// (a World Bank row holds one value per year): `valuesUsed` went into the panel, `setAside` belong to aggregates
/// (by unit name), `missing` are publisher missing markers (by marker). `rejected` counts problems of severity
/// error by reason; each is one value, or one whole record when the record could not be split into values
/// (ragged row, invalid UTF-8, unknown unit on a wide row counts once per value).
public struct FileReport: Sendable {
    /// The file as named in messages.
    public var file: String
    /// The format used (detected or forced); `nil` when it could not be recognised.
    public var format: DataFormat?
    /// Detection confidence in 0...1 (1 when forced).
    public var confidence: Double
    /// Why the file was not read, when it was skipped (no reader yet, metadata-only, unknown format).
    public var skippedReason: String?
    /// The data vintage the file states (World Bank "Last Updated Date").
    public var vintage: String?
    /// The workbook the report's sheet belongs to (`file` is then `workbook[sheet]`); `nil` for a CSV file.
    public var workbook: String?
    /// The World Bank classification (regions and income groups) of a country metadata file or sheet
    /// (``DataFormat/worldBankCountryMetadata``), read when it was loaded; ``WorldBankClassification/newest(among:)``
    /// merges those of a load.
    public var classification: WorldBankClassification?
    public var records = 0
    public var valuesUsed = 0
    /// Values set aside because their unit is an aggregate, by aggregate name.
    public var setAside: [String: Int] = [:]
    /// Values set aside for another reason, one entry per class (a text column, a categorical series, text
    /// observations, entities without a code), each with its count and the first one's location and text; in
    /// the order the classes were first met.
    public var setAsideClasses: [SetAsideClass] = []
    /// Values equal to one already in the panel from another row (kept once).
    public var duplicatesAgreeing = 0
    /// Values that replaced or lost to another source's value through the `prefer` policy.
    public var overriddenByPreference = 0
    /// The first of those decisions (at most `LoadOptions.maxListedPerReason`), with both locations.
    public var preferenceDecisions: [PreferenceDecision] = []
    public var missing: [MissingMarker: Int] = [:]
    public var rejected: [DivideError.Reason: Int] = [:]
    public var warnings: [DivideError.Reason: Int] = [:]
    /// The smallest and largest year seen in the file's observations.
    public var years: ClosedRange<Int>?
    /// Distinct units used (resolved), and indicators found.
    public var unitsFound = 0
    public var indicators: [String] = []
    /// The listed problems: at most `LoadOptions.maxListedPerReason` per reason and severity; all are counted.
    public var problems: [LoadProblem] = []

    public init(file: String, format: DataFormat?, confidence: Double) {
        self.file = file
        self.format = format
        self.confidence = confidence
    }

    /// Total values set aside (aggregates and every other class).
    public var setAsideTotal: Int {
        setAside.values.reduce(0, +) + setAsideClasses.reduce(0) { $0 + $1.count }
    }
    /// Total missing values.
    public var missingTotal: Int { missing.values.reduce(0, +) }
    /// Total rejected values or records.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
    /// Total warnings.
    public var warningTotal: Int { warnings.values.reduce(0, +) }
}

/// A class of values set aside, not rejected: what they are, how many, and where the first one is.
public struct SetAsideClass: Sendable, Hashable, CustomStringConvertible {
    /// What the values are, e.g. "text columns (labels, not numbers)".
    public var kind: String
    /// How many values (or cells) were set aside.
    public var count: Int
    /// The first one: `file:line:column (name)` and its text.
    public var example: String

    public init(kind: String, count: Int, example: String) {
        self.kind = kind
        self.count = count
        self.example = example
    }

    /// `kind count, e.g. example`.
    public var description: String { "\(kind) \(count), e.g. \(example)" }
}

/// The report of a load: one ``FileReport`` per file, plus problems that concern no single file.
public struct LoadReport: Sendable {
    public var files: [FileReport] = []
    /// Problems about the load as a whole (e.g. a path that does not exist).
    public var problems: [LoadProblem] = []

    public init() {}

    /// Total rejected values or records in all files, plus fatal file-level errors.
    public var errorCount: Int {
        files.reduce(0) { $0 + $1.rejectedTotal } + problems.filter { $0.severity == .error }.count
    }
    /// Total warnings.
    public var warningCount: Int {
        files.reduce(0) { $0 + $1.warningTotal } + problems.filter { $0.severity == .warning }.count
    }
    /// Whether nothing was rejected (the `divide validate` exit criterion).
    public var isClean: Bool { errorCount == 0 }
    /// Every listed problem, file by file.
    public var allProblems: [LoadProblem] { problems + files.flatMap(\.problems) }
}

/// A value given by two sources and settled by the `prefer` policy (``LoadOptions/prefer``): which one is used and
/// which is set aside, with their locations.
public struct PreferenceDecision: Sendable, Equatable {
    public var unit: String
    public var indicator: String
    public var year: Int
    /// Where the value used comes from (`file:line:column`, or `file:line`).
    public var used: String
    public var usedValue: Double
    /// Where the value set aside comes from.
    public var setAside: String
    public var setAsideValue: Double

    public init(unit: String, indicator: String, year: Int, used: String, usedValue: Double, setAside: String,
                setAsideValue: Double) {
        self.unit = unit
        self.indicator = indicator
        self.year = year
        self.used = used
        self.usedValue = usedValue
        self.setAside = setAside
        self.setAsideValue = setAsideValue
    }
}
