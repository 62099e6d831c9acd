@_spi(Tuning) import DivideAnalysis
@_spi(Tuning) import DivideData
import DivideIndex
import Foundation

/// The benchmark workload's interchange folder (`../shared/bench/WORKLOAD.md`): `meta.json`, `data.csv`
/// (`unit,indicator,year,value`, 0-based integer codes), `data.f64`, `weights.*`.
public struct WorkloadInput: Sendable {
    /// Units, indicators, years, pillars, replications, as `meta.json` states them.
    public var units: Int, indicators: Int, years: Int, pillars: Int, replications: Int
    /// The size label (`S`, `M`, `L`) or `custom`.
    public var size: String
    /// The folder.
    public var directory: String

    /// A shape given directly (no folder is read).
    public init(units: Int, indicators: Int, years: Int, pillars: Int, replications: Int, size: String = "custom",
                directory: String = "") {
        (self.units, self.indicators, self.years, self.pillars, self.replications) = (units, indicators, years, pillars, replications)
        self.size = size
        self.directory = directory
    }

    /// Reads `meta.json` in `directory`.
    public init(directory: String) throws(DivideError) {
        let path = (directory as NSString).appendingPathComponent("meta.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DivideError(
                .unreadableFile, at: SourceLocation(file: path), expected: "the workload's meta.json", found: "no readable file",
                hint: "write the inputs with reference_numpy.py --write-input csv,bin --out DIR")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DivideError(.invalidArgument, at: SourceLocation(file: path), expected: "a JSON object", found: "other text")
        }
        func integer(_ key: String) throws(DivideError) -> Int {
            guard let value = object[key] as? Int, value >= 0 else {
                throw DivideError(
                    .invalidArgument, at: SourceLocation(file: path, columnName: key),
                    expected: "a non-negative integer", found: object[key].map { "\($0)" } ?? "nothing")
            }
            return value
        }
        units = try integer("C")
        indicators = try integer("I")
        years = try integer("Y")
        pillars = try integer("P")
        replications = try integer("R")
        size = (object["size"] as? String) ?? "custom"
        self.directory = directory
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The load options the interchange CSV needs: units and indicators are integer codes (kept verbatim) and years
    /// are 0-based indices.
    public static var loadOptions: LoadOptions {
        var options = LoadOptions(unitPolicy: .verbatim, yearRange: 0...(LoadOptions.maxYearSpan - 1), format: .tidy)
        options.tracksProvenance = false  // the workload's dense array has no provenance; halves the extra memory
        return options
    }

    /// A fingerprint of the dense array `X[c, i, y]` (C order, as WORKLOAD.md lays it out) that a panel loaded from
    /// `data.csv` represents: the number of present cells and `Σ bits(x) · (2k + 1) mod 2⁶⁴` over present cells,
    /// `k` the C-order flat index. Equal fingerprints mean the same values at the same positions, bit for bit.
    ///
    /// - Throws: when a unit, indicator or year code is not an integer inside the shape.
    public func fingerprint(of panel: Panel) throws(DivideError) -> (present: Int, hash: UInt64) {
        func code(_ text: String, below limit: Int, _ what: String) throws(DivideError) -> Int {
            guard let value = Int(text), value >= 0, value < limit else {
                throw DivideError(
                    .invalidArgument, at: SourceLocation(file: path("data.csv"), columnName: what),
                    expected: "an integer code below \(limit)", found: text)
            }
            return value
        }
        var unitCodes: [Int] = []
        for unit in panel.units { unitCodes.append(try code(unit, below: units, "unit")) }
        var indicatorCodes: [Int] = []
        for info in panel.indicators { indicatorCodes.append(try code(info.code, below: indicators, "indicator")) }
        var yearCodes: [Int] = []
        for year in panel.years { yearCodes.append(try code(String(year), below: years, "year")) }
        var present = 0
        var hash: UInt64 = 0
        for i in 0..<panel.indicators.count {
            for u in 0..<panel.units.count {
                for y in 0..<panel.years.count where panel.isPresent(unitAt: u, indicatorAt: i, yearAt: y) {
                    let flat = (unitCodes[u] * indicators + indicatorCodes[i]) * years + yearCodes[y]
                    let bits = panel.value(unitAt: u, indicatorAt: i, yearAt: y).bitPattern
                    hash = hash &+ bits &* UInt64(2 * flat + 1)
                    present += 1
                }
            }
        }
        return (present, hash)
    }
}
