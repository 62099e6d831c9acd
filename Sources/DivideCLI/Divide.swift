import ArgumentParser
import DigitalDivide
import Foundation

@main
struct Divide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "divide",
        abstract: "Digital-divide indicators, composite indices and country briefs from public CSV data.",
        version: DigitalDivideVersion.string,
        subcommands: [
            DoctorCommand.self, ValidateCommand.self, CoverageCommand.self, SeriesCommand.self, BenchCommand.self,
        ]
    )

    /// Exit status 2 for usage errors (ArgumentParser's default is 64); otherwise as ArgumentParser decides.
    static func main() {
        main(CommandLine.arguments.dropFirst().map { $0 })
    }

    static func main(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
