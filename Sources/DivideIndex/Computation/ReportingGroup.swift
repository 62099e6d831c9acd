import DivideData

/// The group a result is reported for: a country group (a subregion, LDC, ASEAN, a user's group) or a World Bank
/// income group. Reporting for a group filters what is shown and adds ranks within it; it never changes the
/// universe the index is computed (normalised) over (``IndexRequest/universe``).
public enum ReportingGroup: Sendable, Hashable, CustomStringConvertible {
    /// A country group.
    case countries(CountryGroup)
    /// A World Bank income group (from the classification of the run, ``IndexRun/classification``).
    case income(IncomeGroup)

    /// A group as a user names it: an income group (`low`, `lower-middle`, `upper-middle`, `high`), one of
    /// `custom`, or a country group (`CountryGroup/init(parsing:custom:)`).
    public init(parsing text: String, custom: [CountryGroupList] = []) throws(CountryGroupError) {
        if let income = IncomeGroup(parsing: text) {
            self = .income(income)
        } else {
            do {
                self = .countries(try CountryGroup(parsing: text, custom: custom))
            } catch {
                throw CountryGroupError(text: text, validNames: error.validNames + IncomeGroup.allCases.map(\.commandName))
            }
        }
    }

    /// The name a command line takes (`ENEA`, `LDC`, `high`).
    public var name: String {
        switch self {
        case .countries(let group): group.name
        case .income(let income): income.commandName
        }
    }

    /// The group as a heading names it ("East and North-East Asia", "High income").
    public var label: String {
        switch self {
        case .countries(let group): group.label
        case .income(let income): income.rawValue
        }
    }

    /// The short label of a table column ("ENEA", "LDC", "High income").
    public var columnLabel: String {
        switch self {
        case .countries(let group): group.columnLabel
        case .income(let income): income.rawValue
        }
    }

    public var description: String { name }
}

extension IncomeGroup {
    /// The name a command line takes: `low`, `lower-middle`, `upper-middle`, `high`.
    public var commandName: String {
        switch self {
        case .low: "low"
        case .lowerMiddle: "lower-middle"
        case .upperMiddle: "upper-middle"
        case .high: "high"
        }
    }
}

extension UnitSelection {
    /// What the selection is, as a sentence names it: "the ESCAP region", "every unit of the data", "12 units".
    public var label: String {
        switch self {
        case .group(.all): "every economy of the data"
        case .group(.escap): "the ESCAP region"
        case .group(let group): group.label
        case .panel: "every unit of the data"
        case .units(let list): "\(list.count) chosen units"
        }
    }

    /// The short label of a rank column: "ESCAP", "ENEA", "All".
    public var columnLabel: String {
        switch self {
        case .group(let group): group.columnLabel
        case .panel, .units: "All"
        }
    }
}
