import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

@Suite("Damerau–Levenshtein distance")
struct StringDistanceTests {
    func d(_ a: String, _ b: String) -> Int {
        StringDistance.damerauLevenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    // Hand-worked: kitten → sitting is 3 (k→s, e→i, +g), the textbook Levenshtein example;
    // "ca" → "abc" is 3 under optimal string alignment (2 under unrestricted Damerau–Levenshtein),
    // the standard example distinguishing the two (Boytsov 2011).
    @Test("textbook cases", arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("kitten", "sitting", 3),
        ("ab", "ba", 1), ("ca", "abc", 3), ("korea", "koreaa", 1), ("thailand", "tailand", 1),
        ("flaw", "lawn", 2), ("abcdef", "abdcef", 1),
    ])
    func cases(a: String, b: String, expected: Int) {
        #expect(d(a, b) == expected)
        #expect(d(b, a) == expected, "symmetric")
    }

    @Test("bounded by the longer length and at least the length difference")
    func bounds() {
        let words = ["mongolia", "myanmar", "malaysia", "maldives", "marshall", "nauru", "niue", ""]
        for a in words {
            for b in words {
                let distance = d(a, b)
                #expect(distance <= max(a.count, b.count))
                #expect(distance >= abs(a.count - b.count))
                #expect((distance == 0) == (a == b))
            }
        }
    }
}
