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
    /// A listed group: one of the groups ESCAP reports on (``CountryGroupList/shipped``: LDC, LLDC, SIDS, ASEAN,
    /// SAARC, ECO, PIF) or a user's own (``CountryGroupList/read(path:registry:)``).
    case list(CountryGroupList)

    /// Every group, in the order help texts list them.
    public static let allGroups: [CountryGroup] =
        [.escap] + EscapSubregion.allCases.map { .subregion($0) } + [.escapMembers, .escapAssociates, .nonRegional, .all]
        + CountryGroupList.shipped.map { .list($0) }

    /// The canonical name accepted by ``init(parsing:custom:)`` (`escap`, `ENEA`, `SEA`, `SSWA`, `NCA`, `Pacific`,
    /// `escap-members`, `escap-associates`, `non-regional`, `all`).
    public var name: String {
        switch self {
        case .escap: "escap"
        case .subregion(let s): s.abbreviation
        case .escapMembers: "escap-members"
        case .escapAssociates: "escap-associates"
        case .nonRegional: "non-regional"
        case .all: "all"
        case .list(let list): list.code
        }
    }

    /// The group as a heading or a sentence names it: "ESCAP region", "East and North-East Asia", "Least
    /// developed countries".
    public var label: String {
        switch self {
        case .escap: "ESCAP region"
        case .subregion(let s): s.name
        case .escapMembers: "ESCAP members"
        case .escapAssociates: "ESCAP associate members"
        case .nonRegional: "ESCAP non-regional members"
        case .all: "all economies"
        case .list(let list): list.name
        }
    }

    /// The short label of a table column: "ESCAP", "ENEA", "LDC", "All".
    public var columnLabel: String {
        switch self {
        case .escap: "ESCAP"
        case .all: "All"
        default: name
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
        case .list(let list): list.contains(country.iso3)
        }
    }

    /// Whether every member of this group is a member of `other` (a subregion is within ESCAP; LDC is not).
    public func isWithin(_ other: CountryGroup, registry: CountryRegistry = .standard) -> Bool {
        if other == .all || other == self { return true }
        return registry.members(of: self).allSatisfy(other.contains)
    }

    /// Parses a group name as a user types it: case, spaces, hyphens and punctuation are ignored; a subregion
    /// may be given by abbreviation or full name ("ENEA", "south-east asia"); `members`, `associates` and
    /// `escap-region` are accepted too.
    /// A user's own groups (`custom`, e.g. from ``CountryGroupList/read(path:registry:)``) are accepted by code or
    /// name, before the shipped ones.
    public init(parsing text: String, custom: [CountryGroupList] = []) throws(CountryGroupError) {
        let key = NameFolding.fold(text).replacingSpaces()
        for group in custom.map({ CountryGroup.list($0) }) + Self.allGroups where group.spellings.contains(key) {
            self = group
            return
        }
        throw CountryGroupError(text: text, validNames: custom.map(\.code) + Self.allGroups.map(\.name))
    }

    private var spellings: [String] {
        let extra: [String] = switch self {
        case .escap: ["escapregion", "region"]
        case .subregion(let s): [s.name]
        case .escapMembers: ["members"]
        case .escapAssociates: ["associates", "associatemembers", "escapassociatemembers"]
        case .nonRegional: ["nonregionalmembers", "escapnonregional"]
        case .all: ["allcountries", "alleconomies"]
        case .list(let list): [list.name]
        }
        return ([name] + extra).map { NameFolding.fold($0).replacingSpaces() }
    }
}

/// A group name that ``CountryGroup/init(parsing:custom:)`` does not know.
public struct CountryGroupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// The canonical group names.
    public let validNames: [String]

    package init(text: String, validNames: [String]) {
        self.text = text
        self.validNames = validNames
    }

    public var description: String {
        "unknown country group \"\(text)\": expected one of \(validNames.joined(separator: ", "))"
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(unicodeScalars.filter { $0 != " " }) }
}

/// A named list of economies with where it comes from: the groups ESCAP reports on (``shipped``) or a user's own.
public struct CountryGroupList: Sendable, Hashable {
    /// The code a command line takes (`LDC`, `ASEAN`, a user's group name).
    public let code: String
    /// The full name ("Least developed countries").
    public let name: String
    /// ISO3 codes of the members, sorted.
    public let members: [String]
    /// Who publishes the list (with its address), or the file a user's group came from.
    public let source: String
    /// The date of the list ("2024-12").
    public let asOf: String?

    public init(code: String, name: String, members: [String], source: String, asOf: String?) {
        self.code = code
        self.name = name
        self.members = members.sorted()
        self.source = source
        self.asOf = asOf
    }

    /// Whether `iso3` is a member.
    public func contains(_ iso3: String) -> Bool {
        var lo = 0, hi = members.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if members[mid] < iso3 { lo = mid + 1 } else { hi = mid }
        }
        return lo < members.count && members[lo] == iso3
    }

    /// The groups ESCAP reports on, compiled from Data/reference/country_groups.csv (sources and dates in
    /// Data/SOURCES.md): least developed countries (LDC), landlocked developing countries (LLDC), small island
    /// developing States (SIDS), ASEAN, SAARC, the Economic Cooperation Organization (ECO) and the Pacific
    /// Islands Forum (PIF).
    public static let shipped: [CountryGroupList] = CountryTable.groupLists

    /// A user's group file: CSV with the header `group,member`, one row per member; a member is an ISO3 code or
    /// any name the registry resolves ("Viet Nam", "Vietnam"). Rows of one group need not be adjacent.
    /// - Throws: ``DivideError`` naming the file, line and column of an unknown member, a missing column, an
    ///   empty group name, or a member listed twice in one group.
    public static func read(path: String, registry: CountryRegistry = .standard) throws(DivideError) -> [CountryGroupList] {
        let text = try InputFile.text(path, what: "a group file (CSV)")
        let records: [SimpleCSV.Record]
        do {
            records = try SimpleCSV.records(text)
        } catch {
            switch error {
            case let .unterminatedQuote(line, column):
                throw DivideError(.unterminatedQuote, at: SourceLocation(file: path, line: line, column: column),
                                  expected: "a closing quote", found: "the end of the file")
            }
        }
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let g = header.firstIndex(of: "group"), let m = header.firstIndex(of: "member") else {
            throw DivideError(.missingColumn, at: SourceLocation(file: path, line: 1), expected: "the header group,member",
                              found: DivideError.quote(records.first?.fields.joined(separator: ",") ?? "an empty file"))
        }
        var order: [String] = [], members: [String: [String]] = [:]
        for record in records.dropFirst() {
            let row = record.fields
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let group = g < row.count ? row[g].trimmingCharacters(in: .whitespaces) : ""
            let member = m < row.count ? row[m].trimmingCharacters(in: .whitespaces) : ""
            guard !group.isEmpty else {
                throw DivideError(.emptyField, at: SourceLocation(file: path, line: record.line, column: g + 1,
                                                                  columnName: "group"),
                                  expected: "a group name", found: "an empty cell")
            }
            guard case .economy(let iso3) = registry.resolve(member) else {
                throw DivideError(.unknownUnit, at: SourceLocation(file: path, line: record.line, column: m + 1,
                                                                   columnName: "member"),
                                  expected: "an ISO3 code or an economy's name", found: DivideError.quote(member))
            }
            if members[group] == nil { order.append(group) }
            if members[group, default: []].contains(iso3) {
                throw DivideError(.duplicateEntry, at: SourceLocation(file: path, line: record.line, column: m + 1,
                                                                      columnName: "member"),
                                  expected: "each member once per group",
                                  found: "\(iso3) listed twice in \(DivideError.quote(group))")
            }
            members[group, default: []].append(iso3)
        }
        guard !order.isEmpty else {
            throw DivideError(.emptyField, at: SourceLocation(file: path), expected: "at least one group,member row",
                              found: "none")
        }
        return order.map { CountryGroupList(code: $0, name: $0, members: members[$0]!, source: path, asOf: nil) }
    }
}
