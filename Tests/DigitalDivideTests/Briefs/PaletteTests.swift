import Foundation
import Testing
@testable import DivideReports

/// The report colours stay apart and in order for colour-blind readers, checked under the Machado, Oliveira and
/// Fernandes (2009) simulation of dichromacy (severity 1.0, applied to linear sRGB) and measured in CIE L\*a\*b\*
/// (D65) with the CIE 1976 colour difference ΔE\*ab.
@Suite("Palette: colour-blind-safe scales")
struct PaletteTests {
    typealias Colour = Palette.Colour

    /// Machado et al. 2009, Table 1, severity 1.0.
    static let deuteranopia = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                               [-0.011820, 0.042940, 0.968881]]
    static let protanopia = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                             [-0.003882, -0.048116, 1.051998]]

    /// CIE L\*a\*b\* (D65 white) of linear sRGB components (clamped to 0…1 after a simulation).
    static func lab(_ linear: (Double, Double, Double)) -> (l: Double, a: Double, b: Double) {
        let r = min(1, max(0, linear.0)), g = min(1, max(0, linear.1)), b = min(1, max(0, linear.2))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > pow(6.0 / 29, 3) ? cbrt(t) : t / (3 * pow(6.0 / 29, 2)) + 4.0 / 29 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// The colour as seen with the dichromacy `matrix` (nil: as seen with normal vision), in L\*a\*b\*.
    static func seen(_ c: Colour, _ matrix: [[Double]]? = nil) -> (l: Double, a: Double, b: Double) {
        let v = c.linear
        guard let m = matrix else { return lab(v) }
        func row(_ k: Int) -> Double { m[k][0] * v.0 + m[k][1] * v.1 + m[k][2] * v.2 }
        return lab((row(0), row(1), row(2)))
    }

    static func deltaE(_ p: Colour, _ q: Colour, _ matrix: [[Double]]?) -> Double {
        let a = seen(p, matrix), b = seen(q, matrix)
        return ((a.l - b.l) * (a.l - b.l) + (a.a - b.a) * (a.a - b.a) + (a.b - b.b) * (a.b - b.b)).squareRoot()
    }

    static let visions: [(String, [[Double]]?)] = [("normal", nil), ("deuteranopia", deuteranopia),
                                                   ("protanopia", protanopia)]

    /// The score scale: lightness rises with the score for every kind of vision, and the five classes of the
    /// tile map's legend are at least 10 ΔE apart (clearly different side by side).
    @Test func scoreScaleKeepsItsOrderForDichromats() {
        let samples = (0...20).map { Palette.score(Double($0) * 5) }
        let legend = [0.0, 25, 50, 75, 100].map(Palette.score)
        for (name, matrix) in Self.visions {
            let lightness = samples.map { Self.seen($0, matrix).l }
            for k in lightness.indices.dropFirst() {
                #expect(lightness[k] > lightness[k - 1] + 1, "\(name): L* falls between \(5 * (k - 1)) and \(5 * k)")
            }
            for k in legend.indices.dropFirst() {
                #expect(Self.deltaE(legend[k], legend[k - 1], matrix) >= 10, "\(name): legend classes \(k - 1), \(k)")
            }
            #expect(Self.deltaE(legend[0], legend[4], matrix) >= 60, "\(name): the ends of the scale")
        }
    }

    /// The check tells a bad scale from a good one: the red–yellow–green ramp the heat-table used before fails it
    /// (its red and green ends are about as light as each other, and for a deuteranope nearly the same colour).
    @Test func theOldRedGreenRampFailsTheSameCheck() {
        func redYellowGreen(_ score: Double) -> Colour {
            let t = min(1, max(0, score / 100))
            let (r, g, b): (Double, Double, Double) = t < 0.5
                ? (248, 105 + 2 * t * (230 - 105), 107 + 2 * t * (132 - 107))
                : (248 - 2 * (t - 0.5) * (248 - 99), 230 - 2 * (t - 0.5) * (230 - 190), 132 - 2 * (t - 0.5) * (132 - 123))
            return Colour(red: r / 255, green: g / 255, blue: b / 255)
        }
        let lightness = (0...20).map { Self.seen(redYellowGreen(Double($0) * 5), Self.deuteranopia).l }
        #expect(zip(lightness, lightness.dropFirst()).contains { $1 <= $0 })
        #expect(Self.deltaE(redYellowGreen(0), redYellowGreen(100), Self.deuteranopia) < 15)
        #expect(Self.deltaE(Palette.score(0), Palette.score(100), Self.deuteranopia) > 60)
    }

    /// Lines and bars: every pair of series colours at least 15 ΔE apart for each kind of vision (the economy, its
    /// subregion and the region at least 40), and each at 3:1 contrast with the white page.
    @Test func seriesColoursStayApart() {
        for (name, matrix) in Self.visions {
            for i in Palette.series.indices {
                for j in Palette.series.indices where j > i {
                    #expect(Self.deltaE(Palette.series[i], Palette.series[j], matrix) >= 15,
                            "\(name): series \(i) and \(j)")
                }
            }
            let trio = [Palette.economy, Palette.subregion, Palette.region]
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                #expect(Self.deltaE(trio[i], trio[j], matrix) >= 40, "\(name): economy/subregion/region \(i), \(j)")
            }
        }
        for c in Palette.series + [Palette.economy, Palette.subregion, Palette.region] {
            #expect(c.contrast(with: Palette.white) >= 3, "\(c.hex) on white")
        }
        for c in [Palette.rise, Palette.fall] { #expect(c.contrast(with: Palette.white) >= 4.5, "\(c.hex) text") }
        // Rise and fall differ in lightness too, so they stay apart for a deuteranope.
        #expect(Self.deltaE(Palette.rise, Palette.fall, Self.deuteranopia) >= 40)
    }

    /// Numbers written on a scale colour are legible (WCAG AA, 4.5:1) wherever the score falls.
    @Test func numbersOnTheScaleAreLegible() {
        for s in stride(from: 0.0, through: 100, by: 1) {
            let background = Palette.score(s)
            #expect(Palette.text(on: background).contrast(with: background) >= 4.5, "score \(s)")
        }
        #expect(Palette.Colour(hex: "#0072B2").hex == "#0072b2")
        #expect(Palette.sequential(0) == Palette.viridis[0] && Palette.sequential(1) == Palette.viridis[8])
        #expect(Palette.sequential(.nan) == Palette.viridis[0] && Palette.sequential(2) == Palette.viridis[8])
        #expect(Palette.sequential(0.0625).hex == Palette.viridis[0].mixed(with: Palette.viridis[1], 0.5).hex)
    }
}
