extension Construction {
    /// The direct path of ``prepare(_:cube:threads:)``, or nil when the framework needs the general one (a
    /// transform, an imputation step, an outlier treatment, pooled or non-min-max normalisation).
    static func prepareDirect(_ plan: ConstructionPlan, methods: MethodChoices, cube: IndicatorCube,
                              threads: Int) throws -> PreparedConstruction? {
        guard !methods.pooledNormalisation, methods.imputation.allSatisfy({ $0 == .none }) else { return nil }
        var bounds: [(lower: Double, upper: Double)] = []
        var directions: [Double] = []
        var sources: [Int] = []
        var seriesIndex: [String: Int] = [:]
        for (k, s) in cube.series.enumerated() { seriesIndex[s] = k }
        for spec in plan.indicators {
            guard spec.transform == .none, (spec.treatment ?? methods.treatment) == .none,
                  case let .minMax(l, u) = spec.normalisation ?? methods.normalisation else { return nil }
            guard let s = seriesIndex[spec.series] else {
                throw ConstructionError.unknownName(kind: "series", name: spec.series, known: cube.series)
            }
            bounds.append((l, u))
            directions.append(spec.direction.sign)
            sources.append(s)
        }
        let U = cube.units.count, I = plan.indicators.count, S = cube.series.count, Y = cube.years.count
        let degenerate = methods.degenerateScore
        let (sourceOf, signOf, boundsOf) = (sources, directions, bounds)
        var codes = [UInt8](repeating: 0, count: U * I * Y)
        let normalised = [Double](unsafeUninitializedCapacity: U * I * Y) { z, initialised in
            codes.withUnsafeMutableBufferPointer { c in
                cube.values.withUnsafeBufferPointer { x in
                    guard let xBase = x.baseAddress, let zBase = z.baseAddress, let cBase = c.baseAddress else { return }
                    let zOut = SharedPointer(zBase), cOut = SharedPointer(cBase)
                    let xIn = SharedPointer(UnsafeMutablePointer(mutating: xBase))
                    // One column (indicator i, year y) per item, item j = i + I·y: consecutive items write
                    // consecutive columns of the output.
                    ParallelRanges.run(I * Y, threads: threads) { items in
                        for j in items {
                            let i = j % I, y = j / I
                            MinMaxKernel.normalise(xIn.base + U * (sourceOf[i] + S * y), count: U,
                                                   direction: signOf[i], lower: boundsOf[i].lower,
                                                   upper: boundsOf[i].upper, degenerate: degenerate,
                                                   into: zOut.base + U * j, codes: cOut.base + U * j)
                        }
                    }
                }
            }
            initialised = U * I * Y
        }
        return PreparedConstruction(plan: plan, units: cube.units, years: cube.years, groupings: cube.groupings,
                                    normalised: normalised, origins: CellOrigins(codes: codes), treatment: [])
    }
}

extension PreparedConstruction {
    /// The prepared values with origins given as an array (one per cell).
    init(plan: ConstructionPlan, units: [String], years: [Int], groupings: [String: [String?]],
         normalised: [Double], origins: [CellOrigin], treatment: [TreatmentRecord]) {
        self.init(plan: plan, units: units, years: years, groupings: groupings, normalised: normalised,
                  origins: CellOrigins(origins), treatment: treatment)
    }
}
