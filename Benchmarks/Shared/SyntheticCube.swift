// The synthetic cube of the benchmark workload (/work/shared/bench/WORKLOAD.md), shared by the benchmark targets
// through symbolic links (each target compiles its own folder): one definition, so every benchmark and the
// instruction count measure the same data.

import DigitalDivide
import Foundation
import LinearAlgebra

/// A synthetic cube: log-normal values (exp of a standard normal), 10% missing, fixed seed.
func syntheticCube(units: Int, indicators: Int, years: Int, seed: UInt64 = 42) -> IndicatorCube {
    var rng = Xoshiro256StarStar(seed: seed)
    var cube = try! IndicatorCube(units: (0..<units).map { "U\($0)" }, series: (0..<indicators).map { "\($0)" },
                                  years: Array(2000..<(2000 + years)))
    for k in cube.values.indices {
        let value = exp(rng.normal())
        cube.values[k] = rng.uniform() < 0.1 ? .nan : value
    }
    return cube
}
