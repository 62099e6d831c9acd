import Foundation

/// The page frame every HTML report shares (brief, regional overview, index page, comparison): one self-contained
/// document with an inline style sheet, a Content-Security-Policy that lets nothing load or run, the same type and
/// table styles on screen and in A4 print, and a footer with the UN designations disclaimer.
package enum HTMLPage {
    private typealias E = HTMLText

    /// A complete document: `title` (escaped here), the shared style sheet and `extraCSS`, `body` (already escaped
    /// by the caller) inside `<main>`, then a footer of `footer` (escaped here) and the designations disclaimer.
    package static func document(title: String, extraCSS: String = "", body: String, footer: [String] = []) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // Nothing may load or run: no scripts, no network; only the inline style and inline SVG.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(E.escape(title))</title>\n"
        out += "<style>\n\(css)\n\(extraCSS)</style>\n</head>\n<body>\n<main>\n"
        out += body
        out += "<footer>" + footer.map { "<p>\(E.escape($0))</p>" }.joined()
        out += "<p class=\"designations\">\(E.escape(BriefFormatting.designations))</p></footer>\n"
        return out + "</main>\n</body>\n</html>\n"
    }

    /// A table inside a box that scrolls sideways on a narrow screen instead of spilling out of the page card.
    package static func scrolling(_ table: String) -> String { "<div class=\"table-wrap\">\(table)</div>" }

    /// A header cell row; `numeric` columns are right-aligned. Text is escaped.
    package static func headRow(_ titles: [String], numeric: Set<Int>) -> String {
        "<thead><tr>" + titles.enumerated().map { k, t in
            "<th" + (numeric.contains(k) ? " class=\"num\"" : "") + ">\(E.escape(t))</th>"
        }.joined() + "</tr></thead>"
    }

    /// The body text size in print (points); tables print at the same size, notes and sources at ``finePrint``.
    package static let printBodySize = 8.5
    /// The smallest text size in print (points): notes, chart captions' explanations, sources, the disclaimer.
    package static let finePrint = 7.5

    private static let c = (economy: Palette.economy.hex, rise: Palette.rise.hex, fall: Palette.fall.hex)

    /// The shared style sheet. On screen: an A4-wide card; tables never wider than it (they scroll inside their box).
    /// In print: A4, body text and tables at ``printBodySize`` pt; table header rows repeat on each page, and no
    /// row, row group (`tbody`), figure or short section is split by a page break.
    package static let css = """
    @page { size: A4; margin: 7mm 10mm 7mm 10mm; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: \(Palette.ink.hex); margin: 0; background: #f4f5f7; font-size: 10pt; line-height: 1.35; }
    main { max-width: 210mm; margin: 0 auto; background: #fff; padding: 9mm 10mm; }
    header { border-bottom: 3px solid \(c.economy); padding-bottom: 3mm; margin-bottom: 3mm; }
    h1 { font-size: 20pt; margin: 0 0 1mm 0; }
    h2 { font-size: 11.5pt; margin: 5mm 0 2mm 0; color: \(c.economy); border-bottom: 1px solid #dde2e8; padding-bottom: 1mm; }
    .subtitle { font-size: 11pt; color: #3b4550; }
    .meta { font-size: 8.5pt; color: #56616c; margin-top: 1mm; }
    .kpis { display: flex; gap: 3mm; margin: 3mm 0; }
    .kpi { flex: 1; border: 1px solid #dde2e8; border-radius: 2mm; padding: 2mm 3mm; }
    .kpi .label { font-size: 8pt; color: #56616c; text-transform: uppercase; letter-spacing: .03em; }
    .kpi .value { font-size: 15pt; font-weight: 600; }
    .kpi .note { font-size: 8pt; color: #56616c; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    .lead { break-inside: avoid; break-after: avoid; }
    .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 5mm; margin-top: 3mm; }
    .grid.wide { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }
    figure { margin: 0; break-inside: avoid; }
    figure svg { display: block; width: 100%; height: auto; }
    figcaption { font-size: 8.5pt; color: #3b4550; margin-bottom: 1mm; }
    figcaption b { color: \(Palette.ink.hex); }
    .table-wrap { max-width: 100%; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
    thead { display: table-header-group; }
    th, td { padding: 1mm 1.5mm; border-bottom: 1px solid #e6e9ed; text-align: left; vertical-align: top;
      overflow-wrap: break-word; }
    th { background: #f1f4f7; font-weight: 600; vertical-align: bottom; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    @media screen { td.num.gap { white-space: normal; } }
    td.text { min-width: 40mm; }
    table.scores th { font-size: 92%; }
    table.scores th, table.scores td { padding-left: 1mm; padding-right: 1mm; }
    table.scores td:first-child { min-width: 38mm; }
    td.unit { white-space: nowrap; }
    tr, tbody.group { break-inside: avoid; }
    tr.index td:first-child, tr.index td.num { font-weight: 600; }
    td.sub { padding-left: 5mm; color: #3b4550; }
    .up { color: \(c.rise); } .down { color: \(c.fall); } .flat { color: #56616c; }
    .missing { color: #6b7580; }
    td[class^="flag-"] { white-space: nowrap; }
    tr.group td { font-weight: 600; background: #f7f9fb; color: \(c.economy); }
    td.src { white-space: nowrap; }
    tr.no-value td { color: #56616c; }
    .flag-imputed { color: #8a5a00; } .flag-carried_forward { color: #8a5a00; } .flag-missing { color: \(c.fall); }
    ul { margin: 1mm 0; padding-left: 5mm; }
    .small { font-size: 8pt; color: #56616c; }
    table.peers td:first-child { min-width: 30mm; }
    .table-wrap + .table-wrap { margin-top: 1.5mm; }
    .table-wrap:has(table.peers) { break-inside: avoid; }
    p.within { margin: 1.5mm 0 0 0; }
    .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(42mm, 1fr)); gap: 2mm 3mm; }
    .multiples figcaption { font-size: 8pt; line-height: 1.2; margin: 0; }
    .card figcaption .name, .card figcaption .value, .card figcaption .standing, .card figcaption .target { display: block; }
    .card .standing { font-weight: 600; }
    .card .pillar { font-size: 85%; color: #56616c; text-transform: uppercase; letter-spacing: .02em; }

    footer { margin-top: 4mm; font-size: 8pt; color: #56616c; border-top: 1px solid #dde2e8; padding-top: 2mm; }
    footer p { margin: 0 0 1mm 0; }
    @media print {
      body { background: #fff; font-size: \(printBodySize)pt; line-height: 1.2; }
      main { max-width: none; padding: 0; }
      header { padding-bottom: 1.5mm; margin-bottom: 1.5mm; border-bottom-width: 2px; }
      h1 { font-size: 15pt; }
      .subtitle { font-size: 10pt; }
      h2 { font-size: 10pt; margin: 1.6mm 0 0.7mm 0; padding-bottom: 0.3mm; break-after: avoid; }
      table { font-size: \(printBodySize)pt; }
      th, td { padding: 0.3mm 1.2mm; line-height: 1.15; }
      .grid { gap: 4mm; margin-top: 1.5mm; }
      .grid.wide { grid-template-columns: minmax(0, 3fr) minmax(0, 1fr); }
      .small, footer, .notes, figcaption { font-size: \(finePrint)pt; }
      .multiples figcaption { font-size: \(finePrint)pt; }
      .kpis { margin: 1.5mm 0; gap: 2mm; }
      .kpi { padding: 0.8mm 2mm; } .kpi .value { font-size: 12pt; display: inline; white-space: nowrap; }
      .kpi .label, .kpi .note { font-size: \(finePrint)pt; } .kpi .note { display: inline; margin-left: 1.5mm; }
      header .subtitle, header .meta { display: inline; font-size: 9pt; }
      header .subtitle + .meta::before { content: " · "; }
      .table-wrap { overflow: visible; }
      table.peers { font-size: 8pt; }
      ul { margin: 0.5mm 0; }
      .notes ul { columns: 3; column-gap: 4mm; }
      .notes li { break-inside: avoid; line-height: 1.12; }
      footer { margin-top: 2mm; padding-top: 1mm; }
      section.keep { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
