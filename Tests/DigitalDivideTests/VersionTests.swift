import Testing
@testable import DigitalDivide

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        let parts = DigitalDivideVersion.string.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
