import ArgumentParser
import Foundation
import UseCases

#if canImport(Glibc)
    import Glibc
#endif

struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Close no-shows, then deliver every due calendar write and email (reminders included).",
        discussion: """
            Run it every minute (cron, a systemd timer, or `supportcal serve` later does it for you). It is safe to kill at any point and \
            to run again: nothing is lost and nothing is sent twice (each email has a fixed Message-ID and Maildir name, each calendar \
            write is conditional). Only one sweep runs at a time; a second one exits at once.

            Example: supportcal sweep --now 2026-11-03T15:10:00Z
            """
    )

    @OptionGroup var global: GlobalOptions

    struct Report: Encodable {
        var closedAsNoShow: [String]
        var outbox: OutboxSummary
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global, exclusive: true)
            defer { context.lock?.release() }
            let closed = try await context.desk.sweep(actor: context.actor("sweep"), now: context.now)
            let summary = try await context.deliver()
            let report = Report(closedAsNoShow: closed.map(\.id.rawValue), outbox: summary)
            if global.json {
                try JSONOutput.print(report)
            } else {
                print("closed as no-show: \(closed.isEmpty ? "none" : closed.map(\.id.rawValue).joined(separator: ", "))")
                print("outbox: \(summary.delivered) delivered, \(summary.retrying) to retry, \(summary.failed) failed")
                for problem in summary.problems { print("  \(problem)") }
            }
            if summary.failed > 0 { throw ExitStatus.failure }
        }
    }
}
