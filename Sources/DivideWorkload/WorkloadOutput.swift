import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// The reference's output files and `CHECKSUM` line for a ``WorkloadRun`` (`../shared/bench/WORKLOAD.md`,
/// "Output"): `index.csv`, `ranks.csv`, `pillars.csv`, floats as Python's `repr` (shortest round-trip),
/// NaN and unranked as empty fields.
public enum WorkloadOutput {
    /// Writes `index.csv`, `ranks.csv`, `pillars.csv` and `mc.csv` into `folder` (created when missing).
    /// - Throws: ``DivideError`` naming the file that could not be written.
    public static func write(_ run: WorkloadRun, to folder: String) throws(DivideError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DivideError(.unreadableFile, at: SourceLocation(file: folder), expected: "a writable folder",
                              found: "\(error.localizedDescription)")
        }
        let U = run.prepared.units.count, Y = run.prepared.years.count
        let P = run.prepared.plan.nodes[0].children.count
        var index = "unit,year,index_arith,index_geom\n", ranks = "unit,year,rank_arith,rank_geom\n"
        var pillars = "unit,year,pillar,score\n"
        index.reserveCapacity(U * Y * 48); ranks.reserveCapacity(U * Y * 20); pillars.reserveCapacity(U * Y * P * 32)
        for u in 0..<U {
            for y in 0..<Y {
                index += "\(u),\(y),\(repr(run.composites[unit: u, node: 0, year: y])),\(repr(run.geometric[unit: u, node: 0, year: y]))\n"
                ranks += "\(u),\(y),\(rank(run.ranksArithmetic[u + U * y])),\(rank(run.ranksGeometric[u + U * y]))\n"
                for p in 0..<P {
                    pillars += "\(u),\(y),\(p),\(repr(run.composites[unit: u, node: run.pillarNode(p), year: y]))\n"
                }
            }
        }
        let mc = run.monteCarlo.map(WorkloadMonteCarlo.csv)
            ?? "unit,rank_median,rank_p5,rank_p95\n" + (0..<U).map { "\($0),,,\n" }.joined()
        for (name, text) in [("index.csv", index), ("ranks.csv", ranks), ("pillars.csv", pillars), ("mc.csv", mc)] {
            let path = (folder as NSString).appendingPathComponent(name)
            try OutputFile.write(text, to: path)
        }
    }

    /// The `CHECKSUM` entries of the reference (`checksums()` in reference_numpy.py), in its order: NaN-skipping
    /// sums of the pillar scores and both indices, rank sums (unranked = 0), sums of the Monte Carlo medians and
    /// percentiles, the number of unit-years without an index and of units never ranked in the Monte Carlo.
    public static func checksums(_ run: WorkloadRun) -> [(key: String, value: String)] {
        let plan = run.prepared.plan
        let Y = run.prepared.years.count
        var pillars = 0.0, arithmetic = 0.0, geometric = 0.0, missing = 0
        for y in 0..<Y {
            for p in plan.nodes[0].children {
                for v in run.composites.scores(node: p, year: y) where !v.isNaN { pillars += v }
            }
            for v in run.composites.scores(node: 0, year: y) { if v.isNaN { missing += 1 } else { arithmetic += v } }
            for v in run.geometric.scores(node: 0, year: y) where !v.isNaN { geometric += v }
        }
        return [("pillars", repr(pillars)), ("index_arith", repr(arithmetic)), ("index_geom", repr(geometric)),
                ("rank_arith", "\(run.ranksArithmetic.reduce(0) { $0 + Int($1) })"),
                ("rank_geom", "\(run.ranksGeometric.reduce(0) { $0 + Int($1) })"),
                ("mc_median", repr(sum(run.monteCarlo?.median))), ("mc_p5", repr(sum(run.monteCarlo?.p5))),
                ("mc_p95", repr(sum(run.monteCarlo?.p95))),
                ("n_nan_index", "\(missing)"),
                ("n_unranked_mc", "\(run.monteCarlo?.median.filter(\.isNaN).count ?? run.prepared.units.count)")]
    }

    private static func sum(_ values: [Double]?) -> Double {
        (values ?? []).reduce(0) { $1.isNaN ? $0 : $0 + $1 }
    }

    /// `{"key": value, ...}` as Python's `json.dumps` prints it.
    public static func json(_ entries: [(key: String, value: String)]) -> String {
        "{" + entries.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// Python's `repr(float(x))`: the shortest digits that round-trip (Swift's `description` finds the same
    /// ones), written positionally for 1e-4 ≤ |x| < 1e16 and as `d.ddde±XX` otherwise; empty for NaN.
    public static func repr(_ x: Double) -> String {
        guard !x.isNaN else { return "" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        var text = Substring(x.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...].drop { $0 == "+" }) ?? 0
            text = text[..<e]
        }
        let point = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        var digits = Array(text.filter { $0 != "." })
        var exp10 = point - 1 + exponent  // decimal exponent of the first digit
        while digits.count > 1 && digits.first == "0" { digits.removeFirst(); exp10 -= 1 }
        while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        let sign = x < 0 ? "-" : ""
        if exp10 >= -4 && exp10 < 16 {
            if exp10 < 0 { return sign + "0." + String(repeating: "0", count: -exp10 - 1) + String(digits) }
            if digits.count <= exp10 + 1 {
                return sign + String(digits) + String(repeating: "0", count: exp10 + 1 - digits.count) + ".0"
            }
            return sign + String(digits[...exp10]) + "." + String(digits[(exp10 + 1)...])
        }
        let mantissa = digits.count == 1 ? String(digits) : String(digits[0]) + "." + String(digits[1...])
        let magnitude = abs(exp10)
        return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + "\(magnitude)"
    }

    private static func rank(_ r: Int32) -> String { r == 0 ? "" : "\(r)" }
}
