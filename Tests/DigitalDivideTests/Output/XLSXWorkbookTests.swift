import Foundation
import Testing
@testable import DivideData

/// The .xlsx writer: what it writes reads back through the project's own .xlsx reader; cells keep their types;
/// text is escaped and never a formula; sheet names are valid; limits and failures leave nothing half-written.
@Suite("Excel workbooks (XLSXWorkbook)")
struct XLSXWorkbookTests {
    /// Text of every kind, numbers, integers, missing and non-finite values, written and read back.
    @Test func roundTripsThroughTheReader() throws {
        var book = XLSXWorkbook()
        let first = book.addSheet("Scores", columns: [.init("unit"), .init("score", numberFormat: "0.00"),
                                                     .init("rank"), .init("note")], rows: [
            [.text("KOR"), .number(94.43), .integer(2), .text("=HYPERLINK(\"http://x\")")],
            [.text("Côte d'Ivoire & <Türkiye> \"ok\""), .number(.nan), .empty, .text("-1 point")],
            [.text("日本 🇯🇵"), .number(.infinity), .integer(-3), .text("line one\nline two\ttab")],
            [.text("bell\u{7}cr\r_x0041_"), .number(1e-05), .integer(0), .text("  spaced  ")],
            [.text("short row")],
        ])
        book.addSheet("Notes", columns: [.init("about"), .init("note")], rows: [[.text("scores"), .text("0–100")]])
        let directory = try InputFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("book.xlsx").path
        try book.write(to: path)

        let sheets = try Workbook.sheets(path: path, kind: .xlsx)
        #expect(sheets.map(\.name) == [first, "Notes"])
        #expect(sheets[0].rows == [
            ["unit", "score", "rank", "note"],
            ["KOR", "94.43", "2", "=HYPERLINK(\"http://x\")"],
            ["Côte d'Ivoire & <Türkiye> \"ok\"", "", "", "-1 point"],
            ["日本 🇯🇵", "", "-3", "line one\nline two\ttab"],
            // The reader, like openpyxl, leaves Excel's _xHHHH_ escapes as they are; Excel and LibreOffice turn
            // them back into the characters (and _x005F_ into the underscore).
            ["bell_x0007_cr_x000D__x005F_x0041_", "1e-05", "0", "  spaced  "],
            ["short row"],
        ])
        #expect(sheets[1].rows == [["about", "note"], ["scores", "0–100"]])
        #expect(Workbook.kind(head: Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(200)), name: "x") == .xlsx)
    }

    /// Numbers are numbers (`<v>` without a type), text is inline strings, nothing is a formula, and text that
    /// looks like one gets the quote prefix; the header is bold and frozen; widths are fitted within 6–60.
    @Test func cellsKeepTheirTypes() throws {
        let sheet = XLSXWorkbook.Sheet(name: "S", columns: [.init("name"), .init("value", numberFormat: "0.0%"),
                                                           .init("given", width: 9)], rows: [
            [.text("a"), .number(0.25), .integer(7)],
            [.text("=1+1"), .number(-.infinity), .text(String(repeating: "long ", count: 30))],
        ])
        var styles = XLSXStyles()
        let xml = try XLSXSheetWriter.xml(sheet, selected: true, styles: &styles)
        let valueStyle = styles.styles.firstIndex { $0.numberFormat == "0.0%" }
        #expect(xml.contains(#"<c r="B2" s="\#(try #require(valueStyle))"><v>0.25</v></c>"#))
        #expect(xml.contains(#"<c r="C2"><v>7</v></c>"#))
        #expect(xml.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">a</t></is></c>"#))
        #expect(!xml.contains("B3"))                       // -infinity: an empty cell
        #expect(!xml.contains("<f>") && !xml.contains("<f "))
        let formulaStyle = try #require(styles.styles.firstIndex { $0.quotePrefix })
        #expect(xml.contains(#"<c r="A3" s="\#(formulaStyle)" t="inlineStr"><is><t xml:space="preserve">=1+1</t>"#))
        let headerStyle = try #require(styles.styles.firstIndex { $0.bold })
        #expect(xml.contains(#"<c r="A1" s="\#(headerStyle)" t="inlineStr"><is><t xml:space="preserve">name</t>"#))
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<dimension ref="A1:C3"/>"#))
        // Fitted: "name" (4 + 2 for the bold header) + 1 = 7; "value" 5 + 2 + 1 = 8; given: 9.
        #expect(xml.contains(#"<col min="1" max="1" width="7" customWidth="1"/><col min="2" max="2" width="8" "#
                             + #"customWidth="1"/><col min="3" max="3" width="9" customWidth="1"/>"#))
        // Text longer than its column wraps.
        #expect(styles.styles.contains { $0.wrap })
        let stylesXML = styles.xml
        #expect(stylesXML.contains(#"<numFmt numFmtId="164" formatCode="0.0%"/>"#))
        #expect(stylesXML.contains(#"<font><b/>"#) && stylesXML.contains(#"quotePrefix="1""#))
    }

    @Test func textIsEscapedForXMLAndExcel() {
        #expect(XLSXText.escaped(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
        #expect(XLSXText.escaped("tab\tline\n") == "tab\tline\n")
        #expect(XLSXText.escaped("\u{0}\u{1B}\r\u{85}\u{FFFE}") == "_x0000__x001B__x000D__x0085__xFFFE_")
        #expect(XLSXText.escaped("_x00e9_ and _x12_ and _xZZZZ_") == "_x005F_x00e9_ and _x12_ and _xZZZZ_")
        #expect(XLSXText.escaped("🇯🇵 é") == "🇯🇵 é")
        #expect([0, 25, 26, 51, 701, 702, 16_383].map(XLSXText.columnName) == ["A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"])
    }

    @Test func sheetNamesAreValidAndUnique() {
        #expect(XLSXWorkbook.sheetName("a/b\\c?d*e[f]g:h", avoiding: []) == "a-b-c-d-e-f-g-h")
        #expect(XLSXWorkbook.sheetName("'quoted'", avoiding: []) == "quoted")
        #expect(XLSXWorkbook.sheetName("", avoiding: []) == "Sheet")
        #expect(XLSXWorkbook.sheetName("''", avoiding: []) == "Sheet")
        #expect(XLSXWorkbook.sheetName("tab\there", avoiding: []) == "tab-here")
        #expect(XLSXWorkbook.sheetName("History", avoiding: []) == "History (2)")
        #expect(XLSXWorkbook.sheetName("notes", avoiding: ["Notes", "notes (2)"]) == "notes (3)")
        let long = String(repeating: "x", count: 40)
        #expect(XLSXWorkbook.sheetName(long, avoiding: []) == String(repeating: "x", count: 31))
        #expect(XLSXWorkbook.sheetName(long, avoiding: [String(repeating: "x", count: 31)])
                == String(repeating: "x", count: 27) + " (2)")
        // 31 UTF-16 code units, never half a character: 15 flags of 4 units each fit 7 (28 units).
        let flags = XLSXWorkbook.sheetName(String(repeating: "🇯🇵", count: 15), avoiding: [])
        #expect(flags == String(repeating: "🇯🇵", count: 7) && flags.utf16.count == 28)
        #expect(XLSXWorkbook.sheetName(String(repeating: "a", count: 30) + "'b", avoiding: []) == String(repeating: "a", count: 30))

        var book = XLSXWorkbook()
        #expect(book.addSheet("Data", columns: [], rows: []) == "Data")
        #expect(book.addSheet("DATA", columns: [], rows: []) == "DATA (2)")
        #expect(book.sheets.map(\.name) == ["Data", "DATA (2)"])
    }

    /// Excel's limits are errors that name the sheet and the cell; a failed write leaves the old file as it was.
    @Test func limitsAreErrorsAndNothingIsHalfWritten() throws {
        let directory = try InputFileTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.xlsx").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))

        var tooLong = XLSXWorkbook()
        tooLong.addSheet("Long", columns: [.init("text")],
                         rows: [[.text(String(repeating: "x", count: XLSXWorkbook.maxCellLength + 1))]])
        let error = #expect(throws: DivideError.self) { try tooLong.write(to: path) }
        #expect(error?.description.contains(#"sheet "Long""#) == true)
        #expect(error?.description.contains("32768 in cell A2") == true)
        #expect(#expect(throws: DivideError.self) { try XLSXWorkbook().data() }?.description
                    .contains("at least one sheet") == true)
        var tooWide = XLSXWorkbook()
        tooWide.addSheet("Wide", columns: (0...XLSXWorkbook.maxColumns).map { .init("c\($0)") }, rows: [])
        #expect(#expect(throws: DivideError.self) { try tooWide.write(to: path) }?.description
                    .contains("at most 16384 columns") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["old.xlsx"])

        // A folder in the way is refused before anything is written.
        var book = XLSXWorkbook()
        book.addSheet("S", columns: [.init("a")], rows: [[.integer(1)]])
        #expect(throws: DivideError.self) { try book.write(to: directory.path) }
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        var book = XLSXWorkbook()
        book.addSheet("S", columns: [.init("a"), .init("b", numberFormat: "0.00")], rows: [[.text("x"), .number(1.5)]])
        let first = try book.data()
        #expect(try book.data() == first)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}
