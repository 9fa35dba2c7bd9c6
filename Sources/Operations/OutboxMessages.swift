import Foundation
import Scheduling
import Store

/// The outbox messages a booking change causes, with dedupe keys that make a repeated
/// change (a retried command, a re-run sweep) queue nothing twice.
public enum OutboxMessages {
    /// Calendar writes name the booking; the deliverer builds the event from the booking
    /// as it is at delivery time, so several quick changes collapse into one write.
    public static func calendarPut(_ booking: Booking) -> OutboxMessage {
        OutboxMessage(
            kind: .calendarPut, bookingID: booking.id, target: booking.staff.rawValue,
            payload: booking.id.rawValue, dedupeKey: "cal/\(booking.id.rawValue)/\(booking.sequence)/put/\(booking.staff.rawValue)")
    }

    public static func calendarDelete(_ booking: Booking, staff: StaffKey) -> OutboxMessage {
        OutboxMessage(
            kind: .calendarDelete, bookingID: booking.id, target: staff.rawValue,
            payload: booking.id.rawValue, dedupeKey: "cal/\(booking.id.rawValue)/\(booking.sequence)/delete/\(staff.rawValue)")
    }

    /// A planned return call's event in the staff member's calendar, so they see whom to
    /// call (and on which number) between their sessions.
    public static func returnCallEvent(_ call: ReturnCallRecord) -> OutboxMessage {
        OutboxMessage(
            kind: .calendarReturnCall, bookingID: nil, target: call.staff.rawValue, payload: call.id,
            dedupeKey: "cal/\(call.id)/put/\(call.staff.rawValue)")
    }

    public static func email(
        _ kind: EmailKind, booking: Booking, to contact: Contact, due: Date? = nil, key: String? = nil,
        leadMinutes: Int? = nil, previousStart: Date? = nil
    ) -> OutboxMessage {
        let payload = EmailPayload(
            kind: kind, bookingID: booking.id.rawValue, sequence: booking.sequence, leadMinutes: leadMinutes,
            previousStart: previousStart)
        return OutboxMessage(
            kind: .email, bookingID: booking.id, target: contact.email, payload: payload.encoded(),
            dedupeKey: "mail/" + (key ?? "\(booking.id.rawValue)/\(booking.sequence)/\(kind.rawValue)"), notBefore: due)
    }

    /// Confirmation now and the reminders at their times (ReminderPlan skips those already past).
    public static func plannedEmails(for booking: Booking, contact: Contact, now: Date, policy: Policy, previousStart: Date? = nil)
        -> [OutboxMessage]
    {
        ReminderPlan(for: booking, now: now, policy: policy).messages.map { message in
            let kind: EmailKind
            var lead: Int?
            switch message.kind {
            case .confirmation: kind = .confirmation
            case .rescheduleConfirmation: kind = .rescheduled
            case .cancellationConfirmation: kind = .cancelled
            case .reminder(let before):
                kind = .reminder
                lead = Int(before / 60)
            }
            return email(
                kind, booking: booking, to: contact, due: message.due > now ? message.due : nil, key: message.key, leadMinutes: lead,
                previousStart: kind == .rescheduled ? previousStart : nil)
        }
    }
}

/// The emails SupportCal sends (rendered by the Mail layer).
public enum EmailKind: String, Codable, Sendable, CaseIterable {
    case confirmation
    /// A reminder before the start (24 h and 2 h by default; the payload says which).
    case reminder
    case rescheduled
    case cancelled
    case emergencyPlacement = "emergency-placement"
    case noShow = "no-show"
    case suspension
    case reinstatement
}

public struct EmailPayload: Codable, Sendable, Hashable {
    public var kind: EmailKind
    public var bookingID: String
    public var sequence: Int
    /// For reminders: how long before the start.
    public var leadMinutes: Int?
    /// For reschedule notices: where the session was before.
    public var previousStart: Date?

    public init(kind: EmailKind, bookingID: String, sequence: Int, leadMinutes: Int? = nil, previousStart: Date? = nil) {
        self.kind = kind
        self.bookingID = bookingID
        self.sequence = sequence
        self.leadMinutes = leadMinutes
        self.previousStart = previousStart
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ text: String) -> EmailPayload? {
        try? JSONDecoder().decode(EmailPayload.self, from: Data(text.utf8))
    }
}
