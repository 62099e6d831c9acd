import Foundation

/// The colours of every chart, map and table of the HTML reports, chosen to stay apart for readers with a colour
/// vision deficiency and in greyscale print.
///
/// - Scores (heat-table, tile map) use **viridis** (van der Walt and Smith, matplotlib 2015): a sequential scale whose
///   CIE L\* lightness rises monotonically from dark purple (0) to yellow (100), so low and high scores differ in
///   lightness, not only in hue, and keep their order for deuteranopes and protanopes and on a black-and-white page.
/// - Lines and bars that name an economy or a group use the Okabe–Ito set (Okabe and Ito 2008, "Color Universal
///   Design"), darkened where needed so each colour has a 3:1 contrast with white (WCAG 2.1, 1.4.11 non-text contrast).
///
/// `PaletteTests` checks both claims under the Machado et al. (2009) simulation of deuteranopia and protanopia.
package enum Palette {
    /// An sRGB colour with components in 0…1.
    package struct Colour: Equatable, Sendable {
        package var red: Double
        package var green: Double
        package var blue: Double

        package init(red: Double, green: Double, blue: Double) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// `#rrggbb` (the caller's constants only: not for data).
        package init(hex: String) {
            let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
            let value = UInt32(digits, radix: 16) ?? 0
            self.init(red: Double((value >> 16) & 0xff) / 255, green: Double((value >> 8) & 0xff) / 255,
                      blue: Double(value & 0xff) / 255)
        }

        /// `#rrggbb`, lower case.
        package var hex: String {
            func byte(_ x: Double) -> Int { Int((min(1, max(0, x)) * 255).rounded()) }
            return String(format: "#%02x%02x%02x", byte(red), byte(green), byte(blue))
        }

        /// The linear-light components (the sRGB transfer function undone, IEC 61966-2-1).
        package var linear: (Double, Double, Double) {
            func f(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
            return (f(red), f(green), f(blue))
        }

        /// WCAG 2.1 relative luminance, `0.2126 R + 0.7152 G + 0.0722 B` over linear components.
        package var relativeLuminance: Double {
            let (r, g, b) = linear
            return 0.2126 * r + 0.7152 * g + 0.0722 * b
        }

        /// WCAG 2.1 contrast ratio `(L1 + 0.05) / (L2 + 0.05)`, lighter over darker (1…21).
        package func contrast(with other: Colour) -> Double {
            let a = relativeLuminance, b = other.relativeLuminance
            return (max(a, b) + 0.05) / (min(a, b) + 0.05)
        }

        /// This colour, darkened (mixed with black in steps of 5%) until it has a 4.5:1 contrast with `background`
        /// (WCAG 2.1 AA for text): the colour of a line's label in text.
        package func legible(on background: Colour) -> Colour {
            var c = self, k = 0
            while c.contrast(with: background) < 4.5, k < 20 {
                k += 1
                c = mixed(with: Colour(red: 0, green: 0, blue: 0), Double(k) * 0.05)
            }
            return c
        }

        /// The straight mix `(1 − t)·self + t·other` of the sRGB components.
        package func mixed(with other: Colour, _ t: Double) -> Colour {
            Colour(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
                   blue: blue + (other.blue - blue) * t)
        }
    }

    /// Viridis at nine evenly spaced points (matplotlib's `viridis`, as R's `viridisLite::viridis(9)`).
    package static let viridis: [Colour] = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21908c", "#27ad81",
                                            "#5dc863", "#aadc32", "#fde725"].map(Colour.init(hex:))

    /// The sequential scale at `t` in 0…1 (clamped): the nine viridis points joined by straight lines.
    package static func sequential(_ t: Double) -> Colour {
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(viridis.count - 1)
        let k = min(viridis.count - 2, Int(x))
        return viridis[k].mixed(with: viridis[k + 1], x - Double(k))
    }

    /// The colour of a score on a 0–100 scale.
    package static func score(_ score: Double) -> Colour { sequential(score / 100) }

    /// Black or white, whichever contrasts more with `background` (for numbers written on a scale colour; the
    /// page's near-black ink falls short of 4.5:1 on viridis's middle greens).
    package static func text(on background: Colour) -> Colour {
        let black = Colour(red: 0, green: 0, blue: 0)
        return background.contrast(with: black) >= background.contrast(with: white) ? black : white
    }

    /// Body text.
    package static let ink = Colour(hex: "#1d2329")
    /// Page background.
    package static let white = Colour(hex: "#ffffff")

    /// The economy a brief describes (Okabe–Ito blue).
    package static let economy = Colour(hex: "#0072b2")
    /// Its subregion (Okabe–Ito vermillion).
    package static let subregion = Colour(hex: "#d55e00")
    /// The ESCAP region (dark grey).
    package static let region = Colour(hex: "#555555")

    /// Lines of several economies, the brief's economy first: Okabe–Ito blue, vermillion, bluish green and reddish
    /// purple, then near-black and ColorBrewer's brown (Okabe–Ito's orange, sky blue and yellow are too light on
    /// white).
    package static let series: [Colour] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#333333", "#b15928"]
        .map(Colour.init(hex:))

    /// Text of a rise (dark blue) and of a fall (dark vermillion): blue–orange rather than green–red, each with a
    /// 4.5:1 contrast on white; the ▲ and ▼ beside them carry the direction without colour.
    package static let rise = Colour(hex: "#005a9c")
    package static let fall = Colour(hex: "#b23c00")

    /// Economies without a score: a light grey, hatched where it fills an area.
    package static let notScored = Colour(hex: "#d9dde2")
}
