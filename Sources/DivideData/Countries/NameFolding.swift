import Foundation

/// Folds a unit name for matching: the key under which names, aliases and codes are indexed.
///
/// Steps: Unicode NFKD decomposition, combining marks removed (so "Türkiye" = "Turkiye", "Côte" = "Cote"),
/// lower case, `&` read as "and", apostrophes removed ("People's" = "Peoples"), every other run of
/// non-alphanumeric characters (punctuation, spaces, tabs, quotes) becomes one space, ends trimmed.
/// `scripts/generate-countries.py` applies the same folding in Python to merge aggregates.
package enum NameFolding {
    package static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func append(_ scalar: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        for scalar in text.decomposedCompatibility.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar {
            case "'", "\u{2019}", "\u{2018}", "`":
                continue
            case "&":
                pendingSpace = true
                for s in "and".unicodeScalars { append(s) }
                pendingSpace = true
            default:
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for s in lower { append(s) }
                } else {
                    pendingSpace = true
                }
            }
        }
        return String(out)
    }
}

extension String {
    /// NFKD (compatibility decomposition).
    fileprivate var decomposedCompatibility: String { decomposedStringWithCompatibilityMapping }
}
