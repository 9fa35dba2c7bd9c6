import Foundation

/// Everything slot search needs to know about the staff at one moment: who works when,
/// when they are busy (free/busy from their calendars, §3) and what is already booked.
/// The Store builds it from the calendar mirror; tests build it by hand.
public struct Availability: Hashable, Sendable {
    public var staff: [Staff]
    /// Busy time per staff member: appointments, other calendars, recurring events,
    /// all-day events marked busy, TENTATIVE included, TRANSPARENT already left out.
    /// Need not be sorted or disjoint.
    public var busy: [StaffKey: [TimeRange]]
    /// Bookings of all companies; only those that occupy staff time block slots.
    public var bookings: [Booking]

    public init(staff: [Staff], busy: [StaffKey: [TimeRange]] = [:], bookings: [Booking] = []) {
        self.staff = staff
        self.busy = busy
        self.bookings = bookings
    }

    public func staffMember(_ key: StaffKey) -> Staff? { staff.first { $0.key == key } }
}
