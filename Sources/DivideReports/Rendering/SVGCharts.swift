import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Small SVG charts for the HTML brief, drawn from data only (no scripts, no external resources). Every text and
/// attribute value from data goes through ``HTMLText/escape(_:)``.
package enum SVGCharts {
    private typealias E = HTMLText

    package struct Series {
        package var name: String
        package var colour: String
    }

    /// A round upper bound for an axis: 100 when every value is in 0…100, else the next 1, 2, 2.5, 5 × 10ⁿ.
    package static func niceMaximum(_ values: [Double]) -> Double {
        let top = values.filter(\.isFinite).max() ?? 1
        if top <= 100, top > 0 { return 100 }
        guard top > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(top)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= top { return step * magnitude }
        return 10 * magnitude
    }

    private static func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(E.coordinate(width)) \(E.coordinate(height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(E.escape(label))\"><title>\(E.escape(label))</title>"
    }

    private static func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 10, weight: String? = nil,
        fill: String = "#333"
    ) -> String {
        "<text x=\"\(E.coordinate(x))\" y=\"\(E.coordinate(y))\" font-size=\"\(E.coordinate(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(E.escape(fill))\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "") + ">\(E.escape(s))</text>"
    }

    private static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                             dash: String? = nil) -> String {
        "<line x1=\"\(E.coordinate(x1))\" y1=\"\(E.coordinate(y1))\" x2=\"\(E.coordinate(x2))\" y2=\"\(E.coordinate(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(E.coordinate(width))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    private static func shortLabel(_ s: String, _ n: Int = 24) -> String { TextLayout.truncate(s, to: n) }

    /// Horizontal grouped bars: one group per row label, one bar per series; missing values drawn as "n/a".
    package static func groupedBars(title: String, rows: [(label: String, values: [Double?])], series: [Series]) -> String {
        let labelWidth = 108.0, plotWidth = 178.0, barHeight = 7.0, gap = 9.0, top = 24.0
        let groupHeight = Double(series.count) * barHeight + gap
        let height = top + Double(rows.count) * groupHeight + 26
        let maximum = niceMaximum(rows.flatMap { $0.values.compactMap { $0 } })
        let minimum = min(0, rows.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).min() ?? 0)
        func x(_ v: Double) -> Double { labelWidth + (v - minimum) / (maximum - minimum) * plotWidth }
        var svg = open(width: labelWidth + plotWidth + 34, height: height, label: title)
        // Legend.
        var lx = 0.0
        for s in series {
            svg += "<rect x=\"\(E.coordinate(lx))\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(s.colour)\"/>"
            svg += text(s.name, x: lx + 14, y: 13, size: 9.5)
            lx += 14 + Double(s.name.count) * 5.4 + 12
        }
        // Grid.
        for k in 0...4 {
            let v = minimum + (maximum - minimum) * Double(k) / 4
            let gx = x(v)
            svg += line(gx, top - 4, gx, height - 22, stroke: "#e3e6ea")
            svg += text(BriefFormatting.score(v).replacingOccurrences(of: ".0", with: ""), x: gx, y: height - 10,
                        anchor: "middle", size: 9, fill: "#666")
        }
        for (r, row) in rows.enumerated() {
            let y0 = top + Double(r) * groupHeight
            svg += text(shortLabel(row.label, 20), x: labelWidth - 5, y: y0 + groupHeight / 2 + 1, anchor: "end",
                        size: 9, weight: r == 0 ? "bold" : nil)
            for (k, s) in series.enumerated() {
                let y = y0 + Double(k) * barHeight
                guard k < row.values.count, let v = row.values[k], v.isFinite else {
                    svg += text("n/a", x: labelWidth + 2, y: y + barHeight - 1, size: 7, fill: "#888")
                    continue
                }
                let x0 = x(min(0, v)), x1 = x(max(0, v))
                svg += "<rect x=\"\(E.coordinate(x0))\" y=\"\(E.coordinate(y))\" width=\"\(E.coordinate(max(0.5, x1 - x0)))\" "
                    + "height=\"\(E.coordinate(barHeight - 1))\" fill=\"\(s.colour)\"><title>"
                    + E.escape("\(row.label), \(s.name): \(BriefFormatting.score(v))") + "</title></rect>"
                svg += text(BriefFormatting.score(v), x: x1 + 3, y: y + barHeight - 1, size: 7, fill: "#555")
            }
        }
        return svg + "</svg>"
    }

    /// Dot and whisker per row: the rank (dot) and its 5–95% interval (whisker); rank 1 on the left.
    ///
    /// Each row is ranked among its own number of economies (`of`: a pillar may score economies the index does
    /// not): a light track runs from rank 1 to that row's last rank, labelled "of N" at its end, and the axis spans
    /// the largest of them.
    package static func rankIntervals(title: String, rows: [(label: String, rank: Int?, of: Int?, low: Double?, high: Double?)],
                              colour: String) -> String {
        let labelWidth = 108.0, plotWidth = 170.0, rowHeight = 20.0, top = 14.0, right = 36.0
        let height = top + Double(rows.count) * rowHeight + 30
        let ranked = rows.compactMap(\.of).max() ?? 1
        let n = Double(max(ranked, 2))
        func x(_ rank: Double) -> Double { labelWidth + (rank - 1) / (n - 1) * plotWidth }
        var svg = open(width: labelWidth + plotWidth + right, height: height, label: title)
        let ticks = Array(Set([1, Int((n / 4).rounded()), Int((n / 2).rounded()), Int((3 * n / 4).rounded()), Int(n)]))
            .sorted()
        for t in ticks {
            svg += line(x(Double(t)), top - 6, x(Double(t)), height - 24, stroke: "#e3e6ea")
            svg += text(String(t), x: x(Double(t)), y: height - 12, anchor: "middle", size: 9, fill: "#666")
        }
        svg += text("rank (1 = best)", x: labelWidth + plotWidth / 2, y: height - 1, anchor: "middle", size: 8.5,
                    fill: "#666")
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight + rowHeight / 2
            svg += text(shortLabel(row.label, 20), x: labelWidth - 5, y: y + 3, anchor: "end", size: 9,
                        weight: r == 0 ? "bold" : nil)
            if let of = row.of, of >= 1 {
                svg += line(x(1), y, x(Double(of)), y, stroke: "#e3e6ea", width: 3)
                svg += text("of \(of)", x: x(Double(of)) + 4, y: y + 3, size: 8, fill: "#666")
            }
            if let low = row.low, let high = row.high, low.isFinite, high.isFinite {
                svg += line(x(low), y, x(high), y, stroke: colour, width: 2)
                svg += line(x(low), y - 4, x(low), y + 4, stroke: colour, width: 1.5)
                svg += line(x(high), y - 4, x(high), y + 4, stroke: colour, width: 1.5)
            }
            if let rank = row.rank {
                let of = row.of.map { " of \($0)" } ?? ""
                svg += "<circle cx=\"\(E.coordinate(x(Double(rank))))\" cy=\"\(E.coordinate(y))\" r=\"4\" fill=\"\(colour)\">"
                    + "<title>" + E.escape("\(row.label): rank \(rank)\(of)") + "</title></circle>"
            } else {
                svg += text("not ranked", x: labelWidth + 2, y: y + 3, size: 8.5, fill: "#888")
            }
        }
        return svg + "</svg>"
    }

    /// Lines over years; the first series is highlighted.
    package static func lines(title: String, series: [(name: String, points: [(year: Int, value: Double)])],
                      colours: [String]) -> String {
        let left = 30.0, plotWidth = 272.0, plotHeight = 150.0, top = 10.0
        let all = series.flatMap { $0.points }
        let legendRows = Double((series.count + 4) / 5)
        let height = top + plotHeight + 24 + legendRows * 14 + 4
        var svg = open(width: left + plotWidth + 20, height: height, label: title)
        guard let firstYear = all.map(\.year).min(), let lastYear = all.map(\.year).max() else {
            return svg + text("No index scores over time.", x: left, y: top + 20, size: 10, fill: "#888") + "</svg>"
        }
        let values = all.map(\.value).filter(\.isFinite)
        let maximum = niceMaximum(values)
        let minimum = min(0, values.min() ?? 0)
        let span = Double(max(1, lastYear - firstYear))
        func x(_ year: Int) -> Double { left + Double(year - firstYear) / span * plotWidth }
        func y(_ v: Double) -> Double { top + plotHeight - (v - minimum) / (maximum - minimum) * plotHeight }
        for k in 0...4 {
            let v = minimum + (maximum - minimum) * Double(k) / 4
            svg += line(left, y(v), left + plotWidth, y(v), stroke: "#e3e6ea")
            svg += text(BriefFormatting.score(v).replacingOccurrences(of: ".0", with: ""), x: left - 4, y: y(v) + 3,
                        anchor: "end", size: 9, fill: "#666")
        }
        let step = max(1, Int((span / 5).rounded(.up)))
        for year in stride(from: firstYear, through: lastYear, by: step) {
            svg += text(String(year), x: x(year), y: top + plotHeight + 14, anchor: "middle", size: 9, fill: "#666")
        }
        // Peers first so the economy is drawn on top.
        for (k, s) in series.enumerated().reversed() {
            let colour = colours[k % colours.count]
            let points = s.points.filter { $0.value.isFinite }.sorted { $0.year < $1.year }
            let path = points.map { "\(E.coordinate(x($0.year))),\(E.coordinate(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(k == 0 ? 2.5 : 1.2)\">"
                + "<title>\(E.escape(s.name))</title></polyline>"
            if points.count == 1, let p = points.first {
                svg += "<circle cx=\"\(E.coordinate(x(p.year)))\" cy=\"\(E.coordinate(y(p.value)))\" r=\"2.5\" fill=\"\(colour)\"/>"
            }
        }
        for (k, s) in series.enumerated() {
            let lx = left + Double(k % 5) * 56, ly = top + plotHeight + 28 + Double(k / 5) * 14
            svg += line(lx, ly - 3, lx + 12, ly - 3, stroke: colours[k % colours.count], width: k == 0 ? 2.5 : 1.5)
            svg += text(shortLabel(s.name, 9), x: lx + 15, y: ly, size: 9, weight: k == 0 ? "bold" : nil)
        }
        return svg + "</svg>"
    }

    /// The Lorenz curve with the line of equality and the economy's point marked.
    package static func lorenz(title: String, points: [(Double, Double)], marked: (Double, Double)?, markLabel: String,
                       colour: String) -> String {
        let left = 32.0, size = 170.0, top = 10.0
        var svg = open(width: left + size + 100, height: top + size + 34, label: title)
        func x(_ p: Double) -> Double { left + p * size }
        func y(_ l: Double) -> Double { top + size - l * size }
        svg += "<rect x=\"\(E.coordinate(left))\" y=\"\(E.coordinate(top))\" width=\"\(E.coordinate(size))\" "
            + "height=\"\(E.coordinate(size))\" fill=\"none\" stroke=\"#ccd1d7\"/>"
        svg += line(x(0), y(0), x(1), y(1), stroke: "#9aa5b1", dash: "4 3")
        for k in 0...4 {
            let v = Double(k) / 4
            svg += text(BriefFormatting.percent(v), x: x(v), y: top + size + 12, anchor: "middle", size: 8.5, fill: "#666")
            svg += text(BriefFormatting.percent(v), x: left - 3, y: y(v) + 3, anchor: "end", size: 8.5, fill: "#666")
        }
        svg += text("share of economies (lowest score first)", x: x(0.5), y: top + size + 26, anchor: "middle",
                    size: 8.5, fill: "#666")
        let path = points.map { "\(E.coordinate(x($0.0))),\(E.coordinate(y($0.1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        if let m = marked {
            svg += "<circle cx=\"\(E.coordinate(x(m.0)))\" cy=\"\(E.coordinate(y(m.1)))\" r=\"4.5\" fill=\"#d1495b\" "
                + "stroke=\"#fff\" stroke-width=\"1\"/>"
            svg += text(markLabel, x: x(m.0) + 7, y: y(m.1) + 13, size: 10, weight: "bold", fill: "#d1495b")
        }
        return svg + "</svg>"
    }
}
