import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// ESCAP membership against the list published at https://www.unescap.org/about/member-states
/// (53 members, 9 associate members) and the subregion lists of the ESCAP Statistical Yearbook / Asia and the
/// Pacific SDG Progress Report, typed here independently of Data/reference/escap_members_compiled.csv.
@Suite("ESCAP membership and groups")
struct EscapMembershipTests {
    let registry = CountryRegistry.standard

    static let subregions: [EscapSubregion: Set<String>] = [
        .eastAndNorthEastAsia: ["CHN", "PRK", "HKG", "JPN", "MAC", "MNG", "KOR"],
        .southEastAsia: ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"],
        .southAndSouthWestAsia: ["AFG", "BGD", "BTN", "IND", "IRN", "MDV", "NPL", "PAK", "LKA", "TUR"],
        .northAndCentralAsia: ["ARM", "AZE", "GEO", "KAZ", "KGZ", "RUS", "TJK", "TKM", "UZB"],
        .pacific: ["AUS", "FJI", "KIR", "MHL", "FSM", "NRU", "NZL", "PLW", "PNG", "WSM", "SLB", "TON", "TUV", "VUT",
                   "ASM", "COK", "PYF", "GUM", "NCL", "NIU", "MNP"],
    ]
    static let associates: Set<String> = ["ASM", "COK", "PYF", "GUM", "HKG", "MAC", "NCL", "NIU", "MNP"]
    static let nonRegional: Set<String> = ["FRA", "NLD", "GBR", "USA"]

    func codes(_ group: CountryGroup) -> [String] { registry.members(of: group).map(\.iso3) }

    @Test("counts: 62 entries, 58 in the region, 53 members, 9 associates, 4 non-regional")
    func counts() {
        #expect(registry.countries.filter { $0.escapMembership != nil }.count == 62)
        #expect(codes(.escap).count == 58)
        #expect(codes(.escapMembers).count == 53)
        #expect(codes(.escapAssociates).count == 9)
        #expect(codes(.nonRegional).count == 4)
        #expect(registry.countries.filter { $0.escapMembership == .member }.count == 49)
        #expect(codes(.all).count == registry.countries.count)
    }

    @Test("subregions match ESCAP's lists", arguments: EscapSubregion.allCases)
    func subregion(_ subregion: EscapSubregion) {
        let expected = Self.subregions[subregion]!
        #expect(Set(codes(.subregion(subregion))) == expected)
        #expect(codes(.subregion(subregion)) == expected.sorted(), "stable order by ISO3")
    }

    @Test("the region is the union of the five subregions; members and associates as listed")
    func groups() {
        let union = Self.subregions.values.reduce(Set<String>()) { $0.union($1) }
        #expect(Set(codes(.escap)) == union)
        #expect(Set(codes(.escapAssociates)) == Self.associates)
        #expect(Set(codes(.nonRegional)) == Self.nonRegional)
        #expect(Set(codes(.escapMembers)) == union.subtracting(Self.associates).union(Self.nonRegional))
        #expect(codes(.escap) == codes(.escap).sorted())
    }

    @Test("known facts")
    func facts() {
        #expect(registry.subregion(of: "KOR") == .eastAndNorthEastAsia)
        #expect(registry.subregion(of: "TUR") == .southAndSouthWestAsia)
        #expect(registry.subregion(of: "RUS") == .northAndCentralAsia)
        #expect(registry.subregion(of: "FJI") == .pacific)
        #expect(registry.subregion(of: "IRN") == .southAndSouthWestAsia)
        #expect(registry.subregion(of: "MNG") == .eastAndNorthEastAsia)
        #expect(registry.subregion(of: "FRA") == nil)
        #expect(registry.subregion(of: "DEU") == nil)
        #expect(registry.country(iso3: "HKG")?.escapMembership == .associateMember)
        #expect(registry.country(iso3: "USA")?.escapMembership == .nonRegionalMember)
        #expect(registry.country(iso3: "USA")?.isInEscapRegion == false)
        #expect(registry.country(iso3: "GUM")?.isInEscapRegion == true)
        #expect(registry.country(iso3: "TWN")?.escapMembership == nil)
    }

    @Test("group names parse from user text", arguments: [
        ("escap", CountryGroup.escap), ("ESCAP", .escap), ("escap-region", .escap), ("ENEA", .subregion(.eastAndNorthEastAsia)),
        ("south-east asia", .subregion(.southEastAsia)), ("South East Asia", .subregion(.southEastAsia)),
        ("sea", .subregion(.southEastAsia)), ("SSWA", .subregion(.southAndSouthWestAsia)),
        ("North and Central Asia", .subregion(.northAndCentralAsia)), ("pacific", .subregion(.pacific)),
        ("all", .all), ("members", .escapMembers), ("escap-associates", .escapAssociates),
        ("Non-regional", .nonRegional),
    ])
    func parse(text: String, group: CountryGroup) throws {
        #expect(try CountryGroup(parsing: text) == group)
    }

    @Test("every canonical name round-trips; unknown names list the valid ones")
    func parseErrors() throws {
        for group in CountryGroup.allGroups {
            #expect(try CountryGroup(parsing: group.name) == group)
        }
        #expect(try CountryGroup(parsing: "asean").name == "ASEAN")
        let error = #expect(throws: CountryGroupError.self) { try CountryGroup(parsing: "mercosur") }
        #expect(error?.description ==
            "unknown country group \"mercosur\": expected one of escap, ENEA, SEA, SSWA, NCA, Pacific, escap-members, escap-associates, non-regional, all, LDC, LLDC, SIDS, ASEAN, SAARC, ECO, PIF, UN")
    }
}
