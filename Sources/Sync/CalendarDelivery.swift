import Foundation
import ICal
import Logging
import Scheduling
import Store

/// Carries one calendar outbox item (put or delete of a booking's event) to the staff
/// member's calendar, conditionally, so a retry after a lost answer never makes a second
/// event and a staff member's edit is never overwritten blindly.
public struct CalendarDelivery: Sendable {
    public enum Outcome: Sendable, Equatable {
        case delivered(String)
        /// Try again later (the calendar was unreachable, or busy).
        case retry(String)
        /// Retrying cannot help; a person (or `supportcal sync`) must look.
        case failed(String)
    }

    public var store: SupportStore
    public var logger: Logger

    public init(store: SupportStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func put(_ event: BookingEvent, booking: BookingID, staff: StaffKey, calendar: any StaffCalendar, now: Date) async -> Outcome {
        let document: ICalDocument
        do { document = try event.storedObject() } catch { return .failed("cannot build the event: \(error)") }
        do {
            let known = try await store.read { tx in try tx.calendarObjects(bookingID: booking).first { $0.staff == staff } }
            if let known, let etag = known.etag {
                guard let current = try await calendar.object(named: known.href) else {
                    return .failed("the event was removed from the staff calendar; `supportcal sync` turns that into a staff cancellation")
                }
                guard current.etag == etag else {
                    // Changed by the staff member since we wrote it: the next sync reconciles
                    // their change first (a move becomes a staff reschedule), then this write goes out.
                    return .retry("\(known.href) changed in \(calendar.location) since SupportCal wrote it; waiting for `supportcal sync`")
                }
                // Rewrite over their copy so alarms, notes and app properties they added survive.
                let merged = try event.storedObject(preserving: current.document)
                let newETag = try await calendar.update(named: known.href, merged, ifMatch: etag)
                try await record(
                    staff: staff, calendar: calendar, name: known.href, etag: newETag, uid: event.uid, booking: booking, now: now)
                return .delivered("updated \(known.href)")
            }
            let name = CalendarObjectName.forUID(event.uid)
            do {
                let etag = try await calendar.create(named: name, document)
                try await record(staff: staff, calendar: calendar, name: name, etag: etag, uid: event.uid, booking: booking, now: now)
                return .delivered("created \(name)")
            } catch let error as CalendarError where error.code == .conflict {
                // The name exists: if it is our own event (a create whose answer was lost),
                // adopt it and write this version over it; anything else is not ours to touch.
                guard let existing = try await calendar.object(named: name), existing.bookingID == booking.rawValue else {
                    return .failed("\(name) exists in \(calendar.location) and is not this booking's event")
                }
                let etag = try await calendar.update(named: name, document, ifMatch: existing.etag)
                try await record(staff: staff, calendar: calendar, name: name, etag: etag, uid: event.uid, booking: booking, now: now)
                return .delivered("adopted \(name)")
            }
        } catch let error as CalendarError {
            switch error.code {
            case .conflict:
                return .retry(
                    "the event was changed in the staff calendar while SupportCal wrote it; `supportcal sync` reconciles it (\(error))")
            case .notFound:
                return .failed(
                    "the event was removed from the staff calendar; `supportcal sync` turns that into a staff cancellation (\(error))")
            case .unavailable:
                return .retry("\(error)")
            default:
                return .failed("\(error)")
            }
        } catch {
            return .retry("\(error)")
        }
    }

    /// Writes an event that is ours but no booking's (a return call): created once; a
    /// create whose answer was lost finds its own event by `idProperty` and adopts it.
    /// Not recorded with the booking objects, and never moved by sync.
    public func create(_ event: BookingEvent, calendar: any StaffCalendar) async -> Outcome {
        let document: ICalDocument
        do { document = try event.storedObject() } catch { return .failed("cannot build the event: \(error)") }
        let name = CalendarObjectName.forUID(event.uid)
        do throws(CalendarError) {
            do throws(CalendarError) {
                _ = try await calendar.create(named: name, document)
                return .delivered("created \(name)")
            } catch let error where error.code == .conflict {
                guard let existing = try await calendar.object(named: name),
                    existing.document.events.contains(where: { $0.property(event.idProperty)?.value == event.bookingID })
                else {
                    return .failed("\(name) exists in \(calendar.location) and is not this event")
                }
                _ = try await calendar.update(named: name, document, ifMatch: existing.etag)
                return .delivered("adopted \(name)")
            }
        } catch {
            return error.code == .unavailable || error.code == .conflict ? .retry("\(error)") : .failed("\(error)")
        }
    }

    public func delete(uid: String, booking: BookingID, staff: StaffKey, calendar: any StaffCalendar) async -> Outcome {
        do {
            let known = try await store.read { tx in try tx.calendarObjects(bookingID: booking).first { $0.staff == staff } }
            let name = known?.href ?? CalendarObjectName.forUID(uid)
            guard let current = try await calendar.object(named: name) else {
                try await forget(staff: staff, name: name)
                return .delivered("already gone")
            }
            guard current.bookingID == booking.rawValue else {
                return .failed("\(name) in \(calendar.location) is not this booking's event; left alone")
            }
            try await calendar.delete(named: name, ifMatch: current.etag)
            try await forget(staff: staff, name: name)
            return .delivered("deleted \(name)")
        } catch let error as CalendarError {
            return error.code == .unavailable || error.code == .conflict ? .retry("\(error)") : .failed("\(error)")
        } catch {
            return .retry("\(error)")
        }
    }

    private func record(
        staff: StaffKey, calendar: any StaffCalendar, name: String, etag: String, uid: String, booking: BookingID, now: Date
    ) async throws {
        let state = CalendarObjectState(
            staff: staff, calendar: calendar.location, href: name, etag: etag, uid: uid, bookingID: booking, updatedAt: now)
        try await store.write { tx in try tx.upsertCalendarObject(state) }
    }

    private func forget(staff: StaffKey, name: String) async throws {
        _ = try await store.write { tx in try tx.deleteCalendarObject(staff: staff, href: name) }
    }
}
