import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Escaping for HTML text and attribute values (and the SVG embedded in it).
package enum HTMLText {
    /// Replaces `&`, `<`, `>`, `"` and `'` with character references: safe in text and in quoted attributes.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals ("12.5", "3"), locale-independent.
    package static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var s = String(format: "%.2f", x)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
