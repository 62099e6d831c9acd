/// Data text made inert for the medium it is shown in: what a file says can never move the cursor, change colours,
/// set a terminal's title or become markup.
///
/// One implementation for every renderer: ``terminal(_:keepLineBreaks:)`` for text on a terminal (messages, text
/// tables, the text brief), ``markdown(_:)`` for Markdown cells and prose (HTML-significant characters included).
/// HTML and CSV have their own escaping (`HTMLText`, ``SpreadsheetCSV``).
public enum InertText {
    /// Control characters (C0, DEL and C1: ESC starts terminal sequences, BEL rings, CR overwrites) shown as
    /// `\n`, `\r`, `\t` or `\u{1B}`; printable text unchanged. With `keepLineBreaks`, `\n` stays a line break.
    public static func terminal(_ text: String, keepLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += keepLineBreaks ? "\n" : "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Markdown: backslash-escapes the punctuation that makes markup or HTML (`\ | < > & * _ ` [ ]`), turns line
    /// breaks into spaces, and shows other control characters as ``terminal(_:keepLineBreaks:)`` does.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "|", "<", ">", "&", "*", "_", "`", "[", "]": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default: out += terminal(String(ch))
            }
        }
        return out
    }

    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
