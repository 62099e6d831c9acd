import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One worksheet of a workbook as text cells: `rows[r][c]` is the cell in Excel row `r + 1`, column `c + 1`.
package struct Worksheet: Sendable {
    package var name: String
    package var rows: [[String]]

    /// The sheet as CSV bytes, one line per Excel row (an empty row is an empty line, which readers skip), so that a
    /// value's `line:column` in a report is its row and column in the sheet. Every row is padded to the width of the
    /// widest; line breaks inside a cell become spaces (they would shift the line numbers).
    package func csv() -> [UInt8] {
        let width = rows.map { row in (row.lastIndex { !$0.isEmpty } ?? -1) + 1 }.max() ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * width * 6)
        for row in rows {
            if row.allSatisfy(\.isEmpty) {
                out.append(0x0A)
                continue
            }
            for c in 0..<width {
                if c > 0 { out.append(0x2C) }
                let cell = c < row.count ? row[c] : ""
                let bytes = Array(cell.utf8).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 }) {
                    out.append(0x22)
                    for b in bytes {
                        out.append(b)
                        if b == 0x22 { out.append(0x22) }
                    }
                    out.append(0x22)
                } else {
                    out.append(contentsOf: bytes)
                }
            }
            out.append(0x0A)
        }
        return out
    }
}

/// Reads Excel workbooks into ``Worksheet``s of text, so that each sheet goes through the same format detection and
/// readers as a CSV file (``DataLoader``).
///
/// - `.xlsx` (Office Open XML, ECMA-376): a ZIP archive (read with ZIPFoundation) of XML parts (read with
///   Foundation's `XMLParser`): `xl/workbook.xml` and its relationships give the sheets in workbook order;
///   cells are shared strings (`t="s"`, rich-text runs joined, phonetic runs left out), inline strings
///   (`t="inlineStr"`), formula results (`t="str"`, the cached value), booleans, errors (`#N/A` is then a missing
///   marker) or numbers. A number is written as the shortest text that reads back to the same `Double` (integers
///   without a decimal point); under a *percent* number format (built-in 9 and 10, or a custom format with `%`
///   outside quotes) it is multiplied by 100, as Excel displays it (publishers' percentages are 0–100); under a
///   *date* format (built-in 14–22 and 45–47, or a custom format with `y`, `d`) it becomes `yyyy-mm-dd` (1900 date
///   system; the 1904 system when the workbook says so).
/// - `.xls` (BIFF8, Excel 97–2003, in an OLE2 compound file): read by ``BIFF8`` in this module. Debian 12's FreeXL
///   1.0.6 (`libfreexl-dev`), the obvious system library, was tried first and fails on the very workbook this
///   package ships (ITU's table 10: `freexl_open` returns FREEXL_OK with no handle), so the reader is ours: the
///   compound-file container and the cell records (shared strings across CONTINUE records, LABEL, NUMBER, RK,
///   MULRK, FORMULA results, BOOLERR) are small, documented ([MS-CFB], [MS-XLS]) and need no dependency. Number
///   formats (FORMAT and XF records) are applied as for `.xlsx`: percent ×100, dates as `yyyy-mm-dd`.
package enum Workbook {
    package enum Kind: Sendable { case xlsx, xls }

    /// The workbook kind of a file from its first bytes and, for a ZIP archive, its end (`PK\3\4` and an
    /// `xl/workbook.xml` part: xlsx; the OLE2 signature `D0 CF 11 E0 A1 B1 1A E1`: xls), or `nil`. The name is not
    /// needed: a workbook saved as `download` or `data.csv` is still a workbook. A ZIP archive's directory (the part
    /// names) is at its end; the first part's name (`[Content_Types].xml` or `xl/…` as Excel writes it) is checked
    /// too, since other writers put `docProps/…` first.
    package static func kind(head: [UInt8], tail: [UInt8] = [], name: String) -> Kind? {
        let lower = name.lowercased()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return .xlsx }
            let text = String(decoding: head.prefix(200), as: UTF8.self)
            if text.contains("[Content_Types].xml") || text.contains("xl/") { return .xlsx }
            let part = Array("xl/workbook.xml".utf8)
            if tail.count >= part.count, (0...(tail.count - part.count)).contains(where: { tail[$0..<($0 + part.count)].elementsEqual(part) }) {
                return .xlsx
            }
        }
        return nil
    }

    /// The workbook kind of the regular file at `path` (see ``kind(head:tail:name:)``), or `nil`.
    package static func kind(path: String) -> Kind? {
        guard let head = InputFile.head(path) else { return nil }
        let isZIP = head.starts(with: [0x50, 0x4B, 0x03, 0x04])
        return kind(head: head, tail: isZIP ? InputFile.tail(path, count: 65_557) ?? [] : [], name: path)
    }

    /// Every sheet of the workbook at `path`, in workbook order.
    package static func sheets(path: String, kind: Kind) throws(DivideError) -> [Worksheet] {
        switch kind {
        case .xlsx: return try XLSX.sheets(path: path)
        case .xls: return try XLS.sheets(path: path)
        }
    }

    /// `value` as the shortest text that reads back to it; integers without a decimal point.
    package static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The date of an Excel serial day number as `yyyy-mm-dd` (1900 system: day 1 is 1900-01-01, with Excel's
    /// phantom 1900-02-29; 1904 system: day 0 is 1904-01-01).
    package static func date(serial: Double, is1904: Bool) -> String {
        var days = Int(serial.rounded(.down))
        if !is1904 {
            if days >= 60 { days -= 1 }  // Excel's 1900-02-29
            days -= 1
        }
        // Civil date from days since the epoch (1900-01-01 or 1904-01-01), by Howard Hinnant's algorithm.
        let epochOffset = is1904 ? 695_361 : 693_901  // days from 0000-03-01 to the epoch
        let z = days + epochOffset
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func unreadable(_ path: String, _ what: String) -> DivideError {
        DivideError(
            .unreadableFile, at: SourceLocation(file: path), expected: "a readable Excel workbook", found: what,
            hint: "open it in a spreadsheet program and save it again, or export each sheet as CSV")
    }
}

// MARK: - xlsx (ZIPFoundation + XMLParser)

enum XLSX {
    static func sheets(path: String) throws(DivideError) -> [Worksheet] {
        // The archive's directory is checked before ZIPFoundation reads it: version 0.9.20 loops for ever inflating an
        // entry whose compressed data runs past the end of the file (found by the fuzzer).
        if let problem = ZIPPreflight.problem(try InputFile.bytes(path, what: "an Excel workbook (.xlsx)")) {
            throw Workbook.unreadable(path, "a damaged ZIP archive (\(problem))")
        }
        // From the file, not from memory: ZIPFoundation 0.9.20's in-memory archive traps on a central directory that
        // points past the end of the data (Range lowerBound > upperBound in MemoryFile.readData; found by the
        // fuzzer), where the file-backed one reports an error. (The file-backed one leaks the 21-byte file-system
        // representation of the path per archive opened; Fuzz/lsan-suppressions.txt.)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Workbook.unreadable(path, "a ZIP archive that cannot be opened (\(error))")
        }
        func part(_ name: String) throws(DivideError) -> Data? {
            let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
            guard let entry = archive[key] else { return nil }
            // ZIPFoundation 0.9.20 never returns from a deflate stream that is cut short inside the file (it reads
            // empty chunks for ever; found by the fuzzer), so the part is read on a worker with a deadline: a part
            // that has not ended by then is damaged, and the spinning worker is left to the process's exit. The worker
            // is a thread of its own, not a work item on a global queue: there it could wait behind long parallel
            // loops that hold every thread of the queue (seen in the test suite) and miss the deadline on a good part.
            final class Box: @unchecked Sendable {
                var data = Data()
                var error: (any Error)?
            }
            let box = Box(), done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) let shared = archive
            nonisolated(unsafe) let sharedEntry = entry
            Thread {
                do { _ = try shared.extract(sharedEntry, skipCRC32: false) { box.data.append($0) } } catch { box.error = error }
                done.signal()
            }.start()
            let seconds = 5 + Double(entry.uncompressedSize) / 20_000_000
            guard done.wait(timeout: .now() + seconds) == .success else {
                throw Workbook.unreadable(path, "a damaged part \(key) (its compressed data does not end)")
            }
            if let error = box.error { throw Workbook.unreadable(path, "a damaged part \(key) (\(error))") }
            return box.data
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw Workbook.unreadable(path, "a ZIP archive without xl/workbook.xml (not an Excel workbook)")
        }
        let workbook = WorkbookParser(workbookXML)
        let relations = try part("xl/_rels/workbook.xml.rels").map(RelationsParser.init)?.targets ?? [:]
        let shared = try part("xl/sharedStrings.xml").map(SharedStringsParser.init)?.strings ?? []
        let styles = try part("xl/styles.xml").map(StylesParser.init)
        var sheets: [Worksheet] = []
        for sheet in workbook.sheets {
            guard let target = relations[sheet.relation] else { continue }
            let partName = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(partName) else { continue }
            let parser = SheetParser(xml, shared: shared, styles: styles, is1904: workbook.is1904)
            sheets.append(Worksheet(name: sheet.name, rows: parser.rows))
        }
        return sheets
    }

    /// The 0-based column of a cell reference (`B3` → 1, `AA10` → 26).
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            let upper = byte & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            column = column * 26 + Int(upper - 0x40)
            letters += 1
        }
        return letters > 0 && column <= 16_384 ? column - 1 : nil
    }

    /// The 1-based row of a cell reference (`B3` → 3).
    static func row(of reference: String) -> Int? {
        Int(String(reference.drop { !($0 >= "0" && $0 <= "9") }))
    }
}

private class XMLPartParser: NSObject, XMLParserDelegate {
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldProcessNamespaces = false
        _ = parser.parse()
    }

    // The callbacks, overridden by each part's parser. (On Linux, XMLParserDelegate's methods have default
    // implementations in a protocol extension: a subclass's own methods would never be called unless the base class
    // declares them.)
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    /// The element name without its namespace prefix (`x:c` → `c`).
    static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }
}

private final class WorkbookParser: XMLPartParser {
    var sheets: [(name: String, relation: String)] = []
    var is1904 = false

    init(_ data: Data) {
        super.init()
        parse(data)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch Self.local(name) {
        case "sheet":
            let relation = attributes.first { Self.local($0.key) == "id" }?.value ?? ""
            sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", relation))
        case "workbookPr":
            is1904 = attributes["date1904"] == "1" || attributes["date1904"] == "true"
        default: break
        }
    }
}

private final class RelationsParser: XMLPartParser {
    var targets: [String: String] = [:]

    init(_ data: Data) {
        super.init()
        parse(data)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if Self.local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

private final class SharedStringsParser: XMLPartParser {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    init(_ data: Data) {
        super.init()
        parse(data)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch Self.local(name) {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Which cell styles (`s` indices into `cellXfs`) are percent or date formats.
private final class StylesParser: XMLPartParser {
    typealias Kind = NumberFormatKind
    var kinds: [Kind] = []
    private var customFormats: [Int: String] = [:]
    private var inCellXfs = false

    init(_ data: Data) {
        super.init()
        parse(data)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch Self.local(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            kinds.append(kind(of: attributes["numFmtId"].flatMap(Int.init) ?? 0))
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if Self.local(name) == "cellXfs" { inCellXfs = false }
    }

    private func kind(of id: Int) -> Kind { NumberFormatKind(id: id, code: customFormats[id]) }
}

/// How a cell's number format shows its number: as is, as a percentage (×100), or as a date.
enum NumberFormatKind {
    case plain, percent, date

    /// The kind of number format `id` (built-in ids, else the custom format `code`): percent (9, 10, or a `%`
    /// outside quotes and brackets), date (14–22, 45–47, or y/d letters), else plain. Shared by .xlsx and .xls.
    init(id: Int, code: String?) {
        self = Self.kind(of: id, code: code)
    }

    private static func kind(of id: Int, code: String?) -> NumberFormatKind {
        if id == 9 || id == 10 { return .percent }
        if (14...22).contains(id) || (45...47).contains(id) { return .date }
        guard let code else { return .plain }
        // Drop quoted literals and bracketed parts ([Red], [$-409]) before looking for % and date letters.
        var bare = ""
        var quoted = false, bracket = false
        for ch in code {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == "[" { bracket = true; continue }
            if ch == "]" { bracket = false; continue }
            if !quoted && !bracket { bare.append(ch) }
        }
        let lower = bare.lowercased()
        if lower.contains("%") { return .percent }
        if lower.contains("y") || lower.contains("d") { return .date }
        return .plain
    }
}

private final class SheetParser: XMLPartParser {
    var rows: [[String]] = []
    private let shared: [String]
    private let styles: StylesParser?
    private let is1904: Bool
    private var row = -1
    private var column = -1
    private var type = ""
    private var style = 0
    private var value = ""
    private var inValue = false

    init(_ data: Data, shared: [String], styles: StylesParser?, is1904: Bool) {
        self.shared = shared
        self.styles = styles
        self.is1904 = is1904
        super.init()
        parse(data)
    }

    override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch Self.local(name) {
        case "row":
            row = attributes["r"].flatMap(Int.init).map { $0 - 1 } ?? row + 1
            column = -1
        case "c":
            let reference = attributes["r"] ?? ""
            column = XLSX.column(of: reference) ?? column + 1
            if let r = XLSX.row(of: reference) { row = r - 1 }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(name) {
        case "v", "t": inValue = false
        case "c": store()
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    private func store() {
        guard row >= 0, column >= 0, row < 1_048_576 else { return }
        let text: String
        switch type {
        case "s":
            text = Int(value.trimmingSpaces()).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
        case "inlineStr", "str", "e":
            text = value
        case "b":
            text = value == "1" ? "TRUE" : "FALSE"
        default:
            guard let number = Double(value.trimmingSpaces()) else {
                text = value
                break
            }
            let kind = styles.flatMap { style < $0.kinds.count ? $0.kinds[style] : nil } ?? .plain
            switch kind {
            case .percent: text = Workbook.number((number * 100 * 1e9).rounded() / 1e9)
            case .date: text = Workbook.date(serial: number, is1904: is1904)
            case .plain: text = Workbook.number(number)
            }
        }
        if rows.count <= row { rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count)) }
        if rows[row].count <= column {
            rows[row].append(contentsOf: repeatElement("", count: column + 1 - rows[row].count))
        }
        rows[row][column] = text
    }
}

/// A check of a ZIP archive's central directory against the file: every entry's local header and compressed data
/// lie inside the file, no ZIP64 markers (a workbook of at most 64 MiB never needs them), sizes a deflate stream can
/// produce (at most 1,100 times the compressed size) and at most 512 MiB uncompressed (a zip bomb).
enum ZIPPreflight {
    static func problem(_ bytes: [UInt8]) -> String? {
        func u16(_ i: Int) -> Int { i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : -1 }
        func u32(_ i: Int) -> Int {
            i + 4 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 : -1
        }
        // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
        guard bytes.count >= 22 else { return "shorter than a ZIP directory" }
        var eocd = -1
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { return "no end-of-directory record" }
        let count = u16(eocd + 10), size = u32(eocd + 12), start = u32(eocd + 16)
        guard count != 0xFFFF, size != 0xFFFF_FFFF, start != 0xFFFF_FFFF else { return "ZIP64 directory" }
        guard start >= 0, start + size <= eocd else { return "directory outside the file" }
        var p = start
        for entry in 0..<count {
            guard u32(p) == 0x0201_4B50 else { return "directory entry \(entry + 1) is damaged" }
            let compressed = u32(p + 20), uncompressed = u32(p + 24)
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            let local = u32(p + 42)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                return "ZIP64 entry"
            }
            guard local >= 0, u32(local) == 0x0403_4B50 else { return "entry \(entry + 1) has no local header" }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= bytes.count else { return "entry \(entry + 1) runs past the end of the file" }
            guard uncompressed <= max(compressed, 1) * 1100, uncompressed <= InputFile.maxBytes * 8 else {
                return "entry \(entry + 1) claims an impossible size"
            }
            p += 46 + nameLength + extraLength + commentLength
            guard p <= eocd else { return "directory entry \(entry + 1) runs past the directory" }
        }
        return nil
    }
}
