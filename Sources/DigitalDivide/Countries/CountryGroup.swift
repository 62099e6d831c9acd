/// A named set of economies a command can select (`--group escap`, `--group ENEA`, …).
///
/// Counts follow ESCAP's membership list (https://www.unescap.org/about/member-states): 53 members
/// (49 regional, 4 non-regional) and 9 associate members.
public enum CountryGroup: Sendable, Hashable, CustomStringConvertible {
    /// The ESCAP region: 49 regional members and 9 associate members (58 economies), the default group.
    case escap
    /// One ESCAP subregion (members and associate members located there).
    case subregion(EscapSubregion)
    /// All 53 ESCAP members: the 49 regional members and the 4 non-regional members.
    case escapMembers
    /// The 9 ESCAP associate members.
    case escapAssociates
    /// The 4 non-regional ESCAP members (France, Netherlands, United Kingdom, United States), as comparators.
    case nonRegional
    /// Every economy in the registry.
    case all

    /// Every group, in the order help texts list them.
    public static let allGroups: [CountryGroup] =
        [.escap] + EscapSubregion.allCases.map { .subregion($0) } + [.escapMembers, .escapAssociates, .nonRegional, .all]

    /// The canonical name accepted by ``init(parsing:)`` (`escap`, `ENEA`, `SEA`, `SSWA`, `NCA`, `Pacific`,
    /// `escap-members`, `escap-associates`, `non-regional`, `all`).
    public var name: String {
        switch self {
        case .escap: "escap"
        case .subregion(let s): s.abbreviation
        case .escapMembers: "escap-members"
        case .escapAssociates: "escap-associates"
        case .nonRegional: "non-regional"
        case .all: "all"
        }
    }

    public var description: String { name }

    /// Whether an economy belongs to the group.
    public func contains(_ country: Country) -> Bool {
        switch self {
        case .escap: country.isInEscapRegion
        case .subregion(let s): country.escapSubregion == s
        case .escapMembers: country.escapMembership == .member || country.escapMembership == .nonRegionalMember
        case .escapAssociates: country.escapMembership == .associateMember
        case .nonRegional: country.escapMembership == .nonRegionalMember
        case .all: true
        }
    }

    /// Parses a group name as a user types it: case, spaces, hyphens and punctuation are ignored; a subregion
    /// may be given by abbreviation or full name ("ENEA", "south-east asia"); `members`, `associates` and
    /// `escap-region` are accepted too.
    public init(parsing text: String) throws(CountryGroupError) {
        let key = NameFolding.fold(text).replacingSpaces()
        for group in Self.allGroups where group.spellings.contains(key) {
            self = group
            return
        }
        throw CountryGroupError(text: text, validNames: Self.allGroups.map(\.name))
    }

    private var spellings: [String] {
        let extra: [String] = switch self {
        case .escap: ["escapregion", "region"]
        case .subregion(let s): [s.name]
        case .escapMembers: ["members"]
        case .escapAssociates: ["associates", "associatemembers", "escapassociatemembers"]
        case .nonRegional: ["nonregionalmembers", "escapnonregional"]
        case .all: ["allcountries", "alleconomies"]
        }
        return ([name] + extra).map { NameFolding.fold($0).replacingSpaces() }
    }
}

/// A group name that ``CountryGroup/init(parsing:)`` does not know.
public struct CountryGroupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// The canonical group names.
    public let validNames: [String]

    public var description: String {
        "unknown country group \"\(text)\": expected one of \(validNames.joined(separator: ", "))"
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }) }
}
