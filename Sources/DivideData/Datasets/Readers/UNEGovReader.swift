/// Reads the UN E-Government Survey CSV (UN DESA egovkb Data Center download), in both shipped header styles:
/// the official `Survey Year, Country Name, E-Government Rank, E-Government Index, E-Participation Index,
/// Online Service Index, Human Capital Index, Telecommunication Infrastructure Index` (2018–2022), and the renamed
/// `Survey Year, Country, Rank, E_Index, E_Participation, Online_Service, Human_Capital, Tele_Infra, Region` (2024
/// copy). Header names are matched ignoring case, spaces, hyphens and underscores.
///
/// Indicators (all optional, at least one required), with their scales:
/// - `EGOV.EGDI` E-Government Development Index, 0–1; EGDI = (OSI + HCI + TII) / 3 (UN DESA, E-Government
///   Survey, technical appendix);
/// - `EGOV.EPI` E-Participation Index, `EGOV.OSI` Online Service Index, `EGOV.HCI` Human Capital Index,
///   `EGOV.TII` Telecommunication Infrastructure Index, each 0–1;
/// - `EGOV.RANK` the EGDI rank among the 193 UN Member States: 1 is best, **lower is better** (said in the
///   indicator's name and definition, as ``IndicatorInfo`` has no direction field).
/// The unit is the country name as the UN writes it (trailing spaces and quotes are the resolver's business); the
/// year is `Survey Year`. Other columns (`Region`) are ignored.
public struct UNEGovReader: DatasetReader {
    public init() {}

    public var format: DataFormat { .unEGov }

    public func detect(_ sample: HeaderSample) -> Double {
        FormatDetection.signature(.unEGov, sample)
    }

    /// Each indicator: its code, name, unit and the header names (compacted) that hold it.
    package static let indicators: [(info: IndicatorInfo, headers: [String])] = [
        (IndicatorInfo(code: "EGOV.EGDI", name: "E-Government Development Index", unit: "index (0-1)"),
            ["egovernmentindex", "eindex", "egdi", "egovernmentdevelopmentindex"]),
        (IndicatorInfo(code: "EGOV.EPI", name: "E-Participation Index", unit: "index (0-1)"),
            ["eparticipationindex", "eparticipation", "epi"]),
        (IndicatorInfo(code: "EGOV.OSI", name: "Online Service Index", unit: "index (0-1)"),
            ["onlineserviceindex", "onlineservice", "osi"]),
        (IndicatorInfo(code: "EGOV.HCI", name: "Human Capital Index", unit: "index (0-1)"),
            ["humancapitalindex", "humancapital", "hci"]),
        (IndicatorInfo(code: "EGOV.TII", name: "Telecommunication Infrastructure Index", unit: "index (0-1)"),
            ["telecommunicationinfrastructureindex", "teleinfra", "tii"]),
        (IndicatorInfo(
            code: "EGOV.RANK", name: "E-Government Development Index rank (1 = best; lower is better)",
            unit: "rank",
            definition: "Rank of the EGDI among UN Member States; 1 is the highest EGDI, so lower is better."),
            ["egovernmentrank", "rank", "egdirank"]),
    ]

    /// A header name with case, spaces, hyphens and underscores removed.
    package static func compact(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" && $0 != "\t" })
    }

    public func read<Sink: ObservationSink>(_ scanner: CSVScanner, into sink: Sink) throws(DivideError) {
        guard try scanner.nextRecord() else { return }
        let header = scanner.strings()
        let headerLine = scanner.recordLine
        sink.setHeader(header)
        let compacted = header.map(UNEGovReader.compact)
        guard let yearColumn = compacted.firstIndex(of: "surveyyear"),
            let countryColumn = compacted.firstIndex(of: "countryname") ?? compacted.firstIndex(of: "country")
        else {
            throw ReaderSupport.missingColumn(
                "Survey Year and Country Name", file: sink.fileName, line: headerLine, header: header)
        }
        var columns: [(index: Int, handle: IndicatorHandle)] = []
        for (info, headers) in UNEGovReader.indicators {
            if let index = compacted.firstIndex(where: { headers.contains($0) }) {
                columns.append((index, sink.indicator(info)))
            }
        }
        guard !columns.isEmpty else {
            throw ReaderSupport.missingColumn(
                "E-Government Index (or another index column)", file: sink.fileName, line: headerLine, header: header)
        }
        sink.setYearColumn(yearColumn + 1)
        sink.setPublisher("UN DESA E-Government Survey")
        let width = header.count
        var countries = ByteInterner()
        var countryHandles: [UnitHandle] = []
        while try scanner.nextRecord() {
            sink.recordRead()
            guard ReaderSupport.checkRecord(scanner, expected: width, into: sink) else { continue }
            let line = scanner.recordLine
            let (id, isNew) = countries.intern(scanner.field(countryColumn))
            if isNew { countryHandles.append(sink.unit(countries.text(id), column: countryColumn + 1)) }
            let unit = countryHandles[Int(id)]
            guard let year = ReaderSupport.year(scanner.field(yearColumn)) else {
                ReaderSupport.rejectYear(scanner, field: yearColumn, into: sink)
                continue
            }
            for (index, indicator) in columns {
                ReaderSupport.value(scanner, field: index, into: sink) { value in
                    sink.observe(unit: unit, indicator: indicator, year: year, value: value, line: line, column: index + 1)
                }
            }
        }
    }
}
