import Foundation

/// §5: a customer may cancel or reschedule up to 65 minutes before the start; at
/// 65 minutes or less the request is refused, naming the exact cutoff in the
/// contact's zone. Staff may cancel or move a session at any time.
public struct CancellationCutoff: Sendable {
    public enum Action: String, Sendable {
        case cancel = "cancelled"
        case reschedule = "rescheduled"

        var rule: Rule { self == .cancel ? .cancelCutoff : .rescheduleCutoff }
    }

    public var policy: Policy

    public init(_ policy: Policy = .default) {
        self.policy = policy
    }

    /// The last instant at which a customer may still change `booking` is just before
    /// this; at it, the change is refused.
    public func cutoff(for booking: Booking) -> Date {
        booking.start.addingTimeInterval(-policy.cancellationCutoff)
    }

    /// Accepted with the cutoff instant when `party` may change `booking` now.
    public func check(_ booking: Booking, by party: Party, now: Date, zone: TimeZone, action: Action = .cancel) -> Decision<Date> {
        let cutoff = cutoff(for: booking)
        guard booking.status.isActive else {
            return .refused(.bookingNotActive, reason: CancellationCutoff.notActiveReason(booking, zone: zone))
        }
        guard party == .customer else { return .accepted(cutoff) }
        // Strictly before: "at 65 minutes or less, the request is refused".
        guard now < cutoff else {
            return .refused(
                action.rule,
                reason: "Sessions can be \(action.rawValue) up to \(policy.cancellationCutoff.spokenDuration) before they start; "
                    + "the cutoff for this session was \(CustomerTime.describe(cutoff, in: zone)).")
        }
        return .accepted(cutoff)
    }

    /// The cancelled booking, or a refusal. Paid sessions cancelled by the customer are
    /// not refunded; cancelled by staff they are flagged for refund (§2).
    public func cancel(_ booking: Booking, by party: Party, now: Date, zone: TimeZone) -> Decision<Booking> {
        switch check(booking, by: party, now: now, zone: zone, action: .cancel) {
        case .refused(let rule, let reason):
            return .refused(rule, reason: reason)
        case .accepted:
            // `check` established the booking is active, so the transition is legal.
            guard let cancelled = try? booking.cancelled(by: party, at: now) else {
                return .refused(.bookingNotActive, reason: CancellationCutoff.notActiveReason(booking, zone: zone))
            }
            return .accepted(cancelled)
        }
    }

    static func notActiveReason(_ booking: Booking, zone: TimeZone) -> String {
        let when = CustomerTime.describe(booking.start, in: zone)
        switch booking.status {
        case .cancelledByCustomer, .cancelledByStaff:
            return "The session at \(when) has already been cancelled."
        case .noShow:
            return "The session at \(when) was closed because nobody joined within the first minutes."
        case .joined, .completed:
            return "The session at \(when) has already taken place."
        case .confirmed, .rescheduled:
            return "The session at \(when) can no longer be changed."
        }
    }
}
