import ArgumentParser
import DigitalDivide
import Foundation

/// The data options every data command shares.
///
/// Sources: the shipped data folder (see ``DataLocation``) unless `--no-default-data`, then each `--data` path in
/// the order given: a directory adds every `.csv` under it (recursively, except the top-level `reference`,
/// `examples` and `frameworks` folders), a file adds itself. `--data` therefore *adds* to the shipped data;
/// `--no-default-data --data DIR` *replaces* it. A file named twice is read once. When two sources give different
/// values for one cell, `--prefer PATTERN` (repeatable, strongest first; a substring of the path, a format name
/// such as `world-bank`, or a publisher) says which wins; without it the conflict is an error.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Add a data directory or file (repeatable).", valueName: "DIR|FILE"))
    var data: [String] = []

    @Flag(name: .customLong("no-default-data"), help: "Do not read the shipped Data/ folder.")
    var noDefaultData = false

    @Option(name: .customLong("prefer"), help: ArgumentHelp(
        "Which source wins a conflict: a path substring, format name or publisher (repeatable, strongest first).",
        valueName: "PATTERN"))
    var prefer: [String] = []

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .customLong("input-format"), help: ArgumentHelp(
        "Read every file as this format instead of detecting it.", valueName: "FMT"))
    var inputFormat: DataFormat?

    /// The load options: countries resolved by the standard registry.
    func loadOptions() -> LoadOptions {
        LoadOptions(
            unitPolicy: .resolve(CountryRegistry.standard), prefer: PreferPolicy(prefer), strict: strict,
            format: inputFormat)
    }

    /// The paths to read: the default data folder (unless dropped), then every `--data` path.
    func paths(
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) throws -> [String] {
        var paths: [String] = []
        if !noDefaultData {
            guard let directory = DataLocation.defaultDirectory(
                workingDirectory: workingDirectory, executablePath: executablePath)
            else {
                throw ValidationError(
                    "no Data/ folder found above \(workingDirectory) or the divide executable; "
                        + "give one with --data DIR, or --no-default-data")
            }
            // Relative to the working directory; absolute when that is not the process's own.
            let sameDirectory = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
                == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
            paths.append(
                sameDirectory || directory.hasPrefix("/") ? directory : workingDirectory + "/" + directory)
        }
        return paths + data
    }

    /// The files to read: ``paths(workingDirectory:executablePath:)`` expanded by the library
    /// (``DataLoader/files(expanding:)``), de-duplicated in order.
    func files(
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) throws -> [String] {
        try DataOptions.expand(try paths(workingDirectory: workingDirectory, executablePath: executablePath))
    }

    /// Each directory replaced by its `.csv` files; duplicates dropped.
    static func expand(_ paths: [String]) throws -> [String] {
        do {
            return try DataLoader.files(expanding: paths)
        } catch {
            if error.reason == .unreadableFile, error.found == "no such file or directory", let file = error.location?.file {
                throw ValidationError("no such file or directory: \(file)")
            }
            throw ValidationError(error.description)
        }
    }

    /// Loads the sources.
    func load() throws -> LoadResult {
        DataLoader(options: loadOptions()).load(files: try files())
    }
}

/// Where the shipped data is found when no `--data` replaces it.
///
/// The default data folder is a directory named `Data` holding `SOURCES.md` (the shipped data's manifest), looked
/// for in the working directory and each of its parents, then beside the `divide` executable and each of its
/// parents (so `.build/debug/divide` run from anywhere finds the checkout's `Data/`). The first found wins; its
/// path is returned relative to the working directory when it lies below it (as `Data` when run from the root).
enum DataLocation {
    static func defaultDirectory(workingDirectory: String, executablePath: String?) -> String? {
        var starts = [URL(fileURLWithPath: workingDirectory)]
        if let executablePath {
            starts.append(URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent("Data")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("SOURCES.md").path) {
                    return relative(candidate.path, to: workingDirectory)
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    /// `path` relative to `base` when it lies below it, else `path`.
    static func relative(_ path: String, to base: String) -> String {
        let prefix = URL(fileURLWithPath: base).standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        if full.hasPrefix(prefix + "/") { return String(full.dropFirst(prefix.count + 1)) }
        return full
    }
}
