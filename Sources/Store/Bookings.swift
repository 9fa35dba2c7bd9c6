import Foundation
import Scheduling

/// A booking with what only the store knows about it.
public struct StoredBooking: Hashable, Sendable {
    public var booking: Booking
    /// The UID of the booking's VEVENT in the staff calendar (stable for its life).
    public var calendarUID: String
    /// Placed by staff in an emergency opening (§7) rather than booked by the customer.
    public var isEmergency: Bool

    public init(booking: Booking, calendarUID: String, isEmergency: Bool) {
        self.booking = booking
        self.calendarUID = calendarUID
        self.isEmergency = isEmergency
    }
}

/// Which bookings `StoreTransaction.bookings(_:)` returns. Every set field narrows the
/// result; the default matches every booking.
public struct BookingQuery: Hashable, Sendable {
    public enum Order: Hashable, Sendable {
        /// Earliest start first (ties by id).
        case startAscending
        /// Latest start first (ties by id, descending).
        case startDescending
    }

    /// Start at or after this instant.
    public var startingFrom: Date?
    /// Start before this instant.
    public var startingBefore: Date?
    /// `[start, end)` overlaps this range (half-open, like `TimeRange.overlaps`).
    public var overlapping: TimeRange?
    /// One of these statuses; `nil` for any.
    public var statuses: Set<Booking.Status>?
    public var company: CompanyID?
    public var contact: ContactID?
    public var staff: StaffKey?
    public var limit: Int?
    public var order: Order

    public init(
        startingFrom: Date? = nil, startingBefore: Date? = nil, overlapping: TimeRange? = nil,
        statuses: Set<Booking.Status>? = nil, company: CompanyID? = nil, contact: ContactID? = nil,
        staff: StaffKey? = nil, limit: Int? = nil, order: Order = .startAscending
    ) {
        self.startingFrom = startingFrom
        self.startingBefore = startingBefore
        self.overlapping = overlapping
        self.statuses = statuses
        self.company = company
        self.contact = contact
        self.staff = staff
        self.limit = limit
        self.order = order
    }

    /// Every booking that is still ahead (confirmed or rescheduled).
    public static let active = BookingQuery(statuses: [.confirmed, .rescheduled])
}

/// Booking identifiers: `b-` followed by 10 characters of Crockford base32 in lower
/// case (50 random bits), e.g. `b-7k2m9q4xz1`. Short enough to read over the phone,
/// never reused; a collision would surface as `.duplicate` on insert.
public enum BookingIDs {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    public static func make() -> BookingID {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> BookingID {
        BookingID("b-" + String((0..<10).map { _ in alphabet[Int(rng.next(upperBound: UInt8(32)))] }))
    }

    /// The default calendar UID for a booking's VEVENT: `<booking id>@supportcal`.
    public static func calendarUID(for id: BookingID) -> String { "\(id.rawValue)@supportcal" }
}
