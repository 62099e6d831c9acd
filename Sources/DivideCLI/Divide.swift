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
            FrameworksCommand.self, ComputeCommand.self, RankCommand.self, AuditCommand.self, InequalityCommand.self,
            ConvergenceCommand.self, GapsCommand.self, UncertaintyCommand.self, SensitivityCommand.self,
            BriefCommand.self, BriefsCommand.self, CompareCommand.self, RenderBriefCommand.self,
        ]
    )

    /// Exit status 2 for usage errors (ArgumentParser's default is 64); otherwise as ArgumentParser decides.
    static func main() {
        main(CommandLine.arguments.dropFirst().map { $0 })
    }

    /// --help, `help SUBCOMMAND`, --version (ArgumentParser's clean exits) through the checked standard output:
    /// output lost on the way (`> /dev/full`) exits 1, not 0. Returns only for other errors.
    static func exitCleanly(_ error: any Error) {
        guard exitCode(for: error) == .success else { return }
        print(fullMessage(for: error))
        do { try StandardOutput.shared.finish() } catch {
            FileHandle.standardError.write(Data(("Error: " + error.description + "\n").utf8))
            quit(1)
        }
        quit(0)
    }

    /// Ends the process once everything is written: flushes the C streams and exits without running library
    /// finalisers. Under a tight address-space limit OpenBLAS's worker thread can loop on a failed buffer allocation,
    /// and its finaliser (`gotoblas_quit`) then waits for it for ever, after the output was complete; nothing of ours
    /// needs a finaliser (files are renamed into place and standard output is flushed before this).
    static func quit(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }

    /// The most arguments a command line may have: parsing takes time quadratic in their number (20,000 took
    /// minutes), and no command needs more (a folder stands for its files).
    static let maxArguments = 2000

    static func main(_ arguments: [String]) {
        guard arguments.count <= maxArguments else {
            FileHandle.standardError.write(Data(("Error: \(arguments.count) arguments; at most \(maxArguments) are "
                + "accepted (give a folder instead of its files; name each economy once)\n").utf8))
            quit(2)
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Parse errors name the subcommand's usage.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((StandardOutput.inert(fullMessage(for: error)) + "\n").utf8))
                quit(2)
            }
            exitCleanly(error)
            fail(error)
        }
        // A file-size limit (ulimit -f) makes write(2) fail with EFBIG instead of killing the process, so the
        // writers can say so and leave the destination as it was.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try command.run()
            try StandardOutput.shared.finish()
            quit(0)
        } catch {
            // What was printed before the error (validate's report before its exit status) still goes out, and
            // saying so when it cannot.
            do { try StandardOutput.shared.finish() } catch let lost {
                FileHandle.standardError.write(Data(("Error: " + lost.description + "\n").utf8))
                if exitCode(for: error) == .success { quit(1) }
            }
            // Usage problems found while running (a missing file, an unknown indicator): the message, status 2.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data(("Error: " + StandardOutput.inert(message(for: error)) + "\n").utf8))
                quit(2)
            }
            exitCleanly(error)
            fail(error)
        }
    }

    /// ArgumentParser's `exit(withError:)` (its message on standard error, its exit status) ending through
    /// ``quit(_:)``.
    static func fail(_ error: any Error) -> Never {
        let text = fullMessage(for: error)
        if !text.isEmpty { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        quit(exitCode(for: error).rawValue)
    }
}
