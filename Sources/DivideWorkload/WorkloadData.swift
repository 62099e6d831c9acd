import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// The benchmark workload's inputs in memory (`../shared/bench/WORKLOAD.md`): the data `X[c, i, y]` as an
/// ``IndicatorCube`` (units `"0"`…, series `"0"`…, years 0…Y−1, NaN = missing) and the Monte Carlo weights
/// `W[r, i]` (row-major, `weights[r·I + i]`).
public struct WorkloadData: Sendable {
    /// The folder and its `meta.json` shape.
    public let input: WorkloadInput
    /// `X` in the cube's layout, `values[c + C·(i + I·y)]`.
    public let cube: IndicatorCube
    /// `W[r, i]` at `r·I + i`.
    public let weights: [Double]

    /// How the data was read.
    public enum Source: String, Sendable {
        /// `data.f64` (raw little-endian float64, C order).
        case binary = "load_bin"
        /// `data.csv` through the library's loader.
        case csv = "load_csv"
    }

    /// Reads the folder: `data.f64` and `weights.f64` when present, else `data.csv` through ``DataLoader`` and
    /// `weights.csv`; every size is checked against `meta.json`.
    /// - Returns: the data, which file kind was read, and the seconds spent turning the data file into the
    ///   cube (reading and rearranging; the weights are not counted, as in the reference script).
    /// - Throws: ``DivideError`` naming the file: a missing file, a size other than `meta.json` implies
    ///   (expected and found bytes), a loader problem, or a code outside the shape.
    public static func load(_ input: WorkloadInput) throws(DivideError) -> (data: WorkloadData, source: Source, seconds: Double) {
        let binary = FileManager.default.fileExists(atPath: input.path("data.f64"))
        let start = DispatchTime.now().uptimeNanoseconds
        let cube = binary ? try readBinaryData(input) : try readCSVData(input)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let weights = FileManager.default.fileExists(atPath: input.path("weights.f64"))
            ? try readFloat64(input.path("weights.f64"), count: input.replications * input.indicators,
                              shape: "R × I = \(input.replications) × \(input.indicators)")
            : try readWeightsCSV(input)
        return (WorkloadData(input: input, cube: cube, weights: weights), binary ? .binary : .csv, seconds)
    }

    /// Reads `count` little-endian float64 values from `path`, checking the size.
    package static func readFloat64(_ path: String, count: Int, shape: String) throws(DivideError) -> [Double] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "a readable file",
                              found: "no readable file")
        }
        guard data.count == count * 8 else {
            throw DivideError(.limitExceeded, at: SourceLocation(file: path),
                              expected: "\(count * 8) bytes (\(shape) float64 values, from meta.json)",
                              found: "\(data.count) bytes",
                              hint: data.count < count * 8 ? "the file is truncated" : "meta.json does not match the file")
        }
        return data.withUnsafeBytes { raw in
            (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
    }

    /// `data.f64` (C order `[c][i][y]`) rearranged into the cube's `[c + C·(i + I·y)]`.
    package static func readBinaryData(_ input: WorkloadInput) throws(DivideError) -> IndicatorCube {
        let (C, I, Y) = (input.units, input.indicators, input.years)
        let path = input.path("data.f64")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "a readable file",
                              found: "no readable file")
        }
        guard data.count == C * I * Y * 8 else {
            throw DivideError(.limitExceeded, at: SourceLocation(file: path),
                              expected: "\(C * I * Y * 8) bytes (C × I × Y = \(C) × \(I) × \(Y) float64 values, from meta.json)",
                              found: "\(data.count) bytes",
                              hint: data.count < C * I * Y * 8 ? "the file is truncated" : "meta.json does not match the file")
        }
        let values = [Double](unsafeUninitializedCapacity: C * I * Y) { out, initialised in
            data.withUnsafeBytes { raw in
                for c in 0..<C {
                    for i in 0..<I {
                        let from = 8 * ((c * I + i) * Y)
                        for y in 0..<Y {
                            let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: from + 8 * y, as: UInt64.self))
                            out[c + C * (i + I * y)] = Double(bitPattern: bits)
                        }
                    }
                }
            }
            initialised = C * I * Y
        }
        return cube(input, values: values)
    }

    /// `data.csv` through the library's loader (``WorkloadInput/loadOptions``), scattered into the cube.
    package static func readCSVData(_ input: WorkloadInput) throws(DivideError) -> IndicatorCube {
        let (C, I, Y) = (input.units, input.indicators, input.years)
        let path = input.path("data.csv")
        let result = DataLoader(options: WorkloadInput.loadOptions).load(files: [path])
        if let problem = result.report.allProblems.first(where: { $0.severity == .error }) { throw problem.error }
        let panel = result.panel
        func codes(_ names: [String], below limit: Int, _ column: String) throws(DivideError) -> [Int] {
            var out: [Int] = []
            for name in names {
                guard let value = Int(name), value >= 0, value < limit else {
                    throw DivideError(.invalidArgument, at: SourceLocation(file: path, columnName: column),
                                      expected: "an integer code below \(limit) (meta.json)", found: name)
                }
                out.append(value)
            }
            return out
        }
        let units = try codes(panel.units, below: C, "unit")
        let indicators = try codes(panel.indicators.map(\.code), below: I, "indicator")
        let years = try codes(panel.years.map(String.init), below: Y, "year")
        var values = [Double](repeating: .nan, count: C * I * Y)
        let PY = panel.years.count
        values.withUnsafeMutableBufferPointer { out in
            for (k, i) in indicators.enumerated() {
                panel.withSlab(indicator: k) { slab in
                    for (row, c) in units.enumerated() {
                        for (t, y) in years.enumerated() { out[c + C * (i + I * y)] = slab[row * PY + t] }
                    }
                }
            }
        }
        return cube(input, values: values)
    }

    /// `weights.csv` (`replication,indicator,weight`, R × I rows).
    package static func readWeightsCSV(_ input: WorkloadInput) throws(DivideError) -> [Double] {
        let (R, I) = (input.replications, input.indicators)
        let path = input.path("weights.csv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DivideError(.unreadableFile, at: SourceLocation(file: path), expected: "weights.f64 or weights.csv",
                              found: "neither readable")
        }
        var weights = [Double](repeating: .nan, count: R * I)
        var seen = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw DivideError(.raggedRow, at: SourceLocation(file: path, line: n + 1), expected: "3 fields",
                                  found: "\(fields.count)")
            }
            let names = ["replication", "indicator", "weight"]
            guard let r = Int(fields[0]), r >= 0, r < R else {
                throw DivideError(.invalidArgument, at: SourceLocation(file: path, line: n + 1, column: 1, columnName: names[0]),
                                  expected: "an integer below \(R)", found: String(fields[0]))
            }
            guard let i = Int(fields[1]), i >= 0, i < I else {
                throw DivideError(.invalidArgument, at: SourceLocation(file: path, line: n + 1, column: 2, columnName: names[1]),
                                  expected: "an integer below \(I)", found: String(fields[1]))
            }
            guard let w = Double(fields[2]) else {
                throw DivideError(.nonNumericValue, at: SourceLocation(file: path, line: n + 1, column: 3, columnName: names[2]),
                                  expected: "a number", found: String(fields[2]))
            }
            weights[r * I + i] = w
            seen += 1
        }
        guard seen == R * I else {
            throw DivideError(.invalidArgument, at: SourceLocation(file: path), expected: "\(R * I) rows (R × I)",
                              found: "\(seen)")
        }
        return weights
    }

    private static func cube(_ input: WorkloadInput, values: [Double]) -> IndicatorCube {
        // Names are distinct and years increase by construction, so the checks cannot fail.
        try! IndicatorCube(units: (0..<input.units).map(String.init), series: (0..<input.indicators).map(String.init),
                           years: Array(0..<input.years), values: values)
    }
}
