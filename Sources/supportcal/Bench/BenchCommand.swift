import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure SupportCal's hot paths (build with -c release for real figures).",
        discussion: "Example: swift run -c release supportcal bench ics",
        subcommands: [ICS.self, Slots.self, StoreBench.self, BookWorker.self, CalDAV.self, SyncBench.self, MailBench.self, ServeBench.self]
    )
}
