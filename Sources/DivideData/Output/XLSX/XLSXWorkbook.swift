import Foundation

/// A workbook of typed cells, written as an Office Open XML spreadsheet (`.xlsx`, ECMA-376 Part 1, SpreadsheetML),
/// the format of Excel (what this writes is checked with LibreOffice and openpyxl).
///
/// Each sheet is one table: a header row (bold, frozen so that it stays in view when scrolling) and rows of
/// ``Cell``s. Numbers are stored as numbers (a column's ``Column/numberFormat`` only changes how they are shown),
/// text as inline strings, missing and non-finite values as empty cells.
///
/// ```swift
/// var book = XLSXWorkbook()
/// book.addSheet("Scores", columns: [.init("economy"), .init("score", numberFormat: "0.00")],
///               rows: [[.text("KOR"), .number(94.43)], [.text("JPN"), .empty]])
/// book.addSheet("Notes", columns: [.init("note")], rows: [[.text("Scores are 0-100.")]])
/// try book.write(to: "scores.xlsx")   // complete or not at all (OutputFile)
/// ```
///
/// What is guaranteed, whatever the text:
/// - Sheet names are valid in Excel: 1–31 characters, none of `[ ] : * ? / \`, no `'` at either end, not the
///   reserved `History`, unique ignoring case (``sheetName(_:avoiding:)``; ``addSheet(_:columns:rows:)`` returns
///   the name used).
/// - Cell text is XML-escaped; characters XML 1.0 cannot hold (control characters other than tab and line feed,
///   U+FFFE, U+FFFF) and carriage returns are written as Excel's `_xHHHH_` escapes, which Excel and LibreOffice
///   turn back into the character, and a literal `_xHHHH_` in the text is escaped too (`_x005F_xHHHH_`).
/// - Text never becomes a formula: cells are inline strings (`t="inlineStr"`), which no spreadsheet evaluates, and
///   text that would be a formula if typed (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) also
///   gets the quote-prefix style, so that editing the cell keeps it text.
/// - The same workbook gives the same bytes (the ZIP entries carry a fixed date).
///
/// Limits (Excel's, checked by ``data()``): 1,048,576 rows a sheet (the header included), 16,384 columns, 32,767
/// characters (UTF-16 code units) a cell.
///
/// Why this writer rather than a C library: the file format is a ZIP archive of a few small XML parts, which
/// ZIPFoundation (already used to read `.xlsx`) writes; a system library such as libxlsxwriter would add a
/// dependency for every program that embeds the library, for the sake of features (charts, formulas, rich text)
/// that these reports do not use.
public struct XLSXWorkbook: Sendable, Equatable {
    /// A cell: text, a number, an integer, or empty (a missing value). The same cells as CSV's
    /// (``SpreadsheetCSV/Cell``), so one table can be written as either.
    public typealias Cell = SpreadsheetCSV.Cell

    /// A column of a sheet: its header and how its numbers are shown.
    public struct Column: Sendable, Equatable {
        /// The header (row 1).
        public var header: String
        /// The Excel number format code of the column's numbers (`"0.00"`, `"0%"`, `"0"`, `"#,##0"`); `nil`:
        /// General. Only the display changes: the stored value keeps full precision.
        public var numberFormat: String?
        /// The width in characters; `nil`: fitted to the header and the cells (between 6 and 60). Text longer
        /// than the width wraps.
        public var width: Double?

        /// A column with `header`, shown with `numberFormat` (nil: General), `width` characters wide (nil: fitted).
        public init(_ header: String, numberFormat: String? = nil, width: Double? = nil) {
            self.header = header
            self.numberFormat = numberFormat
            self.width = width
        }
    }

    /// One sheet: a named table.
    public struct Sheet: Sendable, Equatable {
        /// The sheet's name as written (valid and unique in its workbook).
        public internal(set) var name: String
        /// The columns, whose headers make row 1.
        public var columns: [Column]
        /// The rows below the header; a row may have fewer cells than there are columns (the rest are empty).
        public var rows: [[Cell]]
    }

    /// The sheets, in the order they were added.
    public private(set) var sheets: [Sheet] = []

    /// An empty workbook (``data()`` needs at least one sheet).
    public init() {}

    /// Adds a sheet at the end; `name` is made valid and unique (``sheetName(_:avoiding:)``). Returns the name used.
    @discardableResult
    public mutating func addSheet(_ name: String, columns: [Column], rows: [[Cell]]) -> String {
        let valid = Self.sheetName(name, avoiding: sheets.map(\.name))
        sheets.append(Sheet(name: valid, columns: columns, rows: rows))
        return valid
    }

    /// Adds a sheet of notes (what a report's numbers measure, where they come from, what is missing): a column
    /// `about` and a column `note`, 100 characters wide, whose long text wraps. Returns the name used.
    @discardableResult
    public mutating func addNotes(_ notes: [(about: String, note: String)], named name: String = "Notes") -> String {
        addSheet(name, columns: [Column("about"), Column("note", width: 100)],
                 rows: notes.map { [.text($0.about), .text($0.note)] })
    }

    /// The most rows a sheet may have, its header included.
    public static let maxRows = 1_048_576
    /// The most columns a sheet may have.
    public static let maxColumns = 16_384
    /// The most characters (UTF-16 code units) a cell may hold.
    public static let maxCellLength = 32_767
    /// The most characters (UTF-16 code units) of a sheet name.
    public static let maxSheetNameLength = 31

    /// `proposed` as a valid sheet name that is not in `taken` (compared ignoring case, as Excel does): characters
    /// Excel refuses (`[ ] : * ? / \` and control characters) become `-`, `'` is removed from both ends, an empty
    /// name becomes `Sheet`, the name is cut to 31 characters (never inside a character), and a name already taken
    /// (or the reserved `History`) gets ` (2)`, ` (3)`, … within the 31.
    public static func sheetName(_ proposed: String, avoiding taken: [String]) -> String {
        var cleaned = String(String.UnicodeScalarView(proposed.unicodeScalars.map { scalar in
            "[]:*?/\\".unicodeScalars.contains(scalar) || InertText.isControl(scalar) || !XLSXText.isXMLCharacter(scalar)
                ? "-" : scalar
        }))
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        if cleaned.trimmingCharacters(in: .whitespaces).isEmpty { cleaned = "Sheet" }
        let used = Set(taken.map { $0.lowercased() } + ["history"])
        func cut(_ text: String, to limit: Int) -> String {
            var out = ""
            for character in text {
                guard out.utf16.count + character.utf16.count <= limit else { break }
                out.append(character)
            }
            // A cut may leave a `'` at the end.
            while out.hasSuffix("'") { out.removeLast() }
            return out.isEmpty ? "Sheet" : out
        }
        let base = cut(cleaned, to: maxSheetNameLength)
        if !used.contains(base.lowercased()) { return base }
        var k = 2
        while true {
            let suffix = " (\(k))"
            let name = cut(cleaned, to: maxSheetNameLength - suffix.utf16.count) + suffix
            if !used.contains(name.lowercased()) { return name }
            k += 1
        }
    }

    /// The workbook as the bytes of an `.xlsx` file. Throws when it has no sheet or a sheet exceeds Excel's limits
    /// (``maxRows``, ``maxColumns``, ``maxCellLength``), naming the sheet and the cell.
    public func data() throws(DivideError) -> Data {
        guard !sheets.isEmpty else {
            throw DivideError(.invalidArgument, expected: "a workbook with at least one sheet", found: "no sheet")
        }
        var styles = XLSXStyles()
        var parts: [(name: String, xml: String)] = []
        for (k, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(k + 1).xml", try XLSXSheetWriter.xml(sheet, selected: k == 0, styles: &styles)))
        }
        let package = XLSXPackage(sheetNames: sheets.map(\.name))
        return try XLSXPackage.zip([
            ("[Content_Types].xml", package.contentTypes),
            ("_rels/.rels", XLSXPackage.rootRelations),
            ("xl/workbook.xml", package.workbook),
            ("xl/_rels/workbook.xml.rels", package.workbookRelations),
            ("xl/styles.xml", styles.xml),
        ] + parts)
    }

    /// Writes the workbook to `path` through ``OutputFile``: the file is replaced only by the complete workbook;
    /// on any error it is left as it was.
    public func write(to path: String) throws(DivideError) {
        let bytes = try data()
        try OutputFile.write(bytes: bytes, to: path)
    }
}
