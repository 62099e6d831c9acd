import Foundation
import Testing
import DigitalDivide
@_spi(Tuning) @testable import DivideAnalysis
@_spi(Tuning) @testable import DivideData
@testable import DivideIndex
@testable import DivideReports

/// Renderers compared as strings against outputs checked by eye on the hand-built ``BriefFixture``.
@Suite("Brief renderers: text and Markdown")
struct BriefTextRenderingTests {
    @Test func textAt100Columns() {
        let text = BriefFixture.brief.text()
        #expect(text == Self.expected100)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { #expect(line.count <= 100) }
    }

    @Test func textAt80ColumnsUsesTheNarrowLayout() {
        let text = BriefFixture.brief.text(width: 80)
        #expect(text == Self.expected80)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { #expect(line.count <= 80) }
        #expect(text.contains("c/f 2021") && !text.contains("carried fwd 2021"))
    }

    @Test func colourOnlyWhenAsked() {
        let plain = BriefFixture.brief.text()
        #expect(!plain.contains("\u{1B}"))
        let coloured = BriefFixture.brief.text(colour: true)
        #expect(coloured.contains("\u{1B}[1mSCORES AND RANKS\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32m▲\u{1B}[0m") && coloured.contains("\u{1B}[31m▼\u{1B}[0m"))
        // Without the escapes the coloured text is the plain text.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
            .replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[31m", with: "")
        #expect(stripped == plain)
    }

    @Test func longNamesAndManyPeersStillFit() {
        var brief = BriefFixture.brief
        brief.pillars[0].name = String(repeating: "Very long pillar name ", count: 6)
        brief.indicators[0].unit = String(repeating: "unit ", count: 20)
        brief.notes.append(String(repeating: "averyveryverylongwordwithoutspaces", count: 5))
        let peer = brief.peers!.economies[0]
        brief.peers!.economies = Array(repeating: peer, count: 21)
        for width in [80, 100] {
            let text = brief.text(width: width)
            for line in text.split(separator: "\n") { #expect(line.count <= width, "\(width): \(line)") }
            // 22 economies do not fit in one block: the peers table is split and every economy still appears.
            #expect(text.components(separatedBy: " JPN").count - 1 >= 21)
        }
    }

    @Test func markdown() {
        #expect(BriefFixture.brief.markdown() == Self.expectedMarkdown)
    }

    @Test func markdownEscapesTableBreakingText() {
        var brief = BriefFixture.brief
        brief.indicators[0].name = "Fixed | mobile <b>*bold*</b>"
        brief.notes = ["line one\nline two with | pipe"]
        let md = brief.markdown()
        #expect(md.contains("| Fixed \\| mobile \\<b\\>\\*bold\\*\\</b\\> | Access and infrastructure | 97.2 |"))
        #expect(md.contains("- line one line two with \\| pipe"))
        // Every row of the indicator table has the same number of unescaped cell separators.
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("ITU DataHub") }
        let counts = rows.map { row in row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        #expect(Set(counts) == [8])
    }

    static let expected100 = """
        Korea, Republic of (KOR)
        Digital Divide Index · 2023
        East and North-East Asia (ENEA) · High income
        Data years: 2019–2023
        Sources: ITU DataHub (CC BY 4.0); World Bank WDI (CC BY 4.0)

        SCORES AND RANKS
                                   Score  ESCAP  ENEA  Income  5–95%  1 year  5 years
        ─────────────────────────  ─────  ─────  ────  ──────  ─────  ──────  ───────
        Digital Divide Index        81.2   3/58   2/7    3/14    2–5  +1.4 ▲   +6.2 ▲
        Access and infrastructure   92.0   2/58   1/7    2/14    1–4  +0.0 =   +3.5 ▲
        Affordability               77.5   9/57   3/7    6/14   6–14  -2.1 ▼      n/a
        Skills                       n/a    n/a   n/a     n/a    n/a     n/a      n/a
        Ranks: position/economies ranked; 5–95%: rank interval over 200 Monte Carlo replications; 1 year:
        since 2022; 5 years: since 2018; changes in levels normalised over all years (Notes).

        AGAINST THE REGION
                                   Score  ENEA avg  ENEA best  ESCAP avg  ESCAP best
        ─────────────────────────  ─────  ────────  ─────────  ─────────  ──────────
        Digital Divide Index        81.2      64.5  83.0 JPN        48.2  88.6 SGP
        Access and infrastructure   92.0      71.0  92.0 KOR        55.1  93.4 SGP
        Affordability               77.5      68.2  85.0 CHN        52.0  90.3 SGP
        Skills                       n/a       n/a  n/a              n/a  n/a

        GAPS
                                   To ENEA best  To ESCAP best
        ─────────────────────────  ────────────  ─────────────
        Digital Divide Index                1.8            7.3
        Access and infrastructure           0.0            1.4
        Affordability                       7.5           12.8
        Skills                              n/a            n/a
        Gaps in score points. Scores are relative (rescaled each year over the region), so no years to close
        are extrapolated from them; progress towards stated targets is under Targets.
        • Digital Divide Index, gap to ENEA best, largest contributors: ICT skills 69%, Mobile data price
          31%
        • Digital Divide Index, gap to ESCAP best, largest contributors: ICT skills 42%, Fixed broadband
          34%, Mobile data price 24%
        • Access and infrastructure, gap to ESCAP best, largest contributors: Fixed broadband 100%
        • Affordability, gap to ENEA best, largest contributors: Mobile data price 100%
        • Affordability, gap to ESCAP best, largest contributors: Mobile data price 100%

        TARGETS
                                              Value           Target  At its own growth
        ──────────────────────────────  ───────────  ───────────────  ────────────────────────────
        Individuals using the Internet  97.2 (2023)       75 by 2025  met
        Mobile data price                1.9 (2023)  below 1 by 2025  ≈2036 at −5.0%/yr, off track
        Raw indicator values against stated targets; growth: the indicator's own compound rate over its last
        five years of data; on track: reached by the target's year. Targets: Broadband Commission, Targets
        2025, Target 4; Broadband Commission, Targets 2025, Target 3.

        STRENGTHS AND WEAKNESSES (AGAINST ESCAP REGION (58))
                  Indicator                       Value  Peer mean  Unit                 Standing
        ────────  ──────────────────────────────  ─────  ─────────  ───────────────────  ────────
        strength  Individuals using the Internet   97.2       68.4  %                     +1.4 sd
        weakness  Mobile data price                1.90       1.20  % of GNI per capita   -0.7 sd
        Standing: standard deviations above (+) or below (−) the peer mean; indicators where lower is better
        are turned round.

        INDICATORS
        Indicator                                 Value  Unit                 Year  Source  Status
        ───────────────────────────────────────  ──────  ───────────────────  ────  ──────  ────────────────
        Individuals using the Internet             97.2  %                    2023  [1]     observed
        Fixed broadband subscriptions per 100      45.3  per 100 people       2021  [1]     carried fwd 2021
        people
        Mobile data price                          1.90  % of GNI per capita  2023  [1]     observed
        GNI per capita, Atlas method             35,990  current US$          2023  [2]     imputed
        ICT skills                                  n/a  %                     n/a          missing
        Sources:
        [1] ITU DataHub
        [2] World Bank WDI

        DIVIDE WITHIN THE ECONOMY
        Gender parity score: 0.978 (Individuals using the Internet, 2022; women 96.1, men 98.3): favours
          men; ITU parity band 0.98–1.02
        Urban–rural ratio: no data

        PEERS (EAST AND NORTH-EAST ASIA)
                                    KOR   JPN   CHN   MNG
        ─────────────────────────  ────  ────  ────  ────
        Digital Divide Index       81.2  83.0  70.4   n/a
        Access and infrastructure  92.0  90.5  75.0  48.0
        Affordability              77.5  80.1  85.0  51.2
        Skills                      n/a  70.0   n/a  40.5

        NOTES
        • Skills is not scored: ICT skills has no value for Korea, Republic of in any year.
        • Fixed broadband subscriptions per 100 people is carried forward from 2021 (two years old).
        
        """

    static let expected80 = """
        Korea, Republic of (KOR)
        Digital Divide Index · 2023
        East and North-East Asia (ENEA) · High income
        Data years: 2019–2023
        Sources: ITU DataHub (CC BY 4.0); World Bank WDI (CC BY 4.0)

        SCORES AND RANKS
                                   Score  ESCAP  ENEA  Income  5–95%  1 year  5 years
        ─────────────────────────  ─────  ─────  ────  ──────  ─────  ──────  ───────
        Digital Divide Index        81.2   3/58   2/7    3/14    2–5  +1.4 ▲   +6.2 ▲
        Access and infrastructure   92.0   2/58   1/7    2/14    1–4  +0.0 =   +3.5 ▲
        Affordability               77.5   9/57   3/7    6/14   6–14  -2.1 ▼      n/a
        Skills                       n/a    n/a   n/a     n/a    n/a     n/a      n/a
        Ranks: position/economies ranked; 5–95%: rank interval over 200 Monte Carlo
        replications; 1 year: since 2022; 5 years: since 2018; changes in levels
        normalised over all years (Notes).

        AGAINST THE REGION
                                   Score  ENEA avg  ENEA best  ESCAP avg  ESCAP best
        ─────────────────────────  ─────  ────────  ─────────  ─────────  ──────────
        Digital Divide Index        81.2      64.5  83.0 JPN        48.2  88.6 SGP
        Access and infrastructure   92.0      71.0  92.0 KOR        55.1  93.4 SGP
        Affordability               77.5      68.2  85.0 CHN        52.0  90.3 SGP
        Skills                       n/a       n/a  n/a              n/a  n/a

        GAPS
                                   To ENEA best  To ESCAP best
        ─────────────────────────  ────────────  ─────────────
        Digital Divide Index                1.8            7.3
        Access and infrastructure           0.0            1.4
        Affordability                       7.5           12.8
        Skills                              n/a            n/a
        Gaps in score points. Scores are relative (rescaled each year over the region),
        so no years to close are extrapolated from them; progress towards stated targets
        is under Targets.
        • Digital Divide Index, gap to ENEA best, largest contributors: ICT skills 69%,
          Mobile data price 31%
        • Digital Divide Index, gap to ESCAP best, largest contributors: ICT skills 42%,
          Fixed broadband 34%, Mobile data price 24%
        • Access and infrastructure, gap to ESCAP best, largest contributors: Fixed
          broadband 100%
        • Affordability, gap to ENEA best, largest contributors: Mobile data price 100%
        • Affordability, gap to ESCAP best, largest contributors: Mobile data price 100%

        TARGETS
                                    Value           Target  At its own growth
        ────────────────────  ───────────  ───────────────  ────────────────────────────
        Individuals using     97.2 (2023)       75 by 2025  met
        the Internet
        Mobile data price      1.9 (2023)  below 1 by 2025  ≈2036 at −5.0%/yr, off track
        Raw indicator values against stated targets; growth: the indicator's own
        compound rate over its last five years of data; on track: reached by the
        target's year. Targets: Broadband Commission, Targets 2025, Target 4; Broadband
        Commission, Targets 2025, Target 3.

        STRENGTHS AND WEAKNESSES (AGAINST ESCAP REGION (58))
                  Indicator              Value  Peer mean  Unit                 Standing
        ────────  ─────────────────────  ─────  ─────────  ───────────────────  ────────
        strength  Individuals using the   97.2       68.4  %                     +1.4 sd
                  Internet
        weakness  Mobile data price       1.90       1.20  % of GNI per capita   -0.7 sd
        Standing: standard deviations above (+) or below (−) the peer mean; indicators
        where lower is better are turned round.

        INDICATORS
        Indicator                     Value  Unit                 Year  Source  Status
        ───────────────────────────  ──────  ───────────────────  ────  ──────  ────────
        Individuals using the          97.2  %                    2023  [1]     observed
        Internet
        Fixed broadband                45.3  per 100 people       2021  [1]     c/f 2021
        subscriptions per 100
        people
        Mobile data price              1.90  % of GNI per capita  2023  [1]     observed
        GNI per capita, Atlas        35,990  current US$          2023  [2]     imputed
        method
        ICT skills                      n/a  %                     n/a          missing
        Sources:
        c/f YEAR: carried forward from YEAR.
        [1] ITU DataHub
        [2] World Bank WDI

        DIVIDE WITHIN THE ECONOMY
        Gender parity score: 0.978 (Individuals using the Internet, 2022; women 96.1,
          men 98.3): favours men; ITU parity band 0.98–1.02
        Urban–rural ratio: no data

        PEERS (EAST AND NORTH-EAST ASIA)
                                    KOR   JPN   CHN   MNG
        ─────────────────────────  ────  ────  ────  ────
        Digital Divide Index       81.2  83.0  70.4   n/a
        Access and infrastructure  92.0  90.5  75.0  48.0
        Affordability              77.5  80.1  85.0  51.2
        Skills                      n/a  70.0   n/a  40.5

        NOTES
        • Skills is not scored: ICT skills has no value for Korea, Republic of in any
          year.
        • Fixed broadband subscriptions per 100 people is carried forward from 2021 (two
          years old).
        
        """

    static let expectedMarkdown = """
        # Korea, Republic of (KOR)

        **Digital Divide Index**, 2023 · East and North-East Asia (ENEA) · High income

        Data years: 2019–2023 · Sources: ITU DataHub (CC BY 4.0); World Bank WDI (CC BY 4.0)

        ## Scores and ranks

        |  | Score | Rank (ESCAP) | Rank (ENEA) | Rank (income group) | Rank 5–95% | 1 year | 5 years |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        | Digital Divide Index | 81.2 | 3/58 | 2/7 | 3/14 | 2–5 | +1.4 ▲ | +6.2 ▲ |
        | Access and infrastructure | 92.0 | 2/58 | 1/7 | 2/14 | 1–4 | +0.0 = | +3.5 ▲ |
        | Affordability | 77.5 | 9/57 | 3/7 | 6/14 | 6–14 | -2.1 ▼ | n/a |
        | Skills | n/a | n/a | n/a | n/a | n/a | n/a | n/a |

        Rank 5–95%: percentiles of the rank over 200 Monte Carlo replications.

        ## Against the region

        |  | Score | ENEA average | ENEA best | ESCAP average | ESCAP best |
        | --- | ---: | ---: | --- | ---: | --- |
        | Digital Divide Index | 81.2 | 64.5 | 83.0 JPN | 48.2 | 88.6 SGP |
        | Access and infrastructure | 92.0 | 71.0 | 92.0 KOR | 55.1 | 93.4 SGP |
        | Affordability | 77.5 | 68.2 | 85.0 CHN | 52.0 | 90.3 SGP |
        | Skills | n/a | n/a | n/a | n/a | n/a |

        ## Gaps

        |  | Gap to ENEA best | Gap to ESCAP best | Largest contributors (ESCAP gap) |
        | --- | ---: | ---: | --- |
        | Digital Divide Index | 1.8 | 7.3 | ICT skills 42%, Fixed broadband 34%, Mobile data price 24% |
        | Access and infrastructure | 0.0 | 1.4 | Fixed broadband 100% |
        | Affordability | 7.5 | 12.8 | Mobile data price 100% |
        | Skills | n/a | n/a |  |

        - Digital Divide Index, gap to ENEA best: ICT skills 69%, Mobile data price 31%
        - Affordability, gap to ENEA best: Mobile data price 100%

        ## Targets

        |  | Value | Target | At its own growth |
        | --- | ---: | ---: | --- |
        | Individuals using the Internet | 97.2 (2023) | 75 by 2025 | met |
        | Mobile data price | 1.9 (2023) | below 1 by 2025 | ≈2036 at −5.0%/yr, off track |

        Raw indicator values against stated targets, growth over the last five years of data. Targets: Broadband Commission, Targets 2025, Target 4; Broadband Commission, Targets 2025, Target 3.

        ## Strengths and weaknesses

        Against ESCAP region (58); standing in standard deviations from the peer mean.

        |  | Indicator | Value | Peer mean | Unit | Standing |
        | --- | --- | ---: | ---: | --- | ---: |
        | strength | Individuals using the Internet | 97.2 | 68.4 | % | +1.4 sd |
        | weakness | Mobile data price | 1.90 | 1.20 | % of GNI per capita | -0.7 sd |

        ## Indicators

        | Indicator | Pillar | Value | Unit | Year | Source | Status |
        | --- | --- | ---: | --- | ---: | --- | --- |
        | Individuals using the Internet | Access and infrastructure | 97.2 | % | 2023 | ITU DataHub | observed |
        | Fixed broadband subscriptions per 100 people | Access and infrastructure | 45.3 | per 100 people | 2021 | ITU DataHub | carried forward from 2021 |
        | Mobile data price | Affordability | 1.90 | % of GNI per capita | 2023 | ITU DataHub | observed |
        | GNI per capita, Atlas method | Affordability | 35,990 | current US$ | 2023 | World Bank WDI | imputed |
        | ICT skills | Skills | n/a | % | n/a |  | missing |

        ## Divide within the economy

        - Gender parity score: 0.978 (Individuals using the Internet, 2022; women 96.1, men 98.3): favours men; ITU parity band 0.98–1.02
        - Urban–rural ratio: no data

        ## Peers (East and North-East Asia)

        | Economy | Digital Divide Index | Access and infrastructure | Affordability | Skills |
        | --- | ---: | ---: | ---: | ---: |
        | Korea, Republic of (KOR) | 81.2 | 92.0 | 77.5 | n/a |
        | Japan (JPN) | 83.0 | 90.5 | 80.1 | 70.0 |
        | China (CHN) | 70.4 | 75.0 | 85.0 | n/a |
        | Mongolia (MNG) | n/a | 48.0 | 51.2 | 40.5 |

        ## Notes

        - Skills is not scored: ICT skills has no value for Korea, Republic of in any year.
        - Fixed broadband subscriptions per 100 people is carried forward from 2021 (two years old).

        *The designations employed and the presentation of the material in this brief follow United Nations usage and do not imply the expression of any opinion whatsoever concerning the legal status of any country, territory, city or area or of its authorities, or concerning the delimitation of its frontiers or boundaries.*
        
        """
}
