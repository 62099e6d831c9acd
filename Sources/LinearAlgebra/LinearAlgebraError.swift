/// Why a linear-algebra or statistics call could not give an answer.
///
/// LAPACK reports problems through its `info` argument: a negative value `-k` means argument `k` was illegal,
/// a positive value has a routine-specific meaning (a zero pivot, a minor that is not positive, an iteration that
/// did not converge). Each becomes one of these cases, naming the routine, so callers can tell the user what
/// failed instead of crashing.
public enum LinearAlgebraError: Error, Equatable, Sendable {
    /// LAPACK rejected argument number `position` (1-based, as in the routine's documentation).
    case illegalArgument(routine: String, position: Int)
    /// The routine's iteration did not converge (`info > 0` for `dsyevd`, `dgesdd`).
    case didNotConverge(routine: String, info: Int)
    /// The matrix is singular or rank deficient: `info` is the 1-based index of the zero diagonal element.
    case singular(routine: String, info: Int)
    /// The leading minor of order `info` is not positive, so the matrix is not positive definite (`dpotrf`/`dposv`).
    case notPositiveDefinite(routine: String, info: Int)
    /// LAPACKE could not allocate its work space.
    case workspaceAllocationFailed(routine: String)
    /// Operand shapes do not fit the operation.
    case shapeMismatch(operation: String, expected: String, found: String)
    /// An input contains NaN or an infinity where a finite number is required; `row` and `column` are zero-based.
    case nonFinite(operation: String, row: Int, column: Int, value: Double)
    /// A matrix that must be symmetric is not: `A[row, column]` and `A[column, row]` differ beyond rounding.
    case notSymmetric(operation: String, row: Int, column: Int)
    /// A scalar argument lies outside its allowed range, e.g. a probability outside [0, 1].
    case outOfRange(operation: String, argument: String, expected: String, found: Double)

    public static func == (lhs: LinearAlgebraError, rhs: LinearAlgebraError) -> Bool {
        // Compare through the description so that NaN payloads compare equal to themselves.
        lhs.description == rhs.description
    }
}

extension LinearAlgebraError: CustomStringConvertible {
    /// One sentence a user can act on.
    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "\(routine): argument \(position) has an illegal value"
        case let .didNotConverge(routine, info):
            return "\(routine): the algorithm did not converge (info = \(info))"
        case let .singular(routine, info):
            return "\(routine): the matrix is singular or rank deficient (zero pivot at \(info))"
        case let .notPositiveDefinite(routine, info):
            return "\(routine): the matrix is not positive definite (leading minor of order \(info) is not positive)"
        case let .workspaceAllocationFailed(routine):
            return "\(routine): could not allocate work space"
        case let .shapeMismatch(operation, expected, found):
            return "\(operation): expected \(expected), found \(found)"
        case let .nonFinite(operation, row, column, value):
            return "\(operation): expected finite numbers, found \(value) at row \(row), column \(column)"
        case let .notSymmetric(operation, row, column):
            return "\(operation): expected a symmetric matrix, but A[\(row), \(column)] ≠ A[\(column), \(row)]"
        case let .outOfRange(operation, argument, expected, found):
            return "\(operation): \(argument) must be \(expected), found \(found)"
        }
    }
}

extension LinearAlgebraError {
    /// Maps a LAPACKE return value to an error; `positive` interprets `info > 0` for the routine.
    static func check(
        _ info: Int32, routine: String, positive: (String, Int) -> LinearAlgebraError
    ) throws {
        if info == 0 { return }
        if info == -1010 || info == -1011 { throw LinearAlgebraError.workspaceAllocationFailed(routine: routine) }
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
        throw positive(routine, Int(info))
    }
}

extension Matrix {
    /// Throws ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` naming the first NaN or infinity.
    func requireFinite(_ operation: String) throws {
        try withUnsafeBufferPointer { buffer in
            for index in buffer.indices where !buffer[index].isFinite {
                throw LinearAlgebraError.nonFinite(
                    operation: operation, row: index % max(rows, 1), column: index / max(rows, 1),
                    value: buffer[index])
            }
        }
    }
}

/// Throws ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` naming the first NaN or infinity of a vector.
func requireFinite(_ values: [Double], _ operation: String) throws {
    for (index, value) in values.enumerated() where !value.isFinite {
        throw LinearAlgebraError.nonFinite(operation: operation, row: index, column: 0, value: value)
    }
}
