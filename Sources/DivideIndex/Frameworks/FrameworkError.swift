import DivideData

/// One problem found in a framework, located by the path of node ids from the root and, when the framework
/// came from a file, the line.
public struct FrameworkIssue: Sendable, Equatable, CustomStringConvertible {
    /// Node ids from the root to the offending node (empty for the file as a whole).
    public var path: [String]
    /// 1-based line in the YAML file, when known.
    public var line: Int?
    /// Which kind of problem (for tests and tools).
    public var kind: Kind
    /// What was expected and what was found.
    public var message: String

    /// What kind of problem the issue is.
    public enum Kind: String, Sendable, Hashable {
        case syntax, unknownSeries, duplicateId, cycle, unknownParent, nonPositiveWeight, missingDirection,
             unknownMethod, badParameter, missingField, structure
    }

    /// Creates an issue at `path` (node ids from the root), optionally on a line of the file.
    public init(path: [String], line: Int? = nil, kind: Kind, message: String) {
        self.path = path
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String {
        let at = path.isEmpty ? "" : " (\(path.joined(separator: "/")))"
        return "\(line.map { "\($0)" } ?? "-")\(at): \(message)"
    }
}

/// A framework that failed validation: every issue found, each with its node path and line.
///
/// Printed as one line per issue: `ddi.yaml:12 (ADDI/CONN/net_use): weight must be > 0, found -1`.
public struct FrameworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the framework came from (or a label such as `<flat nodes>`).
    public var file: String
    public var issues: [FrameworkIssue]

    public init(file: String, issues: [FrameworkIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        issues.map { issue in
            let location = issue.line.map { "\(file):\($0)" } ?? file
            let at = issue.path.isEmpty ? "" : " (\(issue.path.joined(separator: "/")))"
            return "\(location)\(at): \(issue.message)"
        }.joined(separator: "\n")
    }
}
