// Computes the flagship index on the shipped data, prints the top ten with their income-group ranks and how stable
// their ranks are.
// Usage: first-index [DATA_DIR]   (default: Data, i.e. run it from the repository root)
import DigitalDivide
import Foundation

let dataDirectory = CommandLine.arguments.dropFirst().first ?? "Data"

do {
    // 1-2. The whole question in one request: the flagship preset (compiled into the library), every CSV under
    //      Data/ (World Bank, ITU, OWID, UN files as published), computed for the 58 ESCAP economies, with
    //      subregion and income groups (the newest World Bank classification among the files).
    let run = try IndexRequest(framework: .preset(FrameworkPresets.defaultName), data: [dataDirectory],
                               universe: .group(.escap)).run()
    print("Loaded \(run.panel.units.count) units × \(run.panel.indicators.count) series; "
          + "\(run.report.errorCount) values rejected")
    let result = run.result, framework = run.framework
    guard let year = result.latestYear else {
        print("no economy is scored in any year")
        exit(1)
    }

    // 3. The leaderboard: one row per unit and node; keep the index (the root) in that year.
    let index = result.rows().filter { $0.year == year && $0.node == framework.root.id && $0.rank != nil }
        .sorted { $0.rank! < $1.rank! }
    print("\n\(framework.root.name), \(year): top 10 of \(index.count) scored (rank in income group)")
    for row in index.prefix(10) {
        let income = row.groupRanks.first { $0.grouping == UnitGroupings.income }
        print(String(format: "%3d  ", row.rank!) + row.unit + String(format: "  %5.1f  ", row.score!)
              + "\(income?.rank.map(String.init) ?? "-") in \(income?.group ?? "no income group")")
    }

    // 4. How stable are those ranks? Pillar weights ±25%, 500 replications, fixed seed (same output every run).
    let assumptions = UncertainAssumptions(weightNoise: 0.25)
    let options = UncertaintyOptions(replications: 500, seed: 7, year: year)
    let uncertainty = try UncertaintyAnalysis.run(result, assumptions: assumptions, options: options)
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
