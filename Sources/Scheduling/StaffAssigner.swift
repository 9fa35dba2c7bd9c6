import Foundation

/// §3: "one staff member is assigned per session … least booked that day wins; ties
/// broken deterministically". The day is the staff member's own local day, since that
/// is the day they experience as full. Ties go to the smallest staff key, so the same
/// inputs always give the same person (and tests and replays agree).
public struct StaffAssigner: Sendable {
    public init() {}

    /// The candidate with the fewest bookings on the day of `start`, or `nil` if there
    /// are no candidates.
    public func assign(from candidates: [StaffKey], at start: Date, availability: Availability) -> StaffKey? {
        candidates
            .map { (key: $0, load: load(of: $0, onDayOf: start, availability: availability)) }
            .min { ($0.load, $0.key) < ($1.load, $1.key) }?
            .key
    }

    /// Bookings the staff member has on their local day containing `instant`: every
    /// booking that was not cancelled (a no-show still took the time).
    public func load(of key: StaffKey, onDayOf instant: Date, availability: Availability) -> Int {
        let zone = availability.staffMember(key)?.timeZone ?? TimeZone(identifier: "UTC")!
        let day = WallClock(zone).day(WallClock(zone).localDate(of: instant))
        return availability.bookings.reduce(0) { count, booking in
            booking.staff == key && !booking.status.isCancelled && day.contains(booking.start) ? count + 1 : count
        }
    }
}
