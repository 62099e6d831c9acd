import Foundation

/// `divide compare` as a self-contained HTML page: the briefs' page frame, a chart of the economies' scores node by
/// node, and the comparison table. Every text from data is escaped.
package enum ComparisonPage {
    /// Above this many economies the chart is left out (the bars and their colours would no longer tell them apart);
    /// the table still shows every economy.
    package static let chartedEconomies = Palette.series.count

    /// The page for `briefs` (one economy each, the same framework and year) and their comparison `table`, with
    /// `note` (what the cells hold) under the table.
    package static func html(_ briefs: [Brief], table: Table, note: String) -> String {
        typealias E = HTMLText
        guard let first = briefs.first else { return HTMLPage.document(title: "Comparison", body: "") }
        let h = first.header
        let names = briefs.map { BriefFormatting.economy($0.header.economy) }
        var out = "<header><h1>\(E.escape(h.framework.name))</h1>"
        out += "<div class=\"subtitle\">\(E.escape("Economies compared · \(h.year)"))</div>"
        out += "<div class=\"meta\">\(E.escape(names.joined(separator: " · ")))</div></header>\n"
        if briefs.count <= chartedEconomies {
            let chart = SVGCharts.groupedBars(
                title: "Index and pillar scores of \(briefs.map(\.header.economy.iso3).joined(separator: ", "))",
                rows: first.nodes.enumerated().map { k, node in
                    (node.name, briefs.map { $0.nodes.indices.contains(k) ? $0.nodes[k].score : nil })
                },
                series: briefs.enumerated().map { k, b in
                    SVGCharts.Series(name: b.header.economy.iso3, colour: Palette.series[k].hex)
                })
            out += "<figure class=\"compare\"><figcaption><b>Scores side by side.</b> "
                + E.escape("For the index and each pillar, one bar per economy in the order named ("
                    + briefs.map(\.header.economy.iso3).joined(separator: ", ")
                    + "), each labelled with its score; 0–100, higher is better; n/a: not scored.")
                + "</figcaption>\(chart)</figure>\n"
        }
        out += "<section><h2>Scores, ranks, changes and gaps</h2>\n" + table.html()
        out += "\n<p class=\"small\">\(E.escape(note))</p></section>\n"
        var sources: [Brief.Source] = []
        for b in briefs {
            for s in b.header.sources where !sources.contains(where: { $0.name == s.name }) { sources.append(s) }
        }
        return HTMLPage.document(
            title: "\(h.framework.name), \(h.year): " + briefs.map(\.header.economy.iso3).joined(separator: ", "),
            extraCSS: "figure.compare svg { max-width: 120mm; }\n", body: out,
            footer: ["Sources: " + BriefFormatting.numberedSources(sources.sorted { $0.name < $1.name })])
    }
}
