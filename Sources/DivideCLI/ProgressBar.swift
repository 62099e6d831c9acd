import ArgumentParser
import DigitalDivide
import Foundation

/// A one-line progress bar on standard error for long runs: drawn only when standard error is a terminal (never in
/// pipes, files or CI: `CI` set or `TERM=dumb`), and only once a run has taken more than a second, so short runs
/// print nothing. `finish()` erases it.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    /// Whether the bar is drawn at all (a terminal, not CI).
    let enabled: Bool
    private let start = Date()
    private var drawn = false

    init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment,
         isTerminal: Bool = isatty(FileHandle.standardError.fileDescriptor) == 1) {
        self.label = label
        self.enabled = isTerminal && environment["CI"] == nil
            && environment["TERM"] != "dumb"
    }

    /// Redraws the bar for `done` of `total`.
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(Data(("\r" + Self.line(done, total, label: label)).utf8))
        drawn = true
    }

    /// Erases the bar if it was drawn.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// `[##########··········]  500/1000 replications`, 30 cells wide.
    static func line(_ done: Int, _ total: Int, label: String, width: Int = 30) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]  "
            + "\(done)/\(total) \(label)"
    }
}

extension ProgressBar {
    /// Runs a long analysis with this bar as its progress callback, finishes the bar whether it succeeds or throws,
    /// and reports the library's analysis and construction errors as the command's own errors.
    func run<T>(_ body: (@escaping (Int, Int) -> Void) throws -> T) throws -> T {
        defer { finish() }
        do {
            return try body(update)
        } catch let error as AnalysisError {
            throw ValidationError(error.description)
        } catch let error as ConstructionError {
            throw ValidationError(error.description)
        }
    }
}
