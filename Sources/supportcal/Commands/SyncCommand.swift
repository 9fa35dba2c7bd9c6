import ArgumentParser
import Foundation
import Sync
import UseCases

#if canImport(Glibc)
    import Glibc
#endif

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Bring staff calendars and the store in step (run nightly, and every few minutes if you like).",
        discussion: """
            For each staff calendar (CalDAV or vdir): reads what changed since the last sync (sync-collection and calendar-multiget on \
            CalDAV), turns staff edits of booking events into staff reschedules and cancellations (the customer is told), refreshes the \
            busy time used for slots, then delivers every pending calendar write and email.

            A server that fails or answers nonsense never cancels a booking; a sync that would cancel more than half of a staff member's \
            upcoming bookings cancels nothing and reports an anomaly. Exit 0 when all went well, 1 when something failed (named). \
            Samples/supportcal-sync.service and .timer run it nightly under systemd.

            Example: supportcal sync --config /etc/supportcal/supportcal.toml
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Days ahead whose busy time is refreshed for slot listing.")
    var busyDays = 60

    struct Summary: Encodable {
        var calendars: [Reconciler.Report] = []
        var failures: [String] = []
        var outbox = OutboxSummary()
        var staffReschedules: Int { calendars.reduce(0) { $0 + $1.staffReschedules.count } }
        var staffCancellations: Int { calendars.reduce(0) { $0 + $1.staffCancellations.count } }
        var anomalies: [String] { calendars.compactMap { $0.anomaly.map { "\($0)" } } }

        enum CodingKeys: String, CodingKey { case calendars, failures, outbox, staffReschedules, staffCancellations, anomalies }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(calendars, forKey: .calendars)
            try container.encode(failures, forKey: .failures)
            try container.encode(outbox, forKey: .outbox)
            try container.encode(staffReschedules, forKey: .staffReschedules)
            try container.encode(staffCancellations, forKey: .staffCancellations)
            try container.encode(anomalies, forKey: .anomalies)
        }
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global, exclusive: true)
            defer { context.lock?.release() }
            let progress = Progress(total: context.configuration.staff.count, enabled: !global.json && isatty(STDOUT_FILENO) == 1)
            var summary = Summary()
            let outcome = await context.desk.sync(busyDays: busyDays, now: context.now) { index, what in progress.show(index, what) }
            (summary.calendars, summary.failures) = (outcome.reports, outcome.failures)
            progress.show(context.configuration.staff.count, "delivering the outbox")
            summary.outbox = try await context.deliver()
            progress.finish()
            if global.json {
                try JSONOutput.print(summary)
            } else {
                for report in summary.calendars {
                    print(
                        "\(report.staff): \(report.changedObjects) changed, \(report.deletedObjects) deleted, "
                            + "\(report.staffReschedules.count) staff reschedules, \(report.staffCancellations.count) staff "
                            + "cancellations\(report.skipped.isEmpty ? "" : ", \(report.skipped.count) skipped")"
                    )
                    for skipped in report.skipped { print("  skipped: \(skipped)") }
                    if let anomaly = report.anomaly { print("  ANOMALY: \(anomaly)") }
                }
                for failure in summary.failures { print("FAILED \(failure)") }
                print("outbox: \(summary.outbox.delivered) delivered, \(summary.outbox.retrying) to retry, \(summary.outbox.failed) failed")
                for problem in summary.outbox.problems { print("  \(problem)") }
            }
            if !summary.failures.isEmpty || !summary.anomalies.isEmpty || summary.outbox.failed > 0 { throw ExitStatus.failure }
        }
    }
}

/// A one-line progress display on a terminal; silent when piped or with --json.
struct Progress {
    let total: Int
    let enabled: Bool

    func show(_ done: Int, _ what: String) {
        guard enabled else { return }
        let width = 20
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardOutput.write(Data("\r[\(bar)] \(done)/\(total) \(what)\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}
