import Foundation

/// §5: moving a booking. A customer is bound by the cutoff and may only move to a slot
/// that would be offered now; staff may move a session anywhere at any time (also by
/// dragging the event in their calendar app, which Sync turns into this call).
public struct Rescheduler: Sendable {
    public var policy: Policy

    public init(_ policy: Policy = .default) {
        self.policy = policy
    }

    /// The moved booking (sequence raised, price kept), or a refusal.
    ///
    /// For customers the current staff member keeps the session when still free at the
    /// new time, so their calendar entry moves instead of hopping to someone else;
    /// otherwise the least-loaded free staff member takes it.
    /// For staff, `staff` names the new assignee (default: unchanged) and nothing
    /// else is checked: staff know their calendars.
    public func reschedule(
        _ booking: Booking, to newStart: Date, by party: Party, staff newStaff: StaffKey? = nil,
        availability: Availability, now: Date, zone: TimeZone
    ) -> Decision<Booking> {
        let cutoff = CancellationCutoff(policy).check(booking, by: party, now: now, zone: zone, action: .reschedule)
        if case .refused(let rule, let reason) = cutoff { return .refused(rule, reason: reason) }

        let assignee: StaffKey
        if party == .staff {
            assignee = newStaff ?? booking.staff
        } else {
            let target = TimeRange(start: newStart, duration: booking.sessionType.duration)
            if let (rule, reason) = ContactOverlap.refusal(
                contact: booking.contactID, range: target, availability: availability, excluding: booking.id, zone: zone)
            {
                return .refused(rule, reason: reason)
            }
            if let (rule, reason) = BookingDecider.slotRefusal(
                for: target, policy: policy, availability: availability, now: now, zone: zone, excluding: booking.id)
            {
                return .refused(rule, reason: reason)
            }
            let free = SlotFinder(policy: policy).freeStaff(for: target, availability: availability, now: now, excluding: booking.id)
            if free.contains(booking.staff) {
                assignee = booking.staff
            } else if let chosen = StaffAssigner().assign(from: free, at: newStart, availability: availability) {
                assignee = chosen
            } else {
                return .refused(.slotTaken, reason: BookingDecider.slotTakenReason(target.start, zone: zone))
            }
        }
        guard let moved = try? booking.rescheduled(to: newStart, staff: assignee, at: now) else {
            return .refused(.bookingNotActive, reason: CancellationCutoff.notActiveReason(booking, zone: zone))
        }
        return .accepted(moved)
    }
}
