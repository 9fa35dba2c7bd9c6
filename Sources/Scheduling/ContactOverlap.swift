import Foundation

/// One person cannot attend two sessions at once: a contact who already has an active
/// session overlapping the requested time is refused, on every path that books or
/// moves a session (a double-submitted form, a second tab, a staff member's typo).
public enum ContactOverlap {
    /// The refusal, or `nil` when `contact` has no active session overlapping `range`
    /// other than `excluding` (the booking being moved).
    public static func refusal(
        contact: ContactID, range: TimeRange, availability: Availability,
        excluding: BookingID? = nil, zone: TimeZone
    ) -> (Rule, String)? {
        guard
            let other = availability.bookings.first(where: {
                $0.contactID == contact && $0.id != excluding && $0.status.isActive && $0.range.overlaps(range)
            })
        else { return nil }
        return (
            .alreadyBookedThen,
            "You already have a \(other.sessionType.description) at \(CustomerTime.describe(other.start, in: zone)); "
                + "a second session at the same time cannot be booked. Move or cancel that one first, or choose another time."
        )
    }
}
