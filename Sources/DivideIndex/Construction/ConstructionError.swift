import DivideData

/// Why a construction step could not run. Every case names what was expected and what was found.
public enum ConstructionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must agree in size do not.
    case shapeMismatch(what: String, expected: String, found: String)
    /// A method cannot take a value (for example the geometric mean of a value ≤ 0).
    /// `row` and `column` index the offending cell of the method's input; the pipeline fills `context`
    /// with the node, unit and year.
    case invalidValue(method: String, row: Int, column: Int, value: Double, expected: String, context: String)
    /// A method needs a parameter the indicator or framework does not give (e.g. goalposts, a target).
    case missingParameter(method: String, parameter: String, context: String)
    /// A method's parameter is out of its domain.
    case invalidParameter(method: String, parameter: String, expected: String, found: String)
    /// A name (series, grouping, unit) the cube does not contain.
    case unknownName(kind: String, name: String, known: [String])

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, found):
            return "\(what): expected \(expected), found \(found)"
        case let .invalidValue(method, row, column, value, expected, context):
            let at = context.isEmpty ? "row \(row), column \(column)" : context
            return "\(method) (\(at)): expected \(expected), found \(value)"
        case let .missingParameter(method, parameter, context):
            return "\(method) (\(context)): needs \(parameter), none given"
        case let .invalidParameter(method, parameter, expected, found):
            return "\(method) (\(parameter)): expected \(expected), found \(found)"
        case let .unknownName(kind, name, known):
            let list = known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
            return "unknown \(kind) \"\(name)\"; known: \(list)"
        }
    }

    /// The same error with `context` (node, unit, year) filled in, for errors raised inside a method.
    package func located(_ context: String) -> ConstructionError {
        switch self {
        case let .invalidValue(method, row, column, value, expected, _):
            return .invalidValue(method: method, row: row, column: column, value: value, expected: expected,
                                 context: context)
        case let .missingParameter(method, parameter, _):
            return .missingParameter(method: method, parameter: parameter, context: context)
        default:
            return self
        }
    }
}
