import Config
import Foundation
import Logging
import Operations
import Scheduling
import Store
import UseCases

/// Everything a command needs, built once from the configuration: the composition root.
/// The work itself is the `SupportDesk`'s, shared with `supportcal serve`.
struct AppContext {
    let configuration: SupportCalConfiguration
    let desk: SupportDesk
    let now: Date
    /// Held by `sweep` and `sync`, which must not run twice at once.
    let lock: SweepLock?

    var store: SupportStore { desk.store }
    var logger: Logger { desk.logger }
    var policy: Policy { configuration.policy }
    var staff: [Staff] { desk.staff }

    /// Loads the configuration and opens (creating or migrating) the store. A bad
    /// configuration is a usage error (exit 2) naming the key.
    ///
    /// `exclusive` takes the sweep lock first. Holding it proves no other sweep or sync is
    /// alive, so outbox items a killed one left claimed are taken over at once instead of
    /// after the claim timeout.
    /// `longRunning` (serve) keeps calendar copies between syncs; a command keeps none.
    static func open(
        _ options: GlobalOptions, logLevel: Logger.Level = .warning, exclusive: Bool = false, longRunning: Bool = false
    ) throws -> AppContext {
        let file = SupportCalConfiguration.locate(explicit: options.config)
        let configuration: SupportCalConfiguration
        do {
            configuration = try SupportCalConfiguration.load(from: file)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: ExitStatus.usage)
        }
        var logger = Logger(label: "supportcal")
        logger.logLevel = logLevel
        var lock: SweepLock?
        if exclusive {
            lock = try SweepLock(folder: configuration.dataDirectory)
            guard lock != nil else {
                throw CommandFailure(
                    message:
                        "another sweep or sync is running (\(configuration.dataDirectory.path)/sweep.lock is locked); try again in a minute"
                )
            }
        }
        var retry = OutboxRetryPolicy.default
        if exclusive { retry.claimTimeout = 0 }
        let store: SupportStore
        do {
            store = try SupportStore(path: configuration.databasePath.path, outboxRetry: retry, logger: logger)
        } catch {
            lock?.release()
            throw CommandFailure(message: "\(configuration.databasePath.path): \(error)")
        }
        let desk = SupportDesk(configuration: configuration, store: store, keepsCalendarCopies: longRunning, logger: logger)
        let context = AppContext(configuration: configuration, desk: desk, now: options.instant, lock: lock)
        try context.mirrorStaff()
        return context
    }

    /// The store keeps a row per staff member for its foreign keys; the configuration is
    /// the source of truth, so it is mirrored in whenever they differ.
    private func mirrorStaff() throws {
        let profiles = configuration.staff.map { StaffProfile($0.staff, email: $0.email) }
        let stored = try store.read { tx in try tx.staffProfiles() }
        guard Set(stored) != Set(profiles) else { return }
        try store.write { tx in try tx.mirrorStaff(profiles) }
    }

    func actor(_ command: String) -> BookingDesk.Actor {
        BookingDesk.Actor("cli:\(ProcessInfo.processInfo.userName)", via: "supportcal \(command)")
    }

    /// Delivers what the change just made queued (one booking's or return call's items, or
    /// everything due), so the command's effect is in the calendar and the mailbox when it ends.
    @discardableResult
    func deliver(booking: BookingID? = nil, returnCall: String? = nil) async throws -> OutboxSummary {
        try await desk.deliverOutbox(booking: booking, returnCall: returnCall, now: now)
    }
}
