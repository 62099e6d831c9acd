/// A small RFC 4180 splitter for the reference files of this folder (World Bank `Metadata_Country_*.csv`).
///
/// Handles a UTF-8 BOM, LF or CRLF line ends, quoted fields with commas, doubled quotes and line breaks.
/// Not a streaming reader: the files it is meant for are a few hundred rows. The data readers live in Datasets/.
package enum SimpleCSV {
    package struct Record {
        /// 1-based line on which the record starts.
        package let line: Int
        package let fields: [String]
    }

    package enum Failure: Error, Equatable {
        /// A quoted field opened on `line` never closes.
        case unterminatedQuote(line: Int, column: Int)
    }

    package static func records(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var afterQuote = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }
        while let s = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if s == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if s == "\n" { line += 1 }
                    field.append(s)
                }
                continue
            }
            switch s {
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
                afterQuote = false
            case "\n":
                endRecord()
                line += 1
                recordLine = line
                afterQuote = false
            default:
                field.append(s)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine, column: fields.count + 1) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
