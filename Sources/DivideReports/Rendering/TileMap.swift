import DivideData
import Foundation

/// A tile-grid map of the ESCAP region: one equal square per economy at a fixed grid position that roughly follows
/// geography (west to east, north to south). No outlines, areas or boundaries are drawn, so the map takes no
/// position on any border; small island states are as visible as large economies.
package enum TileMap {
    /// One economy's square: its column (west → east) and row (north → south).
    package struct Tile: Equatable, Sendable {
        package var iso3: String
        package var column: Int
        package var row: Int
    }

    /// The hand-made grid of the 58 ESCAP members and associate members (`TileMapTests` checks that each of them
    /// has exactly one tile, that no other economy has one, and that no two tiles share a square).
    package static let tiles: [Tile] = [
        ("RUS", 5, 0),
        ("GEO", 1, 1), ("KAZ", 4, 1), ("MNG", 6, 1),
        ("TUR", 0, 2), ("ARM", 1, 2), ("AZE", 2, 2), ("TKM", 3, 2), ("UZB", 4, 2), ("KGZ", 5, 2), ("CHN", 6, 2),
        ("PRK", 7, 2), ("KOR", 8, 2), ("JPN", 9, 2),
        ("IRN", 2, 3), ("AFG", 3, 3), ("TJK", 4, 3), ("NPL", 5, 3), ("BTN", 6, 3), ("MAC", 7, 3), ("HKG", 8, 3),
        ("PAK", 3, 4), ("IND", 4, 4), ("BGD", 5, 4), ("MMR", 6, 4), ("LAO", 7, 4), ("VNM", 8, 4), ("PHL", 9, 4),
        ("GUM", 11, 4), ("MNP", 12, 4),
        ("MDV", 4, 5), ("LKA", 5, 5), ("THA", 6, 5), ("KHM", 7, 5), ("BRN", 8, 5), ("PLW", 10, 5), ("FSM", 11, 5),
        ("MHL", 12, 5),
        ("MYS", 6, 6), ("SGP", 7, 6), ("IDN", 8, 6), ("TLS", 9, 6), ("PNG", 10, 6), ("NRU", 11, 6), ("KIR", 12, 6),
        ("AUS", 9, 7), ("SLB", 10, 7), ("TUV", 11, 7), ("WSM", 12, 7), ("ASM", 13, 7),
        ("VUT", 10, 8), ("FJI", 11, 8), ("TON", 12, 8), ("NIU", 13, 8), ("COK", 14, 8), ("PYF", 15, 8),
        ("NCL", 10, 9), ("NZL", 11, 9),
    ].map { Tile(iso3: $0.0, column: $0.1, row: $0.2) }

    /// One economy on the map: its name (for the tooltip), score (nil: not scored) and the page it links to.
    package struct Entry {
        package var economy: Brief.Economy
        package var score: Double?
        package var rank: Int?
        package var link: String?
    }

    /// The map as inline SVG: each tile coloured by its score on ``Palette/score(_:)`` and labelled with its ISO3
    /// code and score; economies without a score hatched grey and labelled "not scored"; a legend of the scale. An
    /// economy of `entries` without a tile is left off the map (the grid holds the ESCAP region only).
    package static func svg(title: String, entries: [Entry], scaleTitle: String) -> String {
        typealias E = HTMLText
        let size = 38.0, gap = 3.0, pitch = size + gap
        let columns = (tiles.map(\.column).max() ?? 0) + 1, rows = (tiles.map(\.row).max() ?? 0) + 1
        let width = Double(columns) * pitch, height = Double(rows) * pitch
        let byCode = Dictionary(entries.map { ($0.economy.iso3, $0) }, uniquingKeysWith: { a, _ in a })
        var svg = SVGCharts.open(width: width, height: height, label: title)
        let hatch = "tilemap-not-scored", scale = "tilemap-scale"
        svg += "<defs><pattern id=\"\(hatch)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(Palette.notScored.hex)\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#aab2bb\" stroke-width=\"2.5\"/></pattern>"
            + "<linearGradient id=\"\(scale)\">"
            + Palette.viridis.enumerated().map { k, c in
                "<stop offset=\"\(E.coordinate(Double(k) / Double(Palette.viridis.count - 1)))\" stop-color=\"\(c.hex)\"/>"
            }.joined() + "</linearGradient></defs>"
        for tile in tiles {
            guard let entry = byCode[tile.iso3] else { continue }
            let x = Double(tile.column) * pitch, y = Double(tile.row) * pitch
            let fill = entry.score.map { Palette.score($0).hex } ?? "url(#\(hatch))"
            let ink = entry.score.map { Palette.text(on: Palette.score($0)).hex } ?? Palette.ink.hex
            let tip = "\(entry.economy.name) (\(entry.economy.iso3)): "
                + (entry.score.map { BriefFormatting.score($0) + (entry.rank.map { ", rank \($0)" } ?? "") } ?? "not scored")
            var tileSVG = "<g><title>\(E.escape(tip))</title>"
                + "<rect x=\"\(E.coordinate(x))\" y=\"\(E.coordinate(y))\" width=\"\(E.coordinate(size))\" "
                + "height=\"\(E.coordinate(size))\" rx=\"2\" fill=\"\(fill)\""
                + (entry.score == nil ? " stroke=\"#aab2bb\"" : "") + "/>"
            tileSVG += SVGCharts.text(entry.economy.iso3, x: x + size / 2, y: y + 15, anchor: "middle", size: 10.5,
                                      weight: "bold", fill: ink)
            if let score = entry.score {
                tileSVG += SVGCharts.text(BriefFormatting.score(score), x: x + size / 2, y: y + 29, anchor: "middle",
                                          size: 9.5, fill: ink)
            } else {
                tileSVG += SVGCharts.text("not", x: x + size / 2, y: y + 25, anchor: "middle", size: 7.5, fill: ink)
                tileSVG += SVGCharts.text("scored", x: x + size / 2, y: y + 33, anchor: "middle", size: 7.5, fill: ink)
            }
            tileSVG += "</g>"
            if let link = entry.link { tileSVG = "<a href=\"\(E.escape(link))\">\(tileSVG)</a>" }
            svg += tileSVG
        }
        // The legend, in the empty south-west of the grid: the score scale and the not-scored swatch.
        let lx = 4.0, ly = height - 2.3 * pitch, lw = 5.5 * pitch
        svg += SVGCharts.text(scaleTitle, x: lx, y: ly, size: 10, weight: "bold", fill: Palette.ink.hex)
        svg += "<rect x=\"\(E.coordinate(lx))\" y=\"\(E.coordinate(ly + 6))\" width=\"\(E.coordinate(lw))\" height=\"12\" "
            + "fill=\"url(#\(scale))\"/>"
        for v in stride(from: 0.0, through: 100, by: 25) {
            let tx = lx + lw * v / 100
            svg += SVGCharts.line(tx, ly + 18, tx, ly + 22, stroke: "#555")
            svg += SVGCharts.text(String(Int(v)), x: tx, y: ly + 32, anchor: "middle", size: 9.5, fill: "#444")
        }
        svg += SVGCharts.text("lower", x: lx, y: ly + 44, size: 9, fill: "#555")
        svg += SVGCharts.text("higher", x: lx + lw, y: ly + 44, anchor: "end", size: 9, fill: "#555")
        let sy = ly + 52
        svg += "<rect x=\"\(E.coordinate(lx))\" y=\"\(E.coordinate(sy))\" width=\"16\" height=\"16\" rx=\"2\" "
            + "fill=\"url(#\(hatch))\" stroke=\"#aab2bb\"/>"
        svg += SVGCharts.text("not scored (too little data)", x: lx + 22, y: sy + 12, size: 9.5, fill: "#444")
        return svg + "</svg>"
    }
}
