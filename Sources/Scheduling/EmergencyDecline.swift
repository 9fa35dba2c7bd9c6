import Foundation

/// A customer placed in an emergency opening who cannot make it says so at once (§7), and
/// the opening is released. Emergencies are placed inside the usual 65-minute cutoff, so
/// the cutoff does not apply: declining is possible until the session starts.
public struct EmergencyDecline: Sendable {
    public init() {}

    public func decline(_ booking: Booking, now: Date, zone: TimeZone) -> Decision<Booking> {
        guard booking.status.isActive else {
            return .refused(.bookingNotActive, reason: CancellationCutoff.notActiveReason(booking, zone: zone))
        }
        guard now < booking.start else {
            return .refused(
                .sessionStarted,
                reason: "The session started at \(CustomerTime.describe(booking.start, in: zone)); it can no longer be declined.")
        }
        do {
            return .accepted(try booking.cancelled(by: .customer, at: now))
        } catch {
            return .refused(.bookingNotActive, reason: CancellationCutoff.notActiveReason(booking, zone: zone))
        }
    }
}
