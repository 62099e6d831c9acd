/// Every file format the data layer knows, whether or not its reader exists yet.
///
/// A format is recognised from the header (see ``FormatDetection``) or forced by the user (`--format`). A format
/// whose reader is not implemented yet gives a ``DivideError/Reason/unsupportedFormat`` error and is listed as
/// skipped in the load report: it is never misread by another reader.
public enum DataFormat: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Tidy long CSV: `country,year,indicator,value` (+ `unit,source,note`), header names case-insensitive with
    /// aliases; also the benchmark interchange `unit,indicator,year,value`.
    case tidy
    /// World Bank WDI download `API_<code>_DS2_…csv`: preamble, then `Country Name, Country Code, Indicator Name,
    /// Indicator Code, 1960, …` (wide years).
    case worldBank = "world-bank"
    /// World Bank `Metadata_Country_*.csv`: `Country Code, Region, IncomeGroup, SpecialNotes, TableName`.
    case worldBankCountryMetadata = "world-bank-country-metadata"
    /// World Bank `Metadata_Indicator_*.csv`: `INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION`.
    case worldBankIndicatorMetadata = "world-bank-indicator-metadata"
    /// Our World in Data grapher CSV: `Entity, Code, Year, <value columns…>`.
    case owid
    /// ITU DataHub export: `seriesCode, entityIso, dataValue, dataYear, dataNote, dataSource, …`.
    case itu
    /// SDMX-CSV 1.0/2.0: `DATAFLOW` (or `STRUCTURE`, `STRUCTURE_ID`), `REF_AREA`, `TIME_PERIOD`, `OBS_VALUE`, ….
    case sdmx
    /// UN E-Government Survey data: `Survey Year, Country Name, E-Government Rank, E-Government Index, …`.
    case unEGov = "un-egov"
    /// UN SDG Global Database export: `SeriesCode, GeoAreaCode, GeoAreaName, TimePeriod, Value, …`.
    case unSDG = "un-sdg"
    /// ITU Global Cybersecurity Index, wide: `country, legal, technical, …, gci, iso3, year`.
    case gci
    /// A publisher's table of economies, as ITU and the UN publish in Excel: title rows, then a header with an
    /// `Economy` (or `Country`) column and either one column per year (notes columns between them) or a `Latest
    /// year` column and breakdown columns under group headers (`Gender: Male, Female`, `Urban: Total, …`).
    case economyTable = "economy-table"
    /// COINr `iData` written by R's `write.csv`: `uCode, uName, [group columns], [Time], <indicators…>`.
    case coinrData = "coinr-data"
    /// COINr `iMeta`: `iCode, iName, Direction, Level, Weight, Type, Parent, …`.
    case coinrMeta = "coinr-meta"

    public var description: String { rawValue }

    public static func < (lhs: DataFormat, rhs: DataFormat) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether files of this format hold observations (as opposed to metadata about indicators or units).
    public var holdsObservations: Bool {
        switch self {
        case .worldBankCountryMetadata, .worldBankIndicatorMetadata, .coinrMeta: false
        default: true
        }
    }
}
