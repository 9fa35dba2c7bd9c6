import ArgumentParser

struct ICSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Check iCalendar files and read busy time from them.",
        subcommands: [Lint.self, Busy.self]
    )
}
