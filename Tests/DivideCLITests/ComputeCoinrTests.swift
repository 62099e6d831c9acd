import ArgumentParser
import DigitalDivide
import Foundation
import Testing
@testable import DivideCLI

/// A hand-worked COINr pair through the whole `divide compute` path (parse → load → iMeta → construct → CSV).
///
/// Five units, three indicators (x2 has direction −1, weight 2 and one missing value), two pillars (weights 1
/// and 3), one index; unit E repeats unit A, so their ranks tie.
@Suite("divide compute on COINr iData/iMeta")
struct ComputeCoinrTests {
    static let meta = """
        "Level","iCode","iName","Direction","Weight","Parent","Type"
        1,"x1","X one",1,1,"P1","Indicator"
        1,"x2","X two",-1,2,"P1","Indicator"
        1,"x3","X three",1,1,"P2","Indicator"
        2,"P1","Pillar 1",1,1,"Index","Aggregate"
        2,"P2","Pillar 2",1,3,"Index","Aggregate"
        3,"Index","Index",1,1,NA,"Aggregate"
        NA,"Size_group","Size",NA,NA,NA,"Group"

        """
    static let data = """
        "uCode","uName","Size_group","Time","x1","x2","x3"
        "A","Alpha","S",2020,1,10,4
        "B","Beta","L",2020,2,NA,8
        "C","Gamma","L",2020,3,30,6
        "D","Delta","S",2020,5,20,2
        "E","Epsilon","S",2020,1,10,4

        """

    /// Runs `divide compute` on the pair with extra arguments; returns (header, unit|node → row).
    static func compute(_ extra: [String], meta: String = meta, data: String = data) throws
        -> (header: [String], rows: [String: [String: String]])
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-coinr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let metaPath = directory.appendingPathComponent("hand_iMeta.csv").path
        let dataPath = directory.appendingPathComponent("hand_iData.csv").path
        let output = directory.appendingPathComponent("out.csv").path
        try Data(meta.utf8).write(to: URL(fileURLWithPath: metaPath))
        try Data(data.utf8).write(to: URL(fileURLWithPath: dataPath))
        let command = try #require(try Divide.parseAsRoot(
            ["compute", "--framework", metaPath, "--data", dataPath, "--output", output] + extra) as? ComputeCommand)
        try command.run()
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            rows["\(row["unit"]!)|\(row["node"]!)"] = row
        }
        return (header, rows)
    }

    static func score(_ rows: [String: [String: String]], _ unit: String, _ node: String) -> Double {
        Double(rows["\(unit)|\(node)"]?["score"] ?? "") ?? .nan
    }

    static func rank(_ rows: [String: [String: String]], _ unit: String, _ node: String) -> Int? {
        Int(rows["\(unit)|\(node)"]?["rank"] ?? "")
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func defaultsAreMinMaxAndArithmeticMeanWithRanksAndExactHeader() throws {
        let (header, rows) = try Self.compute([])
        #expect(header == ["unit", "year", "node", "level", "score", "rank", "group_Size_group", "rank_Size_group",
                           "coverage", "imputed_share", "inputs_observed", "inputs_carried", "inputs_imputed",
                           "oldest_input_year", "origin", "source_year", "value", "name", "parent", "source",
                           "source_location"])
        // n_minmax 0–100, direction applied first: x1 over [1, 5]; x2·(−1) over [−30, −10]; x3 over [2, 8].
        let x1 = ["A": 0.0, "B": 25, "C": 50, "D": 100, "E": 0]
        let x2 = ["A": 100.0, "C": 0, "D": 50, "E": 100]
        let x3 = ["A": 100.0 / 3, "B": 100, "C": 200.0 / 3, "D": 0, "E": 100.0 / 3]
        for (u, v) in x1 { #expect(Self.close(Self.score(rows, u, "x1"), v), "x1 \(u)") }
        for (u, v) in x2 { #expect(Self.close(Self.score(rows, u, "x2"), v), "x2 \(u)") }
        #expect(rows["B|x2"]?["score"] == "" && rows["B|x2"]?["rank"] == "" && rows["B|x2"]?["origin"] == "missing")
        for (u, v) in x3 { #expect(Self.close(Self.score(rows, u, "x3"), v), "x3 \(u)") }
        // a_amean: P1 = (x1 + 2·x2)/3, B has only x1 (weights rescaled over the non-missing child) → 25.
        let p1 = ["A": 200.0 / 3, "B": 25, "C": 50.0 / 3, "D": 200.0 / 3, "E": 200.0 / 3]
        for (u, v) in p1 { #expect(Self.close(Self.score(rows, u, "P1"), v), "P1 \(u)") }
        #expect(rows["B|P1"]?["coverage"] == "0.5")
        // Index = (P1 + 3·P2)/4.
        let index = ["A": 125.0 / 3, "B": 81.25, "C": 162.5 / 3, "D": 50.0 / 3, "E": 125.0 / 3]
        for (u, v) in index { #expect(Self.close(Self.score(rows, u, "Index"), v), "Index \(u)") }
        // R: rank(-c(A=41.67, B=81.25, C=54.17, D=16.67, E=41.67), ties.method = "min") = 3 1 2 5 3.
        #expect(["A", "B", "C", "D", "E"].map { Self.rank(rows, $0, "Index") } == [3, 1, 2, 5, 3])
        // Within Size_group: S = {A, D, E} → 1, 3, 1; L = {B, C} → 1, 2.
        #expect(["A", "B", "C", "D", "E"].map { Int(rows["\($0)|Index"]?["rank_Size_group"] ?? "") } == [1, 1, 2, 3, 1])
        #expect(rows["A|Index"]?["level"] == "3" && rows["A|x1"]?["level"] == "1" && rows["A|P1"]?["level"] == "2")
        #expect(rows["A|x1"]?["year"] == "2020" && rows["A|x1"]?["value"] == "1" && rows["A|x1"]?["origin"] == "observed")
    }

    @Test func imputeMeanFillsTheColumnMean() throws {
        let (_, rows) = try Self.compute(["--impute", "mean"])
        // i_mean: x2 of B = mean(10, 30, 20, 10) = 17.5 → normalised (−17.5 + 30)/20·100 = 62.5.
        #expect(Self.close(Self.score(rows, "B", "x2"), 62.5))
        #expect(rows["B|x2"]?["origin"] == "imputed" && rows["B|x2"]?["inputs_imputed"] == "1")
        // P1 = (25 + 2·62.5)/3 = 50; Index = (50 + 3·100)/4 = 87.5; imputed share of B's index = 1/3.
        #expect(Self.close(Self.score(rows, "B", "P1"), 50))
        #expect(Self.close(Self.score(rows, "B", "Index"), 87.5))
        #expect(Self.close(Double(rows["B|Index"]?["imputed_share"] ?? "") ?? .nan, 1.0 / 3))
    }

    @Test func minMaxToOneHundredWithGeometricMean() throws {
        let (_, rows) = try Self.compute(["--normalise", "minmax:1,100", "--aggregate", "geometric"])
        // x1 → 1, 25.75, 50.5, 100, 1; x2 → 100, NA, 1, 50.5, 100; x3 → 34, 100, 67, 1, 34.
        #expect(Self.close(Self.score(rows, "B", "x1"), 25.75) && Self.close(Self.score(rows, "D", "x2"), 50.5))
        // a_gmean = exp(Σ w·log x / Σ w) over non-missing children. numpy:
        // P1 = [exp((log(a) + 2 log(b))/3) if b else a for a, b in zip(x1, x2)]; I = exp((log(P1) + 3 log(x3))/4)
        // → P1 = [21.5443469, 25.75, 3.6962709, 63.41532931, 21.5443469],
        //   I  = [30.33489675, 71.23514429, 32.47110367, 2.82194512, 30.33489675]
        let p1 = ["A": pow(100, 2.0 / 3), "B": 25.75, "C": pow(50.5, 1.0 / 3), "D": pow(100 * 50.5 * 50.5, 1.0 / 3)]
        for (u, v) in p1 { #expect(Self.close(Self.score(rows, u, "P1"), v), "P1 \(u)") }
        let index = ["A": 30.33489675, "B": 71.23514429, "C": 32.47110367, "D": 2.82194512, "E": 30.33489675]
        for (u, v) in index { #expect(abs(Self.score(rows, u, "Index") - v) < 1e-7, "Index \(u)") }
        #expect(["A", "B", "C", "D", "E"].map { Self.rank(rows, $0, "Index") } == [3, 1, 2, 5, 3])
    }

    @Test func geometricMeanOfAZeroIsAClearError() throws {
        // min-max to [0, 100] gives the worst unit 0; COINr's a_gmean stops there, and so do we.
        #expect(throws: (any Error).self) { try Self.compute(["--aggregate", "geometric"]) }
    }

    @Test func jrcTreatmentWinsorisesTheOutlier() throws {
        let meta = """
            "Level","iCode","Direction","Weight","Parent","Type"
            1,"y",1,1,"Index","Indicator"
            2,"Index",1,1,NA,"Aggregate"

            """
        let data = """
            "uCode","Time","y"
            "U1",2020,1
            "U2",2020,2
            "U3",2020,3
            "U4",2020,4
            "U5",2020,100

            """
        // scipy: skew([1,2,3,4,100], bias=False) = 2.232 ≥ 2, kurtosis(…, bias=False) = 4.987 ≥ 3.5 → fails;
        // 100 winsorised to 4: skew([1,2,3,4,4], bias=False) = −0.541 → passes. Min-max: 0, 33.3, 66.7, 100, 100.
        let (_, rows) = try Self.compute(["--treat", "jrc"], meta: meta, data: data)
        let expected = ["U1": 0.0, "U2": 100.0 / 3, "U3": 200.0 / 3, "U4": 100, "U5": 100]
        for (u, v) in expected { #expect(Self.close(Self.score(rows, u, "y"), v), "y \(u)") }
        #expect(["U1", "U2", "U3", "U4", "U5"].map { Self.rank(rows, $0, "Index") } == [5, 4, 3, 1, 1])
        // Without treatment the outlier dominates: U4 = (4 − 1)/99·100.
        let (_, raw) = try Self.compute([], meta: meta, data: data)
        #expect(Self.close(Self.score(raw, "U4", "y"), 300.0 / 99))
    }

    @Test func asemExampleComputesWithItsStructure() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/examples/coinr/asem")
        let meta = try CoinrMeta.read(path: root.appendingPathComponent("ASEM_iMeta.csv").path)
        let framework = try Framework(coinr: meta)
        let plan = ConstructionPlan(framework)
        #expect(plan.indicators.count == 49)
        #expect(plan.nodes.filter { $0.level == 2 }.count == 8)
        #expect(plan.nodes.filter { $0.level == 3 }.map(\.id) == ["Conn", "Sust"])
        #expect(plan.nodes[0].id == "Index" && plan.nodes[0].level == 4)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("asem-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let command = try #require(try Divide.parseAsRoot([
            "compute", "--framework", root.appendingPathComponent("ASEM_iMeta.csv").path,
            "--data", root.appendingPathComponent("ASEM_iData.csv").path, "--output", output,
            "--impute", "mean", "--treat", "jrc", "--normalise", "minmax:1,100", "--aggregate", "geometric",
        ]) as? ComputeCommand)
        try command.run()
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n")
        #expect(lines[0].hasPrefix("unit,year,node,level,score,rank,"))
        let indexRows = lines.filter { $0.contains(",2018,Index,4,") }
        #expect(indexRows.count == 51)
        // Every unit scored (mean imputation fills every gap), scores within the normalised range.
        for row in indexRows {
            let score = Double(row.split(separator: ",", omittingEmptySubsequences: false)[4]) ?? .nan
            #expect(score >= 1 && score <= 100, "\(row)")
        }
    }

    @Test func badFrameworkFileIsAClearUsageError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = directory.appendingPathComponent("bad.yaml")
        try Data("""
            id: BAD
            children:
              - id: P
                weight: -1
                children:
                  - id: x
                    series: x1
              - id: P
                children:
                  - id: y
                    series: x1
                    direction: 1

            """.utf8).write(to: yaml)
        let data = directory.appendingPathComponent("hand_iData.csv")
        try Data(Self.data.utf8).write(to: data)
        let command = try #require(try Divide.parseAsRoot([
            "compute", "--framework", yaml.path, "--no-default-data", "--data", data.path,
        ]) as? ComputeCommand)
        do {
            try command.run()
            Issue.record("expected an error")
        } catch let error as ValidationError {
            #expect(error.message.contains("bad.yaml:3 (BAD/P): weight must be > 0"), "\(error.message)")
            #expect(error.message.contains("needs a direction"), "\(error.message)")
            #expect(error.message.contains("duplicate id"), "\(error.message)")
        }
    }
}
