import ArgumentParser
import DigitalDivide

@main
struct Divide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "divide",
        abstract: "Digital-divide indicators, composite indices and country briefs from public CSV data.",
        version: DigitalDivideVersion.string,
        subcommands: [DoctorCommand.self]
    )
}
