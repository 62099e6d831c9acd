import DivideAnalysis
import DivideData
import DivideIndex
import Foundation

/// Small SVG charts for the HTML reports, drawn from data only (no scripts, no external resources). Every text and
/// attribute value from data goes through ``HTMLText/escape(_:)``.
///
/// Each chart names its axes (with units) and labels its lines at their ends; the HTML around it gives the caption
/// that says what the reader sees. Sizes are in SVG units chosen so that, at the width the page gives the chart,
/// no label prints below about 7 pt.
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

    /// An axis from `lower` (0 unless a value is negative) to a round upper bound, in about `count` round steps
    /// (1, 2, 2.5 or 5 × 10ⁿ) that cover every finite value.
    package static func niceAxis(_ values: [Double], count: Int = 4) -> (lower: Double, upper: Double, step: Double) {
        let finite = values.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0), high = max(finite.max() ?? 1, low)
        let range = high - low > 0 ? high - low : max(1, abs(high))
        let raw = range / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        let lower = (low / step).rounded(.down) * step
        var upper = (high / step).rounded(.up) * step
        if upper <= lower { upper = lower + step }
        return (lower, upper, step)
    }

    /// An axis label: as many decimals as the step needs; thousands as "k", millions as "M".
    package static func tickLabel(_ value: Double, step: Double) -> String {
        if abs(value) >= 1_000_000, step >= 100_000 { return tickLabel(value / 1_000_000, step: step / 1_000_000) + "M" }
        if abs(value) >= 1_000, step >= 100 { return tickLabel(value / 1_000, step: step / 1_000) + "k" }
        var decimals = 0
        while decimals < 4, abs(step * pow(10, Double(decimals)) - (step * pow(10, Double(decimals))).rounded()) > 1e-9 {
            decimals += 1
        }
        let s = String(format: "%.\(decimals)f", value)
        return s == "-0" ? "0" : s
    }

    /// End-label positions: the wanted `ys` moved apart to at least `gap` from each other, within `bounds`, in the
    /// same order (a label never jumps over another one). Returned in the order given.
    package static func spread(_ ys: [Double], gap: Double, within bounds: ClosedRange<Double>) -> [Double] {
        let order = ys.indices.sorted { ys[$0] != ys[$1] ? ys[$0] < ys[$1] : $0 < $1 }
        var placed = order.map { min(bounds.upperBound, max(bounds.lowerBound, ys[$0])) }
        for k in placed.indices.dropFirst() { placed[k] = max(placed[k], placed[k - 1] + gap) }
        if let last = placed.last, last > bounds.upperBound {
            placed[placed.count - 1] = bounds.upperBound
            for k in placed.indices.dropLast().reversed() { placed[k] = min(placed[k], placed[k + 1] - gap) }
        }
        var out = ys
        for (k, i) in order.enumerated() { out[i] = placed[k] }
        return out
    }

    package static func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(E.coordinate(width)) \(E.coordinate(height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(E.escape(label))\"><title>\(E.escape(label))</title>"
    }

    package static func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 10, weight: String? = nil,
        fill: String = "#333", rotate: Bool = false
    ) -> String {
        "<text x=\"\(E.coordinate(x))\" y=\"\(E.coordinate(y))\" font-size=\"\(E.coordinate(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(E.escape(fill))\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "")
            + (rotate ? " transform=\"rotate(-90 \(E.coordinate(x)) \(E.coordinate(y)))\"" : "")
            + ">\(E.escape(s))</text>"
    }

    package static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                             dash: String? = nil) -> String {
        "<line x1=\"\(E.coordinate(x1))\" y1=\"\(E.coordinate(y1))\" x2=\"\(E.coordinate(x2))\" y2=\"\(E.coordinate(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(E.coordinate(width))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    private static func shortLabel(_ s: String, _ n: Int = 24) -> String { TextLayout.truncate(s, to: n) }

    /// A row label in at most two lines of `width` characters (the second cut with "…" only when even two lines
    /// cannot hold it).
    package static func labelLines(_ s: String, width: Int = 21) -> [String] {
        let lines = TextLayout.wrap(s, width: width)
        guard lines.count > 2 else { return lines.isEmpty ? [""] : lines }
        return [lines[0], TextLayout.truncate(lines[1...].joined(separator: " "), to: width)]
    }

    /// A row label right-aligned at `x`, its one or two lines centred on `y`.
    private static func rowLabel(_ s: String, x: Double, y: Double, bold: Bool, size: Double = 9) -> String {
        let lines = labelLines(s)
        return lines.enumerated().map { k, l in
            text(l, x: x, y: y + size * 0.35 + (Double(k) - Double(lines.count - 1) / 2) * size * 1.05, anchor: "end",
                 size: size, weight: bold ? "bold" : nil)
        }.joined()
    }

    /// The centre of each row and the total height of rows `base` high, a row whose label takes two lines taller
    /// by one line.
    private static func rowCentres(_ labels: [String], base: Double, top: Double, size: Double = 9) -> (centres: [Double], bottom: Double) {
        var y = top, centres: [Double] = []
        for label in labels {
            let h = base + (labelLines(label).count > 1 ? size * 0.9 : 0)
            centres.append(y + h / 2)
            y += h
        }
        return (centres, y)
    }

    /// Horizontal grouped bars: one group per row label, one bar per series, each labelled with its value;
    /// missing values drawn as "n/a". The x axis is titled `axisTitle`.
    package static func groupedBars(title: String, rows: [(label: String, values: [Double?])], series: [Series],
                                    axisTitle: String = "score (0–100, higher is better)") -> String {
        let labelWidth = 108.0, plotWidth = 178.0, barHeight = 7.0, gap = 9.0
        let legendRows = legendLayout(series.map(\.name), width: labelWidth + plotWidth + 34)
        let top = 10 + Double(legendRows.count) * 14
        let groupHeight = Double(series.count) * barHeight + gap
        let height = top + Double(rows.count) * groupHeight + 34
        let maximum = niceMaximum(rows.flatMap { $0.values.compactMap { $0 } })
        let minimum = min(0, rows.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).min() ?? 0)
        func x(_ v: Double) -> Double { labelWidth + (v - minimum) / (maximum - minimum) * plotWidth }
        var svg = open(width: labelWidth + plotWidth + 34, height: height, label: title)
        // Legend: a bar needs one (its colour names the series); rows of entries that fit the width.
        for (r, entries) in legendRows.enumerated() {
            for (k, lx) in entries {
                let s = series[k], ly = 4 + Double(r) * 14
                svg += "<rect x=\"\(E.coordinate(lx))\" y=\"\(E.coordinate(ly))\" width=\"10\" height=\"10\" fill=\"\(s.colour)\"/>"
                svg += text(s.name, x: lx + 14, y: ly + 9, size: 9.5)
            }
        }
        for k in 0...4 {
            let v = minimum + (maximum - minimum) * Double(k) / 4
            let gx = x(v)
            svg += line(gx, top - 4, gx, height - 30, stroke: "#e3e6ea")
            svg += text(BriefFormatting.score(v).replacingOccurrences(of: ".0", with: ""), x: gx, y: height - 19,
                        anchor: "middle", size: 9, fill: "#555")
        }
        svg += text(axisTitle, x: labelWidth + plotWidth / 2, y: height - 5, anchor: "middle", size: 9, fill: "#555")
        for (r, row) in rows.enumerated() {
            let y0 = top + Double(r) * groupHeight
            svg += rowLabel(row.label, x: labelWidth - 5, y: y0 + groupHeight / 2 - 2, bold: r == 0)
            for (k, s) in series.enumerated() {
                let y = y0 + Double(k) * barHeight
                guard k < row.values.count, let v = row.values[k], v.isFinite else {
                    svg += text("n/a", x: labelWidth + 2, y: y + barHeight - 1, size: 7.5, fill: "#666")
                    continue
                }
                let x0 = x(min(0, v)), x1 = x(max(0, v))
                svg += "<rect x=\"\(E.coordinate(x0))\" y=\"\(E.coordinate(y))\" width=\"\(E.coordinate(max(0.5, x1 - x0)))\" "
                    + "height=\"\(E.coordinate(barHeight - 1))\" fill=\"\(s.colour)\"><title>"
                    + E.escape("\(row.label), \(s.name): \(BriefFormatting.score(v))") + "</title></rect>"
                svg += text(BriefFormatting.score(v), x: x1 + 3, y: y + barHeight - 0.5, size: 7.5, fill: "#444")
            }
        }
        return svg + "</svg>"
    }

    /// A marker of a dot plot: a filled circle, a diamond or a vertical tick, so the series differ in shape as well
    /// as colour.
    package enum Marker: Sendable {
        case circle, diamond, tick
    }

    /// A dot plot: one row per label on a shared 0–100 axis, one marker per series (shape and colour), a light line
    /// joining a row's markers, a legend of the markers on top and the axis titled `axisTitle`. More compact than
    /// grouped bars and easier to compare along one axis (Cleveland and McGill 1984).
    package static func dotPlot(title: String, rows: [(label: String, values: [Double?])],
                                series: [(name: String, colour: String, marker: Marker)],
                                axisTitle: String = "score (0–100, higher is better)") -> String {
        let labelWidth = 112.0, plotWidth = 196.0, top = 22.0, width = labelWidth + plotWidth + 12
        let (centres, bottom) = rowCentres(rows.map(\.label), base: 14, top: top)
        let height = bottom + 30
        func x(_ v: Double) -> Double { labelWidth + min(100, max(0, v)) / 100 * plotWidth }
        func marker(_ kind: Marker, _ cx: Double, _ cy: Double, _ colour: String, _ tip: String?) -> String {
            let (element, attributes): (String, String)
            switch kind {
            case .circle:
                (element, attributes) = ("circle", "cx=\"\(E.coordinate(cx))\" cy=\"\(E.coordinate(cy))\" r=\"4.6\"")
            case .diamond:
                (element, attributes) = ("path", "d=\"M\(E.coordinate(cx)) \(E.coordinate(cy - 4.6))l4.6 4.6l-4.6 4.6l-4.6 -4.6z\"")
            case .tick:
                (element, attributes) = ("rect", "x=\"\(E.coordinate(cx - 1.4))\" y=\"\(E.coordinate(cy - 5.5))\" width=\"2.8\" height=\"11\"")
            }
            return "<\(element) \(attributes) fill=\"\(colour)\""
                + (tip.map { "><title>\(E.escape($0))</title></\(element)>" } ?? "/>")
        }
        var svg = open(width: width, height: height, label: title)
        // The legend, right-aligned over the plot: each entry as wide as its name at about 0.55 em a character.
        let entries = series.map { 13 + Double($0.name.count) * 9 * 0.55 + 10 }
        var lx = max(0, width - entries.reduce(0, +))
        for (s, w) in zip(series, entries) {
            svg += marker(s.marker, lx + 5, 9, s.colour, nil)
            svg += text(s.name, x: lx + 13, y: 12.5, size: 9)
            lx += w
        }
        for v in stride(from: 0.0, through: 100, by: 25) {
            svg += line(x(v), top - 4, x(v), height - 26, stroke: "#e3e6ea")
            svg += text(String(Int(v)), x: x(v), y: height - 15, anchor: "middle", size: 9, fill: "#555")
        }
        svg += text(axisTitle, x: labelWidth + plotWidth / 2, y: height - 3, anchor: "middle", size: 9, fill: "#555")
        for (r, row) in rows.enumerated() {
            let y = centres[r]
            svg += rowLabel(row.label, x: labelWidth - 6, y: y, bold: r == 0)
            let present = row.values.compactMap { $0 }.filter(\.isFinite)
            if let low = present.min(), let high = present.max() {
                svg += line(x(low), y, x(high), y, stroke: "#c9d0d7", width: 1.5)
            } else {
                svg += text("not scored", x: labelWidth + 2, y: y + 3, size: 9, fill: "#666")
            }
            // The series drawn last first, so the economy (the first series) is on top.
            for (k, s) in series.enumerated().reversed() {
                guard k < row.values.count, let v = row.values[k], v.isFinite else { continue }
                svg += marker(s.marker, x(v), y, s.colour, "\(row.label), \(s.name): \(BriefFormatting.score(v))")
            }
        }
        return svg + "</svg>"
    }

    /// Legend entries laid out left to right in rows no wider than `width`: per row, (series index, x).
    private static func legendLayout(_ names: [String], width: Double) -> [[(Int, Double)]] {
        var rows: [[(Int, Double)]] = [[]], x = 0.0
        for (k, name) in names.enumerated() {
            let w = 14 + Double(name.count) * 5.4 + 12
            if x + w > width, !(rows.last?.isEmpty ?? true) {
                rows.append([])
                x = 0
            }
            rows[rows.count - 1].append((k, x))
            x += w
        }
        return rows
    }

    /// Dot and whisker per row: the rank (dot) and its 5–95% interval (whisker); rank 1 on the left.
    ///
    /// Each row is ranked among its own number of economies (`of`: a pillar may score economies the index does
    /// not): a light track runs from rank 1 to that row's last rank, labelled "of N" at its end, and the axis spans
    /// the largest of them.
    package static func rankIntervals(title: String, rows: [(label: String, rank: Int?, of: Int?, low: Double?, high: Double?)],
                                      colour: String, axisTitle: String = "ESCAP rank (1 = best)") -> String {
        let labelWidth = 108.0, plotWidth = 170.0, top = 12.0, right = 36.0
        let (centres, bottom) = rowCentres(rows.map(\.label), base: 15, top: top)
        let height = bottom + 30
        let ranked = rows.compactMap(\.of).max() ?? 1
        let n = Double(max(ranked, 2))
        func x(_ rank: Double) -> Double { labelWidth + (rank - 1) / (n - 1) * plotWidth }
        var svg = open(width: labelWidth + plotWidth + right, height: height, label: title)
        let ticks = Array(Set([1, Int((n / 4).rounded()), Int((n / 2).rounded()), Int((3 * n / 4).rounded()), Int(n)]))
            .sorted()
        for t in ticks {
            svg += line(x(Double(t)), top - 6, x(Double(t)), height - 24, stroke: "#e3e6ea")
            svg += text(String(t), x: x(Double(t)), y: height - 13, anchor: "middle", size: 9, fill: "#555")
        }
        svg += text(axisTitle, x: labelWidth + plotWidth / 2, y: height - 1, anchor: "middle", size: 9,
                    fill: "#555")
        for (r, row) in rows.enumerated() {
            let y = centres[r]
            svg += rowLabel(row.label, x: labelWidth - 5, y: y, bold: r == 0)
            if let of = row.of, of >= 1 {
                svg += line(x(1), y, x(Double(of)), y, stroke: "#e3e6ea", width: 3)
                svg += text("of \(of)", x: x(Double(of)) + 4, y: y + 3, size: 8.5, fill: "#555")
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
                svg += text("not ranked", x: labelWidth + 2, y: y + 3, size: 8.5, fill: "#666")
            }
        }
        return svg + "</svg>"
    }

    /// One line of ``lines(title:series:yTitle:yRange:references:width:height:fontSize:empty:)``: its name (the end label),
    /// colour, width, dash pattern, and points.
    package struct Line {
        package var name: String
        package var colour: String
        package var width: Double = 1.5
        package var dash: String? = nil
        package var points: [(year: Int, value: Double)]

        package init(name: String, colour: String, width: Double = 1.5, dash: String? = nil,
                     points: [(year: Int, value: Double)]) {
            self.name = name
            self.colour = colour
            self.width = width
            self.dash = dash
            self.points = points
        }
    }

    /// Lines over years, each named at its right end (labels moved apart so they never overlap), the y axis titled
    /// `yTitle` above it and the x axis "year" (right of its last label); the first line is drawn last (on top). `yRange` fixes the axis
    /// (e.g. 0–100 for scores); by default it runs from 0 to a round value above the data.
    ///
    /// `references` are horizontal lines across the years shown (targets): thin, black and dashed, each named on
    /// the line at its left end, so the end labels stay with the series.
    package static func lines(title: String, series: [Line], yTitle: String, yRange: ClosedRange<Double>? = nil,
                              references: [(label: String, value: Double)] = [],
                              width: Double = 322, height: Double = 190, fontSize: Double = 9,
                              empty: String = "No values over time.") -> String {
        let f = fontSize
        let all = series.flatMap { s in s.points.filter { $0.value.isFinite } }
        let labelWidth = (series.map { Double($0.name.count) }.max() ?? 3) * f * 0.62 + 6
        let left = f * 3.2, top = f * 1.8, right = max(labelWidth, f * 1.5 + f * 2.5), bottom = f * 1.9
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var svg = open(width: width, height: height, label: title)
        guard let firstYear = all.map(\.year).min(), let lastYear = all.map(\.year).max() else {
            return svg + text(empty, x: left, y: top + 2 * f, size: f, fill: "#666") + "</svg>"
        }
        let axis: (lower: Double, upper: Double, step: Double)
        if let yRange {
            axis = (yRange.lowerBound, yRange.upperBound, (yRange.upperBound - yRange.lowerBound) / 4)
        } else {
            axis = niceAxis(all.map(\.value) + references.map(\.value).filter(\.isFinite),
                            count: max(2, min(4, Int(plotHeight / (f * 1.6)))))
        }
        let span = Double(max(1, lastYear - firstYear))
        func x(_ year: Int) -> Double {
            firstYear == lastYear ? left + plotWidth / 2 : left + Double(year - firstYear) / span * plotWidth
        }
        func y(_ v: Double) -> Double { top + plotHeight - (v - axis.lower) / (axis.upper - axis.lower) * plotHeight }
        svg += text(yTitle, x: 0, y: f, size: f, fill: "#555")
        var v = axis.lower
        while v <= axis.upper + axis.step / 1000 {
            svg += line(left, y(v), left + plotWidth, y(v), stroke: v == axis.lower ? "#b8c0c8" : "#e3e6ea")
            svg += text(tickLabel(v, step: axis.step), x: left - 3, y: y(v) + f * 0.35, anchor: "end", size: f,
                        fill: "#555")
            v += axis.step
        }
        let years = yearTicks(from: firstYear, to: lastYear, room: plotWidth / (f * 2.6))
        for year in years {
            svg += text(String(year), x: x(year), y: top + plotHeight + f * 1.2, anchor: "middle", size: f, fill: "#555")
        }
        // The x axis's title beside its last label, under the end labels (which stay above the axis).
        svg += text("year", x: left + plotWidth + f * 1.5, y: top + plotHeight + f * 1.45, size: f, fill: "#555")
        let shown = references.filter { $0.value.isFinite }
        for (k, r) in shown.enumerated() {
            let ry = y(r.value)
            // Several references: their names side by side along the lines, so they never sit on one another.
            let tx = left + 2 + Double(k) * plotWidth / Double(shown.count)
            svg += line(left, ry, left + plotWidth, ry, stroke: Palette.ink.hex, width: 1, dash: "5 2")
            // Above the line, or under it when that would leave the plot; a white halo keeps it legible on lines.
            let ty = ry - f * 0.9 < top ? ry + f * 1.05 : ry - f * 0.3
            svg += "<text x=\"\(E.coordinate(tx))\" y=\"\(E.coordinate(ty))\" font-size=\"\(E.coordinate(f * 0.95))\" "
                + "fill=\"\(Palette.ink.hex)\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">"
                + E.escape(r.label) + "</text>"
        }
        var ends: [(k: Int, y: Double)] = []
        for (k, s) in series.enumerated().reversed() {
            let points = s.points.filter { $0.value.isFinite }.sorted { $0.year < $1.year }
            guard let last = points.last else { continue }
            let path = points.map { "\(E.coordinate(x($0.year))),\(E.coordinate(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"\(E.coordinate(s.width))\""
                + " stroke-linejoin=\"round\"" + (s.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                + "><title>\(E.escape(s.name))</title></polyline>"
            svg += "<circle cx=\"\(E.coordinate(x(last.year)))\" cy=\"\(E.coordinate(y(last.value)))\" "
                + "r=\"\(E.coordinate(max(1.6, s.width * 0.9)))\" fill=\"\(s.colour)\"/>"
            ends.append((k, y(last.value)))
        }
        // Each line named at its end, in its colour; the labels keep the lines' order and never overlap.
        let placed = spread(ends.map(\.y), gap: f * 1.05, within: (top + f * 0.3)...(top + plotHeight + f * 0.3))
        for (e, ly) in zip(ends, placed) {
            let s = series[e.k]
            svg += text(s.name, x: left + plotWidth + 4, y: ly + f * 0.35, size: f, weight: e.k == 0 ? "bold" : nil,
                        fill: Palette.Colour(hex: s.colour).legible(on: Palette.white).hex)
        }
        return svg + "</svg>"
    }

    /// Years to label on an axis: the first and the last, and between them round steps that fit `room` labels.
    package static func yearTicks(from first: Int, to last: Int, room: Double) -> [Int] {
        guard last > first else { return [first] }
        let span = last - first
        let step = [1, 2, 5, 10, 20].first { Double(span / $0 + 1) <= max(2, room) } ?? span
        var years = Array(stride(from: first, through: last, by: step))
        if years.last != last {
            if let l = years.last, Double(last - l) < Double(step) * 0.6 { years.removeLast() }
            years.append(last)
        }
        return years
    }

    /// The Lorenz curve with the line of equality and the economy's point marked; both axes titled (the economies
    /// in order of score, lowest first, as the caption says). `size` is the side of the square plot and `fontSize`
    /// the text size, in SVG units.
    package static func lorenz(title: String, points: [(Double, Double)], marked: (Double, Double)?, markLabel: String,
                               colour: String, size: Double = 170, fontSize f: Double = 9) -> String {
        let left = f * 5.6, top = 8.0
        var svg = open(width: left + size + 14, height: top + size + f * 3.4, label: title)
        func x(_ p: Double) -> Double { left + p * size }
        func y(_ l: Double) -> Double { top + size - l * size }
        svg += "<rect x=\"\(E.coordinate(left))\" y=\"\(E.coordinate(top))\" width=\"\(E.coordinate(size))\" "
            + "height=\"\(E.coordinate(size))\" fill=\"none\" stroke=\"#ccd1d7\"/>"
        svg += line(x(0), y(0), x(1), y(1), stroke: "#8a949e", dash: "4 3")
        svg += text("equality", x: x(0.55) - 3, y: y(0.55) - 3, anchor: "end", size: f, fill: "#555")
        for k in 0...4 {
            let v = Double(k) / 4
            svg += text(BriefFormatting.percent(v), x: x(v), y: top + size + f * 1.35, anchor: "middle", size: f,
                        fill: "#555")
            svg += text(BriefFormatting.percent(v), x: left - 3, y: y(v) + f / 3, anchor: "end", size: f, fill: "#555")
        }
        svg += text("cumulative share of economies", x: x(1) + 12, y: top + size + f * 2.9, anchor: "end", size: f,
                    fill: "#555")
        svg += text("cumulative share", x: f, y: y(0.5), anchor: "middle", size: f, fill: "#555", rotate: true)
        svg += text("of the index total", x: f * 2.2, y: y(0.5), anchor: "middle", size: f, fill: "#555", rotate: true)
        let path = points.map { "\(E.coordinate(x($0.0))),\(E.coordinate(y($0.1)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        if let m = marked {
            let mark = Palette.subregion.hex
            svg += "<circle cx=\"\(E.coordinate(x(m.0)))\" cy=\"\(E.coordinate(y(m.1)))\" r=\"4.5\" fill=\"\(mark)\" "
                + "stroke=\"#fff\" stroke-width=\"1\"/>"
            // Below and right of the point, unless that would run into the x axis's labels: then above it.
            let below = y(m.1) + f * 1.4 <= top + size - 2
            svg += text(markLabel, x: x(m.0) + 7, y: below ? y(m.1) + f * 1.4 : y(m.1) - 6, size: f * 1.1,
                        weight: "bold", fill: mark)
        }
        return svg + "</svg>"
    }
}
