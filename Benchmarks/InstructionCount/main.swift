// A small fixed workload for instruction counting under valgrind (scripts/check-instructions.sh): the composite
// index with the arithmetic and the shifted geometric mean (step 3's column kernel), and a Monte Carlo whose
// replications alternate arithmetic and geometric (step 5b's division, log and exp kernels), one thread.
// Instruction counts do not depend on what else the machine runs, so CI can compare them with a committed count.
// Not a benchmark of the harness: no timing, no Benchmark package.

import DigitalDivide
import Foundation
import LinearAlgebra

// The cube and the framework are the benchmark workload's (Shared/SyntheticCube.swift, WorkloadFramework.swift).

BLASLibrary.setThreads(1)
let data = syntheticCube(units: 400, indicators: 40, years: 10)
var checksum = 0.0
for index in [Aggregation.arithmetic, .geometricShifted(shift: 1)] {
    let prepared = try Construction.prepare(WorkloadFramework.make(indicators: 40, pillars: 5, index: index), cube: data)
    for _ in 0..<5 {
        let scores = try prepared.aggregate(ranks: false).scores
        checksum += scores.reduce(0) { $1.isNaN ? $0 : $0 + $1 }
    }
}
let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: [1, 2],
                                       aggregationAlternatives: [.arithmetic, .geometricShifted(shift: 1)],
                                       aggregationLevels: [3])
let mc = try UncertaintyAnalysis.run(WorkloadFramework.make(indicators: 40, pillars: 5, index: .arithmetic), cube: data,
                                     assumptions: assumptions,
                                     options: UncertaintyOptions(replications: 400, seed: 1, threads: 1))
// The kernels' self-check names the path taken (under valgrind: AVX2 at most, valgrind has no AVX-512).
let kernelCheck = SelfCheck.vectorKernelsCheck()
print("\(kernelCheck.passed ? "PASS" : "FAIL") \(kernelCheck.name)")
print("checksum: \(checksum) \(mc.meanAbsoluteShift)")
