import Foundation
import ICal
import Operations
import Scheduling
import Store

extension SupportDesk {
    /// Free slots of `type` starting in `requested`, from `now` on.
    public func slots(_ type: SessionType, in requested: TimeRange, now: Date) async throws -> [Slot] {
        guard requested.end > max(requested.start, now) else { return [] }
        let window = TimeRange(start: max(requested.start, now), end: requested.end)
        try await refreshBusy(.listing(window))
        let staff = self.staff
        let cache = availabilityCache
        let availability = try await store.read { tx in
            try cache.availability(staff: staff, window: AvailabilityCache.daysAround(window), in: tx)
        }
        return SlotFinder(policy: policy).offered(for: type, in: window, availability: availability, now: now)
    }

    /// Books `request` if the policy agrees, after re-checking the staff calendars.
    public func book(_ request: BookingRequest, actor: BookingDesk.Actor, now: Date) async throws -> Decision<StoredBooking> {
        try await refreshBusy(.booking(at: request.start))
        return try await decide { try $0.book(request, actor: actor, now: now) }
    }

    /// The price `request` would be booked at now, decided as booking decides it. Nothing is booked.
    public func quote(_ request: BookingRequest, actor: BookingDesk.Actor, now: Date) async throws -> Decision<Charge> {
        try await decide { try $0.quote(request, actor: actor, now: now) }
    }

    public func cancel(_ id: BookingID, by party: Party, actor: BookingDesk.Actor, now: Date) async throws -> Decision<Booking> {
        try await decide { try $0.cancel(id, by: party, actor: actor, now: now) }
    }

    /// Moves `booking` to `start` (staff may also give it to `staff`).
    public func reschedule(
        _ booking: Booking, to start: Date, by party: Party, staff: StaffKey? = nil, actor: BookingDesk.Actor, now: Date
    ) async throws -> Decision<Booking> {
        try await refreshBusy(.rescheduling(booking, to: start))
        let id = booking.id
        return try await decide { try $0.reschedule(id, to: start, by: party, staff: staff, actor: actor, now: now) }
    }

    public func join(_ id: BookingID, at instant: Date, actor: BookingDesk.Actor, now: Date) async throws -> Booking {
        try await decide { try $0.join(id, at: instant, actor: actor, now: now) }
    }

    public func reinstate(_ company: CompanyID, reference: String, amount: Money?, actor: BookingDesk.Actor, now: Date) async throws
        -> Decision<Payment>
    {
        try await decide { try $0.reinstate(company, reference: reference, amount: amount, actor: actor, now: now) }
    }

    /// Applies a customer's calendar REPLY (see `BookingDesk.applyReply`).
    public func applyReply(_ reply: ITIPReply, actor: BookingDesk.Actor, now: Date) async throws -> BookingDesk.ReplyOutcome {
        try await decide { try $0.applyReply(reply, actor: actor, now: now) }
    }
}
