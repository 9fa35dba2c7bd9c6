import Foundation

/// §6: ten minutes after the scheduled start, a session nobody from the company has
/// joined is closed as a no-show. Run periodically with the current time; running it
/// late closes the same sessions with the same `closedAt` (start + grace), so a
/// delayed run does not shift the no-show's time.
public struct NoShowCloser: Sendable {
    public var policy: Policy

    public init(_ policy: Policy = .default) {
        self.policy = policy
    }

    /// The moment `booking` becomes a no-show if nobody has joined.
    public func closingTime(of booking: Booking) -> Date {
        booking.start.addingTimeInterval(policy.noShowGrace)
    }

    /// Whether `booking` is due to be closed at `now`.
    public func isDue(_ booking: Booking, now: Date) -> Bool {
        booking.status.isActive && now >= closingTime(of: booking)
    }

    /// The due bookings among `bookings`, closed, in start order.
    public func closeDue(_ bookings: [Booking], now: Date) -> [Booking] {
        bookings
            .filter { isDue($0, now: now) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            .compactMap { try? $0.closedAsNoShow(at: now, grace: policy.noShowGrace) }
    }

    /// A join reported at `instant`, with the no-show rule applied: at or after the
    /// closing time the booking is (or stays) a no-show.
    public func recordJoin(_ booking: Booking, at instant: Date) throws(SchedulingError) -> Booking {
        try booking.joined(at: instant, grace: policy.noShowGrace)
    }
}
