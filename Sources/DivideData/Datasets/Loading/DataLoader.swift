#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A panel and the report of how it was loaded.
public struct LoadResult: Sendable {
    public var panel: Panel
    public var report: LoadReport
}

/// Loads files or a directory of files into one ``Panel``, detecting each file's format.
///
/// Nothing is silently dropped: each file gets a ``FileReport``; files of formats without a reader yet are listed as
/// skipped with the reason (a warning, an error under `strict`); World Bank country metadata (a
/// `Metadata_Country_*.csv` file or the "Metadata - Countries" sheet of an Excel download) holds no observations: its
/// regions and income groups are read into ``FileReport/classification``, its problems reported like any file's;
/// unreadable files and files of unknown format are errors.
public struct DataLoader: Sendable {
    public var options: LoadOptions

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
    }

    /// Folders under the data directory that hold no observations and are not loaded.
    public static let skippedFolders: Set<String> = ["frameworks", "reference", "examples"]

    /// Loads every data file (`.csv`, `.xlsx`, `.xls`) under `directory` (default `Data`), recursively and in sorted
    /// order, skipping the top-level folders `frameworks`, `reference` and `examples`.
    ///
    /// - Throws: ``DivideError`` `.unreadableFile` when `directory` cannot be listed, `.unknownFormat` when it holds
    ///   no data file.
    public func load(directory: String = "Data") throws(DivideError) -> LoadResult {
        load(files: try DataLoader.dataFiles(in: directory))
    }

    /// Loads `files` in order.
    public func load(files: [String]) -> LoadResult {
        let builder = PanelBuilder(options: options)
        var report = LoadReport()
        for path in files {
            report.files.append(contentsOf: loadReports(path, into: builder))
        }
        return LoadResult(panel: builder.build(), report: report)
    }

    /// The most a pipe or FIFO may deliver (2 GiB): it is read once into memory, since format detection must look
    /// at its start before the reader reads it all.
    public static let maxStreamBytes = 1 << 31

    /// Loads one file into `builder` and returns its reports: one for a CSV file, one per sheet for an Excel workbook
    /// (`.xlsx`, `.xls`), each sheet named `book.xlsx[Sheet]` in reports and errors, its lines and columns the
    /// sheet's rows and columns. Each sheet goes through the same format detection and readers as a CSV file
    /// (`Workbook`). Sheets that no format recognises (notes, contents) are listed as skipped when another sheet
    /// holds data; a workbook none of whose sheets is recognised is one `unknownFormat` error naming its sheets.
    public func loadReports(_ path: String, into builder: PanelBuilder) -> [FileReport] {
        guard let kind = Workbook.kind(path: path) else {
            return [load(path, into: builder)]
        }
        let sheets: [Worksheet]
        do {
            sheets = try Workbook.sheets(path: path, kind: kind)
        } catch {
            return [failed(path, nil, error)]
        }
        var reports: [FileReport] = []
        var unrecognised: [(index: Int, header: String)] = []
        for sheet in sheets {
            let name = "\(path)[\(sheet.name)]"
            let bytes = sheet.csv()
            if bytes.allSatisfy({ $0 == 0x0A }) {
                var report = FileReport(file: name, format: nil, confidence: 0)
                report.workbook = path
                report.skippedReason = "empty sheet"
                reports.append(report)
                continue
            }
            var report = load(bytes: bytes, name: name, into: builder)
            report.workbook = path
            if report.format == nil, report.rejected[.unknownFormat] != nil {
                let header = sheet.rows.first { $0.contains { !$0.isEmpty } }?.filter { !$0.isEmpty }.prefix(6)
                    .map { DivideError.quote($0) }.joined(separator: ",") ?? ""
                unrecognised.append((reports.count, "\(DivideError.quote(sheet.name)) (\(header))"))
            }
            reports.append(report)
        }
        let read = reports.filter { $0.format != nil }
        if read.isEmpty {
            let found = sheets.isEmpty ? "no sheets"
                : "sheets " + unrecognised.map(\.header).joined(separator: "; ")
            return [failed(path, nil, DivideError(
                .unknownFormat, at: SourceLocation(file: path),
                expected: "a sheet with a header of a known format (" + DataFormat.allCases.map(\.rawValue)
                    .joined(separator: ", ") + ")",
                found: found,
                hint: "give the format instead of detecting it (LoadOptions.format; divide: --input-format)"))]
        }
        for (index, _) in unrecognised {
            var report = FileReport(file: reports[index].file, format: nil, confidence: 0)
            report.workbook = path
            report.skippedReason = "sheet not recognised as data (notes or contents?); not read"
            reports[index] = report
        }
        return reports
    }

    /// Loads one file into `builder` and returns its report.
    ///
    /// A regular file is read from disk (twice: its start for format detection, then whole). A pipe or FIFO
    /// (`<(…)`, `/dev/stdin`) is read once, as a stream, into memory (at most ``maxStreamBytes``), so detection
    /// loses no bytes. A folder, a device (`/dev/zero` never ends) or a socket is refused with the reason.
    public func load(_ path: String, into builder: PanelBuilder) -> FileReport {
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFIFO:
                do {
                    return load(bytes: try Self.readStream(path), name: path, into: builder)
                } catch {
                    return failed(path, nil, error)
                }
            default:
                let kind = status.st_mode & S_IFMT
                let found = kind == S_IFDIR ? "a folder" : kind == S_IFSOCK ? "a socket" : "a device"
                return failed(path, nil, DivideError(
                    .unreadableFile, at: SourceLocation(file: path), expected: "a data file, a pipe or a FIFO",
                    found: found, hint: kind == S_IFDIR ? "a folder's CSV files are listed by csvFiles(in:)" : nil))
            }
        }
        return load(named: path, into: builder) { (chunkSize: Int?) throws(DivideError) in
            if let chunkSize { return try CSVScanner(path: path, chunkSize: chunkSize) }
            return try CSVScanner(path: path)
        }
    }

    /// Loads one file's bytes, already in memory, into `builder` exactly as ``load(_:into:)`` loads a file (format
    /// detection, the reader, validation), naming it `name` in reports and errors. The fuzz harness and its
    /// regression tests use this entry point.
    public func load(bytes: [UInt8], name: String, into builder: PanelBuilder) -> FileReport {
        load(named: name, into: builder) { (_: Int?) throws(DivideError) in CSVScanner(bytes: bytes, name: name) }
    }

    /// The one loading path: `makeScanner(chunkSize)` opens the input afresh (a small chunk size for the header
    /// sample, `nil` for the default).
    private func load(
        named path: String, into builder: PanelBuilder,
        makeScanner: (Int?) throws(DivideError) -> CSVScanner
    ) -> FileReport {
        let format: DataFormat
        let confidence: Double
        if let forced = options.format {
            format = forced
            confidence = 1
        } else {
            let sample: HeaderSample
            do {
                sample = try FormatDetection.sample(makeScanner(64 * 1024))
            } catch {
                return failed(path, nil, error)
            }
            guard let detected = FormatDetection.detect(sample) else {
                if let looks = InputFile.head(path).flatMap(InputFile.looksLike) {
                    return failed(path, nil, DivideError(
                        .unknownFormat, at: SourceLocation(file: path, line: 1), expected: "a data file (CSV text or an Excel workbook)",
                        found: looks.what, hint: looks.hint))
                }
                let header = sample.records.first?.fields.prefix(8).map { DivideError.quote($0) }
                    .joined(separator: ",") ?? "an empty file"
                return failed(
                    path, nil,
                    DivideError(
                        .unknownFormat, at: SourceLocation(file: path, line: sample.records.first?.line),
                        expected: "a header of a known format (" + DataFormat.allCases.map(\.rawValue)
                            .joined(separator: ", ") + ")",
                        found: header,
                        hint: "give the format instead of detecting it (LoadOptions.format; divide: --input-format)"))
            }
            (format, confidence) = detected
            // Two columns of the same name: which one a reader takes is a guess, so the file is refused. (Spaces
            // around a name do not count; the names are compared as slices of the header, without copies.)
            // A GCI multi-edition table repeats "Global Rank" by design; its reader reads columns by position.
            if let header = sample.records.first, format != .gci {
                var seen = Set<Substring>(minimumCapacity: header.fields.count)
                for (j, field) in header.fields.enumerated() {
                    let current = Self.trimmed(field)
                    guard !current.isEmpty, !seen.insert(current).inserted else { continue }
                    let first = header.fields.firstIndex { Self.trimmed($0) == current } ?? j
                    return failed(path, format, DivideError(
                        .duplicateEntry, at: SourceLocation(file: path, line: header.line, column: j + 1,
                                                            columnName: String(current)),
                        expected: "each column named once",
                        found: "\(DivideError.quote(String(current))) in columns \(first + 1) and \(j + 1)",
                        hint: "rename or remove one of them"))
                }
            }
        }
        if format == .worldBankCountryMetadata {
            // Regions and income groups, not observations: read whole here, so that a problem is reported now with
            // its location (WorldBankClassification.newest(among:) merges the classifications of a load).
            var report = FileReport(file: path, format: format, confidence: confidence)
            do {
                (report.classification, report.records) = try WorldBankClassification.read(makeScanner(nil))
            } catch {
                return failed(path, format, error)
            }
            return report
        }
        let reader: any DatasetReader
        do {
            reader = try DatasetReaders.reader(for: format, file: path)
        } catch {
            return skipped(path, format, confidence, "no reader for format \(format.rawValue) yet", error: error)
        }
        let sink = builder.beginFile(path, format: format, confidence: confidence)
        do {
            let scanner = try makeScanner(nil)
            // Concrete calls let the compiler specialise the hot loops for `FileSink` (through the existential
            // `any DatasetReader` they would call the sink through witness tables).
            switch reader {
            case let tidy as TidyReader: try tidy.read(scanner, into: sink)
            case let worldBank as WorldBankReader: try worldBank.read(scanner, into: sink)
            default: try reader.read(scanner, into: sink)
            }
        } catch {
            sink.reject(error)
        }
        return builder.endFile(sink)
    }

    /// `field` without the spaces and tabs around it, as a slice (no copy).
    private static func trimmed(_ field: String) -> Substring {
        var slice = field[...]
        while let c = slice.first, c == " " || c == "\t" { slice.removeFirst() }
        while let c = slice.last, c == " " || c == "\t" { slice.removeLast() }
        return slice
    }

    /// Reads a pipe or FIFO to its end (at most ``maxStreamBytes``).
    package static func readStream(_ path: String) throws(DivideError) -> [UInt8] {
        try InputFile.readAll(path, limit: maxStreamBytes, what: "a readable pipe",
                              tooLarge: "at most \(maxStreamBytes >> 30) GiB from a pipe",
                              hint: "save the data to a file and read that")
    }

    private func failed(_ path: String, _ format: DataFormat?, _ error: DivideError) -> FileReport {
        var report = FileReport(file: path, format: format, confidence: 0)
        report.skippedReason = error.description
        report.rejected[error.reason] = 1
        report.problems.append(LoadProblem(severity: .error, error: error))
        return report
    }

    private func skipped(
        _ path: String, _ format: DataFormat, _ confidence: Double, _ reason: String, error problem: DivideError
    ) -> FileReport {
        var report = FileReport(file: path, format: format, confidence: confidence)
        report.skippedReason = reason
        let severity: Severity = options.strict ? .error : .warning
        if severity == .error { report.rejected[problem.reason] = 1 } else { report.warnings[problem.reason] = 1 }
        report.problems.append(LoadProblem(severity: severity, error: problem))
        return report
    }

    /// The extensions of the files a folder contributes: CSV and Excel workbooks.
    public static let dataExtensions = [".csv", ".xlsx", ".xlsm", ".xls"]

    /// The data files (``dataExtensions``) under `directory`, recursively, sorted, without the ``skippedFolders`` at
    /// its top level.
    ///
    /// - Throws: ``DivideError`` `.unreadableFile` when the folder cannot be listed, and `.unknownFormat` when it
    ///   holds no data file at all (naming what it does hold), so that a folder of nothing readable is an error,
    ///   never "0 files, OK".
    public static func dataFiles(in directory: String) throws(DivideError) -> [String] {
        var result: [String] = []
        try collect(directory, topLevel: true, extensions: dataExtensions, into: &result)
        if result.isEmpty {
            var everything: [String] = []
            try collect(directory, topLevel: true, extensions: nil, into: &everything)
            let names = everything.sorted().prefix(5).map { DivideError.quote(String($0.split(separator: "/").last ?? "")) }
            throw DivideError(
                .unknownFormat, at: SourceLocation(file: directory),
                expected: "a folder holding data files (.csv, .xlsx, .xls)",
                found: everything.isEmpty ? "no files" : "\(everything.count) other files ("
                    + names.joined(separator: ", ") + (everything.count > 5 ? ", …" : "") + ")",
                hint: "name the files themselves to read them with a forced format (--input-format)")
        }
        return result.sorted()
    }

    /// The `.csv` files under `directory`, recursively, sorted, without the ``skippedFolders`` at its top level.
    public static func csvFiles(in directory: String) throws(DivideError) -> [String] {
        var result: [String] = []
        try collect(directory, topLevel: true, extensions: [".csv"], into: &result)
        return result.sorted()
    }

    /// Adds the files under `directory` whose names end with one of `extensions` (any file when `nil`).
    private static func collect(
        _ directory: String, topLevel: Bool, extensions: [String]?, into result: inout [String]
    ) throws(DivideError) {
        guard let handle = opendir(directory) else {
            throw DivideError(
                .unreadableFile, at: SourceLocation(file: directory), expected: "a readable directory",
                found: String(cString: strerror(errno)))
        }
        defer { closedir(handle) }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            entries.append((name, (info.st_mode & S_IFMT) == S_IFDIR))
        }
        for (name, isDirectory) in entries {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory {
                if topLevel && skippedFolders.contains(name) { continue }
                try collect(path, topLevel: false, extensions: extensions, into: &result)
            } else if let extensions {
                let lower = name.lowercased()
                if extensions.contains(where: { lower.hasSuffix($0) }) { result.append(path) }
            } else {
                result.append(path)
            }
        }
    }
}
