/// The compiled-in registry data; the table itself is in `CountryTable.generated.swift`.
enum CountryTable {}

/// A recognised aggregate (region, income group, lending group, composite or former territory) in the
/// generated table: its display name, the codes publishers give it and other spellings.
struct AggregateEntry: Sendable {
    let name: String
    let codes: [String]
    let aliases: [String]
    let m49: Int?
}
