import ArgumentParser
import DigitalDivide
import Foundation

/// The display name of a unit: the registry's name for an ISO3 code, else the code.
func unitName(_ unit: String) -> String {
    CountryRegistry.standard.country(iso3: unit)?.name ?? unit
}

/// `x` with `digits` decimals; empty for nil, `n/a` for NaN. A value that rounds to zero prints as `0.000`, never
/// `-0.000` (a −2e-16 from one BLAS kernel and a +1e-16 from another print the same).
func fixed(_ x: Double?, _ digits: Int = 3) -> String {
    guard let x else { return "" }
    if x.isNaN { return "n/a" }
    let text = String(format: "%.\(digits)f", x)
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
}

/// A titled table, rendered as text (title line, blank, aligned table) or Markdown (`### title`).
struct Section {
    var title: String
    var table: Table

    static func text(_ sections: [Section], heading: String) -> String {
        heading + "\n\n" + sections.map { "\($0.title)\n\n" + $0.table.text() }.joined(separator: "\n")
    }

    static func markdown(_ sections: [Section], heading: String) -> String {
        "## " + InertText.markdown(heading) + "\n\n" + sections.map { "### \(InertText.markdown($0.title))\n\n" + $0.table.markdown() }.joined(separator: "\n")
    }
}
