/// The economies the library knows, their names in every publisher's spelling, and the aggregates to set aside.
///
/// Resolution rules (``resolve(_:)``), in order:
/// 1. Surrounding whitespace and stray quotes are dropped (UN E-Government names carry trailing spaces).
/// 2. Text of 1–3 ASCII digits is a UN M49 numeric code: an economy (`410` → KOR, `004` → AFG) or an M49
///    region (`142` → Asia, an aggregate). M49 keeps country and region codes disjoint.
/// 3. Otherwise the text is folded (`NameFolding`: case, accents, punctuation and spacing ignored) and looked up
///    among official names, aliases, ISO3 codes, publisher codes (`KSO`, `OWID_KOS`, `GBJ`) and aggregate names
///    and codes (`WLD`, `EAS`, `OWID_WRL`, "East Asia & Pacific", "High-income countries").
/// 4. Two ASCII letters that are not a known name (rule 3 comes first, so "UK" is the alias of GBR) are an
///    ISO 3166-1 alpha-2 code. No real name is two letters long, so a two-letter text is never ambiguous.
/// 5. Any other `OWID_`-prefixed code is an OWID aggregate (OWID uses the prefix only for non-ISO entities;
///    the one economy among them, `OWID_KOS`, is caught by rule 3).
/// 6. Any other ISO 3166-1 *user-assigned* code (`isUserAssignedCode(_:)`: `AA`, `QM`–`QZ`, `X?`, `ZZ` and their
///    alpha-3 ranges) is a non-economy set aside as an aggregate. Kosovo, the one economy publishers give such
///    codes, is an alias entry (`XKX` World Bank and EU, `XKK`, `XK`, `KSV`, `UVK` (IMF, not user-assigned),
///    `KSO` ITU, `OWID_KOS`) and so caught by rule 3 or 4.
/// 7. Otherwise ``UnitResolution/unknown(suggestions:)`` with the three nearest names (``suggestions(for:limit:)``).
///
/// Economies win over aggregates when a name could be both: "Micronesia" is the Federated States of Micronesia
/// (ITU DataHub's spelling); the M49 sub-region is reachable by its code `057`.
public struct CountryRegistry: UnitResolving, Sendable {
    /// The registry compiled from `Data/reference` (see `scripts/generate-countries.py`); built once, on first use.
    public static let standard = CountryRegistry(countries: CountryTable.countries, aggregates: CountryTable.aggregates)

    /// Every economy, ordered by ISO3.
    public let countries: [Country]
    private let byISO3: [String: Int]
    private let byKey: [String: UnitResolution]
    private let byISO2: [String: String]
    private let byM49: [Int: UnitResolution]
    /// Economies' names and aliases as ``suggestions(for:limit:)`` compares them (aggregates are never suggested).
    private let suggestionKeys: [SuggestionKey]
    /// Folded keys claimed by two different resolutions while building the index (the first one kept).
    /// Empty for the standard registry; a test checks it.
    package let conflicts: [String]

    package init(countries: [Country], aggregates: [AggregateEntry]) {
        let sorted = countries.sorted { $0.iso3 < $1.iso3 }
        self.countries = sorted
        var byISO3: [String: Int] = [:]
        var byKey: [String: UnitResolution] = [:]
        var byISO2: [String: String] = [:]
        var byM49: [Int: UnitResolution] = [:]
        var conflicts: [String] = []
        var suggestionKeys: [SuggestionKey] = []

        func insert(_ text: String, _ resolution: UnitResolution, display: String?) {
            let key = NameFolding.fold(text)
            guard !key.isEmpty else { return }
            if let existing = byKey[key] {
                if existing != resolution { conflicts.append("\(key): \(existing) vs \(resolution)") }
                return
            }
            byKey[key] = resolution
            if let display { suggestionKeys.append(SuggestionKey(folded: key, display: display)) }
        }

        for (index, country) in sorted.enumerated() {
            byISO3[country.iso3] = index
            let economy = UnitResolution.economy(iso3: country.iso3)
            insert(country.name, economy, display: country.name)
            insert(country.iso3, economy, display: nil)
            for alias in country.aliases {
                // Publisher codes (KSO, OWID_KOS, GBJ) are indexed but never suggested as names.
                let isCode = alias.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || $0 == "_" }
                insert(alias, economy, display: isCode ? nil : country.name)
            }
            byISO2[country.iso2.uppercased()] = country.iso3
            if let m49 = country.m49 { byM49[m49] = economy }
        }
        for aggregate in aggregates {
            let resolution = UnitResolution.aggregate(name: aggregate.name)
            // Indexed, never suggested: a misspelt economy should not be offered "Africa".
            insert(aggregate.name, resolution, display: nil)
            for alias in aggregate.aliases { insert(alias, resolution, display: nil) }
            for code in aggregate.codes { insert(code, resolution, display: nil) }
            if let m49 = aggregate.m49 {
                if let existing = byM49[m49], existing != resolution {
                    conflicts.append("M49 \(m49): \(existing) vs \(resolution)")
                } else {
                    byM49[m49] = resolution
                }
            }
        }
        self.byISO3 = byISO3
        self.byKey = byKey
        self.byISO2 = byISO2
        self.byM49 = byM49
        self.conflicts = conflicts
        self.suggestionKeys = suggestionKeys
    }

    /// The economy with this ISO 3166-1 alpha-3 code (upper case, as in ``Country/iso3``), if known.
    public func country(iso3: String) -> Country? {
        byISO3[iso3].map { countries[$0] }
    }

    /// Resolves a unit name or code as a publisher wrote it; see the type's documentation for the rules.
    public func resolve(_ text: String) -> UnitResolution {
        let trimmed = text.trimmingUnitPadding()
        if trimmed.isEmpty { return .unknown(suggestions: []) }
        if trimmed.utf8.count <= 3, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let code = Int(trimmed) {
            return byM49[code] ?? .unknown(suggestions: [])
        }
        let key = NameFolding.fold(trimmed)
        if let hit = byKey[key] { return hit }
        if trimmed.utf8.count == 2, trimmed.utf8.allSatisfy({ (0x41...0x5A).contains($0 & 0xDF) }),
           let iso3 = byISO2[trimmed.uppercased()] {
            return .economy(iso3: iso3)
        }
        if trimmed.uppercased().hasPrefix("OWID_") { return .aggregate(name: trimmed) }
        if Self.isUserAssignedCode(trimmed) { return .aggregate(name: trimmed + " (user-assigned code)") }
        return .unknown(suggestions: suggestions(for: trimmed))
    }

    /// Whether `text` is an ISO 3166-1 user-assigned code that no economy in the registry claims: alpha-2 `AA`,
    /// `QM`–`QZ`, `XA`–`XZ`, `ZZ`; alpha-3 `AAA`–`AAZ`, `QMA`–`QZZ`, `XAA`–`XZZ`, `ZZA`–`ZZZ` (upper case only, as
    /// publishers write codes). Publishers use them for aggregates and special areas (the World Bank's `XD`, `XM`,
    /// `XT`); the one economy they name (Kosovo: `XKX`, `XKK`, `XK`) is an alias resolved before this rule, so
    /// what remains is set aside as a non-economy, never rejected as unknown.
    package static func isUserAssignedCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 2 || bytes.count == 3, bytes.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            return false
        }
        // The alpha-3 ranges are the alpha-2 ones with any third letter.
        let a = bytes[0], b = bytes[1]
        return (a == 0x41 && b == 0x41) || (a == 0x51 && b >= 0x4D) || a == 0x58 || (a == 0x5A && b == 0x5A)
    }

    /// The longest text ``suggestions(for:limit:)`` compares with the names (200 bytes).
    public static let maxSuggestionInput = 200

    /// The `limit` economies whose names are nearest to `text`, best first (aggregates are never suggested).
    ///
    /// Texts are folded (`NameFolding`) and compared without spaces by Damerau–Levenshtein distance (optimal
    /// string alignment). A name or alias scores (p, f): p the least distance from `text` to one of its leading
    /// word runs ("korea", "korearepublic", "korearepublicof" for "Korea, Republic of"), so that a misspelt first
    /// word finds every name starting with that word; f the distance to the whole name, which breaks p's ties.
    /// Each economy is scored by its best name or alias and reported once under its official name; remaining
    /// ties are broken alphabetically. Cost: O(names × words × |text| × |name|), run only for unknown texts.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        // No name is longer than 80 characters; a longer text gets no suggestion rather than seconds of distances.
        guard text.utf8.count <= Self.maxSuggestionInput else { return [] }
        let key = Array(NameFolding.fold(text).unicodeScalars.filter { $0 != " " })
        guard !key.isEmpty, limit > 0 else { return [] }
        var best: [String: (prefix: Int, full: Int)] = [:]
        for candidate in suggestionKeys {
            let full = StringDistance.damerauLevenshtein(key, candidate.full)
            var prefix = full
            for leading in candidate.leadingWords.dropLast() {
                prefix = min(prefix, StringDistance.damerauLevenshtein(key, leading))
            }
            if let known = best[candidate.display], (known.prefix, known.full) <= (prefix, full) { continue }
            best[candidate.display] = (prefix, full)
        }
        return best.sorted { ($0.value.prefix, $0.value.full, $0.key) < ($1.value.prefix, $1.value.full, $1.key) }
            .prefix(limit).map(\.key)
    }

    /// The economies of a group, ordered by ISO3.
    public func members(of group: CountryGroup) -> [Country] {
        countries.filter { group.contains($0) }
    }

    /// The ESCAP subregion of an economy (`nil` for non-members and the four non-regional members).
    public func subregion(of iso3: String) -> EscapSubregion? {
        country(iso3: iso3)?.escapSubregion
    }

    /// The World Bank income group of an economy in a classification (see ``WorldBankClassification``).
    public func incomeGroup(of iso3: String, in classification: WorldBankClassification) -> IncomeGroup? {
        classification.entry(for: iso3)?.incomeGroup
    }

    /// The World Bank region of an economy in a classification ("East Asia & Pacific").
    public func worldBankRegion(of iso3: String, in classification: WorldBankClassification) -> String? {
        classification.entry(for: iso3)?.region
    }

    /// The economies of the registry in a World Bank income group, ordered by ISO3.
    public func members(of incomeGroup: IncomeGroup, in classification: WorldBankClassification) -> [Country] {
        countries.filter { classification.entry(for: $0.iso3)?.incomeGroup == incomeGroup }
    }
}

extension String {
    /// Drops leading/trailing whitespace and straight or typographic double quotes.
    fileprivate func trimmingUnitPadding() -> String {
        let scalars = unicodeScalars
        func isPadding(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || s == "\"" || s == "\u{201C}" || s == "\u{201D}" || s == "\u{FEFF}"
        }
        guard let first = scalars.firstIndex(where: { !isPadding($0) }),
              let last = scalars.lastIndex(where: { !isPadding($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

/// A folded name or alias of an economy as ``CountryRegistry/suggestions(for:limit:)`` compares it: the whole
/// name without spaces and its leading word runs (the last of which is the whole name).
private struct SuggestionKey: Sendable {
    var full: [Unicode.Scalar]
    var leadingWords: [[Unicode.Scalar]]
    var display: String

    init(folded: String, display: String) {
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        for word in folded.split(separator: " ") {
            run += word.unicodeScalars
            runs.append(run)
        }
        full = run
        leadingWords = runs
        self.display = display
    }
}
