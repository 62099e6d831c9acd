// Inputs of the hot-path benchmarks: every one is generated here from a fixed seed or read from the repository's
// shipped Data/ folder, so each run measures the same work and allocates the same number of times.

import DigitalDivide
import Foundation
import LinearAlgebra

/// The repository's `Data/` folder, from this file's location (Benchmarks/HotPaths/Inputs.swift).
let shippedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Data").path

/// The workload's S size (/work/shared/bench/WORKLOAD.md): units × indicators × years.
let small = (units: 62, indicators: 40, years: 20)

/// The synthetic cube: `syntheticCube(units:indicators:years:seed:)` (Shared/SyntheticCube.swift).

/// Writes a workload-format `data.csv` (`unit,indicator,year,value`, 0-based codes, shortest round-trip values,
/// 10% of rows left out) to a temporary file and returns its path.
func writeWorkloadCSV(units: Int, indicators: Int, years: Int, seed: UInt64 = 42) -> String {
    var rng = Xoshiro256StarStar(seed: seed)
    var text = "unit,indicator,year,value\n"
    for c in 0..<units {
        for i in 0..<indicators {
            for y in 0..<years {
                let value = exp(rng.normal())
                if rng.uniform() < 0.1 { continue }
                text += "\(c),\(i),\(y),\(value)\n"
            }
        }
    }
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("divide-hotpaths-\(units)x\(indicators)x\(years)-\(getpid()).csv").path
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The flagship index as `divide compute` and `divide brief` compute it: every shipped CSV loaded with country
/// resolution, the `apddi` preset over the ESCAP economies, groupings from the World Bank country metadata.
struct Flagship: Sendable {
    let panel: Panel
    let framework: Framework
    let computation: IndexComputation
    let result: IndexResult

    static func load() throws -> Flagship {
        let files = try DataLoader.csvFiles(in: shippedData)
        let panel = DataLoader(options: LoadOptions(unitPolicy: .resolve(CountryRegistry.standard)))
            .load(files: files).panel
        let framework = try FrameworkPresets(directory: shippedData + "/frameworks").load("apddi")
        let metadata = files.filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("Metadata_Country") }
        let classification = WorldBankClassification.merging(
            metadata.compactMap { try? WorldBankClassification.load(contentsOf: URL(fileURLWithPath: $0)) })
        let units = UnitSelection.group(.escap).units(in: panel)
        let computation = IndexComputation(framework: framework, units: .group(.escap),
                                           groupings: UnitGroupings.countries(units, classification: classification))
        return Flagship(panel: panel, framework: framework, computation: computation,
                        result: try computation.run(panel: panel))
    }
}

/// Loaded once, on first use (outside any measurement).
let flagship: Flagship = try! Flagship.load()
