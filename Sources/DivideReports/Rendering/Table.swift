import DivideData

/// The one table model of the reports and the command: a header, rows of strings and, per column, how it aligns and
/// how far it may shrink; rendered as aligned text (unbounded, ``text()``, or fitted to a line width,
/// ``lines(width:)``), a Markdown table (``markdown()``) or spreadsheet-safe RFC 4180 CSV (``csv()``).
package struct Table: Equatable, Sendable {
    package struct Column: Equatable, Sendable {
        package var header: String
        /// Right-aligned (numbers; never neutralised in CSV) or left-aligned (text).
        package var rightAligned = false
        /// The narrowest ``Table/lines(width:)`` may cut this column to; `nil`: never cut.
        package var minimumWidth: Int? = nil
        /// Columns with a higher priority shrink first (down to their minimum), then the next ones.
        package var shrinkPriority = 0

        package init(header: String, rightAligned: Bool = false, minimumWidth: Int? = nil, shrinkPriority: Int = 0) {
            self.header = header
            self.rightAligned = rightAligned
            self.minimumWidth = minimumWidth
            self.shrinkPriority = shrinkPriority
        }
    }

    package var columns: [Column]
    package var rows: [[String]]

    package init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// A table whose `numeric` columns are right-aligned.
    package init(header: [String], rows: [[String]], numeric: Set<Int> = []) {
        self.init(columns: header.enumerated().map { Column(header: $1, rightAligned: numeric.contains($0)) },
                  rows: rows)
    }

    package var header: [String] { columns.map(\.header) }

    /// Columns separated by two spaces, each padded to its widest cell (numbers right-aligned, text left-aligned),
    /// a rule of `-` under the header, trailing spaces removed. Data text is inert on a terminal: control
    /// characters are shown escaped, before widths are measured.
    package func text() -> String {
        let inert = Table(columns: columns.map { var c = $0; c.header = InertText.terminal(c.header); return c },
                          rows: rows.map { $0.map { InertText.terminal($0) } })
        return inert.render(width: nil, rule: "-").joined(separator: "\n") + "\n"
    }

    /// Lines (no trailing newline), each at most `width` characters when the columns that cannot be narrowed allow
    /// it: the shrinkable columns are narrowed (widest of the highest priority first) and their cells wrap onto
    /// continuation lines (words kept whole where they fit, nothing cut off); a rule of `─`.
    package func lines(width: Int) -> [String] { render(width: width, rule: "─") }

    private func render(width: Int?, rule: String) -> [String] {
        var widths = columns.map { $0.header.count }
        for row in rows {
            for (c, cell) in row.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) }
        }
        let separators = 2 * max(0, columns.count - 1)
        while let width, widths.reduce(0, +) + separators > width {
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
        /// One row as one or more lines: each cell wrapped to its column's width.
        func lines(_ cells: [String]) -> [String] {
            let wrapped = columns.indices.map { c in TextLayout.cellLines(c < cells.count ? cells[c] : "", width: widths[c]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { k in
                var parts: [String] = []
                for (c, column) in columns.enumerated() {
                    let cell = k < wrapped[c].count ? wrapped[c][k] : ""
                    let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
                    parts.append(column.rightAligned ? pad + cell : cell + pad)
                }
                return TextLayout.trimTrailing(parts.joined(separator: "  "))
            }
        }
        return lines(header) + lines(widths.map { String(repeating: rule, count: $0) }) + rows.flatMap(lines)
    }

    /// A GitHub-flavoured Markdown table; cells are escaped by ``InertText/markdown(_:)`` (`|`, HTML-significant
    /// `<`, `>`, `&`, and the other markup characters; control characters shown escaped).
    package func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(InertText.markdown).joined(separator: " | ") + " |"
        }
        var out = line(header) + "\n"
        out += "|" + columns.map { $0.rightAligned ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// RFC 4180 CSV (CRLF line ends; fields quoted when they hold `,`, `"`, CR or LF). Text cells starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` so that spreadsheets do not run them as
    /// formulas (OWASP, "CSV Injection"); right-aligned (numeric) columns are left alone.
    package func csv() -> String {
        var out = header.map { SpreadsheetCSV.escape(SpreadsheetCSV.neutralise($0)) }.joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.enumerated().map { c, cell in
                let numeric = c < columns.count && columns[c].rightAligned
                return SpreadsheetCSV.escape(numeric ? cell : SpreadsheetCSV.neutralise(cell))
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// An HTML table in the reports' table style (``HTMLPage``), inside a box that scrolls sideways rather than
    /// spill out of the page: right-aligned columns get the `num` class, "n/a" cells the `missing` class, and a
    /// first cell indented with spaces (a sub-row such as "  change, 1 year") the `sub` class. Every cell is escaped.
    package func html() -> String {
        let numeric = Set(columns.indices.filter { columns[$0].rightAligned })
        var out = "<table>" + HTMLPage.headRow(header, numeric: numeric) + "<tbody>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { c, cell in
                let indented = c == 0 && cell.hasPrefix("  ")
                let classes = [numeric.contains(c) ? "num" : nil, cell == BriefFormatting.missing ? "missing" : nil,
                               indented ? "sub" : nil].compactMap { $0 }
                let text = indented ? String(cell.drop { $0 == " " }) : cell
                return "<td" + (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + ">"
                    + HTMLText.escape(text) + "</td>"
            }.joined() + "</tr>\n"
        }
        return HTMLPage.scrolling(out + "</tbody></table>")
    }
}
