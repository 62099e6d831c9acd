import ArgumentParser
import DigitalDivide
import Foundation

/// `divide briefs --all`: a brief for every ESCAP-region economy, an index page and a regional overview.
struct BriefsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefs",
        abstract: "Write a brief for every ESCAP-region economy, an index page and a regional overview.",
        discussion: """
            Files: DIR/<ISO3>.html (or .md, .xlsx, .pdf), DIR/index.html and DIR/overview.html (leaderboard, \
            pillar heat-table, inequality across the region; overview.md and README.md for markdown, overview.xlsx \
            or overview.pdf for xlsx and pdf), and DIR/manifest.json last (every file with its size, and \
            "complete": true). pdf prints each HTML page with headless Chromium (see divide brief --help). A \
            progress bar is drawn on a terminal only.
            """
    )

    @Flag(name: .long, help: "Every ESCAP-region economy the index was computed for (required).")
    var all = false

    @Option(name: .long, help: """
        The folder to write to. A new folder appears complete or not at all; in an existing one each file is \
        replaced whole and manifest.json, written last, says whether the batch completed.
        """)
    var output: String

    @Option(name: .long, help: "html (default), markdown, xlsx or pdf.")
    var format: BriefsFormat = .html

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var intervals: RankIntervalOptions

    enum BriefsFormat: String, CaseIterable, ExpressibleByArgument {
        case html, markdown, xlsx, pdf
        var brief: BriefOutputFormat {
            switch self {
            case .html: .html
            case .markdown: .markdown
            case .xlsx: .xlsx
            case .pdf: .pdf
            }
        }
    }

    func validate() throws {
        guard all else { throw ValidationError("give --all (briefs for every economy); for one economy use divide brief") }
        if index.years != nil { throw ValidationError("briefs describe one year: give --year, not --years") }
    }

    func run() throws {
        let printer = try ChromiumPrinter.forFormat(format.rawValue)
        var builder = try BriefSession.builder(index: index, data: dataOptions)
        let year = try BriefSession.year(index.year, builder: builder)
        BriefSession.addRankIntervals(&builder, year: year, options: intervals, threads: index.threads)
        let written = try Self.write(builder: builder, year: year, format: format, to: output,
                                     progress: ProgressBar(label: "briefs"), printer: printer)
        FileHandle.standardError.write(Data("Wrote \(written.count) files to \(output)\n".utf8))
    }

    /// Writes the briefs, the index page and the overview; returns the files written.
    @discardableResult
    static func write(builder: BriefBuilder, year: Int, format: BriefsFormat, to folder: String,
                      progress: ProgressBar? = nil, printer: ChromiumPrinter? = nil) throws -> [String] {
        let ext = format.brief.fileExtension
        var files: [String] = []
        var entries: [BriefIndexPage.Entry] = []
        let batch = try OutputFolder(path: folder, tool: "divide \(DigitalDivideVersion.string) briefs")
        for (k, iso3) in builder.economies.enumerated() {
            let brief = try BriefSession.brief(builder, economy: iso3, year: year, peers: nil)
            let file = "\(iso3).\(ext)"
            try batch.write(bytes: try format.brief.bytes(brief, printer: printer), as: file)
            files.append(file)
            entries.append(BriefIndexPage.Entry(economy: brief.header.economy, subregion: brief.header.subregion, file: file))
            progress?.update(k + 1, builder.economies.count)
        }
        progress?.finish()
        let overview = try builder.overview(year: year)
        let links = Dictionary(uniqueKeysWithValues: entries.map { ($0.economy.iso3, $0.file) })
        let title = overview.framework.name
        switch format {
        case .html:
            try batch.write(overview.html(links: links), as: "overview.html")
            try batch.write(BriefIndexPage.html(title: title, year: year, entries: entries, overview: "overview.html"),
                            as: "index.html")
            files += ["overview.html", "index.html"]
        case .markdown:
            try batch.write(overview.markdown(links: links), as: "overview.md")
            try batch.write(BriefIndexPage.markdown(title: title, year: year, entries: entries, overview: "overview.md"),
                            as: "README.md")
            files += ["overview.md", "README.md"]
        case .xlsx:
            try batch.write(bytes: [UInt8](try overview.workbook().data()), as: "overview.xlsx")
            files.append("overview.xlsx")
        case .pdf:
            // Links to the economies' HTML pages would point nowhere from a PDF.
            try batch.write(bytes: try (printer ?? ChromiumPrinter.locate()).pdf(html: overview.html(links: [:])),
                            as: "overview.pdf")
            files.append("overview.pdf")
        }
        try batch.commit()
        return files + [OutputFolder.manifestName]
    }
}
