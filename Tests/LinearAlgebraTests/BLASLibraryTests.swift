import Testing
@testable import LinearAlgebra

@Suite struct BLASLibraryTests {
    @Test func reportsOpenBLAS() {
        #expect(BLASLibrary.configuration.contains("OpenBLAS"))
        #expect(!BLASLibrary.coreName.isEmpty)
        #expect(BLASLibrary.threads >= 1)
    }
}
