/// World Bank income group, as written in the `IncomeGroup` column of `Metadata_Country_*.csv`.
///
/// Thresholds are GNI per capita (Atlas method) set each 1 July by the World Bank
/// (https://datahelpdesk.worldbank.org/knowledgebase/articles/906519); the library does not recompute them,
/// it reads the classification the file carries.
public enum IncomeGroup: String, Sendable, Hashable, CaseIterable, Comparable {
    case low = "Low income"
    case lowerMiddle = "Lower middle income"
    case upperMiddle = "Upper middle income"
    case high = "High income"

    /// Parses the file's text; case, hyphens and extra spaces are ignored ("Upper-middle income" is accepted).
    /// Returns `nil` for anything else.
    public init?(fileText: String) {
        let key = NameFolding.fold(fileText)
        guard let match = Self.allCases.first(where: { NameFolding.fold($0.rawValue) == key }) else { return nil }
        self = match
    }

    /// Low < lower middle < upper middle < high.
    public static func < (lhs: IncomeGroup, rhs: IncomeGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
