import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Country group lists: the groups ESCAP reports on and a user's own")
struct CountryGroupListTests {
    let registry = CountryRegistry.standard

    @Test("the shipped lists have their sources and the members their secretariats list")
    func shippedLists() throws {
        let codes = CountryGroupList.shipped.map(\.code)
        #expect(codes == ["LDC", "LLDC", "SIDS", "ASEAN", "SAARC", "ECO", "PIF", "UN"])
        for list in CountryGroupList.shipped {
            #expect(!list.source.isEmpty && list.asOf != nil, "\(list.code)")
            #expect(list.members == list.members.sorted(), "\(list.code)")
            for member in list.members { #expect(registry.country(iso3: member) != nil, "\(list.code): \(member)") }
        }
        let ldc = try CountryGroup(parsing: "ldc")
        // UN-OHRLLS after Sao Tome and Principe graduated (Dec 2024): 44 LDCs; Bhutan (2023) and Vanuatu (2020)
        // graduated and are no longer members.
        #expect(registry.members(of: ldc).count == 44)
        #expect(ldc.contains(try #require(registry.country(iso3: "TUV"))))
        #expect(!ldc.contains(try #require(registry.country(iso3: "BTN"))))
        #expect(!ldc.contains(try #require(registry.country(iso3: "VUT"))))
        let asean = try CountryGroup(parsing: "ASEAN")
        #expect(registry.members(of: asean).count == 11)   // Timor-Leste the 11th (Oct 2025)
        #expect(asean.isWithin(.escap) && !ldc.isWithin(.escap))
        #expect(asean.label == "Association of Southeast Asian Nations" && asean.columnLabel == "ASEAN")
    }

    @Test("a user's group file: codes and names, groups in file order, located errors")
    func userGroupFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-groups-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ text: String) throws -> String {
            let path = directory.appendingPathComponent("g.csv").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let good = try write("group,member\nMekong,KHM\nMekong,Viet Nam\nislands,FJI\nMekong,lao\n\n")
        let lists = try CountryGroupList.read(path: good)
        #expect(lists.map(\.code) == ["Mekong", "islands"])
        #expect(lists[0].members == ["KHM", "LAO", "VNM"] && lists[0].source == good)
        let group = try CountryGroup(parsing: "mekong", custom: lists)
        #expect(group.name == "Mekong" && registry.members(of: group).map(\.iso3) == ["KHM", "LAO", "VNM"])
        // A user's group is accepted as a reporting group too, and an income group still parses as one.
        #expect(try ReportingGroup(parsing: "islands", custom: lists) == .countries(.list(lists[1])))
        #expect(try ReportingGroup(parsing: "upper-middle") == .income(.upperMiddle))

        let unknown = #expect(throws: DivideError.self) {
            try CountryGroupList.read(path: try write("group,member\nA,KOR\nA,Atlantis\n"))
        }
        #expect(unknown?.reason == .unknownUnit)
        #expect(unknown?.description.contains("g.csv:3:2") == true && unknown?.description.contains("Atlantis") == true)
        let twice = #expect(throws: DivideError.self) {
            try CountryGroupList.read(path: try write("group,member\nA,KOR\nA,Republic of Korea\n"))
        }
        #expect(twice?.reason == .duplicateEntry && twice?.description.contains("g.csv:3:2") == true)
        let header = #expect(throws: DivideError.self) { try CountryGroupList.read(path: try write("name,iso3\nA,KOR\n")) }
        #expect(header?.reason == .missingColumn)
        let empty = #expect(throws: DivideError.self) { try CountryGroupList.read(path: try write("group,member\n,KOR\n")) }
        #expect(empty?.reason == .emptyField)
        let nothing = #expect(throws: DivideError.self) { try CountryGroupList.read(path: try write("group,member\n")) }
        #expect(nothing?.reason == .emptyField)
        #expect(throws: CountryGroupError.self) { try ReportingGroup(parsing: "nowhere", custom: lists) }
    }
}
