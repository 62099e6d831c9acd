import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Provenance is stored relative to each row of years (CellStorage: one-byte marks, widened to two bytes, then to
/// absolute `UInt32` row ids when a line lies too far from its row's first one). Whatever the width, every cell must
/// name exactly the line its value came from; the expected lines are known by construction (line = row index + 2).
@Suite("Compact provenance keeps every cell's line")
struct CompactProvenanceTests {
    static var verbatim: LoadOptions { LoadOptions(unitPolicy: .verbatim, yearRange: 0...9999) }

    /// Loads `rows` (unit, year, value) of indicator `x` as a tidy file and checks each cell's provenance line.
    func check(_ rows: [(unit: String, year: Int, value: Int)], fastPath: Bool, markWidth: Int) throws {
        var text = "unit,indicator,year,value\n"
        for row in rows { text += "\(row.unit),x,\(row.year),\(row.value)\n" }
        let builder = PanelBuilder(options: Self.verbatim)
        let sink = builder.beginFile("p.csv", format: .tidy)
        try TidyReader(usesFastPath: fastPath).read(CSVScanner(text: text, name: "p.csv"), into: sink)
        let report = builder.endFile(sink)
        #expect(report.valuesUsed == rows.count)
        let panel = builder.build()
        var wrong = 0
        for (k, row) in rows.enumerated() {
            let provenance = panel.provenance(unit: row.unit, indicator: "x", year: row.year)
            if provenance?.line != k + 2 || panel.value(unit: row.unit, indicator: "x", year: row.year) != Double(row.value) {
                wrong += 1
            }
        }
        #expect(wrong == 0)
        #expect(panel.storage.markWidth == markWidth)
        // Cells without a value have no provenance.
        #expect(panel.provenance(unit: rows[0].unit, indicator: "x", year: 9999) == nil)
    }

    @Test("lines close together (one byte per cell)", arguments: [true, false])
    func close(fastPath: Bool) throws {
        var rows: [(unit: String, year: Int, value: Int)] = []
        for u in 0..<50 { for y in 0..<40 where (u + y) % 7 != 0 { rows.append(("u\(u)", 2000 + y, u * 100 + y)) } }
        try check(rows, fastPath: fastPath, markWidth: 1)
    }

    /// A line 300 lines after its row's first one needs two-byte marks, no more.
    @Test("lines a few hundred apart (two bytes per cell)", arguments: [true, false])
    func twoBytes(fastPath: Bool) throws {
        var rows: [(unit: String, year: Int, value: Int)] = []
        for y in 0..<40 { rows.append(("a", y, y)) }
        for k in 0..<300 { rows.append(("b\(k % 150)", k / 150, k)) }
        rows.append(("a", 40, 40))
        rows.append(("b7", 5, 1))
        try check(rows, fastPath: fastPath, markWidth: 2)
    }

    /// Unit `a` gets years on lines 2…41, then one 300 lines later (marks widen to two bytes), then one 70,000 lines
    /// later (marks widen to absolute row ids); the cells already placed must keep their lines through both widenings.
    @Test("lines far apart widen the marks", arguments: [true, false])
    func widening(fastPath: Bool) throws {
        var rows: [(unit: String, year: Int, value: Int)] = []
        for y in 0..<40 { rows.append(("a", y, y)) }
        for k in 0..<300 { rows.append(("b\(k % 150)", k / 150, k)) }
        rows.append(("a", 40, 40))
        for k in 0..<70_000 { rows.append(("c\(k % 35_000)", k / 35_000, k)) }
        rows.append(("a", 41, 41))
        rows.append(("b0", 2, 7))
        try check(rows, fastPath: fastPath, markWidth: 4)
    }

    /// A year before the row's first one, and a second file: row ids from several files in one row of cells.
    @Test("two files and years arriving out of order")
    func twoFiles() throws {
        let first = try temporaryFile("first.csv", "unit,indicator,year,value\na,x,2005,1\na,x,2003,2\nb,x,2004,3\n")
        let second = try temporaryFile("second.csv", "unit,indicator,year,value\nb,x,2001,4\na,x,2001,5\n")
        let panel = DataLoader(options: Self.verbatim).load(files: [first, second]).panel
        let expected: [(String, Int, String, Int)] = [
            ("a", 2005, first, 2), ("a", 2003, first, 3), ("b", 2004, first, 4), ("b", 2001, second, 2),
            ("a", 2001, second, 3),
        ]
        for (unit, year, file, line) in expected {
            let provenance = panel.provenance(unit: unit, indicator: "x", year: year)
            #expect(provenance?.file.name == file && provenance?.line == line, "\(unit) \(year)")
        }
        #expect(panel.provenance(unit: "a", indicator: "x", year: 2002) == nil)
    }
}
