import DivideData
import Foundation

/// A stated target for one raw indicator (a value to reach, by a year or not), with who set it and where.
///
/// Years to close are measured on raw indicators against targets like these, never on the index's relative scores:
/// a min–max score says where an economy stands among the others that year, so its growth is not progress.
public struct DigitalTarget: Sendable, Equatable, Codable {
    /// A short, stable id (`bbc-2025-internet-use`).
    public var id: String
    /// The data series the target is stated on.
    public var series: String
    /// What is measured, in words.
    public var name: String
    public var higherIsBetter: Bool
    /// The value to reach (in the series' own unit).
    public var value: Double
    /// The year it is set for; nil for a benchmark without a deadline (e.g. an index goalpost).
    public var byYear: Int?
    /// Who set it and in which document.
    public var source: String
    public var url: String?

    public init(id: String, series: String, name: String, higherIsBetter: Bool, value: Double, byYear: Int?,
                source: String, url: String? = nil) {
        self.id = id
        self.series = series
        self.name = name
        self.higherIsBetter = higherIsBetter
        self.value = value
        self.byYear = byYear
        self.source = source
        self.url = url
    }

    /// The targets this library ships, on series of the shipped data.
    ///
    /// - Broadband Commission for Sustainable Development, "Targets 2025" (adopted January 2018): Target 3,
    ///   entry-level broadband services affordable in developing countries at less than 2% of monthly GNI per
    ///   capita (ITU monitors it with its mobile data-only and fixed-broadband baskets; here the 5 GB baskets of
    ///   the data); Target 4, Internet user penetration of 75% worldwide (65% in developing countries, 35% in LDCs;
    ///   the worldwide figure is applied to each economy).
    /// - ITU, "Measuring digital development – ICT Development Index 2024", Annex 1 (Table 2): the goalposts of
    ///   universal connectivity (95% of individuals using the Internet and of households with Internet access at
    ///   home; 150 active mobile-broadband subscriptions per 100 inhabitants) and of 4G/LTE coverage (100% of the
    ///   population). They are the values at which ITU scores an economy 100; they carry no deadline.
    public static let standard: [DigitalTarget] = {
        let commission = "Broadband Commission for Sustainable Development, Targets 2025"
        let commissionURL = "https://www.broadbandcommission.org/broadband-targets/"
        let idi = "ITU, ICT Development Index 2024, Annex 1, Table 2 (goalpost)"
        let idiURL = "https://www.itu.int/itu-d/reports/statistics/idi2024/"
        return [
            DigitalTarget(id: "bbc-2025-internet-use", series: "IT.NET.USER.ZS",
                          name: "Individuals using the Internet (% of population)", higherIsBetter: true, value: 75,
                          byYear: 2025, source: commission + ", Target 4 (75% worldwide)", url: commissionURL),
            DigitalTarget(id: "bbc-2025-mobile-broadband-price", series: "i271mb_5GB_GNI",
                          name: "Data-only mobile broadband basket (% of GNI per capita)", higherIsBetter: false,
                          value: 2, byYear: 2025, source: commission + ", Target 3 (below 2% of GNI per capita)",
                          url: commissionURL),
            DigitalTarget(id: "bbc-2025-fixed-broadband-price", series: "i154_FBB5_GNI",
                          name: "Fixed broadband basket (% of GNI per capita)", higherIsBetter: false, value: 2,
                          byYear: 2025, source: commission + ", Target 3 (below 2% of GNI per capita)",
                          url: commissionURL),
            DigitalTarget(id: "itu-idi2024-internet-use", series: "IT.NET.USER.ZS",
                          name: "Individuals using the Internet (% of population)", higherIsBetter: true, value: 95,
                          byYear: nil, source: idi, url: idiURL),
            DigitalTarget(id: "itu-idi2024-households-internet", series: "xHH6_IDI",
                          name: "Households with Internet access at home (%)", higherIsBetter: true, value: 95,
                          byYear: nil, source: idi, url: idiURL),
            DigitalTarget(id: "itu-idi2024-mobile-broadband-subscriptions", series: "i911mw",
                          name: "Active mobile-broadband subscriptions per 100 inhabitants", higherIsBetter: true,
                          value: 150, byYear: nil, source: idi, url: idiURL),
            DigitalTarget(id: "itu-idi2024-4g-coverage", series: "i271GA",
                          name: "Population covered by at least a 4G/LTE network (%)", higherIsBetter: true,
                          value: 100, byYear: nil, source: idi, url: idiURL),
        ]
    }()
}

/// Where one economy stands against a ``DigitalTarget`` on the raw data: its latest value up to a year, its own
/// compound growth over a stated window, and the years to reach the target at that growth.
public struct TargetProgress: Sendable, Equatable, Codable {
    public var target: DigitalTarget
    /// The latest value up to the year asked for, and its year.
    public var value: Double
    public var year: Int
    /// The first and last year with a value in the window asked for: the years ``growth`` is measured over.
    public var window: [Int]
    /// Compound annual growth of the indicator between the first and last value in the window (0.05 = 5% a year);
    /// nil when met, with fewer than two values, or with values the rate cannot take (≤ 0).
    public var growth: Double?
    /// ``YearsToClose/closed`` when met, ``YearsToClose/never`` when the indicator moves away from the target (or
    /// does not move), else the years from ``year`` at the current growth; nil without a growth rate.
    public var yearsToReach: YearsToClose?
    /// For a target with a deadline: whether the current growth reaches it by then (true when already met).
    public var onTrack: Bool?

    public init(target: DigitalTarget, value: Double, year: Int, window: [Int], growth: Double?,
                yearsToReach: YearsToClose?, onTrack: Bool?) {
        self.target = target
        self.value = value
        self.year = year
        self.window = window
        self.growth = growth
        self.yearsToReach = yearsToReach
        self.onTrack = onTrack
    }

    /// The progress of `unit` on every target whose series `panel` holds a value of, latest value up to `year`,
    /// growth over the `window` years up to that value (default 5).
    public static func progress(unit: String, panel: Panel, targets: [DigitalTarget] = DigitalTarget.standard,
                                year: Int, window: Int = 5) -> [TargetProgress] {
        targets.compactMap { target in
            let series = panel.series(unit: unit, indicator: target.series).filter { $0.year <= year }
            guard let latest = series.last else { return nil }
            let span = series.filter { $0.year >= latest.year - window }
            var progress = TargetProgress(target: target, value: latest.value, year: latest.year,
                                          window: span.first.map { [$0.year, latest.year] } ?? [latest.year],
                                          growth: nil, yearsToReach: nil, onTrack: nil)
            let met = target.higherIsBetter ? latest.value >= target.value : latest.value <= target.value
            if met {
                progress.yearsToReach = .closed
            } else {
                progress.growth = (try? Gaps.compoundAnnualGrowthRate(years: span.map(\.year), values: span.map(\.value)))?.rate
                if let g = progress.growth {
                    progress.yearsToReach = try? Gaps.yearsToClose(
                        value: latest.value, frontier: target.value, growthRate: g,
                        higherIsBetter: target.higherIsBetter)
                }
            }
            if let by = target.byYear {
                switch progress.yearsToReach {
                case .closed: progress.onTrack = true
                case .never: progress.onTrack = false
                case .years(let t): progress.onTrack = Double(latest.year) + t <= Double(by)
                case .none: progress.onTrack = nil
                }
            }
            return progress
        }
    }
}
