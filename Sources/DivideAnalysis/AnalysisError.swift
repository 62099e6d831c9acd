import DivideData
import DivideIndex

/// Why an analysis measure (inequality, convergence, gaps, sensitivity) could not be computed from its input.
///
/// The analysis API takes plain arrays, so positions are zero-based indices into the argument named in the case;
/// a caller holding unit names maps the index back to the unit when it reports the error.
public enum AnalysisError: Error, Equatable, Sendable {
    /// There is nothing to measure (no values, or no unit left after excluding incomplete ones).
    case empty(measure: String, argument: String)
    /// Two arguments that must be parallel differ in length.
    case lengthMismatch(measure: String, argument: String, expected: Int, found: Int)
    /// A value is NaN or infinite where a finite number is required.
    case nonFinite(measure: String, argument: String, index: Int, value: Double)
    /// A value violates the measure's domain, e.g. a negative value for the Gini coefficient, a zero for Theil L.
    case outOfDomain(measure: String, argument: String, index: Int, expected: String, found: Double)
    /// A scalar parameter lies outside its allowed range, e.g. Atkinson's ε < 0.
    case invalidParameter(measure: String, argument: String, expected: String, found: Double)
    /// The measure is undefined for these data, e.g. a mean of zero (every value 0) for the Gini coefficient.
    case undefined(measure: String, reason: String)
    /// Fewer observations than the measure needs.
    case tooFewObservations(measure: String, expected: Int, found: Int)
    /// What was asked for (a year, a window) holds no value of the target; `available` names what does.
    case unavailable(measure: String, requested: String, available: String)

    public static func == (lhs: AnalysisError, rhs: AnalysisError) -> Bool {
        // Through the description, so NaN payloads compare equal to themselves.
        lhs.description == rhs.description
    }
}

extension AnalysisError: CustomStringConvertible {
    /// One sentence naming the measure, the argument and position, what was expected and what was found.
    public var description: String {
        switch self {
        case let .empty(measure, argument):
            return "\(measure): \(argument) is empty; expected at least one value"
        case let .lengthMismatch(measure, argument, expected, found):
            return "\(measure): \(argument): expected \(expected) values, found \(found)"
        case let .nonFinite(measure, argument, index, value):
            return "\(measure): \(argument)[\(index)]: expected a finite number, found \(value)"
        case let .outOfDomain(measure, argument, index, expected, found):
            return "\(measure): \(argument)[\(index)]: expected \(expected), found \(found)"
        case let .invalidParameter(measure, argument, expected, found):
            return "\(measure): \(argument): expected \(expected), found \(found)"
        case let .undefined(measure, reason):
            return "\(measure): undefined: \(reason)"
        case let .tooFewObservations(measure, expected, found):
            return "\(measure): expected at least \(expected) observations, found \(found)"
        case let .unavailable(measure, requested, available):
            return "\(measure) has no value in \(requested); \(available)"
        }
    }
}
