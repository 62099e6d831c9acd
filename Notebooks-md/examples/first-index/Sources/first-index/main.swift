// Loads the shipped data, computes the flagship index, prints the top ten and how stable their ranks are.
// Usage: first-index [DATA_DIR]   (default: Data, i.e. run it from the repository root)
import DigitalDivide
import Foundation

let dataDirectory = CommandLine.arguments.dropFirst().first ?? "Data"

do {
    // 1. Every CSV under Data/ (World Bank, ITU, OWID, UN files as published) into one panel.
    let loaded = try DataLoader().load(directory: dataDirectory)
    print("Loaded \(loaded.panel.units.count) units × \(loaded.panel.indicators.count) series; "
          + "\(loaded.report.errorCount) values rejected")

    // 2. The flagship preset, computed for the 58 ESCAP economies.
    let framework = try FrameworkPresets(directory: dataDirectory + "/frameworks").load(FrameworkPresets.defaultName)
    let result = try IndexComputation(framework: framework, units: .group(.escap)).run(panel: loaded.panel)
    guard let year = result.latestYear else {
        print("no economy is scored in any year")
        exit(1)
    }

    // 3. The leaderboard: one row per unit and node; keep the index (the root) in that year.
    let index = result.rows().filter { $0.year == year && $0.node == framework.root.id && $0.rank != nil }
        .sorted { $0.rank! < $1.rank! }
    print("\n\(framework.root.name), \(year): top 10 of \(index.count) scored")
    for row in index.prefix(10) {
        print(String(format: "%3d  ", row.rank!) + row.unit + String(format: "  %5.1f", row.score!))
    }

    // 4. How stable are those ranks? Pillar weights ±25%, 500 replications, fixed seed (same output every run).
    let assumptions = UncertainAssumptions(weightNoise: 0.25)
    let options = UncertaintyOptions(replications: 500, seed: 7, year: year)
    let uncertainty = try UncertaintyAnalysis.run(result.framework, cube: result.cube, assumptions: assumptions,
                                                  options: options)
    print("\nRank intervals (5th–95th percentile) over \(uncertainty.replications) replications, "
          + uncertainty.assumptions.joined(separator: "; ") + ":")
    let byUnit = Dictionary(uniqueKeysWithValues: uncertainty.units.map { ($0.unit, $0) })
    func rank(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
    for row in index.prefix(10) {
        guard let stats = byUnit[row.unit], let p5 = stats.p5Rank, let p95 = stats.p95Rank else { continue }
        print(String(format: "%3d  ", row.rank!) + row.unit + "  " + rank(p5) + "–" + rank(p95))
    }
} catch {
    print("error: \(error)")
    exit(1)
}
