import ArgumentParser
import DigitalDivide
import Foundation

/// `divide compare`: economies side by side, pillar by pillar.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare economies side by side, pillar by pillar: scores, ESCAP ranks, changes and gaps.",
        discussion: """
            Each cell is the score with its rank among the ESCAP-region economies in brackets; "n/a" where the \
            economy is not scored. The index is computed on the ESCAP region; --year defaults to the latest year \
            in which the index is meaningfully scored.
            """
    )

    @Argument(help: "Two or more economies: ISO3 codes or names.")
    var economies: [String]

    @OptionGroup var index: IndexOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var intervals: RankIntervalOptions

    @Option(name: .long, help: "Output format: text, markdown, csv, json, html or xlsx (default: from --output's extension, else text).")
    var format: CompareFormat?

    /// `--format` of compare: the shared formats, an HTML page and a workbook.
    enum CompareFormat: String, CaseIterable, ExpressibleByArgument, InferableFormat {
        case text, markdown, csv, json, html, xlsx
    }

    @Option(name: .long, help: "Write to this file (replaced only when complete) instead of standard output.")
    var output: String?

    func validate() throws {
        guard economies.count >= 2 else { throw ValidationError("give at least two economies to compare") }
        let codes = try Self.distinctCodes(economies, note: false)
        guard codes.count >= 2 else { throw ValidationError("give at least two different economies to compare") }
        if index.years != nil { throw ValidationError("compare shows one year: give --year, not --years") }
        _ = try CompareFormat.resolve(format, output: output, default: .text)
    }

    /// The economies' codes, each once, in the order first named; a repeat (`KOR JPN KOR`, `KOR Korea`) is merged
    /// with a note on standard error.
    static func distinctCodes(_ economies: [String], note: Bool = true) throws -> [String] {
        var codes: [String] = [], seen: Set<String> = [], repeats = 0
        var resolved: [String: String] = [:]
        for text in economies {
            let code: String
            if let known = resolved[text] { code = known } else { code = try BriefSession.economy(text); resolved[text] = code }
            if seen.insert(code).inserted { codes.append(code) } else { repeats += 1 }
        }
        if repeats > 0 && note {
            printError("note: \(repeats) repeated economies merged: each column is one economy (\(codes.count) in all)")
        }
        return codes
    }

    func run() throws {
        let codes = try Self.distinctCodes(economies)
        var builder = try BriefSession.builder(index: index, data: dataOptions)
        let year = try BriefSession.year(index.year, builder: builder)
        BriefSession.addRankIntervals(&builder, year: year, options: intervals, threads: index.threads)
        let briefs = try codes.map { try BriefSession.brief(builder, economy: $0, year: year, peers: []) }
        let resolved = try CompareFormat.resolve(format, output: output, default: .text)
        if resolved == .xlsx {
            guard let output else { throw binaryToStandardOutput(resolved.rawValue) }
            try Self.workbook(briefs).write(to: output)
        } else {
            try writeOutput(try Self.render(briefs, format: resolved), to: output)
        }
    }

    /// One row per node and measure, one column per economy.
    static func table(_ briefs: [Brief]) -> Table {
        guard let first = briefs.first else { return Table(header: [], rows: []) }
        let F = CompareFormatting.self
        var rows: [[String]] = []
        for (k, node) in first.nodes.enumerated() {
            let all = briefs.map { $0.nodes.indices.contains(k) ? $0.nodes[k] : nil }
            rows.append([node.name] + all.map { F.scoreAndRank($0) })
            if k == 0 {
                rows.append(["  5–95% rank interval"] + all.map { F.interval($0?.rankInterval) })
                rows.append(["  change, 1 year"] + all.map { F.change($0?.changeOneYear) })
                rows.append(["  change, 5 years"] + all.map { F.change($0?.changeFiveYears) })
                rows.append(["  gap to \(all.compactMap { $0?.escap?.group }.first ?? "ESCAP") best"] + all.map { F.number($0?.gapToEscapBest?.gap) })
            }
        }
        rows.append(["Gender parity score"] + briefs.map { b in
            b.withinEconomy.genderParity.map { String(format: "%.3f (%@)", $0.score, $0.year.map(String.init) ?? "?") }
                ?? "no data"
        })
        rows.append(["Missing indicators"] + briefs.map { b in
            "\(b.indicators.count { $0.status.flag == .missing }) of \(b.indicators.count)"
        })
        return Table(header: [""] + briefs.map { $0.header.economy.iso3 }, rows: rows,
                     numeric: Set(1...briefs.count))
    }

    static func render(_ briefs: [Brief], format: CompareFormat) throws -> String {
        guard let first = briefs.first else { return "" }
        let title = "\(first.header.framework.name), \(first.header.year): "
            + briefs.map { "\($0.header.economy.name) (\($0.header.economy.iso3))" }.joined(separator: ", ")
        let table = table(briefs)
        let region = first.header.region ?? "ESCAP"
        let note = "Scores with the \(region) rank in brackets"
            + (first.header.universe.map { "; scores computed (normalised) over \($0)" } ?? "") + "."
        switch format {
        case .text: return title + "\n\n" + table.text() + "\n\(note)\n"
        case .markdown: return "## " + InertText.markdown(title) + "\n\n" + table.markdown() + "\n\(note)\n"
        case .html: return ComparisonPage.html(briefs, table: table, note: note)
        case .csv: return csv(briefs)
        case .json: return JSON.encode(CompareJSON(briefs))
        case .xlsx: throw binaryToStandardOutput(format.rawValue)
        }
    }

    /// Long CSV: economy, node, score, rank, ranked (numbers as numbers, text neutralised).
    static func csv(_ briefs: [Brief]) -> String {
        var out = SpreadsheetCSV.record([.text("iso3"), .text("node"), .text("name"), .text("score"), .text("rank"),
                                         .text("ranked"), .text("rank_p05"), .text("rank_p95")])
        for b in briefs {
            for n in b.nodes {
                out += SpreadsheetCSV.record([
                    .text(b.header.economy.iso3), .text(n.id), .text(n.name), n.score.map { .number($0) } ?? .empty,
                    n.rank.map { .integer($0.rank) } ?? .empty, n.rank.map { .integer($0.of) } ?? .empty,
                    n.rankInterval.map { .number($0.low) } ?? .empty, n.rankInterval.map { .number($0.high) } ?? .empty,
                ])
            }
        }
        return out
    }
}

/// `divide compare --format json`: the economies' index and pillar summaries (the brief schema's `Node`).
struct CompareJSON: Encodable {
    var framework: String
    var year: Int
    var economies: [Entry]

    struct Entry: Encodable {
        var iso3: String
        var name: String
        var nodes: [Brief.NodeSummary]
    }

    init(_ briefs: [Brief]) {
        framework = briefs.first?.header.framework.id ?? ""
        year = briefs.first?.header.year ?? 0
        economies = briefs.map { Entry(iso3: $0.header.economy.iso3, name: $0.header.economy.name, nodes: $0.nodes) }
    }
}

enum CompareFormatting {
    static func scoreAndRank(_ n: Brief.NodeSummary?) -> String {
        guard let n, let score = n.score else { return "n/a" }
        return String(format: "%.1f", score) + (n.rank.map { " (\($0.rank))" } ?? "")
    }

    static func interval(_ r: Brief.RankInterval?) -> String {
        guard let r else { return "n/a" }
        let low = Int(r.low.rounded()), high = Int(r.high.rounded())
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    static func change(_ c: Brief.Change?) -> String {
        guard let c else { return "n/a" }
        let mark = c.direction == .up ? "▲" : c.direction == .down ? "▼" : "="
        return String(format: "%+.1f ", c.delta) + mark
    }

    static func number(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "n/a" }
}
