/// Builds a ``Panel`` from any number of files: resolves units, checks values, detects conflicts, keeps provenance.
///
/// Use: `let sink = builder.beginFile(name, format:)`, let a reader stream into `sink`, then
/// `builder.endFile(sink)` returns the file's ``FileReport``; finally ``build()``. ``DataLoader`` does all this.
public final class PanelBuilder {
    public let options: LoadOptions

    package let storage: CellStorage
    @exclusivity(unchecked) package private(set) var unitKeys: [String] = []
    @exclusivity(unchecked) private var unitIndex: [String: Int32] = [:]
    @exclusivity(unchecked) package private(set) var indicatorInfos: [IndicatorInfo] = []
    @exclusivity(unchecked) private var indicatorIndex: [String: Int32] = [:]
    @exclusivity(unchecked) private var resolutions: [String: UnitResolution] = [:]
    @exclusivity(unchecked) package private(set) var files: [SourceFile] = []
    @exclusivity(unchecked) private var nextRowBase: UInt64 = 0
    /// Global row ids of the values their file marks as estimates (``ObservationSink/markEstimate(line:)``).
    @exclusivity(unchecked) package var estimatedRows: Set<UInt32> = []
    /// Years with at least one value.
    @exclusivity(unchecked) package private(set) var yearsSeen: ClosedRange<Int>?

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
        storage = CellStorage(tracksRows: options.tracksProvenance)
    }

    /// Starts a file: observations streamed into the returned sink go into the panel.
    public func beginFile(_ name: String, format: DataFormat, confidence: Double = 1) -> FileSink {
        let base = UInt32(truncatingIfNeeded: min(nextRowBase, UInt64(UInt32.max)))
        files.append(SourceFile(name: name, format: format, vintage: nil, publisher: nil, firstRowID: base))
        return FileSink(builder: self, fileIndex: files.count - 1, rowBase: nextRowBase, name: name, format: format,
            confidence: confidence)
    }

    /// Finishes a file and returns its report.
    public func endFile(_ sink: FileSink) -> FileReport {
        nextRowBase += UInt64(max(sink.maxLine, 0))
        if let vintage = sink.report.vintage { files[sink.fileIndex].vintage = vintage }
        if let publisher = sink.publisher { files[sink.fileIndex].publisher = publisher }
        return sink.finishReport()
    }

    /// The panel of everything loaded so far. The builder must not be used afterwards.
    public func build() -> Panel {
        let years = yearsSeen.map { Array($0) } ?? []
        if let yearsSeen {
            // Units and indicators declared without any value still get (missing) cells.
            try? storage.ensure(indicators: indicatorInfos.count, units: unitKeys.count, years: yearsSeen)
        }
        storage.compact(indicators: indicatorInfos.count, units: unitKeys.count, years: yearsSeen)
        var valueSources: [Int: [Int: String]] = [:]
        for (file, sources) in fileIndicatorSources {
            for (indicator, source) in sources { valueSources[file, default: [:]][Int(indicator)] = source }
        }
        return Panel(units: unitKeys, indicators: indicatorInfos, years: years, files: files, storage: storage,
                     estimatedRows: estimatedRows, valueSources: valueSources, rowSources: rowSources)
    }

    // MARK: - Used by FileSink

    package func resolve(_ text: String) -> UnitResolution {
        if let known = resolutions[text] { return known }
        let resolution: UnitResolution
        switch options.unitPolicy {
        case .verbatim: resolution = .economy(iso3: text)
        case .resolve(let resolver): resolution = resolver.resolve(text)
        }
        resolutions[text] = resolution
        return resolution
    }

    package func globalUnit(_ key: String) -> Int32 {
        if let index = unitIndex[key] { return index }
        let index = Int32(unitKeys.count)
        unitKeys.append(key)
        unitIndex[key] = index
        return index
    }

    package func globalIndicator(_ info: IndicatorInfo) -> Int32 {
        if let index = indicatorIndex[info.code] {
            indicatorInfos[Int(index)].merge(info)
            return index
        }
        let index = Int32(indicatorInfos.count)
        indicatorInfos.append(info)
        indicatorIndex[info.code] = index
        return index
    }

    package func isShare(_ indicator: Int32) -> Bool { indicatorInfos[Int(indicator)].isShare }
    package func publisher(_ indicator: Int32) -> String? { indicatorInfos[Int(indicator)].source }

    /// The outcome of placing one value.
    package enum Placement {
        case placed
        case agreed
        /// The new value replaced `existing` (from `rowID`) by preference.
        case overrode(existing: Double, rowID: UInt32)
        /// The new value lost to `existing` (from `rowID`) by preference.
        case lost(existing: Double, rowID: UInt32)
        case conflict(existing: Double, rowID: UInt32)
        case failed(DivideError)
    }

    /// Puts a value in its cell, checking for a conflict with a value already there.
    @inline(__always)
    package func place(unit: Int32, indicator: Int32, year: Int, value: Double, rowID: UInt32, fileIndex: Int) -> Placement {
        let u = Int(unit)
        let i = Int(indicator)
        let held = storage.yearStride > 0 && year >= storage.yearBase && year < storage.yearBase + storage.yearStride
        if !held || u >= storage.liveUnits || i >= storage.liveIndicators {
            let years = yearsSeen.map { min($0.lowerBound, year)...max($0.upperBound, year) } ?? year...year
            if years.count > LoadOptions.maxYearSpan {
                return .failed(
                    DivideError(
                        .limitExceeded, expected: "years spanning at most \(LoadOptions.maxYearSpan) years",
                        found: "\(years.lowerBound)–\(years.upperBound)"))
            }
            do {
                try storage.ensure(indicators: i + 1, units: u + 1, years: years)
            } catch {
                return .failed(error)
            }
        }
        if let seen = yearsSeen {
            if year < seen.lowerBound || year > seen.upperBound {
                yearsSeen = min(seen.lowerBound, year)...max(seen.upperBound, year)
            }
        } else {
            yearsSeen = year...year
        }
        let index = storage.index(indicator: i, unit: u, year: year)
        if storage.isPresent(index) {
            let existing = storage.values[index]
            if existing == value { return .agreed }
            // Without provenance the earlier value's file is unknown: the prefer policy cannot rank it.
            guard storage.tracksRows else { return .conflict(existing: existing, rowID: 0) }
            let existingRow = storage.rowID(at: index)
            let newRank = rank(fileIndex, indicator: indicator, rowID: rowID)
            let oldRank = Panel.decodeIndex(rowID: existingRow, files: files).map {
                rank($0, indicator: indicator, rowID: existingRow)
            }
                ?? Int.max
            if newRank < oldRank {
                storage.values[index] = value
                storage.setRowID(rowID, at: index)
                return .overrode(existing: existing, rowID: existingRow)
            }
            if oldRank < newRank { return .lost(existing: existing, rowID: existingRow) }
            return .conflict(existing: existing, rowID: existingRow)
        }
        storage.values[index] = value
        storage.setRowID(rowID, at: index)
        return .placed
    }

    package func location(ofRow rowID: UInt32) -> String {
        guard rowID != 0, let (file, line) = Panel.decode(rowID: rowID, files: files) else {
            return "a value loaded earlier"
        }
        return "\(file.name):\(line)"
    }

    /// The preference rank of the value of `indicator` at `rowID` of file `fileIndex` (0 = strongest), by its own
    /// source: its row's, else its file's for the indicator, else the file's publisher (as provenance reports it).
    private func rank(_ fileIndex: Int, indicator: Int32, rowID: UInt32) -> Int {
        let file = files[fileIndex]
        let own = rowSources[rowID] ?? fileIndicatorSources[fileIndex]?[indicator]
        let publisher = (own?.isEmpty == false ? own : nil) ?? sinkPublishers[fileIndex] ?? file.publisher
            ?? indicatorInfos[Int(indicator)].source
        return options.prefer.rank(file: file.name, format: file.format, publisher: publisher)
    }

    /// Per file index: the source each indicator's values in that file carry (``Panel/provenance(unit:indicator:year:)``).
    @exclusivity(unchecked) package var fileIndicatorSources: [Int: [Int32: String]] = [:]

    /// Per row id: the source a row names when it differs from its file's source for the indicator (tidy files whose
    /// `source` column changes within an indicator; "" for a row that names none).
    @exclusivity(unchecked) package var rowSources: [UInt32: String] = [:]

    /// Publishers stated by files still being read (copied to `files` at `endFile`).
    @exclusivity(unchecked) package var sinkPublishers: [Int: String] = [:]
}
