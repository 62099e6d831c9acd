import Testing
@testable import DivideCLI

@Suite struct ParseTests {
    @Test func rootParsesWithNoArguments() throws {
        _ = try Divide.parseAsRoot([])
    }
}
