// A small fixed workload for instruction counting under valgrind (scripts/check-instructions.sh): the composite
// index with the arithmetic and the shifted geometric mean (step 3's column kernel), and a Monte Carlo whose
// replications alternate arithmetic and geometric (step 5b's division, log and exp kernels), one thread.
// Instruction counts do not depend on what else the machine runs, so CI can compare them with a committed count.
// Not a benchmark of the harness: no timing, no Benchmark package.

import DigitalDivide
import Foundation
import LinearAlgebra

/// A synthetic cube: log-normal values, 10% missing, fixed seed (as Benchmarks/HotPaths/Inputs.swift).
func cube(units: Int, indicators: Int, years: Int) -> IndicatorCube {
    var rng = Xoshiro256StarStar(seed: 42)
    var cube = try! IndicatorCube(units: (0..<units).map { "U\($0)" }, series: (0..<indicators).map { "\($0)" },
                                  years: Array(2000..<(2000 + years)))
    for k in cube.values.indices {
        let value = exp(rng.normal())
        cube.values[k] = rng.uniform() < 0.1 ? .nan : value
    }
    return cube
}

/// The workload's framework (pillar i mod P, directions alternate, min-max 0–100, pillar coverage ½).
func framework(indicators: Int, pillars: Int, index: Aggregation) -> Framework {
    let pillarNodes = (0..<pillars).map { p in
        FrameworkNode(id: "P\(p)", weight: 1, content: .composite(
            children: stride(from: p, to: indicators, by: pillars).map { i in
                FrameworkNode(id: "i\(i)", weight: 1, content: .indicator(IndicatorSpec(
                    series: "\(i)", direction: i % 2 == 0 ? .higherIsBetter : .lowerIsBetter)))
            }, aggregation: .arithmetic, coverage: 0.5))
    }
    let methods = MethodChoices(normalisation: .minMax(lower: 0, upper: 100), aggregation: .arithmetic,
                                weighting: .explicit, degenerateScore: 50)
    return Framework(root: FrameworkNode(id: "index", content: .composite(children: pillarNodes,
                                                                           aggregation: index, coverage: 1)),
                     methods: methods)
}

BLASLibrary.setThreads(1)
let data = cube(units: 400, indicators: 40, years: 10)
var checksum = 0.0
for index in [Aggregation.arithmetic, .geometricShifted(shift: 1)] {
    let prepared = try Construction.prepare(framework(indicators: 40, pillars: 5, index: index), cube: data)
    for _ in 0..<5 {
        let scores = try prepared.aggregate(ranks: false).scores
        checksum += scores.reduce(0) { $1.isNaN ? $0 : $0 + $1 }
    }
}
let assumptions = UncertainAssumptions(weightNoise: 0.25, weightLevels: [1, 2],
                                       aggregationAlternatives: [.arithmetic, .geometricShifted(shift: 1)],
                                       aggregationLevels: [3])
let mc = try UncertaintyAnalysis.run(framework(indicators: 40, pillars: 5, index: .arithmetic), cube: data,
                                     assumptions: assumptions,
                                     options: UncertaintyOptions(replications: 400, seed: 1, threads: 1))
// The kernels' self-check names the path taken (under valgrind: AVX2 at most, valgrind has no AVX-512).
let kernelCheck = SelfCheck.vectorKernelsCheck()
print("\(kernelCheck.passed ? "PASS" : "FAIL") \(kernelCheck.name)")
print("checksum: \(checksum) \(mc.meanAbsoluteShift)")
