import ArgumentParser
import DigitalDivide
import Foundation

/// What the brief commands share: the economy names they accept, and the computed index with a ``BriefBuilder``.
enum BriefSession {
    /// The ISO3 code of an economy as a user names it (`KOR`, `kor`, `Korea`, "Republic of Korea"), or a usage
    /// error naming the nearest matches.
    static func economy(_ text: String) throws -> String {
        try SeriesCommand.economy(text).iso3
    }

    /// A comma-separated list of economies (`KOR,JPN,CHN`; names with commas are not accepted here).
    static func economies(_ list: String) throws -> [String] {
        try list.split(separator: ",").map { try economy(String($0)) }
    }

    /// Computes the index on the ESCAP region (or `--group`) over every year with data, so that changes and trends
    /// are available, and prepares a builder for `year`.
    static func builder(index: IndexOptions, data: DataOptions) throws -> BriefBuilder {
        if index.years != nil { throw ValidationError("a brief describes one year: give --year, not --years") }
        var options = index
        // Every year is computed (the construction always spans the data's years); --year only picks the brief's.
        options.year = nil
        let run = try options.compute(data)
        return BriefBuilder(run: run)
    }

    /// The brief's year: `--year` or the builder's default, checked against what was computed.
    static func year(_ requested: Int?, builder: BriefBuilder) throws -> Int {
        guard let year = requested ?? builder.defaultYear else { throw ValidationError("no economy is scored in any year") }
        return year
    }

    /// Adds the Monte Carlo rank intervals for `year` (skipped when `replications` is 0).
    static func addRankIntervals(_ builder: inout BriefBuilder, year: Int, options: RankIntervalOptions,
                                 threads: Int?) {
        guard options.replications > 0 else { return }
        builder.computeRankIntervals(year: year, replications: options.replications, seed: options.seed,
                                     threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Builds a brief, turning library errors into usage errors.
    static func brief(_ builder: BriefBuilder, economy: String, year: Int, peers: [String]?) throws -> Brief {
        do {
            return try builder.brief(for: economy, year: year, peers: peers)
        } catch let error as BriefError {
            throw ValidationError(error.description)
        }
    }
}

/// The uncertainty analysis behind the briefs' rank intervals.
struct RankIntervalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Monte Carlo replications for the 5–95% rank intervals (weights varied ±25%); 0 skips them.", valueName: "N"))
    var replications: Int = 200

    @Option(name: .long, help: "Seed of the Monte Carlo replications.")
    var seed: UInt64 = 1

    func validate() throws {
        if replications < 0 { throw ValidationError("--replications must be 0 or more, found \(replications)") }
    }
}
