import Foundation
import Operations
import Scheduling

/// The work `supportcal serve` does besides answering requests, by the same code as
/// `supportcal sweep` and `supportcal sync`. Each returns a one-line summary for the log.
public struct BackgroundJobs: Sendable {
    public let desk: SupportDesk
    /// Where the sweep lock lives; a `supportcal sweep` from cron may hold it, and then this
    /// minute is its.
    public let lockFolder: URL

    public init(desk: SupportDesk, lockFolder: URL) {
        self.desk = desk
        self.lockFolder = lockFolder
    }

    public func deliverOutbox(now: Date) async throws {
        try await desk.deliverOutbox(now: now)
    }

    public func sweep(now: Date) async throws -> String {
        guard let lock = try SweepLock(folder: lockFolder) else { return "skipped: another sweep holds the lock" }
        defer { lock.release() }
        let closed = try await desk.sweep(actor: BookingDesk.Actor("serve", via: "supportcal serve"), now: now)
        return closed.isEmpty ? "nothing to close" : "closed as no-show: \(closed.map(\.id.rawValue).joined(separator: ", "))"
    }

    public struct SyncFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The cheap check of every CalDAV calendar, then a sync of those that changed; nil
    /// (nothing to log) when none did.
    public func poll(_ watch: CalendarChangeWatch, now: Date) async throws -> String? {
        let look = await watch.look(at: desk)
        if look.changed.isEmpty {
            if !look.failures.isEmpty { throw SyncFailed(description: look.failures.joined(separator: "; ")) }
            return nil
        }
        guard let lock = try SweepLock(folder: lockFolder) else { return "skipped: a sweep or sync holds the lock" }
        defer { lock.release() }
        let outcome = await desk.sync(busyDays: 60, now: now, only: Set(look.changed.map(\.staff)))
        for change in look.changed where !outcome.failures.contains(where: { $0.hasPrefix("\(change.staff.rawValue):") }) {
            watch.commit(change)
        }
        let failures = look.failures + outcome.failures
        if !failures.isEmpty { throw SyncFailed(description: failures.joined(separator: "; ")) }
        let names = look.changed.map(\.staff.rawValue).joined(separator: ", ")
        return "\(look.changed.count) of \(look.checked) calendars changed (\(names)), \(outcome.staffChanges) staff changes"
    }

    public func sync(now: Date) async throws -> String {
        guard let lock = try SweepLock(folder: lockFolder) else { return "skipped: a sweep or sync holds the lock" }
        defer { lock.release() }
        let outcome = await desk.sync(busyDays: 60, now: now)
        if !outcome.failures.isEmpty { throw SyncFailed(description: outcome.failures.joined(separator: "; ")) }
        return "\(outcome.reports.count) calendars, \(outcome.staffChanges) staff changes"
    }
}
