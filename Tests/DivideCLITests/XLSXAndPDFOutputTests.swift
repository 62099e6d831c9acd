import DigitalDivide
import DivideData
import Foundation
import Testing
@testable import DivideCLI

/// `--format xlsx` on every report command and `--format pdf` on the brief commands, through the built `divide` on
/// the shipped data: each workbook reads back through the project's own .xlsx reader with the numbers the JSON or
/// CSV of the same command gives; binary formats are refused on standard output; a missing or failing browser is
/// an error that writes nothing.
@Suite("Excel and PDF output (divide)")
struct XLSXAndPDFOutputTests {
    static func scratch() throws -> String { try OutputSafetyTests().scratch() }

    /// Runs `divide ARGUMENTS` in `directory` and reads the workbook it wrote to `file` there.
    static func workbook(_ arguments: [String], file: String, in directory: String) throws -> [Worksheet] {
        let (status, output) = try DivideProcess.run(arguments + ["--output", file], in: directory)
        #expect(status == 0, "\(arguments): \(output)")
        return try Workbook.sheets(path: directory + "/" + file, kind: .xlsx)
    }

    /// Standard output alone of `divide ARGUMENTS` (notes on standard error left out).
    static func standardOutput(_ arguments: [String], in directory: String) throws -> String {
        let quoted = arguments.map { "'" + $0 + "'" }.joined(separator: " ")
        let (status, output) = try DivideProcess.shell(#""$DIVIDE" \#(quoted) 2>/dev/null"#, in: directory)
        #expect(status == 0, "\(arguments)")
        return output
    }

    static func sheet(_ sheets: [Worksheet], _ name: String) throws -> Worksheet {
        try #require(sheets.first { $0.name == name }, "no sheet \(name) in \(sheets.map(\.name))")
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/briefs/sample-brief.json").path

    /// rank: the leaderboard's scores read back at full precision, equal to the JSON's numbers (not "94.88").
    @Test func rankWorkbookHoldsTheJSONNumbers() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sheets = try Self.workbook(["rank"], file: "rank.xlsx", in: dir)
        #expect(sheets.map(\.name) == ["Leaderboard", "Notes", "Sources"])
        let board = try Self.sheet(sheets, "Leaderboard")
        #expect(board.rows[0] == ["unit", "name", "apddi", "apddi rank", "subregion", "filled"])
        let json = try Self.standardOutput(["rank", "--format", "json"], in: dir)
        // JSONDecoder, not JSONSerialization: on Linux the latter reads 56.612142650493396 as 56.61214265049339.
        enum Value: Decodable {
            case text(String), number(Double), null
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if c.decodeNil() { self = .null } else if let x = try? c.decode(Double.self) { self = .number(x) } else {
                    self = .text(try c.decode(String.self))
                }
            }
        }
        struct Leaderboard: Decodable { var rows: [[Value]] }
        let rows = try JSONDecoder().decode(Leaderboard.self, from: Data(json.utf8)).rows
        #expect(board.rows.count == rows.count + 1)
        for (row, values) in zip(board.rows.dropFirst(), rows) {
            let cells = row + Array(repeating: "", count: max(0, 6 - row.count))
            for (c, value) in values.enumerated() {
                switch value {
                case .text(let s): #expect(cells[c] == s)
                // filled (the last column) is a share 0–1 shown as a percentage: the reader gives what Excel shows.
                case .number(let x): #expect(cells[c] == Workbook.number(c == 5 ? (x * 100 * 1e9).rounded() / 1e9 : x))
                case .null: #expect(cells[c] == "")
                }
            }
        }
        let notes = try Self.sheet(sheets, "Notes")
        #expect(notes.rows.contains { $0.first == "filled" })
        #expect(try Self.sheet(sheets, "Sources").rows[0] == ["indicator", "series", "name", "unit", "source", "licence"])
    }

    /// compute: the Scores sheet is the CSV of the same run, with the unit of each indicator value added.
    @Test func computeWorkbookIsTheCSVWithUnits() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sheets = try Self.workbook(["compute", "--year", "2023"], file: "c.xlsx", in: dir)
        #expect(sheets.map(\.name) == ["Scores", "Nodes", "Notes", "Sources"])
        let csv = try Self.standardOutput(["compute", "--year", "2023"], in: dir)
        let csvRows = Self.records(csv)
        let scores = try Self.sheet(sheets, "Scores").rows
        #expect(scores.count == csvRows.count && scores.count > 500)
        let header = scores[0]
        let unitColumn = try #require(header.firstIndex(of: "value_unit"))
        #expect(header.filter { $0 != "value_unit" } == csvRows[0])
        let shares = Set(["coverage", "imputed_share"].compactMap { csvRows[0].firstIndex(of: $0) })
        var units = 0
        for (row, record) in zip(scores.dropFirst(), csvRows.dropFirst()) {
            var cells = row + Array(repeating: "", count: max(0, header.count - row.count))
            if !cells[unitColumn].isEmpty { units += 1 }
            cells.remove(at: unitColumn)
            for (c, field) in record.enumerated() where !shares.contains(c) {
                #expect(cells[c] == field, "column \(csvRows[0][c])")
            }
        }
        #expect(units > 100)
        #expect(try Self.sheet(sheets, "Nodes").rows[0] == ["node", "name", "level", "parent", "effective weight"])
    }

    /// The records of RFC 4180 CSV (quoted fields with doubled quotes; CRLF line ends).
    static func records(_ csv: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var characters = csv.unicodeScalars.makeIterator()
        while let c = characters.next() {
            switch (quoted, c) {
            case (true, "\""):
                // A doubled quote is one quote; a single one ends the quoted part.
                if let next = characters.next() {
                    if next == "\"" { field.unicodeScalars.append(next) } else {
                        quoted = false
                        if next == "," { fields.append(field); field = "" } else if next == "\n" {
                            fields.append(field); records.append(fields); fields = []; field = ""
                        }
                    }
                } else { quoted = false }
            case (true, _): field.unicodeScalars.append(c)
            case (false, "\""): quoted = true
            case (false, ","): fields.append(field); field = ""
            case (false, "\r"): break
            case (false, "\n"): fields.append(field); records.append(fields); fields = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        return records
    }

    /// coverage, series (one and all), compare, audit: the sheets they promise, numbers where numbers belong.
    @Test func theOtherReportsWriteTheirSheets() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let coverage = try Self.workbook(["coverage", "--group", "ENEA"], file: "cov.xlsx", in: dir)
        #expect(coverage.map(\.name) == ["Latest year", "Indicators", "Notes"])
        let latest = try Self.sheet(coverage, "Latest year")
        #expect(Array(latest.rows[0].prefix(3)) == ["iso3", "economy", "subregion"] && latest.rows.count == 8)
        #expect(latest.rows.dropFirst().flatMap { $0.dropFirst(3) }.allSatisfy { $0.isEmpty || (Int($0).map { (1960...2100).contains($0) } ?? false) })

        let series = try Self.workbook(["series", "--country", "KOR", "--indicator", "IT.NET.USER.ZS"], file: "s.xlsx", in: dir)
        #expect(series.map(\.name) == ["Series", "Sources", "Notes"])
        let json = try Self.standardOutput(["series", "--country", "KOR", "--indicator", "IT.NET.USER.ZS",
                                            "--format", "json"], in: dir)
        let values = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["values"] as? [[String: Any]])
        let rows = try Self.sheet(series, "Series").rows.dropFirst()
        #expect(rows.count == values.count && !values.isEmpty)
        for (row, value) in zip(rows, values) where row.count >= 2 {
            #expect(row[0] == String(try #require(value["year"] as? Int)))
            #expect(row[1] == Workbook.number(try #require(value["value"] as? Double)))
        }
        let list = try Self.workbook(["series", "--country", "KOR"], file: "list.xlsx", in: dir)
        #expect(try Self.sheet(list, "Series").rows[0] == ["indicator", "name", "unit", "first year", "last year",
                                                          "values", "source", "licence"])

        let compare = try Self.workbook(["compare", "KOR", "JPN"], file: "cmp.xlsx", in: dir)
        #expect(compare.map(\.name) == ["Scores", "Economies", "Notes", "Sources"])
        let scores = try Self.sheet(compare, "Scores").rows
        let korean = scores.dropFirst().count { (row: [String]) in row.first == "KOR" }
        #expect(2 * korean == scores.count - 1 && korean > 1)
        #expect(scores.dropFirst().allSatisfy { $0.count < 5 || $0[4].isEmpty || Double($0[4]) != nil })

        let audit = try Self.workbook(["audit"], file: "audit.xlsx", in: dir)
        #expect(audit.map(\.name) == ["Indicators", "Correlations", "Pairs", "Coherence", "PC1 loadings", "Eigenvalues",
                                      "Removals", "Notes"])
        let coherence = try Self.sheet(audit, "Coherence").rows
        #expect(coherence.count > 1 && coherence[1].count > 3 && Double(coherence[1][3]) != nil)
    }

    /// brief, render-brief and briefs --all in xlsx: the brief's twelve sheets, the overview's four.
    @Test func briefsWriteWorkbooks() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sheetNames = ["About", "Scores", "Gap contributors", "Standing", "Indicators", "Within economy", "Peers",
                          "Trend", "Lorenz", "Targets", "Notes", "Sources"]
        let rendered = try Self.workbook(["render-brief", Self.fixture], file: "sample.xlsx", in: dir)
        #expect(rendered.map(\.name) == sheetNames)
        #expect(try Self.sheet(rendered, "Scores").rows[1].prefix(5) == ["index", "Digital Divide Index", "index", "81.25", "3"])

        let (status, output) = try DivideProcess.run(["briefs", "--all", "--format", "xlsx", "--output", "out"], in: dir)
        #expect(status == 0, "\(output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(files.count == 58 + 2 && files.contains("overview.xlsx") && files.contains("manifest.json"))
        #expect(try Workbook.sheets(path: dir + "/out/KOR.xlsx", kind: .xlsx).map(\.name) == sheetNames)
        let overview = try Workbook.sheets(path: dir + "/out/overview.xlsx", kind: .xlsx)
        #expect(overview.map(\.name) == ["Leaderboard", "Inequality", "Lorenz", "Notes"])
        #expect(try Self.sheet(overview, "Leaderboard").rows.count == 59)
        let manifest = try String(contentsOfFile: dir + "/out/manifest.json", encoding: .utf8)
        #expect(manifest.contains(#""complete" : true"#) && manifest.contains("overview.xlsx"))
    }

    /// A binary format is never sent to standard output; `--output`'s extension chooses xlsx; a command that writes
    /// no workbook refuses `.xlsx`; every report command's help lists the format.
    @Test func binaryFormatsNeedAnOutputFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for arguments in [["rank", "--format", "xlsx"], ["compute", "--format", "xlsx"], ["brief", "KOR", "--format", "pdf"],
                          ["render-brief", Self.fixture, "--format", "xlsx"], ["audit", "--format", "xlsx"]] {
            let (status, output) = try DivideProcess.run(arguments, in: dir)
            #expect(status == 2, "\(arguments)")
            #expect(output.contains("writes a binary file, which is not sent to standard output: give --output FILE."),
                    "\(arguments): \(output)")
        }
        let (status, output) = try DivideProcess.run(["gaps", "--output", "g.xlsx"], in: dir)
        #expect(status == 2 && output.contains("cannot write xlsx (g.xlsx)"), "\(output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        for command in ["compute", "rank", "coverage", "series", "compare", "audit", "brief", "render-brief"] {
            #expect(try DivideProcess.run([command, "--help"]).output.contains("xlsx"), "\(command)")
        }
        for command in ["brief", "briefs", "render-brief"] {
            #expect(try DivideProcess.run([command, "--help"]).output.contains("pdf"), "\(command)")
        }
    }

    /// A workbook that cannot be written whole (a 4 KiB file-size limit) leaves the old file as it was.
    @Test func aFailedWorkbookWriteKeepsTheOldFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, output) = try DivideProcess.shell(
            #"echo old > c.xlsx; ulimit -f 4; "$DIVIDE" compute --output c.xlsx"#, in: dir)
        #expect(status == 1, "\(output)")
        #expect(output.contains("c.xlsx: cannot write it (the file size limit was reached)"), "\(output)")
        #expect(try String(contentsOfFile: dir + "/c.xlsx", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["c.xlsx"])
    }

    // MARK: - PDF

    /// Without Chromium: exit 1, a message that names the browser and how to install it, nothing written (an
    /// existing file is left as it was).
    @Test func aMissingBrowserIsNamedAndNothingIsWritten() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixture = Self.fixture
        var (status, output) = try DivideProcess.shell(
            #"echo old > b.pdf; unset DIVIDE_CHROMIUM; PATH=/nonexistent "$DIVIDE" render-brief '\#(fixture)' --output b.pdf"#,
            in: dir)
        #expect(status == 1, "\(output)")
        #expect(output.contains("--format pdf needs headless Chromium, which was not found (looked for chromium, "
                                + "chromium-browser, google-chrome, google-chrome-stable on PATH)"), "\(output)")
        #expect(output.contains("sudo apt-get install chromium") && output.contains("nothing was written"))
        (status, output) = try DivideProcess.shell(
            #"DIVIDE_CHROMIUM=/no/such/chromium "$DIVIDE" brief KOR --output k.pdf"#, in: dir)
        #expect(status == 1 && output.contains(#"DIVIDE_CHROMIUM is "/no/such/chromium", which is not an executable file"#),
                "\(output)")
        (status, output) = try DivideProcess.shell(
            #"DIVIDE_CHROMIUM=/bin/sh DIVIDE_CHROMIUM_TIMEOUT=soon "$DIVIDE" briefs --all --format pdf --output out"#, in: dir)
        #expect(status == 1 && output.contains(#"DIVIDE_CHROMIUM_TIMEOUT is "soon""#), "\(output)")
        #expect(try String(contentsOfFile: dir + "/b.pdf", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["b.pdf"])
    }

    /// A browser that fails, hangs or writes something else: exit 1 with what it said, nothing written, and its
    /// temporary folder removed. (Stand-in browsers: shell scripts that read --print-to-pdf=.)
    @Test func aFailingBrowserWritesNothing() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let temporary = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        func browser(_ name: String, _ body: String) throws -> String {
            let path = dir + "/" + name
            try ("#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; esac; done\n"
                 + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
            return path
        }
        let failing = try browser("failing", "echo 'cannot open display' >&2; exit 3")
        let hanging = try browser("hanging", "exec sleep 30")
        let wrong = try browser("wrong", "echo '<html>not a pdf</html>' > \"$out\"")
        let fixture = Self.fixture
        for (path, timeout, message) in [(failing, "", "could not print the PDF (exit status 3): it said: cannot open display"),
                                         (hanging, "DIVIDE_CHROMIUM_TIMEOUT=1 ", "did not finish printing the PDF within 1 s"),
                                         (wrong, "", "wrote a file that is not a PDF")] {
            let started = Date()
            let (status, output) = try DivideProcess.shell(
                #"TMPDIR='\#(temporary)' \#(timeout)DIVIDE_CHROMIUM='\#(path)' "$DIVIDE" render-brief '\#(fixture)' --output b.pdf"#,
                in: dir)
            #expect(status == 1 && output.contains(message) && output.contains("nothing was written"), "\(output)")
            #expect(Date().timeIntervalSince(started) < 20)
            #expect(!FileManager.default.fileExists(atPath: dir + "/b.pdf"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        }
        // briefs --all --format pdf writes one PDF per economy and the overview, with the stand-in's bytes.
        let fake = try browser("fake", "printf '%%PDF-1.4 stand-in\\n' > \"$out\"")
        let (status, output) = try DivideProcess.shell(
            #"TMPDIR='\#(temporary)' DIVIDE_CHROMIUM='\#(fake)' "$DIVIDE" briefs --all --format pdf --output out"#, in: dir)
        #expect(status == 0, "\(output)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(files.count == 58 + 2 && files.contains("overview.pdf") && files.contains("KOR.pdf"))
        #expect(try String(contentsOfFile: dir + "/out/KOR.pdf", encoding: .utf8) == "%PDF-1.4 stand-in\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    static let chromium: String? = try? ChromiumPrinter.locate().executable

    /// The real thing, where Chromium is installed (Debian: apt-get install chromium): a PDF of at least one page,
    /// and no temporary files left.
    @Test(.enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium)"))
    func chromiumPrintsTheBriefToPDF() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let temporary = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let (status, output) = try DivideProcess.shell(
            #"TMPDIR='\#(temporary)' "$DIVIDE" render-brief '\#(Self.fixture)' --output b.pdf"#, in: dir)
        #expect(status == 0, "\(output)")
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/b.pdf"))
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        // Page objects: "/Type /Page" (not /Pages).
        let text = String(decoding: bytes, as: UTF8.self)
        let pages = text.matches(of: /\/Type\s*\/Page[^s]/).count
        #expect(pages >= 1, "no page in the PDF")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }
}
