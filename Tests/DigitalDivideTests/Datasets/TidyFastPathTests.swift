import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports
@testable import DivideWorkload

/// The tidy reader's fast path (TidyFastPath.swift) must change nothing but speed: every input loads to the same
/// panel (values bit for bit, provenance lines) and the same report (counts, problems in order, messages) with the
/// fast path on and off, whatever the chunk size the scanner reads with.
@Suite("Tidy reader fast path agrees with the general path")
struct TidyFastPathTests {
    /// Loads `bytes` through TidyReader directly (fast path on or off), the scanner reading `chunkSize` bytes at a time.
    func loadDirect(_ bytes: [UInt8], fast: Bool, chunkSize: Int, options: LoadOptions) throws -> String {
        let path = try temporaryFile("t.csv", bytes: bytes)
        let builder = PanelBuilder(options: options)
        let sink = builder.beginFile("t.csv", format: .tidy)
        do {
            try TidyReader(usesFastPath: fast).read(try CSVScanner(path: path, name: "t.csv", chunkSize: chunkSize), into: sink)
        } catch {
            sink.reject(error)
        }
        let report = builder.endFile(sink)
        return Self.render(builder.build(), report)
    }

    /// Everything observable about a load, as text: report counts and problems, panel shape, cells and provenance.
    static func render(_ panel: Panel, _ report: FileReport) -> String {
        var out = "records=\(report.records) used=\(report.valuesUsed) agree=\(report.duplicatesAgreeing) "
        out += "pref=\(report.overriddenByPreference) units=\(report.unitsFound) years=\(String(describing: report.years))\n"
        out += "rejected=\(report.rejected.sorted { $0.key.rawValue < $1.key.rawValue })\n"
        out += "warnings=\(report.warnings.sorted { $0.key.rawValue < $1.key.rawValue })\n"
        out += "missing=\(report.missing.sorted { $0.key < $1.key }) setAside=\(report.setAside.sorted { $0.key < $1.key })\n"
        out += "indicators=\(report.indicators)\n"
        for problem in report.problems { out += "problem \(problem)\n" }
        out += "panel units=\(panel.units) years=\(panel.years)\n"
        for info in panel.indicators { out += "indicator \(info.code) \(info.unit ?? "-") \(info.source ?? "-")\n" }
        for i in panel.indicators.indices {
            for u in panel.units.indices {
                for y in panel.years.indices where panel.isPresent(unitAt: u, indicatorAt: i, yearAt: y) {
                    let value = panel.value(unitAt: u, indicatorAt: i, yearAt: y)
                    let unit = panel.units[u], code = panel.indicators[i].code, year = panel.years[y]
                    let line = panel.provenance(unit: unit, indicator: code, year: year)?.line ?? -1
                    out += "cell \(u) \(i) \(y) \(value.bitPattern) line \(line)\n"
                }
            }
        }
        return out
    }

    func expectSameLoads(_ bytes: [UInt8], options: LoadOptions, _ comment: Comment? = nil) throws {
        for chunkSize in [64, 97, 1 << 20] {
            let slow = try loadDirect(bytes, fast: false, chunkSize: chunkSize, options: options)
            let fast = try loadDirect(bytes, fast: true, chunkSize: chunkSize, options: options)
            #expect(fast == slow, comment)
        }
    }

    /// Ordinary rows mixed with every kind of row the fast path hands back: quotes, CRLF and a lone CR, a blank line,
    /// spaces, non-ASCII (valid and invalid), ragged rows, bad and out-of-range years, missing markers, non-numbers,
    /// overflow, empty units and indicators, unknown units, aggregates, agreeing and conflicting duplicates, shares
    /// out of range, measurement units and sources declared on an indicator's first row, no final line end.
    static let mixed: String =
        "country,year,indicator,value,unit,source\n"
        + "KOR,2020,internet,96.5,%,ITU\n"
        + "KOR,2021,internet,97.25,%,ITU\r\n"
        + "\"KOR\",2022,internet,98,%,ITU\n"
        + "THA,2020,mobile,140.2,per 100,GSMA\n"
        + "\n"
        + "THA,2021,mobile, 141.5 ,per 100,GSMA\n"
        + "THA,2022,mobile,NA,per 100,GSMA\n"
        + "THA,2023,mobile,..,per 100,GSMA\n"
        + "THA,20x3,mobile,1,per 100,GSMA\n"
        + "THA,1700,mobile,1,per 100,GSMA\n"
        + "THA,2024,mobile,1e400,per 100,GSMA\n"
        + "THA,2025,mobile,abc,per 100,GSMA\n"
        + "THA,2026,mobile,1,per 100\n"
        + "THA,2026,mobile,1,per 100,GSMA,extra\n"
        + "KOR,2020,internet,96.5,%,ITU\n"
        + "KOR,2020,internet,96.6,%,ITU\n"
        + "KOR,2023,internet,101,%,ITU\n"
        + "KOR,2024,internet,150,%,ITU\n"
        + ",2020,internet,1,%,ITU\n"
        + "KOR,2020,,1,%,ITU\n"
        + "Atlantis,2020,internet,1,%,ITU\n"
        + "WLD,2020,internet,50,%,ITU\n"
        + "Türkiye,2020,internet,1,%,ITU\n"
        + "IND,2019,internet,12.5,%,ITU\rIND,2018,internet,11.5,%,ITU\n"
        + "IND,2017.0,broadband,3,,\n"
        + "ALB,2020,broadband,0.1234567890123456789012,,\n"
        + "ALB,-5,broadband,1,,\n"
        + "ALB,2021,broadband,-0,,\n"
        + "FRA,2010,broadband,7"

    @Test func mixedRowsLoadTheSameBothWays() throws {
        var bytes = Array(Self.mixed.utf8)
        try expectSameLoads(bytes, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        try expectSameLoads(bytes, options: LoadOptions(unitPolicy: .verbatim, strict: true))
        var noProvenance = LoadOptions(unitPolicy: .resolve(TestResolver()))
        noProvenance.tracksProvenance = false
        try expectSameLoads(bytes, options: noProvenance)
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)  // a byte order mark
        bytes.append(contentsOf: [0x0A, 0xFF, 0x2C, 0x0A])  // invalid UTF-8 in a ragged last row
        try expectSameLoads(bytes, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
    }

    @Test func benchmarkShapedRowsLoadTheSameBothWays() throws {
        // The workload's interchange layout, with years out of order and a unit reappearing later.
        var text = "unit,indicator,year,value\n"
        for unit in [3, 1, 2, 1] {
            for indicator in 0..<4 {
                for year in [2, 0, 1, 29] { text += "\(unit),\(indicator),\(year),\(Double(unit * 100 + indicator) / 7 + Double(year))\n" }
            }
        }
        try expectSameLoads(Array(text.utf8), options: WorkloadInput.loadOptions)
        let result = try load("w.csv", text, options: WorkloadInput.loadOptions)
        // 3 units × 4 indicators × 4 years; unit 1 appears twice with the same values (agreeing duplicates).
        #expect(result.report.files[0].valuesUsed == 48 && result.report.files[0].duplicatesAgreeing == 16)
    }

    /// The interchange layout (`unit,indicator,year,value`: key fields first, then the year and the value), whose
    /// lines with the previous line's key take the tight same-key loop: every kind of line that must leave it, in the
    /// middle of runs of one key.
    static let keyed: String =
        "unit,indicator,year,value\n"
        + "KOR,internet,2020,96.5\n"
        + "KOR,internet,2021,97.25\n"
        + "KOR,internet,2022,98\r\n"
        + "KOR,internet,2023,-1.5\n"
        + "KOR,internet,2024, 99\n"
        + "KOR,internet,2025,1e2\n"
        + "KOR,internet,2026,NA\n"
        + "KOR,internet,2027.0,50\n"
        + "KOR,internet,20x8,1\n"
        + "KOR,internet,2020,96.5\n"
        + "KOR,internet,2021,1\n"
        + "KOR,internet,1700,1\n"
        + "KOR,internet,\"2029\",5\n"
        + "KOR,internet,2030,0.1234567890123456789012\n"
        + "KOR,internet,2031,5,extra\n"
        + "KOR,internet,2032\n"
        + "KOR,internet,2033,00000000000000000000012.5\n"
        + "KOR,internet,0000000000002034,1\n"
        + "KOR,internet,2035,0\n"
        + "KOR,internet,2036,7\rKOR,internet,2037,8\n"
        + "KOR,mobile,2020,140.2\n"
        + "KOR,mobile,2021,141.5\n"
        + "KOR,mobile,,3\n"
        + "THA,mobile,2020,1\n"
        + "THA,mobile,2021,1.0000000000000002\n"
        + "THA,mobile,2022,2.2250738585072014e-308\n"
        + "THA,mobile,2023,1e400\n"
        + "THA,mobile,2024,.5\n"
        + "THA,mobile,2025,5.\n"
        + "THA,mobile,2026,\n"
        + "THA,mobile,2027,9007199254740993\n"
        + "THA,mobile,2028,123456789012345678.9\n"
        + "Atlantis,mobile,2020,1\n"
        + "Atlantis,mobile,2021,1\n"
        + "WLD,mobile,2020,5\n"
        + "WLD,mobile,2021,5\n"
        + "THA,mobile,2029,7\n"
        + "THA,mobilé,2030,7\n"
        + "THA,mobile,2031,7"

    @Test func keyedRowsLoadTheSameBothWays() throws {
        let bytes = Array(Self.keyed.utf8)
        try expectSameLoads(bytes, options: LoadOptions(unitPolicy: .resolve(TestResolver())))
        try expectSameLoads(bytes, options: LoadOptions(unitPolicy: .verbatim, strict: true))
        var noProvenance = LoadOptions(unitPolicy: .resolve(TestResolver()))
        noProvenance.tracksProvenance = false
        try expectSameLoads(bytes, options: noProvenance)
        try expectSameLoads(bytes, options: WorkloadInput.loadOptions)
    }

    /// Mutation fuzzing of the keyed file, as ``mutatedInputsLoadTheSameBothWays()`` does for the mixed one.
    @Test func mutatedKeyedInputsLoadTheSameBothWays() throws {
        var generator = SplitMix64(seed: 20_261_130)
        let base = Array(Self.keyed.utf8)
        let alphabet: [UInt8] = Array(",\n\r\" .-e0123456789KORTHA".utf8) + [0xC3, 0xA9, 0xFF]
        let options = LoadOptions(unitPolicy: .resolve(TestResolver()))
        for round in 0..<60 {
            var bytes = base
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let at = Int(generator.next() % UInt64(bytes.count))
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                switch generator.next() % 3 {
                case 0: bytes.insert(byte, at: at)
                case 1: bytes.remove(at: at)
                default: bytes[at] = byte
                }
            }
            for chunkSize in [64, 1 << 20] {
                let slow = try loadDirect(bytes, fast: false, chunkSize: chunkSize, options: options)
                let fast = try loadDirect(bytes, fast: true, chunkSize: chunkSize, options: options)
                #expect(fast == slow, "mutation round \(round), chunk size \(chunkSize)")
            }
        }
    }

    /// Mutation fuzzing: random byte edits of the mixed file (insert, delete or replace one of the bytes that steer
    /// the parse) load the same way through both paths. Deterministic (a fixed-seed generator).
    @Test func mutatedInputsLoadTheSameBothWays() throws {
        var generator = SplitMix64(seed: 20_261_129)
        let base = Array(Self.mixed.utf8)
        let alphabet: [UInt8] = Array(",\n\r\" .-e0123456789KORTHA%".utf8) + [0xC3, 0xBC, 0xFF]
        let options = LoadOptions(unitPolicy: .resolve(TestResolver()))
        for round in 0..<60 {
            var bytes = base
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let at = Int(generator.next() % UInt64(bytes.count))
                let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                switch generator.next() % 3 {
                case 0: bytes.insert(byte, at: at)
                case 1: bytes.remove(at: at)
                default: bytes[at] = byte
                }
            }
            let slow = try loadDirect(bytes, fast: false, chunkSize: 64, options: options)
            let fast = try loadDirect(bytes, fast: true, chunkSize: 64, options: options)
            #expect(fast == slow, "mutation round \(round)")
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
