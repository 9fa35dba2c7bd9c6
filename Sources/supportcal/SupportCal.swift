import ArgumentParser
import Foundation

@main
struct SupportCal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supportcal",
        abstract: "Schedule support sessions and keep staff calendars in sync.",
        discussion: """
            SupportCal books support sessions into free slots of staff calendars (CalDAV or a folder of .ics files), emails customers \
            real calendar invitations, and enforces the support policy: the 65-minute cancel cutoff, no-show closing and suspension.

            Exit status: 0 done, 1 failed, 2 usage or configuration error (a name that matches nothing included), 3 refused by policy.

            Example: supportcal slots --kind live-session --days 3
            """,
        version: SupportCalVersion.current,
        subcommands: [
            InitCommand.self, CompaniesCommand.self, ContactsCommand.self, SlotsCommand.self, BookCommand.self,
            CancelCommand.self, RescheduleCommand.self, JoinCommand.self, SweepCommand.self, SyncCommand.self, ReinstateCommand.self,
            EmergencyCommand.self, CallbacksCommand.self, BookingsCommand.self, AuditCommand.self, MailCommand.self, LinksCommand.self,
            ServeCommand.self,
            ICSCommand.self, CalDAVCommand.self, BenchCommand.self,
        ]
    )

    /// ArgumentParser exits 64 on a usage error; SupportCal promises 2 for those (and
    /// for configuration errors), so scripts can tell "you typed it wrong" from "it failed".
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // A command that failed has said why already (reportingFailures); only its status is left.
            if let status = error as? ExitCode, status != .success { Foundation.exit(status.rawValue) }
            let code = exitCode(for: error)
            // Under --json a mistake in the arguments is a JSON document on standard output
            // too (the command never ran, so only the raw arguments can tell).
            let json = CommandLine.arguments.dropFirst().contains("--json")
            if code == .validationFailure {
                if json {
                    report(failure: message(for: error), exitCode: ExitStatus.usage, json: true)
                } else {
                    FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                }
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            if json, code != .success {
                report(failure: message(for: error), exitCode: code, json: true)
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
