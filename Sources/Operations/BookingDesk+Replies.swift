import Foundation
import ICal
import Scheduling
import Store

extension BookingDesk {
    /// The customer cannot make an emergency placement: the opening is released and the
    /// customer gets the cancellation (so it leaves their calendar too).
    public func declineEmergency(_ id: BookingID, actor: Actor, now: Date) throws -> Decision<Booking> {
        try store.write { tx in
            guard let stored = try tx.storedBooking(id) else { throw StoreError(.notFound, "there is no booking \(id.rawValue)") }
            guard stored.isEmergency else {
                return .refused(.bookingNotActive, reason: "Booking \(id.rawValue) is not an emergency placement; cancel it instead.")
            }
            return try decline(stored.booking, actor: actor, tx: tx, now: now)
        }
    }

    private func decline(_ booking: Booking, actor: Actor, tx: StoreTransaction, now: Date) throws -> Decision<Booking> {
        let contact = try tx.requireContact(booking.contactID)
        switch EmergencyDecline().decline(booking, now: now, zone: contact.timeZone) {
        case .refused(let rule, let reason):
            _ = try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: "decline.refused", bookingID: booking.id, companyID: booking.companyID,
                    via: actor.via, details: ["rule": rule.rawValue]))
            return .refused(rule, reason: reason)
        case .accepted(let released):
            try recordCancellation(
                released, contact: contact, details: ["by": Party.customer.rawValue], action: "booking.emergency-declined",
                actor: actor, tx: tx, now: now)
            return .accepted(released)
        }
    }

    /// What a customer's iTIP REPLY did.
    public enum ReplyOutcome: Sendable {
        /// DECLINED for an emergency placement: the opening is released.
        case released(Booking)
        /// DECLINED before the cutoff: cancelled as if through the cancel link.
        case cancelled(Booking)
        /// DECLINED too late, or for a session no longer active: nothing changed.
        case refused(Rule, reason: String)
        /// ACCEPTED, TENTATIVE or a repeat of an answer already applied: noted in the audit log.
        case noted(String)
        /// The reply answers an older version of the invitation (lower SEQUENCE) and is ignored.
        case stale(replied: Int, current: Int)
    }

    public struct ReplyError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Applies a REPLY. The replying ATTENDEE must be the booking's contact: anyone can
    /// email us, and a reply naming someone else changes nothing.
    public func applyReply(_ reply: ITIPReply, actor: Actor, now: Date) throws -> ReplyOutcome {
        try store.write { tx in
            guard let stored = try tx.storedBooking(calendarUID: reply.uid) else {
                throw ReplyError(description: "the reply is for UID \(reply.uid), which is not a SupportCal booking")
            }
            let booking = stored.booking
            let contact = try tx.requireContact(booking.contactID)
            guard reply.attendee.email.caseInsensitiveCompare(contact.email) == .orderedSame else {
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "reply.refused", bookingID: booking.id, companyID: booking.companyID,
                        via: actor.via, details: ["reason": "attendee is not the contact"]))
                throw ReplyError(
                    description: "the reply is from \(reply.attendee.email), who is not the contact of booking \(booking.id.rawValue)")
            }
            let status = reply.participationStatus
            // A decline that arrives again (the client resent it, or answered our CANCEL)
            // is already honoured; say so rather than "stale".
            if status == "DECLINED", booking.status.isCancelled { return .noted("DECLINED (already cancelled)") }
            guard reply.sequence >= booking.sequence else {
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "reply.stale", bookingID: booking.id, companyID: booking.companyID,
                        via: actor.via, details: ["partstat": status, "sequence": "\(reply.sequence)"]))
                return .stale(replied: reply.sequence, current: booking.sequence)
            }
            guard status == "DECLINED" else {
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "reply.noted", bookingID: booking.id, companyID: booking.companyID,
                        via: actor.via, details: ["partstat": status]))
                return .noted(status)
            }
            if stored.isEmergency {
                switch try decline(booking, actor: actor, tx: tx, now: now) {
                case .accepted(let released): return .released(released)
                case .refused(let rule, let reason): return .refused(rule, reason: reason)
                }
            }
            switch CancellationCutoff(policy).cancel(booking, by: .customer, now: now, zone: contact.timeZone) {
            case .refused(let rule, let reason):
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "cancel.refused", bookingID: booking.id, companyID: booking.companyID,
                        via: actor.via, details: ["rule": rule.rawValue, "by": "reply"]))
                return .refused(rule, reason: reason)
            case .accepted(let cancelled):
                try recordCancellation(
                    cancelled, contact: contact, details: ["by": Party.customer.rawValue, "reply": "DECLINED"],
                    actor: actor, tx: tx, now: now)
                return .cancelled(cancelled)
            }
        }
    }
}
