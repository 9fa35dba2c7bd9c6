import ArgumentParser

@main
struct SupportCal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supportcal",
        abstract: "Schedule support sessions and keep staff calendars in sync.",
        discussion: """
        SupportCal books support sessions into free slots of staff calendars (CalDAV or a
        folder of .ics files), emails customers real calendar invitations, and enforces the
        support policy: the 65-minute cancel cutoff, no-show closing and suspension.

        Exit status: 0 done, 1 failed, 2 usage or configuration error, 3 refused by policy.
        """,
        subcommands: [ICSCommand.self, CalDAVCommand.self, BenchCommand.self]
    )
}
