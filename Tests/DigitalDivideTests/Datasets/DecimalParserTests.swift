import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Decimal parser and missing markers")
struct DecimalParserTests {
    func parse(_ text: String) -> DecimalParser.Outcome { DecimalParser.parse(text) }

    @Test func simpleAndSignedNumbers() {
        #expect(parse("0") == .number(0))
        #expect(parse("-0").bitPattern == (-0.0).bitPattern)
        #expect(parse("42") == .number(42))
        #expect(parse(" 3.25 ") == .number(3.25))
        #expect(parse("+1.5e3") == .number(1500))
        #expect(parse(".5") == .number(0.5))
        #expect(parse("5.") == .number(5))
        #expect(parse("1E-2") == .number(0.01))
    }

    @Test func rejectsWhatIsNotANumber() {
        for text in ["", " ", "1,234", "abc", "1e", "e5", "--1", "1.2.3", "0x10", "inf", "nan", ".", "-", "1 2"] {
            #expect(parse(text) == .invalid, "\(text)")
        }
        #expect(parse("1e400") == .overflow)
        #expect(parse("-1e309") == .overflow)
        // Underflow is reported too, never read silently as 0; a zero mantissa is a real zero.
        #expect(parse("1e-400") == .underflow)
        #expect(parse("-2.5E-999") == .underflow)
        #expect(parse("0e-400") == .number(0))
        #expect(parse("0.000e-999") == .number(0))
        #expect(parse("4.9e-324") == .number(4.9e-324))
    }

    /// Hard cases for correct rounding; expected values from the C library's strtod via Python:
    /// python3 -c "import struct; [print(x, struct.pack('>d', float(x)).hex()) for x in ['9007199254740993', …]]" (each case below)
    @Test func knownHardCases() {
        let cases: [(String, UInt64)] = [
            ("9007199254740993", 0x4340_0000_0000_0000),  // halfway, ties to even → 2^53
            ("9007199254740995", 0x4340_0000_0000_0002),  // halfway, ties to even → up
            ("2.2250738585072011e-308", 0x000F_FFFF_FFFF_FFFF),  // largest subnormal (fallback path)
            ("2.2250738585072014e-308", 0x0010_0000_0000_0000),  // smallest normal
            ("1.7976931348623157e308", 0x7FEF_FFFF_FFFF_FFFF),  // largest finite
            ("4.9406564584124654e-324", 0x0000_0000_0000_0001),  // smallest subnormal
            ("0.1", 0x3FB9_9999_9999_999A),
            ("1e23", 0x44B5_2D02_C7E1_4AF6),
            ("8.41e21", 0x447C_7E83_209E_90B2),
            ("3.0540412586133129e-52", 0x353D_407C_C4B8_6145),
        ]
        for (text, bits) in cases {
            guard case .number(let value) = parse(text) else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(value.bitPattern == bits, "\(text)")
        }
    }

    /// Shortest round-trip representations (what the benchmark's data.csv holds) parse back bit-identically.
    @Test func shortestRoundTripReprsAreBitIdentical() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let bits = generator.next() & 0x7FEF_FFFF_FFFF_FFFF  // finite, positive
            let value = Double(bitPattern: bits)
            let text = "\(value)"
            #expect(parse(text) == .number(value), "\(text)")
        }
        for _ in 0..<100_000 {  // lognormal-like magnitudes, as in the workload
            let value = exp(Double.random(in: -6...6)) * (Bool.random() ? 1 : -1)
            #expect(parse("\(value)") == .number(value))
        }
    }

    /// Random decimal strings of up to 25 digits agree with the standard library's correctly rounded parser.
    @Test func randomDecimalStringsAgreeWithStrtod() {
        for _ in 0..<200_000 {
            let digits = (0..<Int.random(in: 1...25)).map { _ in String(Int.random(in: 0...9)) }.joined()
            let point = Int.random(in: 0...digits.count)
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if Bool.random() { text += "e\(Int.random(in: -330...310))" }
            let expected = Double(text)!
            let outcome = parse(text)
            if expected.isInfinite {
                #expect(outcome == .overflow, "\(text)")
            } else if expected == 0, text.prefix { $0 != "e" }.contains(where: { "123456789".contains($0) }) {
                #expect(outcome == .underflow, "\(text)")   // a non-zero number below the subnormal range
            } else {
                #expect(outcome.bitPattern == expected.bitPattern, "\(text)")
            }
        }
    }

    @Test func missingMarkers() {
        let cases: [(String, MissingMarker?)] = [
            ("", .empty), ("  ", .empty), ("..", .twoDots), ("...", .threeDots), ("…", .ellipsis), ("-", .dash),
            ("NA", .na), ("na", .na), ("n/a", .nSlashA), ("N/A", .nSlashA), ("NaN", .nan), ("nan", .nan),
            (" .. ", .twoDots), ("0", nil), ("--", nil), ("N.A.", nil), ("none", nil), ("x", nil),
        ]
        for (text, marker) in cases {
            #expect(MissingMarker.match(text) == marker, "\(text)")
        }
    }
}

extension DecimalParser.Outcome {
    var bitPattern: UInt64? {
        if case .number(let value) = self { return value.bitPattern }
        return nil
    }
}
