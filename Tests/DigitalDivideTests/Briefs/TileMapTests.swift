import Foundation
import Testing
import DigitalDivide
@testable import DivideData
@testable import DivideReports

/// The regional overview's tile-grid map: one square per ESCAP economy, no two on one square, coloured by score.
@Suite("Tile map of the ESCAP region")
struct TileMapTests {
    @Test func everyEscapEconomyHasExactlyOneTile() {
        let escap = Set(CountryRegistry.standard.members(of: .escap).map(\.iso3))
        #expect(escap.count == 58)
        let codes = TileMap.tiles.map(\.iso3)
        #expect(codes.count == Set(codes).count, "an economy has two tiles")
        #expect(Set(codes) == escap)
        #expect(Set(codes).subtracting(escap).isEmpty, "a tile for an economy outside the ESCAP region")
    }

    @Test func noTwoTilesShareASquare() {
        var seen: [String: String] = [:]
        for tile in TileMap.tiles {
            let key = "\(tile.column),\(tile.row)"
            #expect(seen[key] == nil, "\(tile.iso3) and \(seen[key] ?? "") share \(key)")
            seen[key] = tile.iso3
            #expect(tile.column >= 0 && tile.row >= 0)
        }
    }

    /// Roughly where the economies lie: west before east and north before south for a few that no layout may swap.
    @Test func theGridFollowsGeography() throws {
        func tile(_ code: String) throws -> TileMap.Tile { try #require(TileMap.tiles.first { $0.iso3 == code }) }
        #expect(try tile("TUR").column < tile("IND").column && tile("IND").column < tile("CHN").column)
        #expect(try tile("CHN").column < tile("JPN").column && tile("JPN").column < tile("FJI").column)
        #expect(try tile("RUS").row < tile("MNG").row && tile("MNG").row < tile("CHN").row)
        #expect(try tile("CHN").row < tile("IND").row && tile("IND").row < tile("IDN").row)
        #expect(try tile("IDN").row < tile("AUS").row && tile("AUS").row < tile("NZL").row)
    }

    @Test func tilesAreColouredByScoreAndNotScoredAreHatched() {
        let entries = [
            TileMap.Entry(economy: .init(iso3: "IND", name: "India"), score: 76.6, rank: 19, link: "IND.html"),
            TileMap.Entry(economy: .init(iso3: "NIU", name: "Niue"), score: nil, rank: nil, link: nil),
            TileMap.Entry(economy: .init(iso3: "XKX", name: "Nowhere"), score: 50, rank: 1, link: nil),
        ]
        let svg = TileMap.svg(title: "Map", entries: entries, scaleTitle: "Index score, 2024")
        #expect(svg.contains("fill=\"\(Palette.score(76.6).hex)\""))
        #expect(svg.contains("<title>India (IND): 76.6, rank 19</title>"))
        #expect(svg.contains("<a href=\"IND.html\">"))
        // Niue: hatched, labelled "not scored"; the legend says what hatching means and shows the scale.
        #expect(svg.contains("<title>Niue (NIU): not scored</title>"))
        #expect(svg.contains("fill=\"url(#tilemap-not-scored)\"") && svg.contains(">not</text>") && svg.contains(">scored</text>"))
        #expect(svg.contains(">not scored (too little data)</text>") && svg.contains("fill=\"url(#tilemap-scale)\""))
        #expect(svg.contains(">Index score, 2024</text>") && svg.contains(">0</text>") && svg.contains(">100</text>"))
        // An economy without a tile is not drawn; the tiles of economies not given are not drawn either.
        #expect(!svg.contains("XKX") && !svg.contains(">JPN</text>"))
    }

    @Test func namesAndLinksAreEscaped() {
        let attack = "<script>x</script>\"'"
        let svg = TileMap.svg(title: attack, entries: [
            TileMap.Entry(economy: .init(iso3: "IND", name: attack), score: 10, rank: nil, link: "\"><script>"),
        ], scaleTitle: attack)
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;x&lt;/script&gt;&quot;&#39;"))
    }
}
