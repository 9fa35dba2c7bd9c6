import Foundation
import Scheduling
import Store

/// One day of the support desk as the staff console shows it: every staff member's
/// sessions (all statuses), whether each is on their calendar yet, the last sync of their
/// calendar, and the free openings left between sessions.
public struct StaffDay: Sendable {
    public struct Session: Sendable {
        public var stored: StoredBooking
        public var company: Company?
        public var contact: Contact?
        /// The calendar write's state: delivered (on the calendar), pending, failed, or nil
        /// when there was none (a removal's delete supersedes it).
        public var calendarWrite: OutboxItem.Status?
        public var booking: Booking { stored.booking }
    }

    public struct Member: Sendable {
        public var staff: Staff
        public var sessions: [Session]
        /// Free time left today (from now) or that day, of at least 10 minutes.
        public var openings: [TimeRange]
        public var lastSync: Date?
    }

    public var date: LocalDate
    public var window: TimeRange
    public var members: [Member]
}

extension SupportDesk {
    /// The day `date` in the vendor's zone, read in one transaction.
    public func staffDay(_ date: LocalDate, now: Date) async throws -> StaffDay {
        let clock = WallClock(policy.vendorTimeZone)
        let window = clock.day(date)
        let staff = self.staff
        let finder = SlotFinder(policy: policy)
        return try await store.read { tx in
            let availability = try tx.availability(staff: staff, window: window)
            var companies: [CompanyID: Company?] = [:]
            var members: [StaffDay.Member] = []
            for member in staff {
                let stored = try tx.storedBookings(BookingQuery(overlapping: window, staff: member.key))
                let sessions = try stored.map { stored -> StaffDay.Session in
                    let booking = stored.booking
                    if companies[booking.companyID] == nil { companies[booking.companyID] = try tx.company(booking.companyID) }
                    let write = try tx.outboxItems(bookingID: booking.id).last { $0.kind == .calendarPut || $0.kind == .calendarDelete }
                    return StaffDay.Session(
                        stored: stored, company: companies[booking.companyID] ?? nil, contact: try tx.contact(booking.contactID),
                        calendarWrite: write?.kind == .calendarPut ? write?.status : nil)
                }
                let from = max(window.start, now)
                let openings =
                    from < window.end
                    ? finder.freeTime(of: member, in: TimeRange(start: from, end: window.end), availability: availability)
                        .filter { $0.duration >= 10 * 60 } : []
                let lastSync = try tx.calendarSyncStates(staff: member.key).compactMap(\.lastSyncedAt).max()
                members.append(StaffDay.Member(staff: member, sessions: sessions, openings: openings, lastSync: lastSync))
            }
            return StaffDay(date: date, window: window, members: members)
        }
    }
}
