import Foundation
import ZIPFoundation

// The parts of an .xlsx package (ECMA-376 Part 1 §12, SpreadsheetML §18) that ``XLSXWorkbook`` writes:
// [Content_Types].xml, _rels/.rels, xl/workbook.xml with its relationships, xl/styles.xml and one
// xl/worksheets/sheetN.xml per sheet. Cells are inline strings and numbers; no shared strings, no formulas.

/// Text in SpreadsheetML: XML escaping, Excel's `_xHHHH_` escapes and cell references.
enum XLSXText {
    /// True for the characters XML 1.0 allows in a document (§2.2 Char).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` for an element or an attribute: `& < > " '` as entities; control characters but tab and line feed
    /// (so also carriage returns, which XML parsers would turn into line feeds), and characters XML cannot hold, as
    /// `_xHHHH_`; a `_` that starts a literal `_xHHHH_` as `_x005F_` so that it is not read as an escape.
    static func escaped(_ text: String) -> String {
        // Most text needs nothing: one pass over its bytes (no markup characters, no `_`, no C0 control but tab and
        // line feed, no C1 control (UTF-8 C2 80–9F), nothing from U+F000 up in the BMP (EF …: U+FFFE, U+FFFF)).
        var previous: UInt8 = 0, plain = true
        for byte in text.utf8 {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x5F, 0x7F, 0xEF: plain = false
            case 0x80...0x9F where previous == 0xC2: plain = false
            case ..<0x20 where byte != 0x09 && byte != 0x0A: plain = false
            default: break
            }
            if !plain { break }
            previous = byte
        }
        if plain { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        func append(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        for (k, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": append("&amp;")
            case "<": append("&lt;")
            case ">": append("&gt;")
            case "\"": append("&quot;")
            case "'": append("&apos;")
            case "\t", "\n": out.append(scalar)
            case "_" where startsEscape(scalars, at: k): append("_x005F_")
            case _ where InertText.isControl(scalar) || !isXMLCharacter(scalar): append(escape(scalar.value))
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `_xHHHH_` (four upper-case hex digits).
    private static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }

    /// True when `scalars[k...]` reads `_xHHHH_`.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at k: Int) -> Bool {
        guard k + 6 < scalars.count, scalars[k + 1] == "x" || scalars[k + 1] == "X", scalars[k + 6] == "_" else {
            return false
        }
        return scalars[(k + 2)...(k + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// The letters of the 0-based column `c` (0 → A, 25 → Z, 26 → AA).
    static func columnName(_ c: Int) -> String {
        var n = c + 1, letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// The cell formats a workbook uses, numbered in order of first use (0 is the default), and `xl/styles.xml`.
struct XLSXStyles {
    struct Style: Hashable {
        var bold = false
        /// An Excel number format code; nil: General.
        var numberFormat: String?
        /// Shown and edited as text even when it looks like a formula.
        var quotePrefix = false
        /// Long text wraps within the column, aligned to the top.
        var wrap = false
    }

    private(set) var styles: [Style] = [Style()]
    private var ids: [Style: Int] = [Style(): 0]

    /// The index of `style` in `cellXfs`, adding it when new.
    mutating func id(_ style: Style) -> Int {
        if let id = ids[style] { return id }
        styles.append(style)
        ids[style] = styles.count - 1
        return styles.count - 1
    }

    var xml: String {
        // Custom number formats are numbered from 164 (0–163 are built in).
        var formats: [String] = []
        for case let format? in styles.map(\.numberFormat) where !formats.contains(format) { formats.append(format) }
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !formats.isEmpty {
            out += #"<numFmts count="\#(formats.count)">"#
            for (k, format) in formats.enumerated() {
                out += #"<numFmt numFmtId="\#(164 + k)" formatCode="\#(XLSXText.escaped(format))"/>"#
            }
            out += "</numFmts>"
        }
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/>"#
        out += #"<fonts count="2"><font>\#(font)</font><font><b/>\#(font)</font></fonts>"#
        out += #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
            + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
        out += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        out += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        out += #"<cellXfs count="\#(styles.count)">"#
        for style in styles {
            let format = style.numberFormat.flatMap { f in formats.firstIndex(of: f).map { 164 + $0 } } ?? 0
            out += #"<xf numFmtId="\#(format)" fontId="\#(style.bold ? 1 : 0)" fillId="0" borderId="0" xfId="0""#
            if format != 0 { out += #" applyNumberFormat="1""# }
            if style.bold { out += #" applyFont="1""# }
            if style.quotePrefix { out += #" quotePrefix="1""# }
            out += style.wrap ? #" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"# : "/>"
        }
        out += "</cellXfs>"
        out += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return out + "</styleSheet>\n"
    }
}

/// One worksheet part: the header row (bold, frozen), the cells, the column widths.
enum XLSXSheetWriter {
    /// The narrowest and widest fitted column, in characters.
    static let fittedWidths = 6.0...60.0

    static func xml(_ sheet: XLSXWorkbook.Sheet, selected: Bool, styles: inout XLSXStyles) throws(DivideError) -> String {
        let columnCount = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        let rowCount = sheet.rows.count + (sheet.columns.isEmpty ? 0 : 1)
        func tooLarge(_ expected: String, _ found: String) -> DivideError {
            DivideError(.limitExceeded, at: SourceLocation(file: "sheet \(DivideError.quote(sheet.name))"),
                        expected: expected, found: found, hint: "Excel cannot open such a sheet; write CSV instead")
        }
        guard columnCount <= XLSXWorkbook.maxColumns else {
            throw tooLarge("at most \(XLSXWorkbook.maxColumns) columns", "\(columnCount)")
        }
        guard rowCount <= XLSXWorkbook.maxRows else {
            throw tooLarge("at most \(XLSXWorkbook.maxRows) rows (with the header)", "\(rowCount)")
        }
        let widths = (0..<columnCount).map { c in width(of: c, in: sheet) }
        let formats = (0..<columnCount).map { c in c < sheet.columns.count ? sheet.columns[c].numberFormat : nil }

        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        let last = columnCount > 0 && rowCount > 0 ? XLSXText.columnName(columnCount - 1) + String(rowCount) : nil
        out += #"<dimension ref="A1\#(last.map { ":" + $0 } ?? "")"/>"#
        out += #"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#
        if !sheet.columns.isEmpty {
            out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
                + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        out += "</sheetView></sheetViews>"
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columnCount > 0 {
            out += "<cols>"
            for (c, width) in widths.enumerated() {
                out += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(SpreadsheetCSV.shortest(width))" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        // Per column, once: its letters and the style attribute of its numbers.
        let letters = (0..<columnCount).map(XLSXText.columnName)
        let numberStyles = formats.map { format -> String in
            let s = styles.id(XLSXStyles.Style(numberFormat: format))
            return s == 0 ? "" : #" s="\#(s)""#
        }
        var row = 0
        func text(_ value: String, column c: Int, bold: Bool) throws(DivideError) -> String {
            guard value.utf16.count <= XLSXWorkbook.maxCellLength else {
                throw tooLarge("at most \(XLSXWorkbook.maxCellLength) characters in a cell",
                               "\(value.utf16.count) in cell \(letters[c])\(row)")
            }
            let style = XLSXStyles.Style(bold: bold, quotePrefix: SpreadsheetCSV.looksLikeFormula(value),
                                         wrap: value.utf8.contains(0x0A) || Double(longestLine(value)) > widths[c])
            let s = style == XLSXStyles.Style() ? 0 : styles.id(style)
            return #"<c r="\#(letters[c])\#(row)"\#(s == 0 ? "" : #" s="\#(s)""#) t="inlineStr"><is><t xml:space="preserve">"#
                + XLSXText.escaped(value) + "</t></is></c>"
        }
        func number(_ literal: String, column c: Int) -> String {
            #"<c r="\#(letters[c])\#(row)"\#(numberStyles[c])><v>\#(literal)</v></c>"#
        }
        if !sheet.columns.isEmpty {
            row = 1
            out += #"<row r="1">"#
            for (c, column) in sheet.columns.enumerated() where !column.header.isEmpty {
                out += try text(column.header, column: c, bold: true)
            }
            out += "</row>"
        }
        for cells in sheet.rows {
            row += 1
            out += #"<row r="\#(row)">"#
            for (c, cell) in cells.enumerated() {
                switch cell {
                case .text(let value) where !value.isEmpty: out += try text(value, column: c, bold: false)
                case .number(let value) where value.isFinite: out += number(SpreadsheetCSV.shortest(value), column: c)
                case .integer(let value): out += number(String(value), column: c)
                case .text, .number, .empty: break
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>\n"
    }

    /// The column's width: as given, else fitted to its header (bold: two more) and cells.
    static func width(of c: Int, in sheet: XLSXWorkbook.Sheet) -> Double {
        let column = c < sheet.columns.count ? sheet.columns[c] : nil
        if let given = column?.width { return given }
        var widest = column.map { longestLine($0.header) + 2 } ?? 0
        for row in sheet.rows where c < row.count {
            switch row[c] {
            case .text(let value): widest = max(widest, longestLine(value))
            case .number(let value) where value.isFinite:
                widest = max(widest, displayWidth(value, format: column?.numberFormat))
            case .integer(let value): widest = max(widest, displayWidth(Double(value), format: column?.numberFormat))
            case .number, .empty: break
            }
        }
        return min(fittedWidths.upperBound, max(fittedWidths.lowerBound, Double(widest) + 1))
    }

    /// The characters of the longest line of `text`.
    static func longestLine(_ text: String) -> Int {
        guard text.utf8.contains(0x0A) else { return text.count }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
    }

    /// About how many characters Excel shows for `value` under `format` (General: at most 11).
    static func displayWidth(_ value: Double, format: String?) -> Int {
        guard let format, format.lowercased() != "general" else { return min(11, SpreadsheetCSV.shortest(value).count) }
        let percent = format.contains("%")
        let decimals = format.split(separator: ".", maxSplits: 1).dropFirst().first
            .map { $0.prefix { $0 == "0" || $0 == "#" }.count } ?? 0
        let magnitude = abs(percent ? value * 100 : value)
        guard magnitude < 1e15 else { return 20 }
        let integerDigits = magnitude < 1 ? 1 : Int(log10(magnitude)) + 1
        let grouping = format.contains(",") ? (integerDigits - 1) / 3 : 0
        return (value < 0 ? 1 : 0) + integerDigits + grouping + (decimals > 0 ? decimals + 1 : 0) + (percent ? 1 : 0)
    }
}

/// The package's fixed parts and the ZIP archive.
struct XLSXPackage {
    var sheetNames: [String]

    static let rootRelations = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>\n"

    var contentTypes: String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for k in sheetNames.indices {
            out += #"<Override PartName="/xl/worksheets/sheet\#(k + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        return out + "</Types>\n"
    }

    var workbook: String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (k, name) in sheetNames.enumerated() {
            out += #"<sheet name="\#(XLSXText.escaped(name))" sheetId="\#(k + 1)" r:id="rId\#(k + 1)"/>"#
        }
        return out + "</sheets></workbook>\n"
    }

    var workbookRelations: String {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for k in sheetNames.indices {
            out += #"<Relationship Id="rId\#(k + 1)" Type="\#(type)worksheet" Target="worksheets/sheet\#(k + 1).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(sheetNames.count + 1)" Type="\#(type)styles" Target="styles.xml"/>"#
        return out + "</Relationships>\n"
    }

    /// The ZIP date of every entry (1980-01-01 00:00 UTC, the earliest ZIP can hold): the same workbook gives the
    /// same bytes.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The parts, deflated, in one ZIP archive in memory.
    static func zip(_ parts: [(name: String, xml: String)]) throws(DivideError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let bytes = Data(part.xml.utf8)
                try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else {
                throw DivideError(.unwritableOutput, found: "cannot build the workbook's ZIP archive in memory")
            }
            return data
        } catch let error as DivideError {
            throw error
        } catch {
            throw DivideError(.unwritableOutput, found: "cannot build the workbook's ZIP archive (\(error))")
        }
    }
}
