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

    /// Greedy word wrap to `width` characters; continuation lines start with `indent`. A word longer than a line
    /// is cut.
    package static func wrap(_ text: String, width: Int, firstIndent: String = "", indent: String = "") -> [String] {
        var lines: [String] = []
        var current = firstIndent
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let word = String(word)
            let candidate = currentHasWord ? current + " " + word : current + word
            if candidate.count <= width {
                current = candidate
                currentHasWord = true
            } else if !currentHasWord {
                lines.append(truncate(candidate, to: width))
                current = indent
            } else {
                lines.append(current)
                current = indent + word
                currentHasWord = true
                if current.count > width {
                    lines.append(truncate(current, to: width))
                    current = indent
                    currentHasWord = false
                }
            }
        }
        if currentHasWord { lines.append(current) }
        return lines
    }
}
