import ArgumentParser
import DigitalDivide
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--format pdf`: the HTML rendering printed to PDF by headless Chromium, the way a reader's browser prints it.
///
/// The browser is `$DIVIDE_CHROMIUM` when set (a path, or a name looked up on `PATH`), else the first of
/// `chromium`, `chromium-browser`, `google-chrome` and `google-chrome-stable` on `PATH`. Each page is printed by
/// one run of `BROWSER --headless --no-sandbox --print-to-pdf=… file://…/page.html` in a private temporary folder
/// (mode 0700: the page, the PDF, the browser's profile and home), which is removed afterwards; the browser is
/// killed after `$DIVIDE_CHROMIUM_TIMEOUT` seconds (default 120; its helper processes end with it). The PDF is
/// checked (it must start with `%PDF-`) before the caller writes it, atomically, where it was asked to go.
///
/// The browser runs in the command's process group, so Ctrl-C stops it too; an interrupted run may leave its
/// temporary folder (`divide-pdf.XXXXXX` in `$TMPDIR`) behind, never a partial output file.
struct ChromiumPrinter {
    /// The browser's executable.
    var executable: String
    /// Seconds a page may take.
    var timeout: Double

    /// The browser names looked up on `PATH`, in order.
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let defaultTimeout = 120.0

    /// The printer for this environment, or an error that says what is missing and how to install it.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PDFError)
        -> ChromiumPrinter {
        var timeout = defaultTimeout
        if let text = environment["DIVIDE_CHROMIUM_TIMEOUT"], !text.isEmpty {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0 else { throw .badTimeout(text) }
            timeout = seconds
        }
        let path = environment["PATH"] ?? ""
        if let chosen = environment["DIVIDE_CHROMIUM"], !chosen.isEmpty {
            guard let executable = chosen.contains("/") ? (isExecutable(chosen) ? chosen : nil)
                                                        : lookUp(chosen, path: path) else {
                throw .chosenBrowserMissing(chosen)
            }
            return ChromiumPrinter(executable: executable, timeout: timeout)
        }
        for name in names {
            if let executable = lookUp(name, path: path) { return ChromiumPrinter(executable: executable, timeout: timeout) }
        }
        throw .noBrowser
    }

    /// The printer `--format` needs: nil unless it is `pdf`. Found before any work is done, so that a missing
    /// browser is said at once.
    static func forFormat(_ name: String) throws(PDFError) -> ChromiumPrinter? {
        name == "pdf" ? try locate() : nil
    }

    private static func isExecutable(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    private static func lookUp(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// The PDF of `html`, printed on A4 as the page's print style sheet lays it out.
    func pdf(html: String) throws(PDFError) -> [UInt8] {
        var template = Array((FileManager.default.temporaryDirectory.path + "/divide-pdf.XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .system("cannot create a temporary folder (\(OutputFile.describe(errno: errno)))")
        }
        let folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/page.html", output = folder + "/page.pdf", log = folder + "/chromium.log"
        do {
            try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: false)
            try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        } catch {
            throw .system("cannot write the page to print in \(folder) (\(error.localizedDescription))")
        }
        let arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--disable-background-networking",
            "--disable-component-update", "--user-data-dir=\(folder)/profile", "--no-pdf-header-footer",
            "--print-to-pdf=\(output)", URL(fileURLWithPath: page).absoluteString,
        ]
        // The browser's home and caches are the temporary folder's too: nothing is left in the user's.
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder + "/home"
        environment["XDG_CONFIG_HOME"] = folder + "/home/.config"
        environment["XDG_CACHE_HOME"] = folder + "/home/.cache"
        let status = try Self.run(arguments, environment: environment, log: log, timeout: timeout)
        guard status == 0 else {
            throw .browserFailed(executable, status: status, log: Self.tail(of: log))
        }
        guard let bytes = FileManager.default.contents(atPath: output).map([UInt8].init), !bytes.isEmpty else {
            throw .browserFailed(executable, status: status, log: "no PDF was written. " + Self.tail(of: log))
        }
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw .notPDF(executable) }
        return bytes
    }

    /// Runs `arguments` with standard output and error to `log`; kills it after `timeout` seconds. Returns the
    /// exit status (128 + signal when killed by one).
    private static func run(_ arguments: [String], environment: [String: String], log: String,
                            timeout: Double) throws(PDFError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Signals at their defaults (this process ignores SIGXFSZ and SIGPIPE, and catches the others).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw .system("cannot start \(arguments[0]) (\(OutputFile.describe(errno: spawned)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw .system("lost the browser process (\(OutputFile.describe(errno: errno)))") }
            if Date() >= deadline {
                kill(pid, SIGKILL)   // Chromium's helpers (zygote, renderers, crash handler) end with it
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                throw .timedOut(arguments[0], seconds: timeout)
            }
            usleep(20_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// The last lines of the browser's log, without its routine complaints about D-Bus.
    private static func tail(of log: String) -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("D-Bus") }
        let last = lines.suffix(4).map { String($0.prefix(300)) }
        return last.isEmpty ? "it printed nothing" : "it said: " + last.joined(separator: " | ")
    }
}

/// Why a PDF was not made. Each message says that nothing was written.
enum PDFError: Error, CustomStringConvertible {
    case noBrowser
    case chosenBrowserMissing(String)
    case badTimeout(String)
    case browserFailed(String, status: Int32, log: String)
    case timedOut(String, seconds: Double)
    case notPDF(String)
    case system(String)

    var description: String {
        let nothing = "; nothing was written"
        switch self {
        case .noBrowser:
            return "--format pdf needs headless Chromium, which was not found (looked for "
                + ChromiumPrinter.names.joined(separator: ", ") + " on PATH). Install it (Debian, Ubuntu: "
                + "sudo apt-get install chromium) or set DIVIDE_CHROMIUM to the browser's path" + nothing
        case .chosenBrowserMissing(let chosen):
            return "DIVIDE_CHROMIUM is \(DivideError.quote(chosen)), which is not an executable file"
                + (chosen.contains("/") ? "" : " on PATH") + ". Point it at Chromium or Chrome (Debian, Ubuntu: "
                + "sudo apt-get install chromium, then /usr/bin/chromium)" + nothing
        case .badTimeout(let text):
            return "DIVIDE_CHROMIUM_TIMEOUT is \(DivideError.quote(text)); expected a number of seconds above 0" + nothing
        case .browserFailed(let browser, let status, let log):
            return "\(browser) could not print the PDF (exit status \(status)): \(log)" + nothing
        case .timedOut(let browser, let seconds):
            return "\(browser) did not finish printing the PDF within \(formatNumber(seconds)) s and was stopped "
                + "(DIVIDE_CHROMIUM_TIMEOUT sets the limit)" + nothing
        case .notPDF(let browser):
            return "\(browser) wrote a file that is not a PDF" + nothing
        case .system(let what):
            return what + nothing
        }
    }
}
