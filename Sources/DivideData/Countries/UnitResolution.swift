/// What a unit name or code found in a data file refers to.
///
/// Readers never decide this themselves: they hand the text to a ``UnitResolving`` value (normally the
/// ``CountryRegistry``), so that every format treats "Korea, Rep.", "South Korea" and "KOR" alike.
public enum UnitResolution: Sendable, Equatable {
    /// A known economy, by ISO 3166-1 alpha-3 code.
    case economy(iso3: String)
    /// A known aggregate (World Bank region codes such as `EAS` or `WLD`, OWID's `OWID_*` codes and code-less
    /// regions, UN M49 region codes): set aside and counted, not an error.
    case aggregate(name: String)
    /// Not known. `suggestions` holds the nearest known names, best first, for a "did you mean" hint.
    case unknown(suggestions: [String])
}

/// Maps the unit text of a data file (a code or a name, as the publisher wrote it) to a ``UnitResolution``.
public protocol UnitResolving: Sendable {
    /// Resolves `text`, which may be an ISO3/ISO2/M49 code or a name in any publisher's spelling.
    /// Matching ignores case, accents and punctuation.
    func resolve(_ text: String) -> UnitResolution
}
