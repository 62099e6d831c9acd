import DivideData

extension Construction {
    /// The direct path of ``prepare(_:cube:threads:recycling:)``, or nil when the framework needs the general one (a
    /// transform, an imputation step, an outlier treatment, pooled or non-min-max normalisation).
    /// `recycled`: a previous result whose buffers may be overwritten (used when of the same size and not shared).
    package static func prepareDirect(_ plan: ConstructionPlan, methods: MethodChoices, cube: IndicatorCube,
                              threads: Int, recycled: consuming PreparedConstruction?) throws -> PreparedConstruction? {
        guard !methods.pooledNormalisation, methods.imputation.allSatisfy({ $0 == .none }), methods.screen == nil
        else { return nil }
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
        let n = U * I * Y
        // Overwrite the previous result's buffers when it hands them over (no page faults for fresh memory);
        // otherwise allocate. Every element is written below either way.
        var normalised: [Double] = [], codes: [UInt8] = []
        if let old = recycled.take(), old.normalised.count == n, old.origins.kinds.count == n {
            normalised = old.normalised
            codes = old.origins.kinds
        }
        if normalised.count != n {
            normalised = [Double](unsafeUninitializedCapacity: n) { _, initialised in initialised = n }
            codes = [UInt8](unsafeUninitializedCapacity: n) { _, initialised in initialised = n }
        }
        normalised.withUnsafeMutableBufferPointer { z in
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
        }
        return PreparedConstruction(plan: plan, units: cube.units, years: cube.years, groupings: cube.groupings,
                                    normalised: normalised, origins: CellOrigins(codes: codes), treatment: [])
    }
}

extension PreparedConstruction {
    /// The prepared values with origins given as an array (one per cell).
    package init(plan: ConstructionPlan, units: [String], years: [Int], groupings: [String: [String?]],
         normalised: [Double], origins: [CellOrigin], treatment: [TreatmentRecord]) {
        self.init(plan: plan, units: units, years: years, groupings: groupings, normalised: normalised,
                  origins: CellOrigins(origins), treatment: treatment)
    }
}
