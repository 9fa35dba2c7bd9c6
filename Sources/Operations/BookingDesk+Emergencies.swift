import Foundation
import Scheduling
import Store

extension BookingDesk {
    /// Today's openings across all staff for `company` (active maintenance only), earliest first.
    public func emergencyOpenings(for company: Company, contact: Contact, now: Date) throws -> Decision<[EmergencyOpening]> {
        let availability = try store.read { tx in
            try tx.availability(staff: staff, window: TimeRange(start: now, end: now.addingTimeInterval(86_400)))
        }
        return EmergencyOpenings(policy).openings(
            for: company, availability: availability, now: now, zone: policy.vendorTimeZone, contactZone: contact.timeZone)
    }

    /// Places the contact's company in an opening of `staffKey` starting at `start`. With
    /// `request`, the queued emergency request it answers is closed as placed in the same
    /// transaction: of two staff members placing one request, exactly one books.
    public func placeEmergency(
        company: Company, contact: Contact, type: SessionType, start: Date, staff staffKey: StaffKey,
        request: String? = nil, actor: Actor, now: Date
    ) throws -> Decision<StoredBooking> {
        _ = try staffMember(staffKey)
        return try store.write { tx in
            if let request, let queued = try tx.emergencyRequest(request), queued.state != .open {
                return .refused(
                    .emergencyRequestClosed, reason: "This request is already \(queued.state.rawValue); nothing was booked.")
            }
            let availability = try tx.availability(staff: staff, window: TimeRange(start: now, end: now.addingTimeInterval(86_400)))
            let id = BookingIDs.make()
            // Priced like any session (the policy prices emergencies no differently).
            guard let charge = SessionPricing(feeSchedule: feeSchedule).charge(type, plan: company.plan(at: now), at: now) else {
                return .refused(.sessionTypeNotOffered, reason: SessionPricing.notOfferedReason(type))
            }
            let decision = EmergencyOpenings(policy).place(
                bookingID: id, company: company, contact: contact, sessionType: type, start: start,
                staff: staffKey, charge: charge,
                availability: availability, now: now, zone: policy.vendorTimeZone)
            switch decision {
            case .refused(let rule, let reason):
                return .refused(rule, reason: reason)
            case .accepted(let booking):
                let uid = BookingIDs.calendarUID(for: booking.id)
                try tx.insert(booking, calendarUID: uid, isEmergency: true)
                if let request { try tx.close(emergencyRequest: request, as: .placed, at: now, booking: booking.id) }
                _ = try tx.enqueue(OutboxMessages.calendarPut(booking), at: now)
                _ = try tx.enqueue(OutboxMessages.email(.emergencyPlacement, booking: booking, to: contact), at: now)
                for message in OutboxMessages.plannedEmails(for: booking, contact: contact, now: now, policy: policy)
                where message.dedupeKey.contains("reminder") {
                    _ = try tx.enqueue(message, at: now)
                }
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "booking.emergency-placed", bookingID: booking.id,
                        companyID: company.id, via: actor.via, details: ["start": start.formatted(.iso8601), "staff": staffKey.rawValue]))
                return .accepted(StoredBooking(booking: booking, calendarUID: uid, isEmergency: true))
            }
        }
    }

    /// Plans the one return call the policy allows, in today's first gap of 10 minutes.
    public func requestReturnCall(company: Company, contact: Contact, note: String?, actor: Actor, now: Date) throws -> Decision<
        ReturnCallRecord
    > {
        try store.write { tx in
            let previous = try tx.returnCalls(
                company: company.id, since: WallClock(policy.vendorTimeZone).startOfDay(WallClock(policy.vendorTimeZone).localDate(of: now))
            )
            let availability = try tx.availability(staff: staff, window: TimeRange(start: now, end: now.addingTimeInterval(86_400)))
            let pending = previous.last.flatMap {
                $0.outcome == nil ? ReturnCall(staff: $0.staff, start: $0.start, end: $0.end, attempt: $0.attempt) : nil
            }
            switch ReturnCallPlanner(policy).plan(
                for: company, previousAttempts: previous.count, pending: pending, availability: availability, now: now,
                contactZone: contact.timeZone)
            {
            case .refused(let rule, let reason):
                return .refused(rule, reason: reason)
            case .accepted(let call):
                let record = ReturnCallRecord(companyID: company.id, contactID: contact.id, call: call, requestedAt: now, note: note)
                try tx.insert(record)
                _ = try tx.enqueue(OutboxMessages.returnCallEvent(record), at: now)
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "return-call.planned", companyID: company.id, via: actor.via,
                        details: ["id": record.id, "staff": call.staff.rawValue, "start": call.start.formatted(.iso8601)]))
                return .accepted(record)
            }
        }
    }

    public func recordReturnCall(_ id: String, outcome: ReturnCallOutcome, actor: Actor, now: Date) throws -> (
        ReturnCallRecord, ReturnCallResolution
    ) {
        try store.write { tx in
            let record = try tx.recordOutcome(outcome, ofReturnCall: id, at: now)
            _ = try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: "return-call.attempted", companyID: record.companyID, via: actor.via,
                    details: ["id": id, "outcome": outcome.rawValue]))
            return (record, ReturnCallPlanner(policy).resolve(outcome))
        }
    }
}
