import Foundation
import Testing
@testable import DivideAnalysis
@testable import DivideData

/// Years to reach a stated target on a raw indicator, from its own compound growth over the window.
@Suite struct TargetProgressTests {
    static func panel() -> Panel {
        let rows = [
            "AAA,2019,use,50", "AAA,2024,use,60",        // rising: (60/50)^(1/5) − 1
            "BBB,2019,use,74", "BBB,2023,use,70",        // falling: never
            "CCC,2024,use,90",                           // met (target 75)
            "AAA,2019,price,4", "AAA,2024,price,3",      // falling price towards 2
            "DDD,2017,use,30",                           // one value: no trend
        ]
        let builder = PanelBuilder(options: LoadOptions(unitPolicy: .verbatim))
        _ = DataLoader().load(bytes: Array(("country,year,indicator,value\n" + rows.joined(separator: "\n") + "\n").utf8),
                              name: "t.csv", into: builder)
        return builder.build()
    }

    static let targets = [
        DigitalTarget(id: "use", series: "use", name: "use", higherIsBetter: true, value: 75, byYear: 2030, source: "S"),
        DigitalTarget(id: "price", series: "price", name: "price", higherIsBetter: false, value: 2, byYear: 2030,
                      source: "S"),
    ]

    // AAA use: t = ln(75/60)/ln((60/50)^(1/5)) = 5·ln 1.25/ln 1.2 = 6.1195; 2024 + 6.12 > 2030: off track.
    // AAA price: t = 5·ln(2/3)/ln(3/4) = 7.0471 (a falling price meets a lower target); 2031 > 2030: off track.
    // python3 -c "import math; print(5*math.log(1.25)/math.log(1.2), 5*math.log(2/3)/math.log(.75))"
    //   → 6.119505428707724 7.047104198266046
    @Test func yearsToReachFollowTheOwnGrowth() throws {
        let panel = Self.panel()
        let a = TargetProgress.progress(unit: "AAA", panel: panel, targets: Self.targets, year: 2024)
        #expect(a.count == 2)
        #expect(a[0].value == 60 && a[0].year == 2024 && a[0].window == [2019, 2024])
        guard case .years(let t)? = a[0].yearsToReach else { Issue.record("\(a[0])"); return }
        #expect(abs(t - 6.119505428707724) < 1e-12)
        #expect(a[0].onTrack == false)
        guard case .years(let p)? = a[1].yearsToReach else { Issue.record("\(a[1])"); return }
        #expect(abs(p - 7.047104198266046) < 1e-12)
        #expect(a[1].onTrack == false)
        let b = TargetProgress.progress(unit: "BBB", panel: panel, targets: Self.targets, year: 2024)
        #expect(b.count == 1 && b[0].yearsToReach == .never && b[0].onTrack == false && b[0].year == 2023)
        let c = TargetProgress.progress(unit: "CCC", panel: panel, targets: Self.targets, year: 2024)
        #expect(c[0].yearsToReach == .closed && c[0].onTrack == true && c[0].growth == nil)
        let d = TargetProgress.progress(unit: "DDD", panel: panel, targets: Self.targets, year: 2024)
        #expect(d[0].yearsToReach == nil && d[0].onTrack == nil && d[0].year == 2017)
        // The year asked for bounds the value used: in 2020, AAA's latest is 2019's 50 (one value: no trend).
        let early = TargetProgress.progress(unit: "AAA", panel: panel, targets: Self.targets, year: 2020)
        #expect(early[0].value == 50 && early[0].yearsToReach == nil)
    }

    /// Every shipped target names its source and lies on a series of the shipped data.
    @Test func shippedTargetsAreSourcedAndOnShippedSeries() throws {
        let loaded = try DataLoader().load(directory: "Data")
        let codes = Set(loaded.panel.indicators.map(\.code))
        for target in DigitalTarget.standard {
            #expect(!target.source.isEmpty && target.url?.hasPrefix("https://") == true, "\(target.id)")
            #expect(codes.contains(target.series), "\(target.id): \(target.series)")
        }
        #expect(Set(DigitalTarget.standard.map(\.id)).count == DigitalTarget.standard.count)
    }
}
