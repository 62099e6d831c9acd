/// Correctly rounded decimal → `Double` conversion from bytes, bit-identical to `strtod` (round to nearest, ties
/// to even).
///
/// Grammar, after trimming spaces: `[+-]? digits [. digits] [(e|E) [+-]? digits]`, or `[+-]? . digits …`; at least
/// one digit. No thousands separators, no hexadecimal, no `inf`/`nan` (see ``MissingMarker``).
///
/// Algorithm: the decimal significand `w` (up to 19 digits) and exponent `q` are read exactly; then
/// 1. Clinger's fast path (W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990): when
///    `w ≤ 2⁵³` and `|q| ≤ 22`, `w · 10^q` is one correctly rounded IEEE operation on exact operands;
/// 2. otherwise the Eisel–Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice
///    and Experience 51(8), 2021, <https://arxiv.org/abs/2101.11408>) with a 128-bit truncated table of 5^q;
/// 3. inputs those cannot settle (more than 19 significant digits, subnormal or overflowing results, the rare
///    ambiguous products) fall back to the standard library's correctly rounded `Double(String)` (`strtod` in the
///    C locale).
public enum DecimalParser {
    /// The result of parsing a field as a number.
    public enum Outcome: Sendable, Equatable {
        case number(Double)
        /// Not a number: the grammar above does not match.
        case invalid
        /// A well-formed number too large for a `Double` (it would be ±∞).
        case overflow
        /// A well-formed non-zero number too small for a `Double` (it would be read as 0, below 4.9e-324).
        case underflow
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `bytes` (spaces around the number are ignored).
    @inline(__always)
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let base = bytes.baseAddress else { return .invalid }
        var p = 0
        var end = bytes.count
        while p < end && base[p] == 0x20 { p += 1 }
        while end > p && base[end - 1] == 0x20 { end -= 1 }
        guard p < end else { return .invalid }
        let numberStart = p
        var negative = false
        if base[p] == 0x2D || base[p] == 0x2B {
            negative = base[p] == 0x2D
            p += 1
        }
        let (w, exponent0, significant, sawDigit, stop) = scanSignificand(base, from: p, end: end)
        p = stop
        var exponent = exponent0
        let dropped = significant > 19
        guard sawDigit else { return .invalid }
        if p < end && (base[p] | 0x20) == 0x65 {
            p += 1
            var exponentNegative = false
            if p < end && (base[p] == 0x2D || base[p] == 0x2B) {
                exponentNegative = base[p] == 0x2D
                p += 1
            }
            var e = 0
            var sawExponentDigit = false
            while p < end {
                let d = base[p] &- 0x30
                if d > 9 { break }
                sawExponentDigit = true
                if e < 100_000 { e = e * 10 + Int(d) }
                p += 1
            }
            guard sawExponentDigit else { return .invalid }
            exponent += exponentNegative ? -e : e
        }
        guard p == end else { return .invalid }
        if !dropped, let value = value(significand: w, exponent: exponent, negative: negative) {
            return .number(value)
        }
        return fallback(UnsafeBufferPointer(rebasing: bytes[numberStart..<end]))
    }

    /// Reads `digits [. digits]` from `base[from..<end]`, stopping at the first byte that continues neither: the
    /// significand `w` of its significant digits (exact when `significant ≤ 19`; wrapped beyond), the decimal
    /// exponent of its last digit, whether any digit was seen, and where it stopped. Leading zeros are not
    /// significant. Fast paths parse a field with it while splitting a line, then call
    /// ``value(significand:exponent:negative:)``.
    @inline(__always)
    package static func scanSignificand(_ base: UnsafePointer<UInt8>, from: Int, end: Int)
        -> (w: UInt64, exponent: Int, significant: Int, sawDigit: Bool, stop: Int)
    {
        var p = from
        var w: UInt64 = 0
        // Integer part: leading zeros, then significant digits (wrapping beyond 19 digits: the caller checks).
        let integerStart = p
        while p < end && base[p] == 0x30 { p += 1 }
        var significantStart = p
        while p < end {
            let d = base[p] &- 0x30
            if d > 9 { break }
            w = w &* 10 &+ UInt64(d)
            p += 1
        }
        var significant = p - significantStart
        var sawDigit = p > integerStart
        var exponent = 0
        if p < end && base[p] == 0x2E {
            p += 1
            let fractionStart = p
            if significant == 0 {  // 0.000123: leading zeros of the fraction are not significant
                while p < end && base[p] == 0x30 { p += 1 }
            }
            significantStart = p
            // Eight digits at a time while they last (fast_float's parse_eight_digits_unrolled).
            while p + 8 <= end {
                let chunk = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self).littleEndian
                guard Self.isEightDigits(chunk) else { break }
                w = w &* 100_000_000 &+ Self.eightDigits(chunk)
                p += 8
            }
            while p < end {
                let d = base[p] &- 0x30
                if d > 9 { break }
                w = w &* 10 &+ UInt64(d)
                p += 1
            }
            significant += p - significantStart
            exponent = fractionStart - p
            sawDigit = sawDigit || p > fractionStart
        }
        return (w, exponent, significant, sawDigit, p)
    }

    /// `±w · 10^exponent` correctly rounded, for an exact significand `w` (at most 19 digits): 0, Clinger's fast
    /// path or Eisel–Lemire; `nil` when neither settles it (subnormal, overflow, an ambiguous product): the caller
    /// then parses the text with ``parse(_:)-(UnsafeBufferPointer<UInt8>)``, which falls back to `strtod`.
    @inline(__always)
    package static func value(significand w: UInt64, exponent: Int, negative: Bool) -> Double? {
        if w == 0 { return negative ? -0.0 : 0.0 }
        if w <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(w)
            value = exponent < 0 ? value / exactPowerOfTen(-exponent) : value * exactPowerOfTen(exponent)
            return negative ? -value : value
        }
        guard let value = eiselLemire(w: w, q: exponent) else { return nil }
        return negative ? -value : value
    }

    /// 10^k for 0 ≤ k ≤ 22 (exact in a `Double`).
    @inline(__always)
    package static func exactPowerOfTen(_ k: Int) -> Double {
        exactPowersOfTen.withUnsafeBufferPointer { $0[k] }
    }

    /// Whether the 8 bytes of `chunk` (little-endian) are all ASCII digits.
    @inline(__always)
    package static func isEightDigits(_ chunk: UInt64) -> Bool {
        ((chunk & 0xF0F0_F0F0_F0F0_F0F0) | (((chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4))
            == 0x3333_3333_3333_3333
    }

    /// The value of 8 ASCII digits (first digit in the lowest byte), by SWAR multiplication.
    @inline(__always)
    package static func eightDigits(_ chunk: UInt64) -> UInt64 {
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let mul1: UInt64 = 0x000F_4240_0000_0064  // 100 + (1000000 << 32)
        let mul2: UInt64 = 0x0000_2710_0000_0001  // 1 + (10000 << 32)
        var value = chunk &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)  // pairs of digits
        value = (((value & mask) &* mul1) &+ (((value >> 16) & mask) &* mul2)) >> 32
        return value
    }

    /// Parses `text` (convenience for small inputs).
    public static func parse(_ text: String) -> Outcome {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return .invalid }
        guard value.isFinite else { return .overflow }
        if value == 0 {
            // Zero from a mantissa with a non-zero digit ("1e-400"): the number is not 0, it is too small.
            for byte in bytes {
                if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
                if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") { return .underflow }
            }
        }
        return .number(value)
    }

    /// Eisel–Lemire: `w · 10^q` correctly rounded, or `nil` when the result is subnormal, overflows or the truncated
    /// product is ambiguous (the caller then falls back).
    @inline(__always)
    package static func eiselLemire(w: UInt64, q: Int) -> Double? {
        guard q >= -342, q <= 308, w != 0 else { return nil }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q + 342)
        let table = powersOfFive128
        var (high, low) = normalized.multipliedFullWidth(by: table[index])
        let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55  // 52 mantissa bits + 3
        if high & precisionMask == precisionMask {
            let second = normalized.multipliedFullWidth(by: table[index + 1]).high
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
            // Still ambiguous: let the exact fallback decide.
            if high & precisionMask == precisionMask && low == UInt64.max { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 64 - 52 - 3)
        var mantissa = high >> shift
        // power(q) = floor(q · log2(10)) + 63, computed as in fast_float.
        let power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        guard power2 > 0 else { return nil }  // subnormal: fall back
        // Round to nearest, ties to even: exact halfway cases can only occur for -4 ≤ q ≤ 23.
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 {
            if mantissa << shift == high { mantissa &= ~UInt64(1) }
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        var exponentBits = power2
        if mantissa >= (UInt64(2) << 52) {
            mantissa = UInt64(1) << 52
            exponentBits += 1
        }
        mantissa &= ~(UInt64(1) << 52)
        guard exponentBits < 0x7FF else { return nil }  // overflow: fall back (reports .overflow)
        return Double(bitPattern: UInt64(exponentBits) << 52 | mantissa)
    }
}
