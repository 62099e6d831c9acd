import Testing
@testable import LinearAlgebra

@Suite(.serialized) struct BLASLibraryTests {
    @Test func reportsOpenBLAS() {
        #expect(BLASLibrary.configuration.contains("OpenBLAS"))
        #expect(!BLASLibrary.coreName.isEmpty)
        #expect(BLASLibrary.threads >= 1)
        #expect(BLASLibrary.summary.contains(BLASLibrary.coreName))
        #expect(BLASLibrary.summary.contains("OPENBLAS_NUM_THREADS"))
    }

    @Test func setThreadsChangesTheCount() {
        let before = BLASLibrary.threads
        BLASLibrary.setThreads(1)
        #expect(BLASLibrary.threads == 1)
        BLASLibrary.setThreads(0)  // clamped to 1
        #expect(BLASLibrary.threads == 1)
        BLASLibrary.setThreads(before)
        #expect(BLASLibrary.threads == before)
    }
}
