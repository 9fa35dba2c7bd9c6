import Foundation
import Operations
import Scheduling
import Store

extension SupportDesk {
    /// Today's openings across all staff for `company` (active maintenance only).
    public func emergencyOpenings(for company: Company, contact: Contact, now: Date) async throws -> Decision<[EmergencyOpening]> {
        try await refreshBusy(.urgent(now: now))
        return try await decide { try $0.emergencyOpenings(for: company, contact: contact, now: now) }
    }

    /// Places an emergency; with `request`, the queued request it answers (closed with it).
    public func placeEmergency(
        company: Company, contact: Contact, type: SessionType, start: Date, staff: StaffKey, request: String? = nil,
        actor: BookingDesk.Actor, now: Date
    ) async throws -> Decision<StoredBooking> {
        try await refreshBusy(.urgent(now: now))
        return try await decide {
            try $0.placeEmergency(
                company: company, contact: contact, type: type, start: start, staff: staff, request: request, actor: actor, now: now)
        }
    }

    /// The customer turned an emergency placement down: the opening is released.
    public func declineEmergency(_ id: BookingID, actor: BookingDesk.Actor, now: Date) async throws -> Decision<Booking> {
        try await decide { try $0.declineEmergency(id, actor: actor, now: now) }
    }

    /// Plans the one return call the policy allows today.
    public func requestReturnCall(company: Company, contact: Contact, note: String?, actor: BookingDesk.Actor, now: Date) async throws
        -> Decision<ReturnCallRecord>
    {
        try await refreshBusy(.urgent(now: now))
        return try await decide { try $0.requestReturnCall(company: company, contact: contact, note: note, actor: actor, now: now) }
    }

    public func recordReturnCall(_ id: String, outcome: ReturnCallOutcome, actor: BookingDesk.Actor, now: Date) async throws -> (
        ReturnCallRecord, ReturnCallResolution
    ) {
        try await decide { try $0.recordReturnCall(id, outcome: outcome, actor: actor, now: now) }
    }
}
