/// Recognises a file's ``DataFormat`` from its first records (and, for World Bank files, its name).
///
/// Every format in ``DataFormat`` has a signature here, including those without a reader yet, so such files are
/// reported as "recognised, not supported yet" rather than misread. Signatures (header names compared trimmed and
/// case-insensitively):
/// - `worldBank`: a record starting `Country Name, Country Code, Indicator Name, Indicator Code` within the first 8;
/// - `worldBankCountryMetadata`: `Country Code, Region, IncomeGroup`; `worldBankIndicatorMetadata`:
///   `INDICATOR_CODE, INDICATOR_NAME`;
/// - `sdmx`: an area column (`REF_AREA`, `geo`, `LOCATION`…), `TIME_PERIOD` (or `TIME`), `OBS_VALUE` (or `Value`)
///   and `DATAFLOW` or `STRUCTURE_ID` (labels such as `REF_AREA: Reference area` allowed), or an OECD archive
///   export's `LOCATION`/`COU` with `TIME` and `Value` (0.9; see ``SDMXReader``);
/// - `itu`: `seriesCode, entityIso, dataValue, dataYear`; `owid`: first three columns `Entity, Code, Year` (or
///   `Day`);
/// - `unEGov`: `Survey Year` and `Country Name` or `Country`; `unSDG`: `SeriesCode, GeoAreaCode, TimePeriod, Value`;
/// - `gci`: `iso3`, `year`, `gci`; `coinrData`: `uCode` and `uName`; `coinrMeta`: `iCode` and `iName`;
/// - `tidy`: see ``TidyReader``.
///
/// A registered reader's own `detect` replaces its format's signature: ``GCIReader`` also claims the GCI 2020 long
/// shape (`cc_iso3c,ref_year,variable,value` with `gci_*` variables, confidence 1, over tidy's 0.8);
/// ``CoinrDataReader`` needs only `uCode` (COINr's one required column); ``CoinrMetaReader`` wants `iCode` with
/// `Type` and `Level` or `Parent`.
public enum FormatDetection {
    /// How many records are sampled.
    public static let sampleSize = 8

    /// The best format for `sample` with its confidence, or `nil` when nothing matches.
    public static func detect(_ sample: HeaderSample) -> (format: DataFormat, confidence: Double)? {
        var best: (format: DataFormat, confidence: Double)?
        // The publishers' exact signatures first (a match of 1 cannot be beaten: stop there); the economy-table
        // heuristic, which reads every record of the sample, only when none of them matched as well as it can (0.7).
        for format in DataFormat.allCases where format != .economyTable {
            let confidence = confidence(format, sample)
            if confidence > 0 && confidence > (best?.confidence ?? 0) { best = (format, confidence) }
            if confidence >= 1 { return best }
        }
        if (best?.confidence ?? 0) < 0.7 {
            let confidence = confidence(.economyTable, sample)
            if confidence > 0 && confidence > (best?.confidence ?? 0) { best = (.economyTable, confidence) }
        }
        return best
    }

    /// Reads the first ``sampleSize`` records of a file as a ``HeaderSample``.
    public static func sample(path: String, name: String? = nil) throws(DivideError) -> HeaderSample {
        let scanner = try CSVScanner(path: path, name: name, chunkSize: 64 * 1024)
        return try sample(scanner)
    }

    /// Reads the first ``sampleSize`` records from `scanner`. An unterminated quote in the sample ends the sample.
    public static func sample(_ scanner: CSVScanner) throws(DivideError) -> HeaderSample {
        var records: [CSVRecord] = []
        while records.count < sampleSize {
            do {
                guard try scanner.nextRecord() else { break }
            } catch where error.reason == .unterminatedQuote {
                break
            }
            records.append(CSVRecord(line: scanner.recordLine, fields: scanner.strings()))
        }
        return HeaderSample(fileName: scanner.fileName, records: records)
    }

    /// The confidence that `sample` is `format`, in 0...1.
    public static func confidence(_ format: DataFormat, _ sample: HeaderSample) -> Double {
        if let reader = DatasetReaders.all.first(where: { $0.format == format }) { return reader.detect(sample) }
        return signature(format, sample)
    }

    /// The header signature of every format, used by readers' `detect` and for formats without a reader.
    public static func signature(_ format: DataFormat, _ sample: HeaderSample) -> Double {
        let first = sample.records.first?.fields.map { $0.trimmingSpaces().lowercased() } ?? []
        let names = Set(first)
        func has(_ required: [String]) -> Bool { required.allSatisfy { names.contains($0) } }
        switch format {
        case .worldBank:
            return sample.headerRecord(containing: ["country name", "country code", "indicator name", "indicator code"])
                != nil ? 1 : 0
        case .worldBankCountryMetadata:
            return has(["country code", "region", "incomegroup"]) ? 1 : 0
        case .worldBankIndicatorMetadata:
            return has(["indicator_code", "indicator_name"]) ? 1 : 0
        case .sdmx:
            return SDMXReader().detect(sample)
        case .itu:
            return has(["seriescode", "entityiso", "datavalue", "datayear"]) ? 1 : 0
        case .owid:
            return first.count >= 4 && first[0] == "entity" && first[1] == "code"
                && (first[2] == "year" || first[2] == "day") ? 1 : 0
        case .unEGov:
            return has(["survey year"]) && (names.contains("country name") || names.contains("country")) ? 1 : 0
        case .unSDG:
            return has(["seriescode", "geoareacode", "timeperiod", "value"]) ? 1 : 0
        case .gci:
            return has(["iso3", "year", "gci"]) ? 1 : 0
        case .coinrData:
            return has(["ucode", "uname"]) ? 1 : 0
        case .economyTable:
            return EconomyTableReader().detect(sample)
        case .coinrMeta:
            return has(["icode", "iname"]) ? 1 : 0
        case .tidy:
            return TidyReader().detect(sample)
        }
    }
}
