import LinearAlgebra
import Testing
@testable import DivideCLI

@Suite struct DoctorTests {
    @Test func parsesDoctor() throws {
        let command = try Divide.parseAsRoot(["doctor"])
        #expect(command is DoctorCommand)
        let withThreads = try #require(try Divide.parseAsRoot(["doctor", "--threads", "1"]) as? DoctorCommand)
        #expect(withThreads.threads == 1)
    }

    @Test func rejectsZeroThreads() {
        #expect(throws: (any Error).self) { try Divide.parseAsRoot(["doctor", "--threads", "0"]) }
    }

    let environment = DoctorCommand.Environment(
        version: "0.1.0", blasConfiguration: "OpenBLAS 0.3.21 DYNAMIC_ARCH", blasCore: "Haswell", threads: 2,
        processors: 4, threadsVariable: nil, lapack: "LAPACKE")

    @Test func rendersPassAndFail() {
        let results = [
            SelfCheck.Result(name: "dgemm", passed: true, detail: "max error 0"),
            SelfCheck.Result(name: "dsyevd", passed: false, detail: "max error 0.5"),
        ]
        #expect(DoctorCommand.render(environment: environment, results: results) == """
            DigitalDivide 0.1.0
            BLAS:    OpenBLAS 0.3.21 DYNAMIC_ARCH
            core:    Haswell
            threads: 2 of 4 processors (OPENBLAS_NUM_THREADS=unset)
            LAPACK:  LAPACKE

            PASS  dgemm: max error 0
            FAIL  dsyevd: max error 0.5

            1 of 2 checks failed.

            """)
    }

    @Test func rendersAllPassed() {
        var env = environment
        env.threadsVariable = "1"
        let text = DoctorCommand.render(environment: env, results: SelfCheck.run())
        #expect(text.contains("OPENBLAS_NUM_THREADS=1"))
        #expect(text.hasSuffix("All 6 checks passed.\n"))
        #expect(!text.contains("FAIL"))
    }

    @Test func rendersKernelPath() {
        var env = environment
        env.kernels = VectorKernels.summary
        let lines = DoctorCommand.render(environment: env, results: []).split(separator: "\n")
        #expect(lines[5].hasPrefix("kernels: "))
        #expect(lines[5].contains("CPU supports"))
        #expect(DoctorCommand.Environment.current.kernels?.contains("CPU supports") == true)
    }

    @Test func rendersCoreTypeHint() {
        var env = environment
        env.coreTypeAdvice = "start with OPENBLAS_CORETYPE=SkylakeX"
        let lines = DoctorCommand.render(environment: env, results: []).split(separator: "\n")
        #expect(lines[5] == "hint:    start with OPENBLAS_CORETYPE=SkylakeX")
    }
}
