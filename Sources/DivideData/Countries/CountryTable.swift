/// The compiled-in registry data; the table itself is in `CountryTable.generated.swift`.
package enum CountryTable {}

/// A recognised aggregate (region, income group, lending group, composite or former territory) in the
/// generated table: its display name, the codes publishers give it and other spellings.
package struct AggregateEntry: Sendable {
    package let name: String
    package let codes: [String]
    package let aliases: [String]
    package let m49: Int?
}
