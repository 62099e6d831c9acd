/// One economy of the registry: ISO 3166-1 codes and name, publisher aliases, ESCAP membership and UN M49 areas.
///
/// Source: `Data/reference/all.csv` (ISO 3166-1 with UN M49 regions), `Data/reference/escap_members_compiled.csv`
/// (ESCAP membership), `Data/reference/country_aliases.csv`; compiled into `CountryTable` by
/// `scripts/generate-countries.py`, so nothing is read at run time.
public struct Country: Sendable, Hashable, Identifiable {
    /// ISO 3166-1 alpha-3 code (`KOR`); `XKX` for Kosovo, which has no ISO code.
    public let iso3: String
    /// ISO 3166-1 alpha-2 code (`KR`); `XK` for Kosovo.
    public let iso2: String
    /// UN M49 numeric code (`410`), `nil` for economies outside M49 (Kosovo).
    public let m49: Int?
    /// The UN short name: ESCAP's for the economies of its list ("Republic of Korea", "Hong Kong, China"), the UN
    /// M49 name elsewhere ("Republic of Moldova"), else ISO 3166-1's (Data/reference/README.md).
    public let name: String
    /// Other spellings publishers use (the ISO name "Korea, Republic of", "Korea, Rep.", "South Korea", …) and
    /// publisher-specific codes (ITU's `KSO`, OWID's `OWID_KOS`).
    public let aliases: [String]
    /// ESCAP membership, `nil` when the economy is not an ESCAP member or associate member.
    public let escapMembership: EscapMembership?
    /// ESCAP subregion; `nil` for non-members and for the four non-regional members.
    public let escapSubregion: EscapSubregion?
    /// UN M49 region ("Asia", 142).
    public let unRegion: M49Area?
    /// UN M49 sub-region ("Eastern Asia", 30).
    public let unSubregion: M49Area?
    /// UN M49 intermediate region ("Polynesia" has none; "Caribbean" does), when M49 defines one.
    public let unIntermediateRegion: M49Area?

    public var id: String { iso3 }

    /// Creates an economy; the registry's own economies come from the generated table.
    public init(
        iso3: String, iso2: String, m49: Int?, name: String, aliases: [String],
        escapMembership: EscapMembership?, escapSubregion: EscapSubregion?,
        unRegion: M49Area?, unSubregion: M49Area?, unIntermediateRegion: M49Area?
    ) {
        self.iso3 = iso3
        self.iso2 = iso2
        self.m49 = m49
        self.name = name
        self.aliases = aliases
        self.escapMembership = escapMembership
        self.escapSubregion = escapSubregion
        self.unRegion = unRegion
        self.unSubregion = unSubregion
        self.unIntermediateRegion = unIntermediateRegion
    }

    /// Whether the economy belongs to the ESCAP region: a regional member or an associate member (58 economies).
    public var isInEscapRegion: Bool {
        escapMembership == .member || escapMembership == .associateMember
    }
}

/// A UN M49 geographic area (region, sub-region or intermediate region).
public struct M49Area: Sendable, Hashable {
    /// M49 numeric code (`142` for Asia).
    public let code: Int
    /// M49 English name ("Asia").
    public let name: String

    public init(code: Int, name: String) {
        self.code = code
        self.name = name
    }
}

/// Kind of ESCAP membership (https://www.unescap.org/about/member-states).
public enum EscapMembership: String, Sendable, Hashable, CaseIterable {
    /// One of the 49 regional members.
    case member
    /// One of the 9 associate members (territories such as Hong Kong, China or Guam).
    case associateMember
    /// One of the 4 non-regional members: France, the Netherlands, the United Kingdom, the United States.
    case nonRegionalMember
}

/// The five ESCAP subregions used in ESCAP's Statistical Yearbook and SDG Progress Report.
public enum EscapSubregion: String, Sendable, Hashable, CaseIterable {
    /// East and North-East Asia (ENEA).
    case eastAndNorthEastAsia
    /// South-East Asia (SEA).
    case southEastAsia
    /// South and South-West Asia (SSWA).
    case southAndSouthWestAsia
    /// North and Central Asia (NCA).
    case northAndCentralAsia
    /// The Pacific.
    case pacific

    /// ESCAP's name for the subregion ("East and North-East Asia").
    public var name: String {
        switch self {
        case .eastAndNorthEastAsia: "East and North-East Asia"
        case .southEastAsia: "South-East Asia"
        case .southAndSouthWestAsia: "South and South-West Asia"
        case .northAndCentralAsia: "North and Central Asia"
        case .pacific: "Pacific"
        }
    }

    /// ESCAP's abbreviation ("ENEA", "SEA", "SSWA", "NCA", "Pacific").
    public var abbreviation: String {
        switch self {
        case .eastAndNorthEastAsia: "ENEA"
        case .southEastAsia: "SEA"
        case .southAndSouthWestAsia: "SSWA"
        case .northAndCentralAsia: "NCA"
        case .pacific: "Pacific"
        }
    }
}
