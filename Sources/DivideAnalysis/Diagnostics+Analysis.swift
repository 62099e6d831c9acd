import DivideData

// The analysis layer's errors in the library's one error model (`DiagnosedError`).

extension AnalysisError: DiagnosedError {
    public var location: SourceLocation? { nil }
    /// The measure and, when the error is about one, its argument and position (`gini/values[3]`).
    public var path: [String] {
        switch self {
        case let .empty(measure, argument), let .lengthMismatch(measure, argument, _, _),
             let .invalidParameter(measure, argument, _, _):
            return [measure, argument]
        case let .nonFinite(measure, argument, index, _), let .outOfDomain(measure, argument, index, _, _):
            return [measure, "\(argument)[\(index)]"]
        case let .undefined(measure, _), let .tooFewObservations(measure, _, _), let .unavailable(measure, _, _):
            return [measure]
        }
    }
    public var expected: String? {
        switch self {
        case .empty: return "at least one value"
        case let .lengthMismatch(_, _, expected, _): return "\(expected) values"
        case .nonFinite: return "a finite number"
        case let .outOfDomain(_, _, _, expected, _), let .invalidParameter(_, _, expected, _): return expected
        case .undefined: return nil
        case let .tooFewObservations(_, expected, _): return "at least \(expected) observations"
        case let .unavailable(_, _, available): return available
        }
    }
    public var found: String? {
        switch self {
        case .empty: return "none"
        case let .lengthMismatch(_, _, _, found), let .tooFewObservations(_, _, found): return "\(found)"
        case let .nonFinite(_, _, _, value), let .outOfDomain(_, _, _, _, value), let .invalidParameter(_, _, _, value):
            return "\(value)"
        case let .undefined(_, reason): return reason
        case let .unavailable(_, requested, _): return "no value in \(requested)"
        }
    }
    public var hint: String? { nil }
}
