import DivideData

/// What `divide convergence` reports (JSON: `sigma`, `beta`, `gamma`, `delta` as the library encodes them, with
/// unit indices replaced by the lists of names below).
public struct ConvergenceReport: Encodable, Sendable {
    public struct Excluded: Codable, Equatable, Sendable {
        public var unit: String
        public var reason: String
    }

    public var target: String
    public var years: [Int]
    public var coverage: UnitCoverage
    public var higherIsBetter: Bool
    public var units: Int
    public var unitsWithAGap: [String]
    public var sigma: SigmaConvergence?
    public var beta: BetaConvergence?
    public var betaExcluded: [Excluded]
    public var gamma: GammaConvergence?
    public var delta: DeltaConvergence?
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case target, years, coverage, units, sigma, beta, gamma, delta, notes
        case higherIsBetter = "higher_is_better"
        case unitsWithAGap = "units_with_a_gap"
        case betaExcluded = "beta_excluded"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(target, forKey: .target)
        try c.encode(years, forKey: .years)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(higherIsBetter, forKey: .higherIsBetter)
        try c.encode(units, forKey: .units)
        try c.encode(unitsWithAGap, forKey: .unitsWithAGap)
        try c.encode(sigma, forKey: .sigma)
        try c.encode(beta, forKey: .beta)
        try c.encode(betaExcluded, forKey: .betaExcluded)
        try c.encode(gamma, forKey: .gamma)
        try c.encode(delta, forKey: .delta)
        try c.encode(notes, forKey: .notes)
    }

    /// Measures sigma, beta, gamma and delta convergence of `target` over its years.
    ///
    /// Policy: under ``UnitCoverage/balanced`` only economies with a value in every year take part (the others are
    /// listed in ``unitsWithAGap``); a measure that cannot be computed is left out with its reason in ``notes``
    /// (the others are still given).
    /// - Throws: ``AnalysisError/tooFewObservations(measure:expected:found:)`` for fewer than 2 years, and the
    ///   panel's own errors.
    public static func measure(_ target: AnalysisTarget, coverage: UnitCoverage = .balanced) throws -> ConvergenceReport {
        guard target.years.count >= 2 else {
            throw AnalysisError.tooFewObservations(measure: "convergence of \(target.label) (years with data)",
                                                   expected: 2, found: target.years.count)
        }
        let panel = try ConvergencePanel(values: target.values, years: target.years)
        var notes: [String] = []
        if let first = target.years.first, let last = target.years.last {
            for b in target.breaks(within: first...last) {
                notes.append("what \(target.label) rests on changes in \(b.year) (\(b.change)): the measures compare "
                             + "different indices across it; a window from \(b.year) keeps like with like")
            }
        }
        func attempt<T>(_ name: String, _ body: () throws -> T) -> T? {
            do { return try body() } catch let error as AnalysisError {
                notes.append("\(name): \(error)")
            } catch {
                notes.append("\(name): \(error)")
            }
            return nil
        }
        let sigma = attempt("sigma") { try SigmaConvergence(panel, coverage: coverage) }
        let beta = attempt("beta") { try BetaConvergence(panel) }
        let gamma = attempt("gamma") { try GammaConvergence(panel) }
        let delta = attempt("delta") {
            try DeltaConvergence(panel, higherIsBetter: target.higherIsBetter, coverage: coverage)
        }
        let names = target.units
        let missing = panel.values.indices.filter { panel.values[$0].contains(where: \.isNaN) }
        let complete = panel.values.count - missing.count
        if coverage == .balanced && complete < 3 {
            notes.append("only \(complete) economies have a value in every year \(target.years.first!)–"
                             + "\(target.years.last!); coverage available or a shorter window measures more")
        }
        return ConvergenceReport(
            target: target.label, years: target.years, coverage: coverage, higherIsBetter: target.higherIsBetter,
            units: names.count, unitsWithAGap: missing.map { names[$0] }, sigma: sigma, beta: beta,
            betaExcluded: beta?.excludedUnits.map { ConvergenceReport.Excluded(unit: names[$0.unit],
                                                                                reason: $0.reason.rawValue) } ?? [],
            gamma: gamma, delta: delta, notes: notes)
    }
}
