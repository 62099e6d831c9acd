import ArgumentParser
import DigitalDivide
import Foundation

/// `divide brief`: one economy's country brief on the flagship index and the shipped data.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "A country brief: scores, ranks, changes, gaps, strengths and weaknesses, indicators and notes.",
        discussion: """
            The economy is an ISO3 code or any name publishers use (KOR, kor, Korea, "Republic of Korea"). The \
            index is computed on the ESCAP region over every year with data; the brief describes --year (default: \
            the latest year in which the index is meaningfully scored). Peers default to the economy's ESCAP \
            subregion. Text is coloured only on a terminal and never when NO_COLOR is set. The JSON schema is \
            documented in docs/brief-schema.md. xlsx and pdf need --output: pdf prints the HTML with headless \
            Chromium ($DIVIDE_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH; killed after \
            $DIVIDE_CHROMIUM_TIMEOUT seconds, default 120); see docs/output-formats.md.
            """
    )

    @Argument(help: "The economy: ISO3 code or name.")
    var economy: String

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var intervals: RankIntervalOptions

    @Option(name: .long, help: ArgumentHelp("Peers to compare with, e.g. KOR,JPN,CHN (default: the subregion).",
                                            valueName: "ISO3,…"))
    var peers: String?

    @Option(name: .long, help: "Output format: text, markdown, csv, json, html, xlsx or pdf (default: from --output's extension, else text).")
    var format: BriefOutputFormat?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try BriefSession.economy(economy)
        if let peers { _ = try BriefSession.economies(peers) }
        if index.years != nil { throw ValidationError("a brief describes one year: give --year, not --years") }
        _ = try BriefOutputFormat.resolve(format, output: output, default: .text)
    }

    func run() throws {
        let format = try BriefOutputFormat.resolve(format, output: output, default: .text)
        let printer = try ChromiumPrinter.forFormat(format.rawValue)
        let iso3 = try BriefSession.economy(economy)
        let peerList = try peers.map(BriefSession.economies)
        var builder = try BriefSession.builder(index: index, data: dataOptions)
        let year = try BriefSession.year(index.year, builder: builder)
        BriefSession.addRankIntervals(&builder, year: year, options: intervals, threads: index.threads)
        let brief = try BriefSession.brief(builder, economy: iso3, year: year, peers: peerList)
        try format.write(brief, to: output, printer: printer)
    }
}
