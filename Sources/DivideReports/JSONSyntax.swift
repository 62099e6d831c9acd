/// Where a JSON text stops being valid JSON, for messages that Foundation's decoder gives without a location
/// ("The given data was not valid JSON."): the line and column (1-based, in bytes) and what was found there.
package enum JSONSyntax {
    /// The first syntax error in `bytes` ("line 87, column 12: the text ends inside a string"); `nil` when the
    /// bytes are one syntactically valid JSON value (possibly with surrounding whitespace).
    package static func firstError(in bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes)
        do throws(Failure) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.i < bytes.count { throw scanner.fail("text after the end of the JSON value") }
            return nil
        } catch {
            return error.message
        }
    }

    private struct Failure: Error { var message: String }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0, line = 1, column = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ what: String) -> Failure {
            let found = i < bytes.count ? what : "the file ends before the JSON is complete (cut short?)"
            return Failure(message: "line \(line), column \(column) (byte \(i + 1)): \(found)")
        }

        mutating func advance() {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            i += 1
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { advance() }
        }

        mutating func expect(_ c: UInt8) throws(Failure) {
            guard i < bytes.count, bytes[i] == c else {
                throw fail("expected \"\(Character(Unicode.Scalar(c)))\", found \(found())")
            }
            advance()
        }

        func found() -> String {
            guard i < bytes.count else { return "the end of the file" }
            let c = bytes[i]
            return c >= 0x20 && c < 0x7F ? "\"\(Character(Unicode.Scalar(c)))\"" : "byte \(c)"
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw fail("nested more than 512 levels deep") }
            guard i < bytes.count else { throw fail("") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                advance(); skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { advance(); return }
                while true {
                    skipSpace(); try string(); skipSpace(); try expect(UInt8(ascii: ":")); skipSpace()
                    try value(depth: depth + 1); skipSpace()
                    guard i < bytes.count else { throw fail("") }
                    if bytes[i] == UInt8(ascii: ",") { advance(); continue }
                    try expect(UInt8(ascii: "}")); return
                }
            case UInt8(ascii: "["):
                advance(); skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { advance(); return }
                while true {
                    skipSpace(); try value(depth: depth + 1); skipSpace()
                    guard i < bytes.count else { throw fail("") }
                    if bytes[i] == UInt8(ascii: ",") { advance(); continue }
                    try expect(UInt8(ascii: "]")); return
                }
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { advance() }
                if i == start + 1, bytes[start] == UInt8(ascii: "-") { throw fail("expected a number") }
            default:
                throw fail("expected a value, found \(found())")
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for c in word.utf8 {
                guard i < bytes.count else { throw fail("") }
                guard bytes[i] == c else { throw fail("expected \(word), found \(found())") }
                advance()
            }
        }

        mutating func string() throws(Failure) {
            guard i < bytes.count else { throw fail("") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string, found \(found())") }
            advance()
            while true {
                guard i < bytes.count else { throw fail("") }
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { advance(); return }
                if c < 0x20 { throw fail("a control character (byte \(c)) inside a string") }
                if c == UInt8(ascii: "\\") { advance(); guard i < bytes.count else { throw fail("") } }
                advance()
            }
        }
    }
}
