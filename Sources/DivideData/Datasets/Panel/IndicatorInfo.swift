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
    /// Whether values are percentage shares of a whole that must lie within 0–100, as the indicator's own unit says
    /// (see ``IndicatorInfo/inferIsShare(code:unit:name:)``; never the code alone). Counts per 100 people, gross
    /// ratios and percentages of GDP are not shares: they can exceed 100 or fall below 0.
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

    /// Whether an indicator is a bounded 0–100 share, from its unit: the `unit` when given, else the parenthesised
    /// group of the `name` that holds a `%` (World Bank names carry their unit: "Individuals using the Internet
    /// (% of population)", "Unemployment, total (% of total labor force) (modeled ILO estimate)").
    ///
    /// A share is a percentage *of a set of people, households, firms, schools or land* — `% of population`,
    /// `% of people ages 15+`, `% of households`, `% of firms`, `% of land area` — or a bare `%`/`percent` whose
    /// name is not a rate of change, an interest rate or a balance. Not shares: `% of GDP`/`GNI`/exports/reserves
    /// (below 0 or above 100), `% gross` (gross enrolment and intake ratios exceed 100), `annual %` (growth,
    /// inflation), `% net`, and every unit without `%` (kg per hectare, per 100 people, "% GNI per capita").
    ///
    /// `code` is not evidence: World Bank codes ending `.ZS` include gross ratios above 100 and percentages of GDP
    /// below 0 (a country download of ~1,500 indicators has hundreds of them), so the suffix alone proves nothing.
    public static func inferIsShare(code: String, unit: String?, name: String? = nil) -> Bool {
        if let unit {
            let text = unit.trimmingSpaces().lowercased()
            if text.contains("%") || text.hasPrefix("percent") { return isBoundedShare(unit: text, name: name) }
            return false
        }
        guard let name, let group = percentGroup(of: name) else { return false }
        return isBoundedShare(unit: group, name: name)
    }

    /// The last parenthesised group of `name` holding `%` or "percent", lower-cased, without its parentheses.
    package static func percentGroup(of name: String) -> String? {
        var groups: [String] = []
        var depth = 0
        var current = ""
        for ch in name {
            if ch == "(" {
                if depth == 0 { current = "" } else { current.append(ch) }
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { groups.append(current) } else { current.append(ch) }
            } else if depth > 0 {
                current.append(ch)
            }
        }
        return groups.last { $0.contains("%") || $0.lowercased().contains("percent") }?
            .trimmingSpaces().lowercased()
    }

    /// Denominators that make a percentage a bounded share: sets of people, households, firms, schools, land.
    private static let shareDenominators = [
        "population", "people", "persons", "individuals", "household", "adult", "children", "child", "youth",
        "women", "men", "female", "male", "girls", "boys", "labor force", "labour force", "employment", "employed",
        "workers", "firms", "enterprises", "businesses", "schools", "students", "pupils", "births", "ages",
        "land area", "respondents", "users", "internet users", "inhabitants",
    ]

    /// Words naming a percentage that is a rate or a balance, not a share.
    private static let notShareWords = [
        "growth", "change", "interest", "inflation", "deflator", "return", "yield", "premium", "spread", "balance",
        "annual", "tariff", "tax", "rate of", "ratio of", "gdp", "gni",
    ]

    private static func isBoundedShare(unit: String, name: String?) -> Bool {
        let text = unit.trimmingSpaces()
        if text == "%" || text == "percent" || text == "percentage" || text == "per cent" {
            let lowered = name?.lowercased() ?? ""
            return !notShareWords.contains { lowered.contains($0) }
        }
        // "% of …" / "percent of …": a share when the whole is a set of people, households, firms…
        for prefix in ["% of ", "%of ", "percent of ", "percentage of "] where text.hasPrefix(prefix) {
            let whole = String(text.dropFirst(prefix.count))
            if notShareWords.contains(where: { whole.contains($0) }) { return false }
            return shareDenominators.contains { whole.contains($0) }
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
