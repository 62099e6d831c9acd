import DivideAnalysis
import DivideData
import DivideIndex

/// A fixed-width table for terminals: columns separated by two spaces, padded to their widest cell, shrunk to a
/// line width by truncating the shrinkable columns (widest first) with `…`.
package struct TextTable {
    package struct Column {
        package var header: String
        /// Right-aligned (numbers) or left-aligned (text).
        package var rightAligned = false
        /// The narrowest this column may be truncated to; `nil`: never truncated.
        package var minimumWidth: Int? = nil
        /// Columns with a higher priority shrink first (down to their minimum), then the next ones.
        package var shrinkPriority = 0
    }

    package var columns: [Column]
    package var rows: [[String]]

    /// Lines (no trailing newline), each at most `width` characters when the fixed columns allow it.
    package func lines(width: Int) -> [String] {
        var widths = columns.map { $0.header.count }
        for row in rows {
            for (c, cell) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) }
        }
        let separators = 2 * max(0, columns.count - 1)
        while widths.reduce(0, +) + separators > width {
            // Shrink the widest column that may still shrink.
            let candidates = columns.indices.filter { c in
                columns[c].minimumWidth.map { widths[c] > $0 } ?? false
            }
            guard let c = candidates.max(by: { a, b in
                columns[a].shrinkPriority != columns[b].shrinkPriority ? columns[a].shrinkPriority < columns[b].shrinkPriority
                    : widths[a] < widths[b]
            }) else { break }
            widths[c] -= 1
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, column) in columns.enumerated() {
                let cell = TextLayout.truncate(c < cells.count ? cells[c] : "", to: widths[c])
                let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
                parts.append(column.rightAligned ? pad + cell : cell + pad)
            }
            return TextLayout.trimTrailing(parts.joined(separator: "  "))
        }
        return [line(columns.map(\.header)), line(widths.map { String(repeating: "─", count: $0) })]
            + rows.map(line)
    }
}

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
