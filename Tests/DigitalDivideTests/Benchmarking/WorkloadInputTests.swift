import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

@Suite struct WorkloadInputTests {
    /// A 2 × 2 × 2 workload with three present cells, written as reference_numpy.py writes it.
    private func makeWorkload() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"C": 2, "I": 2, "Y": 2, "P": 1, "R": 4, "m": 0.1, "seed": 42, "size": "tiny"}"#
            .write(toFile: dir + "/meta.json", atomically: true, encoding: .utf8)
        try "unit,indicator,year,value\n0,1,0,1.5\n1,0,1,0.25\n1,1,1,2\n"
            .write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func readsTheShapeFromMetaJSON() throws {
        let workload = try WorkloadInput(directory: try makeWorkload())
        #expect(workload.units == 2 && workload.indicators == 2 && workload.years == 2)
        #expect(workload.pillars == 1 && workload.replications == 4 && workload.size == "tiny")
    }

    @Test func fingerprintIsThePositionWeightedHashOfTheDenseArray() throws {
        let workload = try WorkloadInput(directory: try makeWorkload())
        let result = DataLoader(options: WorkloadInput.loadOptions).load(files: [workload.path("data.csv")])
        #expect(result.report.isClean)
        let fingerprint = try workload.fingerprint(of: result.panel)
        // C-order flat index k = (c·I + i)·Y + y: (0,1,0) → 2, (1,0,1) → 5, (1,1,1) → 7; hash = Σ bits·(2k+1).
        let expected = (1.5).bitPattern &* 5 &+ (0.25).bitPattern &* 11 &+ (2.0).bitPattern &* 15
        #expect(fingerprint.present == 3)
        #expect(fingerprint.hash == expected)
    }

    @Test func missingMetaJSONIsAClearError() {
        #expect(throws: DivideError.self) { try WorkloadInput(directory: "/nonexistent-workload") }
    }
}
