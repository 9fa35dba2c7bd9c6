import Foundation
import ICal
import Logging
import Operations
import Scheduling
import Store

/// Reads what changed in one staff calendar since the last sync and turns staff edits of
/// booking events into policy actions: a moved event becomes a staff reschedule, a
/// deleted or cancelled one a staff cancellation (the customer is told through the outbox).
///
/// Safety first: a failed or malformed read changes nothing, and a sync that would
/// cancel more than `maximumCancellationShare` of the staff member's upcoming bookings
/// (an emptied or replaced calendar) cancels nothing and reports an anomaly.
public struct Reconciler: Sendable {
    public var desk: BookingDesk
    public var logger: Logger
    public var maximumCancellationShare: Double
    /// Below this many cancellations in one sync the share rule does not apply: one
    /// deleted event of two upcoming is an ordinary staff cancellation.
    public var anomalyFloor: Int

    public init(desk: BookingDesk, logger: Logger, maximumCancellationShare: Double = 0.5, anomalyFloor: Int = 3) {
        self.desk = desk
        self.logger = logger
        self.maximumCancellationShare = maximumCancellationShare
        self.anomalyFloor = anomalyFloor
    }

    public struct Report: Sendable, Codable {
        public var staff: String
        public var calendar: String
        public var changedObjects = 0
        public var deletedObjects = 0
        public var staffReschedules: [String] = []
        public var staffCancellations: [String] = []
        public var skipped: [String] = []
        public var anomaly: String?
    }

    private var store: SupportStore { desk.store }

    public func reconcile(_ staff: Staff, calendar: any StaffCalendar, now: Date) async throws -> Report {
        var report = Report(staff: staff.key.rawValue, calendar: calendar.location)
        let location = calendar.location
        let key = staff.key
        let (known, state) = try await store.read { tx in
            (try tx.calendarObjects(staff: key, calendar: location), try tx.calendarSyncState(staff: key, calendar: location))
        }
        let snapshot = CalendarSnapshot(
            token: state?.syncToken, etags: Dictionary(known.map { ($0.href, $0.etag ?? "") }, uniquingKeysWith: { $1 }),
            ctag: state?.ctag)
        let changes = try await calendar.changes(since: snapshot)
        report.changedObjects = changes.changed.count
        report.deletedObjects = changes.deleted.count
        report.skipped = changes.unreadable.map(\.description)
        for object in changes.unreadable {
            logger.warning(
                "calendar object skipped",
                metadata: ["staff.key": "\(key.rawValue)", "calendar.object": "\(object.name)", "calendar.problem": "\(object.reason)"])
        }

        var moves: [(BookingID, Date)] = []
        var cancels: [BookingID] = []
        let bookings = try await store.read { tx in try tx.bookings(BookingQuery(staff: key)) }
        let byID = Dictionary(bookings.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        for copy in changes.changed {
            guard let id = copy.bookingID.map({ BookingID($0) }), let booking = byID[id], booking.status.isActive else { continue }
            guard
                let event = copy.document.events.first(where: {
                    $0.recurrenceID == nil && $0.property(BookingEvent.bookingIDProperty) != nil
                })
            else { continue }
            if event.status?.uppercased() == "CANCELLED" {
                cancels.append(id)
            } else if let start = try? startInstant(of: copy.document, zone: staff.timeZone), start != booking.start {
                moves.append((id, start))
            }
        }
        let knownByName = Dictionary(known.map { ($0.href, $0) }, uniquingKeysWith: { $1 })
        for name in changes.deleted {
            if let id = knownByName[name]?.bookingID, let booking = byID[id], booking.status.isActive { cancels.append(id) }
        }

        let upcoming = bookings.filter { $0.status.isActive && $0.start > now }.count
        if cancels.count >= anomalyFloor, Double(cancels.count) > maximumCancellationShare * Double(max(upcoming, 1)) {
            report.anomaly =
                "\(cancels.count) of \(upcoming) upcoming bookings would be cancelled by this sync (the calendar looks emptied or "
                + "replaced); nothing was cancelled or recorded"
            logger.error(
                "sync anomaly",
                metadata: ["staff.key": "\(key.rawValue)", "sync.cancellations": "\(cancels.count)", "sync.upcoming": "\(upcoming)"])
            return report
        }

        // Record what the calendar now holds before acting, so our next write of a
        // booking event goes over the staff member's version (keeping their additions).
        let unreadable = Set(changes.unreadable.map(\.name))
        let changedByName = Dictionary(changes.changed.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        try await store.write { [changes] tx in
            for (name, etag) in changes.snapshot.etags where !unreadable.contains(name) {
                guard knownByName[name]?.etag != etag || changedByName[name] != nil else { continue }
                let copy = changedByName[name]
                let uid = copy?.document.events.first?.uid ?? knownByName[name]?.uid
                let booking = copy?.bookingID.map { BookingID($0) } ?? knownByName[name]?.bookingID
                try tx.upsertCalendarObject(
                    CalendarObjectState(
                        staff: key, calendar: location, href: name, etag: etag, uid: uid, bookingID: booking, updatedAt: now))
            }
            for name in changes.deleted { _ = try tx.deleteCalendarObject(staff: key, href: name) }
            try tx.setCalendarSyncState(
                CalendarSyncState(
                    staff: key, calendar: location, syncToken: changes.snapshot.token, ctag: changes.snapshot.ctag, lastSyncedAt: now))
        }

        let actor = BookingDesk.Actor("staff-calendar:\(key.rawValue)", via: "supportcal sync")
        for (id, start) in moves {
            switch try desk.reschedule(id, to: start, by: .staff, staff: key, actor: actor, now: now) {
            case .accepted: report.staffReschedules.append(id.rawValue)
            case .refused(let rule, let reason): report.skipped.append("\(id.rawValue): move not applied (\(rule.rawValue)): \(reason)")
            }
        }
        for id in cancels {
            switch try desk.cancel(id, by: .staff, actor: actor, now: now) {
            case .accepted: report.staffCancellations.append(id.rawValue)
            case .refused(let rule, let reason):
                report.skipped.append("\(id.rawValue): cancellation not applied (\(rule.rawValue)): \(reason)")
            }
        }
        return report
    }

    /// The booking event's start as an instant; our events are always zoned, a floating
    /// time (an app that dropped the zone) is read in the staff member's zone.
    private func startInstant(of document: ICalDocument, zone: TimeZone) throws -> Date? {
        guard let event = document.events.first(where: { $0.recurrenceID == nil }), let start = event.start else { return nil }
        switch start.form {
        case .floating, .date:
            let busy = try document.busyIntervals(
                from: start.instant.addingTimeInterval(-2 * 86_400), to: start.instant.addingTimeInterval(2 * 86_400),
                floatingTimeZone: zone.identifier)
            return busy.first?.start
        default:
            return start.instant
        }
    }
}
