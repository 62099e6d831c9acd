/// What is known about an indicator: code, name, unit of measure, publisher and licence.
public struct IndicatorInfo: Sendable, Hashable {
    /// The code the data is keyed by, e.g. `IT.NET.USER.ZS`.
    public var code: String
    /// The human-readable name, e.g. "Individuals using the Internet (% of population)".
    public var name: String?
    /// The unit of measure, e.g. "%" or "per 100 people".
    public var unit: String?
    /// The publisher or source, e.g. "World Development Indicators".
    public var source: String?
    /// The licence of the data, when the file says it, e.g. "CC BY-4.0".
    public var licence: String?
    /// A longer definition (World Bank `SOURCE_NOTE`, ITU `seriesDescription`).
    public var definition: String?
    /// Whether values are percentage shares of a whole that must lie within 0–100: World Bank codes ending in `.ZS`
    /// and units that are exactly "%" (see ``IndicatorInfo/inferIsShare(code:unit:name:)``). Counts per 100 people are
    /// not shares: they can exceed 100.
    public var isShare: Bool

    public init(
        code: String, name: String? = nil, unit: String? = nil, source: String? = nil, licence: String? = nil,
        definition: String? = nil, isShare: Bool? = nil
    ) {
        self.code = code
        self.name = name
        self.unit = unit
        self.source = source
        self.licence = licence
        self.definition = definition
        self.isShare = isShare ?? IndicatorInfo.inferIsShare(code: code, unit: unit, name: name)
    }

    /// A share is a World Bank-style code ending in `.ZS` ("zero to a hundred, share"), a unit that is exactly `%`
    /// or `percent`, or a name ending in `(%)` / `(% of …)`. "% GNI per capita" (prices as a share of income) is
    /// not a share: it may exceed 100.
    public static func inferIsShare(code: String, unit: String?, name: String? = nil) -> Bool {
        if code.uppercased().hasSuffix(".ZS") { return true }
        if let unit {
            let trimmed = unit.trimmingSpaces().lowercased()
            if trimmed == "%" || trimmed == "percent" || trimmed == "percentage" { return true }
            return false
        }
        if let name {
            let trimmed = name.trimmingSpaces()
            if trimmed.hasSuffix("(%)") || trimmed.hasSuffix("(% of population)") { return true }
        }
        return false
    }

    /// Fills the fields that are `nil` here from `other` (same code).
    package mutating func merge(_ other: IndicatorInfo) {
        if name == nil { name = other.name }
        if unit == nil { unit = other.unit }
        if source == nil { source = other.source }
        if licence == nil { licence = other.licence }
        if definition == nil { definition = other.definition }
        isShare = isShare || other.isShare
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    package func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
