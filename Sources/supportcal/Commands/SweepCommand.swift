import ArgumentParser
import FileSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Close no-shows, then deliver every due calendar write and email (reminders included).",
        discussion: """
            Run it every minute (cron, a systemd timer, or `supportcal serve` later does it for you). It is safe to kill at any point and to run again: nothing is lost and nothing is sent twice (each email has a fixed Message-ID and Maildir name, each calendar write is conditional). Only one sweep runs at a time; a second one exits at once.

            Example: supportcal sweep --now 2026-11-03T15:10:00Z
            """
    )

    @OptionGroup var global: GlobalOptions

    struct Report: Encodable {
        var closedAsNoShow: [String]
        var outbox: OutboxDeliverer.Summary
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global, exclusive: true)
            defer { context.lock?.release() }
            let closed = try context.desk.closeDueNoShows(actor: context.actor("sweep"), now: context.now)
            try context.pruneIdempotencyKeys()
            let summary = try await OutboxDeliverer(context: context).deliverDue()
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

extension AppContext {
    /// The HTTP API's Idempotency-Keys are kept a week, then forgotten.
    func pruneIdempotencyKeys() throws {
        let cutoff = now.addingTimeInterval(-7 * 86_400)
        try store.write { tx in try tx.pruneIdempotencyKeys(olderThan: cutoff) }
    }
}

/// An exclusive `flock` on `<data>/sweep.lock`, released when the process ends however it ends.
struct SweepLock {
    let lock: FileLock

    init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sweep.lock").path
        guard let lock = try FileLock(path: path) else {
            throw CommandFailure(message: "another sweep is running (\(path) is locked); try again in a minute")
        }
        self.lock = lock
    }

    func release() { lock.release() }
}
