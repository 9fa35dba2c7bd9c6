import Foundation
import Operations
import Scheduling
import Store
import Sync

extension SupportDesk {
    /// Delivers due outbox items: all of them, or one booking's or one return call's.
    @discardableResult
    public func deliverOutbox(booking: BookingID? = nil, returnCall: String? = nil, now: Date) async throws -> OutboxSummary {
        try await OutboxDelivery(desk: self, now: now).deliverDue(bookingID: booking, returnCall: returnCall)
    }

    /// Reads the local staff calendars once before the service takes requests, so the
    /// first customers do not wait while thousands of files are parsed (later reads only
    /// look at what changed). A calendar that cannot be read is logged and skipped.
    public func warmUp(now: Date) async {
        let window = TimeRange(start: now, end: now.addingTimeInterval(TimeInterval(SlotWindow.defaultDays) * 86_400))
        do {
            try await refreshBusy(.listing(window))
        } catch {
            logger.warning("calendars not read before serving", metadata: ["error.message": "\(error)"])
        }
    }

    /// Closes every session nobody joined by start + grace, and forgets Idempotency-Keys
    /// older than a week. Callers deliver the outbox after.
    public func sweep(actor: BookingDesk.Actor, now: Date) async throws -> [Booking] {
        try await decide { desk in
            try desk.store.write { tx in try tx.pruneIdempotencyKeys(olderThan: now.addingTimeInterval(-7 * 86_400)) }
            return try desk.closeDueNoShows(actor: actor, now: now)
        }
    }

    /// What one sync did: a report per calendar read, and what failed (named).
    public struct SyncOutcome: Sendable {
        public var reports: [Reconciler.Report] = []
        public var failures: [String] = []
        public var staffChanges: Int { reports.reduce(0) { $0 + $1.staffReschedules.count + $1.staffCancellations.count } }
    }

    /// Reconciles every staff calendar (staff moves and deletions become reschedules and
    /// cancellations) and refreshes busy time `busyDays` ahead. A failing calendar is
    /// reported and left for the next run: nothing is cancelled or forgotten on a failure.
    /// `only` limits it to those staff members' calendars (the ones a poll found changed).
    public func sync(
        busyDays: Int, now: Date, only: Set<StaffKey>? = nil, progress: (Int, String) -> Void = { _, _ in }
    ) async -> SyncOutcome {
        var outcome = SyncOutcome()
        let reconciler = Reconciler(desk: bookings, logger: logger)
        for (index, member) in staff.enumerated() where only?.contains(member.key) ?? true {
            guard !Task.isCancelled else {
                outcome.failures.append("stopped before \(member.key.rawValue)'s calendar: cancelled (the next sync reads it)")
                break
            }
            progress(index, "reading \(member.key.rawValue)'s calendar")
            guard let calendar = calendars.calendar(for: member.key) else { continue }
            do {
                outcome.reports.append(try await reconciler.reconcile(member, calendar: calendar, now: now))
                let (from, to) = (now.addingTimeInterval(-86_400), now.addingTimeInterval(TimeInterval(busyDays) * 86_400))
                let refresh: CalendarBusyRefresh.Result
                // The objects the sync just mirrored answer the busy time, when kept (`serve`).
                if let caldav = calendar as? CalDAVCalendar,
                    let report = caldav.busyFromCopies(from: from, to: to, floatingTimeZone: member.timeZone.identifier)
                {
                    refresh = try await CalendarBusyRefresh(store: store).store([(member, calendar.location, report)], from: from, to: to)
                } else {
                    refresh = try await CalendarBusyRefresh(store: store).refresh([(member, calendar)], from: from, to: to)
                }
                for (location, problem) in refresh.failures {
                    outcome.failures.append("\(member.key.rawValue): busy time of \(location): \(problem)")
                }
            } catch {
                outcome.failures.append("\(member.key.rawValue): \(error)")
            }
        }
        return outcome
    }
}
