import DivideData
import LinearAlgebra

// The index layer's errors in the library's one error model (`DiagnosedError`).

extension FrameworkError: DiagnosedError {
    /// The file and line of the first issue.
    public var location: SourceLocation? {
        SourceLocation(file: file, line: issues.first?.line)
    }
    /// The node path of the first issue.
    public var path: [String] { issues.first?.path ?? [] }
    /// What the first issue found wrong (its message names what was expected).
    public var expected: String? { nil }
    public var found: String? { issues.first?.message }
    public var hint: String? {
        issues.count > 1 ? "\(issues.count - 1) more issue\(issues.count == 2 ? "" : "s") in `issues`" : nil
    }
}

extension MethodSyntaxError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] {
        switch self {
        case let .unknown(step, _, _): return [step]
        case let .badParameter(step, method, _, _): return [step, method]
        }
    }
    public var expected: String? {
        switch self {
        case let .unknown(_, _, valid): return "one of " + valid.joined(separator: ", ")
        case let .badParameter(_, _, expected, _): return expected
        }
    }
    public var found: String? {
        switch self {
        case let .unknown(_, found, _), let .badParameter(_, _, _, found): return DivideError.quote(found)
        }
    }
    public var hint: String? {
        guard case let .unknown(_, found, valid) = self else { return nil }
        // Methods are written name:parameters; compare the names.
        let name = String(found.prefix { $0 != ":" })
        return StringDistance.didYouMean(name, among: valid.map { String($0.prefix { $0 != ":" }) })
    }
}

extension ConstructionError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] {
        switch self {
        case let .shapeMismatch(what, _, _): return [what]
        case let .invalidValue(method, _, _, _, _, context): return context.isEmpty ? [method] : [method, context]
        case let .missingParameter(method, parameter, _), let .invalidParameter(method, parameter, _, _):
            return [method, parameter]
        case let .unknownName(kind, _, _): return [kind]
        }
    }
    public var expected: String? {
        switch self {
        case let .shapeMismatch(_, expected, _), let .invalidValue(_, _, _, _, expected, _),
             let .invalidParameter(_, _, expected, _):
            return expected
        case let .missingParameter(_, parameter, _): return "a value for \(parameter)"
        case let .unknownName(kind, _, known):
            return "a \(kind) of " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
        }
    }
    public var found: String? {
        switch self {
        case let .shapeMismatch(_, _, found), let .invalidParameter(_, _, _, found): return found
        case let .invalidValue(_, _, _, value, _, _): return "\(value)"
        case .missingParameter: return "none"
        case let .unknownName(_, name, _): return DivideError.quote(name)
        }
    }
    public var hint: String? {
        guard case let .unknownName(_, name, known) = self else { return nil }
        return StringDistance.didYouMean(name, among: known)
    }
}

extension IndexComputationError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] { [] }
    public var expected: String? {
        switch self {
        case .noUnits: return "at least one economy or unit"
        case .noData: return "a value of one of the framework's series for one of the selected units"
        }
    }
    public var found: String? {
        switch self {
        case .noUnits: return "none"
        case .noData(let series): return "none in " + series.prefix(8).joined(separator: ", ")
        }
    }
    public var hint: String? {
        switch self {
        case .noUnits: return "IndexRequest.universe selects the units; UnitSelection.panel takes every unit of the data"
        case .noData: return "the load report lists what each file held"
        }
    }
}

extension LinearAlgebraError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] {
        switch self {
        case let .illegalArgument(routine, position): return [routine, "argument \(position)"]
        case let .didNotConverge(routine, _), let .singular(routine, _), let .notPositiveDefinite(routine, _),
             let .workspaceAllocationFailed(routine):
            return [routine]
        case let .shapeMismatch(operation, _, _): return [operation]
        case let .nonFinite(operation, row, column, _), let .notSymmetric(operation, row, column):
            return [operation, "row \(row), column \(column)"]
        case let .outOfRange(operation, argument, _, _): return [operation, argument]
        }
    }
    public var expected: String? {
        switch self {
        case .illegalArgument: return "a legal value"
        case .didNotConverge: return "convergence"
        case .singular: return "a matrix of full rank"
        case .notPositiveDefinite: return "a positive definite matrix"
        case .workspaceAllocationFailed: return "work space"
        case let .shapeMismatch(_, expected, _), let .outOfRange(_, _, expected, _): return expected
        case .nonFinite: return "a finite number"
        case .notSymmetric: return "a symmetric matrix"
        }
    }
    public var found: String? {
        switch self {
        case let .illegalArgument(_, position): return "an illegal argument \(position)"
        case let .didNotConverge(_, info): return "no convergence (info = \(info))"
        case let .singular(_, info): return "a zero pivot at \(info)"
        case let .notPositiveDefinite(_, info): return "a leading minor of order \(info) that is not positive"
        case .workspaceAllocationFailed: return "no memory"
        case let .shapeMismatch(_, _, found): return found
        case let .nonFinite(_, _, _, value), let .outOfRange(_, _, _, value): return "\(value)"
        case .notSymmetric: return "A[i, j] ≠ A[j, i]"
        }
    }
    public var hint: String? { nil }
}
