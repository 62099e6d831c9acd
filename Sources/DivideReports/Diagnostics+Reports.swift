import DivideData

// The reports layer's errors in the library's one error model (`DiagnosedError`).

extension BriefError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] {
        switch self {
        case .notComputed(let economy): return [economy]
        case .noScores: return []
        case .yearNotComputed(let year, _, _): return ["\(year)"]
        }
    }
    public var expected: String? {
        switch self {
        case .notComputed: return "an economy of the index's universe"
        case .noScores: return "an index score in some year"
        case let .yearNotComputed(_, first, last):
            return "a year in " + (first.flatMap { f in last.map { "\(f)–\($0)" } } ?? "none")
        }
    }
    public var found: String? {
        switch self {
        case .notComputed(let economy): return economy
        case .noScores: return "none"
        case .yearNotComputed(let year, _, _): return "\(year)"
        }
    }
    public var hint: String? {
        switch self {
        case .notComputed: return "IndexRequest.universe sets the economies the index is computed over"
        case .noScores, .yearNotComputed: return nil
        }
    }
}
