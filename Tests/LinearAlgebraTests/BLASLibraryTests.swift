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

@Suite struct BLASCoreAdviceTests {
    @Test func advisesANewerKernelOnlyForPreAVXKernels() {
        let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq"]
        #expect(BLASLibrary.recommendedCoreType(coreName: "Prescott", cpuFlags: avx512) == "SkylakeX")
        #expect(BLASLibrary.recommendedCoreType(coreName: "Prescott", cpuFlags: ["avx", "avx2", "fma"]) == "Haswell")
        #expect(BLASLibrary.recommendedCoreType(coreName: "Nehalem", cpuFlags: ["avx"]) == "Sandybridge")
        #expect(BLASLibrary.recommendedCoreType(coreName: "Prescott", cpuFlags: ["sse2", "sse3"]) == nil)
        #expect(BLASLibrary.recommendedCoreType(coreName: "Haswell", cpuFlags: avx512) == nil)
        #expect(BLASLibrary.recommendedCoreType(coreName: "SkylakeX", cpuFlags: avx512) == nil)
    }
}
