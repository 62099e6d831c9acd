/// One unit's values of one indicator, year by year, with where each value came from.
public struct SeriesTable: Sendable, Equatable {
    /// One year's value and its provenance.
    public struct Point: Sendable, Equatable, Codable {
        public var year: Int
        public var value: Double
        /// `file:line`.
        public var location: String
        public var publisher: String?
        public var vintage: String?
        public var format: String
    }

    public var unit: String
    public var unitName: String?
    public var indicator: IndicatorInfo
    public var points: [Point]

    /// The series of `unit` (a panel unit key) and indicator `code`, or `nil` when the panel has no such indicator.
    public init?(panel: Panel, unit: String, unitName: String? = nil, indicator code: String) {
        guard let i = panel.indicatorIndex(of: code) else { return nil }
        self.unit = unit
        self.unitName = unitName
        indicator = panel.indicators[i]
        points = panel.series(unit: unit, indicator: code).map { year, value in
            let provenance = panel.provenance(unit: unit, indicator: code, year: year)
            return Point(
                year: year, value: value,
                location: provenance.map { "\($0.file.name):\($0.line)" } ?? "",
                publisher: provenance?.publisher, vintage: provenance?.file.vintage,
                format: provenance?.file.format.rawValue ?? "")
        }
    }
}
