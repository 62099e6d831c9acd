import Foundation
import Testing

/// Runs the built `divide` (or a shell script with `$DIVIDE` set to it) in a child process and collects its status
/// and standard output and error together: the one process runner of the command tests.
enum DivideProcess {
    /// `divide ARGUMENTS` in `directory` (default: the test process's own).
    static func run(_ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
        try launch(URL(fileURLWithPath: try #require(DataCommandRunTests.binary, "divide not built")), arguments,
                   in: directory, environment: nil)
    }

    /// `bash -c SCRIPT` in `directory`, with `$DIVIDE` the built executable.
    static func shell(_ script: String, in directory: String) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["DIVIDE"] = try #require(DataCommandRunTests.binary, "divide not built")
        return try launch(URL(fileURLWithPath: "/bin/bash"), ["-c", script], in: directory, environment: environment)
    }

    private static func launch(_ executable: URL, _ arguments: [String], in directory: String?,
                               environment: [String: String]?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
