/// A per-file handle for a unit text, returned by ``ObservationSink/unit(_:column:)``.
public struct UnitHandle: Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A per-file handle for an indicator, returned by ``ObservationSink/indicator(_:)``.
public struct IndicatorHandle: Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// Where a reader's observations go: the contract between readers and the panel builder.
///
/// A reader
/// 1. calls ``setHeader(_:)`` with the column names (used to name columns in error messages),
/// 2. calls ``unit(_:column:)`` once per *distinct* unit text and ``indicator(_:)`` once per distinct indicator
///    (intern texts per file, e.g. with ``ByteInterner``), keeping the handles,
/// 3. per value calls ``observe(unit:indicator:year:value:line:column:)`` with small integers only, or
///    ``missing(_:)`` for a missing marker, or ``reject(_:)`` for a problem it found itself (non-numeric value,
///    ragged row, invalid UTF-8, bad year), and ``recordRead()`` once per data record.
///
/// The sink resolves units (``UnitPolicy``), checks years and shares, detects conflicts and counts everything for
/// the ``FileReport``.
public protocol ObservationSink: AnyObject {
    /// The file name to use in error locations.
    var fileName: String { get }
    /// The load options in force (year range, strictness…).
    var options: LoadOptions { get }
    /// Records the header's column names (0-based field index → name).
    func setHeader(_ names: [String])
    /// The header name of 1-based `column`, when known.
    func columnName(_ column: Int) -> String?
    /// Declares the 1-based column holding years, for locating year errors; `nil` when years are column headers
    /// (wide formats), in which case the value's column is used.
    func setYearColumn(_ column: Int?)
    /// Accepts the years of `range` in this file instead of ``LoadOptions/yearRange`` (a format of long-run series,
    /// such as OWID, passes ``LoadOptions/longHistoryYears``). Call it before the first observation.
    func acceptYears(_ range: ClosedRange<Int>)
    /// Records the publisher the file names (used for provenance and `prefer` patterns).
    func setPublisher(_ publisher: String)
    /// Records the data vintage the file states.
    func setVintage(_ vintage: String)
    /// Declares that this file's unit texts are the data's own codes (COINr `uCode`s): from now on they become
    /// units as written (spaces trimmed), as under ``UnitPolicy/verbatim``, whatever the load's policy. Call it
    /// before the first ``unit(_:column:)``.
    func keepUnitsVerbatim()
    /// Declares a distinct unit text found in 1-based `column` and returns its handle.
    func unit(_ text: String, column: Int) -> UnitHandle
    /// Declares an indicator (merging its metadata with what is known) and returns its handle.
    func indicator(_ info: IndicatorInfo) -> IndicatorHandle
    /// One value at `line` (1-based, where the record starts) and 1-based value `column`.
    func observe(unit: UnitHandle, indicator: IndicatorHandle, year: Int, value: Double, line: Int, column: Int)
    /// One value written as a publisher missing marker.
    func missing(_ marker: MissingMarker)
    /// A problem the reader found; the value or record is rejected (or kept, for a warning).
    func reject(_ error: DivideError)
    /// A warning the reader found (becomes an error in strict mode).
    func warn(_ error: DivideError)
    /// Sets `count` values aside as a class that is not data for the panel (a text column, a categorical series,
    /// text observations, entities without a code): counted under `kind` in the report, one line with `location`
    /// and `text` of the first as the example. Not an error, not silent.
    func setAside(_ kind: String, count: Int, at location: SourceLocation, text: String)
    /// Counts `count` more problems of `reason` whose first ones were given to ``reject(_:)`` (so a class of
    /// thousands of rejections is listed by its first examples and counted whole).
    func rejectMore(_ reason: DivideError.Reason, count: Int)
    /// Counts one data record.
    func recordRead()
    /// Marks the value observed at `line` as an estimate of its publisher (e.g. ITU's † "ITU estimate"), not an
    /// official figure: ``Panel/isEstimate(unitAt:indicatorAt:yearAt:)`` reports it. Call it after `observe`.
    func markEstimate(line: Int)
    /// What a row's own source (a tidy file's `source` cell) changes for a value of `indicator`: nil when it is the
    /// source the file gives the indicator (its first row's), else the row's source ("" for a row that names none
    /// where the indicator's first row did). Pass a non-nil answer to ``rowSource(_:line:)`` for each such row.
    func sourceOverride(_ source: String, indicator: IndicatorHandle) -> String?
    /// Records that the value at `line` comes from `source`, not from the source its file gives the indicator (a
    /// tidy file whose `source` column changes within an indicator). Call it before `observe`.
    func rowSource(_ source: String, line: Int)
}

extension ObservationSink {
    /// Sinks that keep no provenance ignore estimate marks.
    public func markEstimate(line: Int) {}
    /// Sinks that keep no provenance keep no row sources.
    public func sourceOverride(_ source: String, indicator: IndicatorHandle) -> String? { nil }
    /// Sinks that keep no provenance keep no row sources.
    public func rowSource(_ source: String, line: Int) {}

    /// A location in this file: `line`, 1-based `column`, and the header name of that column.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: line, column: column, columnName: columnName(column))
    }
}

/// The first records of a file, for format detection.
public struct HeaderSample: Sendable {
    /// The file name (some formats are recognised partly by name, e.g. `API_*_DS2_*`).
    public var fileName: String
    /// Up to the first 8 non-blank records, unquoted.
    public var records: [CSVRecord]

    public init(fileName: String, records: [CSVRecord]) {
        self.fileName = fileName
        self.records = records
    }

    /// The first record whose fields, trimmed and lower-cased, contain all of `names`; with its index.
    package func headerRecord(containing names: [String]) -> (index: Int, fields: [String])? {
        for (index, record) in records.enumerated() {
            let lowered = Set(record.fields.map { $0.trimmingSpaces().lowercased() })
            if names.allSatisfy({ lowered.contains($0) }) { return (index, record.fields) }
        }
        return nil
    }
}

/// A reader for one ``DataFormat``: recognises its header and streams its observations into a sink.
///
/// To add a format (OWID, ITU DataHub, UN E-Government, UN SDG, GCI, COINr…):
/// 1. its case is already in ``DataFormat`` and its header signature in ``FormatDetection/signature(_:_:)``;
///    `detect` can return that signature;
/// 2. write `struct XReader: DatasetReader` in `Datasets/Readers/`, following ``TidyReader`` (long) or
///    ``WorldBankReader`` (wide): read the header with `scanner.nextRecord()` / `scanner.strings()`, call
///    `sink.setHeader`, find columns with `ReaderSupport.column(_:_:)` (throw `ReaderSupport.missingColumn` when
///    a required one is absent), then per record: `sink.recordRead()`, `ReaderSupport.checkRecord` (ragged rows,
///    invalid UTF-8), intern unit and indicator texts with ``ByteInterner`` and declare new ones through
///    ``ObservationSink/unit(_:column:)`` / ``ObservationSink/indicator(_:)``, parse years with
///    `ReaderSupport.year` and values with `ReaderSupport.value` (numbers, missing markers, located errors), and
///    call ``ObservationSink/observe(unit:indicator:year:value:line:column:)``;
/// 3. list it in ``DatasetReaders/all`` (and, for a large-file format, in `DataLoader.read`'s concrete switch);
/// 4. test it on the shipped file and on malformed input, checking the messages.
///
/// Detection confidence conventions: 1.0 for an exact signature (required columns with distinctive names),
/// 0.5–0.9 for a plausible match by aliases, 0 when it is not this format.
public protocol DatasetReader: Sendable {
    /// The format this reader reads.
    var format: DataFormat { get }
    /// How confident the reader is, in 0...1, that `sample` is its format.
    func detect(_ sample: HeaderSample) -> Double
    /// Reads the whole file from `scanner` (positioned at its start), streaming observations into `sink`.
    ///
    /// Problems with single values or records go to the sink and reading goes on; only fatal problems (a missing
    /// required column, an unterminated quote, an I/O error) throw.
    func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError)
}

/// The registry of readers, and detection over all formats.
public enum DatasetReaders {
    /// Every implemented reader. A format absent here is recognised (``FormatDetection``) but not read.
    public static let all: [any DatasetReader] = [
        TidyReader(), WorldBankReader(), WorldBankIndicatorMetadataReader(), SDMXReader(),
        OWIDReader(), ITUReader(), UNEGovReader(), UNSDGReader(), GCIReader(), CoinrDataReader(), CoinrMetaReader(),
        EconomyTableReader(),
    ]

    /// The reader for `format`.
    ///
    /// - Throws: ``DivideError`` `.unsupportedFormat` when the format has no reader yet.
    public static func reader(for format: DataFormat, file: String? = nil) throws(DivideError) -> any DatasetReader {
        if let reader = all.first(where: { $0.format == format }) { return reader }
        throw DivideError(
            .unsupportedFormat, at: file.map { SourceLocation(file: $0) }, expected: "a format with a reader",
            found: "format \(format.rawValue), which is recognised but not supported yet",
            hint: "supported: " + all.map(\.format.rawValue).joined(separator: ", "))
    }
}
