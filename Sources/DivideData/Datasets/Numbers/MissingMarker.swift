/// A publisher's way of writing "no value". Missing values are counted per marker in the load report, never errors.
///
/// Recognised (after trimming spaces): the empty field, `..` (World Bank, UN), `...` and `…` (U+2026, UN
/// yearbooks), `-` (ITU, UN), and, ignoring case, `NA` (R's `write.csv`), `n/a`, and `NaN` (numpy and pandas
/// writing floats), and `#N/A`, Excel's "not available" (a workbook saved as CSV writes it; other Excel errors such
/// as `#DIV/0!` are not markers and are rejected). `NaN` is treated as missing rather than as a number because no publisher means a computed
/// not-a-number; `inf` is not a marker and is rejected as a non-finite value.
public enum MissingMarker: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case empty = ""
    case twoDots = ".."
    case threeDots = "..."
    case ellipsis = "…"
    case dash = "-"
    case na = "NA"
    case nSlashA = "n/a"
    case nan = "NaN"
    case notAvailable = "#N/A"

    public var description: String { self == .empty ? "\"\" (empty)" : "\"\(rawValue)\"" }

    public static func < (lhs: MissingMarker, rhs: MissingMarker) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The marker `bytes` spell (spaces around it ignored), or `nil` when they are not a missing marker.
    @inline(__always)
    public static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> MissingMarker? {
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        let count = end - start
        if count == 0 { return .empty }
        if count == 4 {
            return bytes[start] == 0x23 && bytes[start + 1] | 0x20 == 0x6E && bytes[start + 2] == 0x2F
                && bytes[start + 3] | 0x20 == 0x61 ? .notAvailable : nil
        }
        if count > 3 { return nil }
        let b0 = bytes[start] | 0x20  // ASCII lower case (harmless for the punctuation tested below)
        switch count {
        case 1:
            return bytes[start] == 0x2D ? .dash : nil
        case 2:
            if bytes[start] == 0x2E && bytes[start + 1] == 0x2E { return .twoDots }
            if b0 == 0x6E && bytes[start + 1] | 0x20 == 0x61 { return .na }
            return nil
        default:
            let b1 = bytes[start + 1]
            let b2 = bytes[start + 2]
            if bytes[start] == 0x2E && b1 == 0x2E && b2 == 0x2E { return .threeDots }
            if bytes[start] == 0xE2 && b1 == 0x80 && b2 == 0xA6 { return .ellipsis }
            if b0 == 0x6E && b1 == 0x2F && b2 | 0x20 == 0x61 { return .nSlashA }
            if b0 == 0x6E && b1 | 0x20 == 0x61 && b2 | 0x20 == 0x6E { return .nan }
            return nil
        }
    }

    /// The marker `text` spells, or `nil`.
    public static func match(_ text: String) -> MissingMarker? {
        var copy = text
        return copy.withUTF8 { match($0) }
    }
}
