import ArgumentParser

// Placeholder until the CalDAV client lands (issue 3); the README says so.
struct CalDAVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caldav",
        abstract: "Talk to a CalDAV server (not yet available in this build)."
    )

    func run() async throws {
        printError("the CalDAV commands are not built yet")
        throw ExitStatus.failure
    }
}
