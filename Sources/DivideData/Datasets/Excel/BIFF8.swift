/// Legacy Excel `.xls` workbooks: the BIFF8 `Workbook` stream inside an OLE2 compound file.
///
/// Container ([MS-CFB]): a 512-byte header, sectors of 512 (or 4096) bytes chained through the FAT (whose sectors the
/// header's DIFAT lists, continued in DIFAT sectors), a directory of 128-byte entries, and small streams (under 4096
/// bytes) in the mini stream, chained through the mini FAT. Workbook ([MS-XLS]): records `type u16, size u16, data`;
/// the globals give the sheets (BOUNDSHEET: name and the stream offset of the sheet's BOF) and the shared strings (SST,
/// continued in CONTINUE records, where a string's characters may resume with a new flags byte); each sheet's cells
/// are LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA (with its cached result, a string in the STRING record after it)
/// and BOOLERR. BIFF5 and older (`Book` stream, 8-bit strings) are refused with a located message.
enum XLS {
    static func sheets(path: String) throws(DivideError) -> [Worksheet] {
        let bytes = try InputFile.bytes(path, what: "a readable Excel workbook")
        guard let stream = CompoundFile(bytes)?.stream(named: "Workbook") else {
            if CompoundFile(bytes)?.stream(named: "Book") != nil {
                throw Workbook.unreadable(path, "an Excel 5/95 workbook (BIFF5), which is not read")
            }
            throw Workbook.unreadable(path, "an OLE2 file without a Workbook stream (not an Excel 97-2003 workbook)")
        }
        guard let sheets = BIFF8(stream).sheets() else {
            throw Workbook.unreadable(path, "a damaged BIFF8 Workbook stream")
        }
        return sheets
    }
}

/// Little-endian reads from a byte array; out of range reads give 0.
private extension Array where Element == UInt8 {
    func u16(_ at: Int) -> Int { at + 2 <= count ? Int(self[at]) | Int(self[at + 1]) << 8 : 0 }
    func u32(_ at: Int) -> Int {
        at + 4 <= count ? Int(self[at]) | Int(self[at + 1]) << 8 | Int(self[at + 2]) << 16 | Int(self[at + 3]) << 24 : 0
    }
    func f64(_ at: Int) -> Double {
        guard at + 8 <= count else { return 0 }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(self[at + k]) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }
}

/// An OLE2 compound file's streams.
struct CompoundFile {
    private let bytes: [UInt8]
    private let sectorSize: Int
    private let fat: [Int]
    private let miniFAT: [Int]
    private let miniStream: [UInt8]
    private let entries: [(name: String, type: Int, start: Int, size: Int)]
    private static let end = 0xFFFF_FFFE

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 512, bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else {
            return nil
        }
        self.bytes = bytes
        let shift = bytes.u16(0x1E)
        guard shift == 9 || shift == 12 else { return nil }
        let sectorSize = 1 << shift
        self.sectorSize = sectorSize
        // Every count below is bounded by the sectors the file holds: a damaged header or a FAT with a cycle must not
        // make a few kilobytes ask for gigabytes (found by the fuzzer: 13 GB for a 6.8 kB file).
        let sectors = bytes.count / sectorSize
        // The FAT's sectors: 109 in the header, then DIFAT sectors.
        var fatSectors: [Int] = []
        for k in 0..<109 {
            let s = bytes.u32(0x4C + 4 * k)
            if s < sectors { fatSectors.append(s) }
        }
        var difat = bytes.u32(0x44)
        var guardCount = 0
        while difat < sectors && guardCount < sectors && fatSectors.count < sectors {
            let base = (difat + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { break }
            for k in 0..<(sectorSize / 4 - 1) {
                let s = bytes.u32(base + 4 * k)
                if s < sectors { fatSectors.append(s) }
            }
            difat = bytes.u32(base + sectorSize - 4)
            guardCount += 1
        }
        if fatSectors.count > sectors { fatSectors.removeLast(fatSectors.count - sectors) }
        var fat: [Int] = []
        fat.reserveCapacity(fatSectors.count * sectorSize / 4)
        for s in fatSectors {
            let base = (s + 1) * sectorSize
            for k in 0..<(sectorSize / 4) { fat.append(bytes.u32(base + 4 * k)) }
        }
        self.fat = fat
        let chain: @Sendable (Int) -> [UInt8] = { [fat, bytes, sectorSize, sectors] start in
            var out: [UInt8] = []
            var s = start
            var steps = 0
            while s < 0xFFFF_FFFA && s < fat.count && steps <= sectors {
                let base = (s + 1) * sectorSize
                guard base + sectorSize <= bytes.count else {
                    if base < bytes.count { out.append(contentsOf: bytes[base..<bytes.count]) }
                    break
                }
                out.append(contentsOf: bytes[base..<(base + sectorSize)])
                s = fat[s]
                steps += 1
            }
            return out
        }
        let directory = chain(bytes.u32(0x30))
        var entries: [(name: String, type: Int, start: Int, size: Int)] = []
        var offset = 0
        while offset + 128 <= directory.count {
            let length = directory.u16(offset + 0x40)
            var units: [UInt16] = []
            var k = 0
            while k + 2 <= max(0, min(length, 64) - 2) {
                units.append(UInt16(directory.u16(offset + k)))
                k += 2
            }
            entries.append((String(decoding: units, as: UTF16.self), Int(directory[offset + 0x42]),
                            directory.u32(offset + 0x74), directory.u32(offset + 0x78)))
            offset += 128
        }
        self.entries = entries
        let miniFATBytes = chain(bytes.u32(0x3C))
        miniFAT = stride(from: 0, to: miniFATBytes.count, by: 4).map { miniFATBytes.u32($0) }
        miniStream = entries.first { $0.type == 5 }.map { chain($0.start) } ?? []
        self.chainReader = chain
    }

    private let chainReader: @Sendable (Int) -> [UInt8]

    /// The stream named `name` (top-level entries only), or `nil`.
    func stream(named name: String) -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name == name }) else { return nil }
        if entry.size < 4096 {
            var out: [UInt8] = []
            var s = entry.start
            var steps = 0
            while s < 0xFFFF_FFFA && s < miniFAT.count && steps <= miniFAT.count && out.count < entry.size {
                let base = s * 64
                guard base + 64 <= miniStream.count else { break }
                out.append(contentsOf: miniStream[base..<(base + 64)])
                s = miniFAT[s]
                steps += 1
            }
            return Array(out.prefix(entry.size))
        }
        return Array(chainReader(entry.start).prefix(entry.size))
    }
}

/// The records of a BIFF8 workbook stream.
struct BIFF8 {
    private let stream: [UInt8]

    init(_ stream: [UInt8]) { self.stream = stream }

    /// The record at `offset`: type, data, and the offset of the next record.
    private func record(at offset: Int) -> (type: Int, data: [UInt8], next: Int)? {
        guard offset + 4 <= stream.count else { return nil }
        let type = stream.u16(offset)
        let size = stream.u16(offset + 2)
        let end = min(offset + 4 + size, stream.count)
        return (type, Array(stream[(offset + 4)..<end]), offset + 4 + size)
    }

    /// A record's data followed by its CONTINUE records' data, with the offsets where each CONTINUE starts.
    private func withContinues(at offset: Int) -> (data: [UInt8], breaks: [Int], next: Int)? {
        guard let first = record(at: offset) else { return nil }
        var data = first.data
        var breaks: [Int] = []
        var next = first.next
        while let more = record(at: next), more.type == 0x003C {
            breaks.append(data.count)
            data += more.data
            next = more.next
        }
        return (data, breaks, next)
    }

    func sheets() -> [Worksheet]? {
        guard let bof = record(at: 0), bof.type == 0x0809, bof.data.u16(0) == 0x0600 else { return nil }
        var sheets: [(name: String, offset: Int)] = []
        var shared: [String] = []
        var formats: [Int: String] = [:]
        var xfFormats: [Int] = []
        var offset = bof.next
        while let rec = record(at: offset) {
            switch rec.type {
            case 0x041E:  // FORMAT: a custom number format
                var reader = StringReader(data: rec.data, breaks: [], position: 2)
                formats[rec.data.u16(0)] = reader.string(lengthBytes: 2)
            case 0x00E0:  // XF: a cell style and its number format
                xfFormats.append(rec.data.u16(2))
            case 0x0085:  // BOUNDSHEET
                let start = rec.data.u32(0)
                let kind = rec.data.count > 5 ? rec.data[5] : 0
                var reader = StringReader(data: rec.data, breaks: [], position: 6)
                let name = reader.string(lengthBytes: 1)
                if kind == 0 { sheets.append((name, start)) }
            case 0x00FC:  // SST
                guard let sst = withContinues(at: offset) else { return nil }
                var reader = StringReader(data: sst.data, breaks: sst.breaks, position: 8)
                let unique = sst.data.u32(4)
                shared.reserveCapacity(min(unique, 1 << 20))
                for _ in 0..<unique {
                    guard reader.position < sst.data.count else { break }
                    shared.append(reader.string(lengthBytes: 2))
                }
                offset = sst.next
                continue
            case 0x000A:  // EOF of the globals
                let kinds = xfFormats.map { NumberFormatKind(id: $0, code: formats[$0]) }
                return sheets.map { Worksheet(name: $0.name, rows: cells(at: $0.offset, shared: shared, kinds: kinds)) }
            default: break
            }
            offset = rec.next
        }
        let kinds = xfFormats.map { NumberFormatKind(id: $0, code: formats[$0]) }
        return sheets.map { Worksheet(name: $0.name, rows: cells(at: $0.offset, shared: shared, kinds: kinds)) }
    }

    /// A number as its cell's format shows it: a percent format multiplies by 100 (publishers' percentages are
    /// 0–100), a date format gives the date; as .xlsx cells are read.
    private static func text(_ number: Double, xf: Int, kinds: [NumberFormatKind]) -> String {
        switch xf < kinds.count ? kinds[xf] : .plain {
        case .percent: return Workbook.number((number * 100 * 1e9).rounded() / 1e9)
        case .date: return Workbook.date(serial: number, is1904: false)
        case .plain: return Workbook.number(number)
        }
    }

    private static let errors: [UInt8: String] = [
        0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A",
    ]

    private static func rk(_ value: Int) -> Double {
        var number: Double
        if value & 0x02 != 0 {
            number = Double(Int32(truncatingIfNeeded: value) >> 2)
        } else {
            number = Double(bitPattern: UInt64(UInt32(truncatingIfNeeded: value) & 0xFFFF_FFFC) << 32)
        }
        if value & 0x01 != 0 { number /= 100 }
        return number
    }

    /// The cells of the sheet whose BOF is at `start`.
    private func cells(at start: Int, shared: [String], kinds: [NumberFormatKind]) -> [[String]] {
        var rows: [[String]] = []
        func put(_ row: Int, _ column: Int, _ text: String) {
            guard row < 1_048_576, column < 16_384 else { return }
            if rows.count <= row { rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count)) }
            if rows[row].count <= column {
                rows[row].append(contentsOf: repeatElement("", count: column + 1 - rows[row].count))
            }
            rows[row][column] = text
        }
        guard let bof = record(at: start), bof.type == 0x0809 else { return [] }
        var offset = bof.next
        var pendingString: (row: Int, column: Int)?
        while let rec = record(at: offset) {
            let d = rec.data
            switch rec.type {
            case 0x000A: return rows
            case 0x00FD:  // LABELSST
                let index = d.u32(6)
                put(d.u16(0), d.u16(2), index < shared.count ? shared[index] : "")
            case 0x0204:  // LABEL
                var reader = StringReader(data: d, breaks: [], position: 6)
                put(d.u16(0), d.u16(2), reader.string(lengthBytes: 2))
            case 0x0203:  // NUMBER
                put(d.u16(0), d.u16(2), Self.text(d.f64(6), xf: d.u16(4), kinds: kinds))
            case 0x027E:  // RK
                put(d.u16(0), d.u16(2), Self.text(Self.rk(d.u32(6)), xf: d.u16(4), kinds: kinds))
            case 0x00BD:  // MULRK
                let row = d.u16(0)
                var column = d.u16(2)
                var p = 4
                while p + 6 <= d.count - 2 {
                    put(row, column, Self.text(Self.rk(d.u32(p + 2)), xf: d.u16(p), kinds: kinds))
                    column += 1
                    p += 6
                }
            case 0x0205:  // BOOLERR
                let value = d.count > 6 ? d[6] : 0
                let isError = d.count > 7 && d[7] != 0
                put(d.u16(0), d.u16(2), isError ? Self.errors[value] ?? "#ERROR" : (value != 0 ? "TRUE" : "FALSE"))
            case 0x0006:  // FORMULA: the cached result
                let row = d.u16(0), column = d.u16(2)
                if d.count >= 14 && d[12] == 0xFF && d[13] == 0xFF {
                    switch d[6] {
                    case 0: pendingString = (row, column)
                    case 1: put(row, column, d[8] != 0 ? "TRUE" : "FALSE")
                    case 2: put(row, column, Self.errors[d[8]] ?? "#ERROR")
                    default: break
                    }
                } else {
                    put(row, column, Self.text(d.f64(6), xf: d.u16(4), kinds: kinds))
                }
            case 0x0207:  // STRING, the text result of the FORMULA before it
                if let cell = pendingString, let full = withContinues(at: offset) {
                    var reader = StringReader(data: full.data, breaks: full.breaks, position: 0)
                    put(cell.row, cell.column, reader.string(lengthBytes: 2))
                    pendingString = nil
                    offset = full.next
                    continue
                }
            default: break
            }
            offset = rec.next
        }
        return rows
    }
}

/// Reads BIFF8 unicode strings (`XLUnicodeRichExtendedString`) from record data joined with its CONTINUE records:
/// where a string's characters cross into a CONTINUE record, that record starts with a new flags byte.
private struct StringReader {
    let data: [UInt8]
    let breaks: [Int]
    var position: Int

    mutating func string(lengthBytes: Int) -> String {
        let count = lengthBytes == 1 ? (position < data.count ? Int(data[position]) : 0) : data.u16(position)
        position += lengthBytes
        guard position < data.count else { return "" }
        var flags = data[position]
        position += 1
        var runs = 0
        var extSize = 0
        if flags & 0x08 != 0 {
            runs = data.u16(position)
            position += 2
        }
        if flags & 0x04 != 0 {
            extSize = data.u32(position)
            position += 4
        }
        var units: [UInt16] = []
        units.reserveCapacity(count)
        while units.count < count && position < data.count {
            // Entering a CONTINUE record in the middle of the characters: a new flags byte.
            if breaks.contains(position) {
                flags = data[position]
                position += 1
                continue
            }
            if flags & 0x01 != 0 {
                units.append(UInt16(data.u16(position)))
                position += 2
            } else {
                units.append(UInt16(data[position]))
                position += 1
            }
        }
        position += 4 * runs + extSize
        return String(decoding: units, as: UTF16.self)
    }
}
