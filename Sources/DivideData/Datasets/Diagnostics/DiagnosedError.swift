/// The one error model of the library: every error it throws says where the problem is, what was expected, what
/// was found and, when it can, how to fix it in the library's own terms.
///
/// Each module keeps its own error type, so that a caller can catch what one step throws (``DivideError`` for
/// reading data, `FrameworkError` and `MethodSyntaxError` for a framework, `ConstructionError`, `AnalysisError`, …),
/// and every one of them conforms to this protocol, so that a caller that only reports errors needs none of them:
///
/// ```swift
/// do { let run = try request.run() } catch let error as DiagnosedError {
///     print(error.location?.description ?? error.path.joined(separator: "/"), error.expected ?? "", error.found ?? "")
/// }
/// ```
///
/// The `divide` command maps errors to exit statuses in one place: 2 for a request it cannot take (a path that does
/// not exist, an invalid framework or method, an unknown option value), 1 for everything found in the data or the
/// analysis.
public protocol DiagnosedError: Error, Sendable, CustomStringConvertible {
    /// The position in an input file (file, line, column and column name), when the problem is in one.
    var location: SourceLocation? { get }
    /// Where within the request: the node path of a framework (`ADDI/CONN/net_use`), or the measure, method or
    /// routine and its argument (`gini/values`); empty when the error concerns the request as a whole.
    var path: [String] { get }
    /// What was expected, e.g. "a number", "at least 2 observations".
    var expected: String? { get }
    /// What was found, quoted as in the input when it is input text.
    var found: String? { get }
    /// How to fix it, in the library's terms (a type, a property, a value to use); nil when there is nothing to add.
    var hint: String? { get }
}

extension DivideError: DiagnosedError {
    public var path: [String] { [] }
}

extension CountryGroupError: DiagnosedError {
    public var location: SourceLocation? { nil }
    public var path: [String] { [] }
    public var expected: String? { "one of " + validNames.joined(separator: ", ") }
    public var found: String? { DivideError.quote(text) }
    public var hint: String? {
        StringDistance.didYouMean(text, among: validNames)
            ?? "groups of your own come from a group file (CountryGroupList.read(path:registry:))"
    }
}

extension WorldBankMetadataError: DiagnosedError {
    public var location: SourceLocation? {
        SourceLocation(file: file, line: line, column: column, columnName: columnName)
    }
    public var path: [String] { [] }
    public var hint: String? { "the World Bank's Metadata_Country file of a current download has one row per economy" }
}
