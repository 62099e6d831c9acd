/// Economies × indicators, the latest year with a value in each cell: the table an analyst checks before trusting
/// an index built from a panel.
public struct CoverageTable: Sendable, Equatable {
    /// One economy (row).
    public struct Economy: Sendable, Equatable, Codable {
        public var iso3: String
        public var name: String
        /// ESCAP subregion abbreviation (`ENEA`, …), `nil` outside the ESCAP region.
        public var subregion: String?
    }

    /// One indicator (column) and its summary over the economies.
    public struct Indicator: Sendable, Equatable, Codable {
        public var code: String
        public var name: String?
        /// The economies with a value in any year.
        public var economiesWithData: Int
        /// How many economies have each latest year, latest year first.
        public var latestYears: [YearCount]
    }

    /// A year and how many economies have it as their latest.
    public struct YearCount: Sendable, Equatable, Codable {
        public var year: Int
        public var economies: Int
    }

    public var economies: [Economy]
    public var indicators: [Indicator]
    /// `latest[e][i]`: the latest year with a value for economy `e` and indicator `i`, `nil` when none.
    public var latest: [[Int?]]

    /// The coverage of `panel` for `economies` (in the given order) and every indicator of the panel (in panel
    /// order). Units of the panel outside `economies` are ignored; economies absent from the panel have no data.
    ///
    /// Cost: O(economies × indicators × years), reading each indicator's slab once.
    public init(panel: Panel, economies: [Country]) {
        self.economies = economies.map {
            Economy(iso3: $0.iso3, name: $0.name, subregion: $0.escapSubregion?.abbreviation)
        }
        let unitPositions = economies.map { panel.unitIndex(of: $0.iso3) }
        let yearCount = panel.years.count
        var latest = Array(repeating: [Int?](repeating: nil, count: panel.indicators.count), count: economies.count)
        var indicators: [Indicator] = []
        for (i, info) in panel.indicators.enumerated() {
            var counts: [Int: Int] = [:]
            var withData = 0
            panel.withSlab(indicator: i) { slab in
                for (e, position) in unitPositions.enumerated() {
                    guard let u = position else { continue }
                    var y = yearCount - 1
                    while y >= 0 {
                        if !slab[u * yearCount + y].isNaN && panel.isPresent(unitAt: u, indicatorAt: i, yearAt: y) {
                            break
                        }
                        y -= 1
                    }
                    if y >= 0 {
                        let year = panel.years[y]
                        latest[e][i] = year
                        counts[year, default: 0] += 1
                        withData += 1
                    }
                }
            }
            indicators.append(
                Indicator(
                    code: info.code, name: info.name, economiesWithData: withData,
                    latestYears: counts.sorted { $0.key > $1.key }.map { YearCount(year: $0.key, economies: $0.value) }))
        }
        self.indicators = indicators
        self.latest = latest
    }
}
