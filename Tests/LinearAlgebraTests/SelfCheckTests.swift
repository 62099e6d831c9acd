import Testing
@testable import LinearAlgebra

@Suite struct SelfCheckTests {
    @Test func allChecksPassOnThisMachine() {
        let results = SelfCheck.run()
        #expect(results.count == 6)
        for result in results { #expect(result.passed, "\(result.name): \(result.detail)") }
    }

    @Test func aFailedCheckIsReportedNotThrown() {
        let failing = SelfCheck.check("too strict", tolerance: 0) { 1e-3 }
        #expect(!failing.passed)
        let throwing = SelfCheck.check("throws", tolerance: 1) {
            throw LinearAlgebraError.singular(routine: "dgels", info: 1)
        }
        #expect(!throwing.passed && throwing.detail.contains("dgels"))
    }
}
