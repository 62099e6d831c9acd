/// How unit texts (country names and codes) become panel units.
public enum UnitPolicy: Sendable {
    /// Resolve every unit text through a ``UnitResolving`` (normally the country registry): names and codes of one
    /// economy become one unit keyed by ISO3; aggregates are set aside; unknown texts are rejected with suggestions.
    case resolve(any UnitResolving)
    /// Keep unit texts as they are (after trimming spaces): for data whose units are arbitrary codes, such as the
    /// benchmark's integer units or COINr `uCode`s.
    case verbatim
}

/// Which source wins when two files give different values for the same cell (CLI `--prefer`).
///
/// Each pattern is matched, ignoring case, as a substring of the file path, or equal to the format's name
/// (e.g. `world-bank`), or as a substring of the indicator's source/publisher. The earlier a pattern in the list,
/// the stronger: a value from a file matching pattern 0 beats one matching pattern 1, which beats one matching
/// none. When both values rank the same, the conflict is an error naming both locations.
public struct PreferPolicy: Sendable, Hashable {
    public var patterns: [String]

    public init(_ patterns: [String] = []) {
        self.patterns = patterns
    }

    /// The rank of a file (0 = strongest; `patterns.count` = matches nothing).
    package func rank(file: String, format: DataFormat, publisher: String?) -> Int {
        let path = file.lowercased()
        let publisherText = publisher?.lowercased() ?? ""
        for (index, pattern) in patterns.enumerated() {
            let p = pattern.lowercased()
            if p.isEmpty { continue }
            if path.contains(p) || format.rawValue == p || publisherText.contains(p) { return index }
        }
        return patterns.count
    }
}

/// Options for loading files into a ``Panel``.
public struct LoadOptions: Sendable {
    /// How unit texts become units (default: resolved through ``CountryRegistry/standard``).
    public var unitPolicy: UnitPolicy
    /// Accepted years. Default `1900 ... currentYear + 1`: no digital-divide series starts before 1900, and a
    /// projection for next year is the furthest a publisher goes. The benchmark's 0-based year indices need
    /// `0 ... 9999`. Spans wider than ``maxYearSpan`` are refused.
    public var yearRange: ClosedRange<Int>
    /// Accepted years in formats whose series are long-run histories or projections (Our World in Data: Maddison
    /// GDP from 1820, population projections to 2100). Default `1000 ... 2100`; a wider span than
    /// ``maxYearSpan`` is refused by the panel.
    public var longHistoryYears: ClosedRange<Int> = 1000...2100
    /// Which file wins a conflict.
    public var prefer: PreferPolicy
    /// Turn warnings into errors (the value is then rejected).
    public var strict: Bool
    /// At most this many problems are listed per reason and severity in each file report; all are counted.
    public var maxListedPerReason: Int
    /// Shares may exceed 0–100 by this much (rounding in publishers' data) and are then kept with a warning;
    /// beyond it they are rejected. Default 0.5 percentage points.
    public var shareTolerance: Double
    /// Force this format for every file instead of detecting it (CLI `--format`).
    public var format: DataFormat?

    /// Keep per-cell provenance (a row id per cell, stored relative to its row of years: usually one byte per cell, an
    /// eighth of the values' memory; never more than one `UInt32` per cell). Without
    /// it ``Panel/provenance(unit:indicator:year:)`` is `nil`, a conflict names only the later location, and
    /// ``PreferPolicy`` cannot settle conflicts. Default `true`; the benchmark preset turns it off.
    public var tracksProvenance = true

    /// The widest span of years a panel may hold: ``longHistoryYears``' default, 1000–2100.
    public static let maxYearSpan = 1101

    public init(
        unitPolicy: UnitPolicy = .resolve(CountryRegistry.standard), yearRange: ClosedRange<Int>? = nil, prefer: PreferPolicy = PreferPolicy(),
        strict: Bool = false, maxListedPerReason: Int = 20, shareTolerance: Double = 0.5, format: DataFormat? = nil
    ) {
        self.unitPolicy = unitPolicy
        self.yearRange = yearRange ?? 1900...(LoadOptions.currentYear() + 1)
        self.prefer = prefer
        self.strict = strict
        self.maxListedPerReason = max(0, maxListedPerReason)
        self.shareTolerance = shareTolerance
        self.format = format
    }

    /// Options for the benchmark interchange `data.csv` (`unit,indicator,year,value`, see the workload's
    /// WORKLOAD.md): integer unit codes kept verbatim, 0-based year indices accepted. Units and indicators appear in
    /// the panel in file order, so unit `c` is at position `c`.
    /// No provenance is kept (the workload's dense array has none).
    /// A tuning knob of the benchmarks (`@_spi(Tuning) import DivideData`), not API.
    @_spi(Tuning) public static var benchmark: LoadOptions {
        var options = LoadOptions(unitPolicy: .verbatim, yearRange: 0...9999)
        options.tracksProvenance = false
        return options
    }

    /// The current calendar year (UTC), from the system clock.
    package static func currentYear() -> Int {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return Int(parts.tm_year) + 1900
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
