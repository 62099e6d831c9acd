import DivideAnalysis
import DivideData
import DivideIndex

package enum TextLayout {
    /// Cuts `text` to `width` characters, ending in `…` when cut.
    package static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }

    package static func trimTrailing(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// Greedy word wrap to `width` characters; continuation lines start with `indent`. A word longer than a line is
    /// broken across lines (nothing is cut off).
    package static func wrap(_ text: String, width: Int, firstIndent: String = "", indent: String = "") -> [String] {
        var lines: [String] = []
        var current = firstIndent
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let candidate = currentHasWord ? current + " " + word : current + word
            if candidate.count <= width {
                current = candidate
                currentHasWord = true
                continue
            }
            if currentHasWord {
                lines.append(current)
                current = indent
                currentHasWord = false
            }
            // The word starts a line; a word wider than the line fills whole lines first.
            let room = max(1, width - current.count)
            while word.count > room {
                lines.append(current + word.prefix(room))
                word = word.dropFirst(room)
                current = indent
            }
            current += word
            currentHasWord = true
        }
        if currentHasWord { lines.append(current) }
        return lines
    }

    /// The lines of a table cell `width` characters wide: word-wrapped, long words broken, never cut; `[""]` for an
    /// empty cell.
    package static func cellLines(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        let lines = wrap(text, width: max(1, width))
        return lines.isEmpty ? [""] : lines
    }
}
