import Foundation

/// §4: the messages a booking schedules: its confirmation now, and reminders 24 h and
/// 2 h before the start. A reminder whose moment has already come when the booking is
/// made (or moved) is dropped, not sent late; one falling exactly on that moment is
/// dropped too, because the confirmation going out at the same instant says the same.
///
/// Reminders are keyed by booking, sequence and kind so the outbox sends each once;
/// a reschedule raises the sequence, which replaces the earlier plan.
public struct ReminderPlan: Hashable, Codable, Sendable {
    public enum Kind: Hashable, Codable, Sendable {
        case confirmation
        case rescheduleConfirmation
        case cancellationConfirmation
        /// A reminder this long before the start.
        case reminder(before: TimeInterval)

        /// "confirmation", "reminder-24h", "reminder-90m": stable outbox key part.
        public var key: String {
            switch self {
            case .confirmation: return "confirmation"
            case .rescheduleConfirmation: return "reschedule-confirmation"
            case .cancellationConfirmation: return "cancellation-confirmation"
            case .reminder(let lead):
                let minutes = Int(lead / 60)
                return minutes % 60 == 0 ? "reminder-\(minutes / 60)h" : "reminder-\(minutes)m"
            }
        }
    }

    public struct Message: Hashable, Codable, Sendable {
        public var kind: Kind
        public var due: Date
        public var bookingID: BookingID
        public var sequence: Int

        /// Unique per booking, sequence and kind: "b-17/2/reminder-24h".
        public var key: String { "\(bookingID.rawValue)/\(sequence)/\(kind.key)" }
    }

    public var messages: [Message]

    /// The plan for `booking` as it stands after the change made at `now` (booked,
    /// rescheduled or cancelled).
    public init(for booking: Booking, now: Date, policy: Policy = .default) {
        let first: Kind
        switch booking.status {
        case .cancelledByCustomer, .cancelledByStaff:
            messages = [Message(kind: .cancellationConfirmation, due: now, bookingID: booking.id, sequence: booking.sequence)]
            return
        case .rescheduled:
            first = .rescheduleConfirmation
        case .confirmed:
            first = .confirmation
        case .joined, .completed, .noShow:
            // Nothing left to tell: the session has begun or been closed.
            messages = []
            return
        }
        var messages = [Message(kind: first, due: now, bookingID: booking.id, sequence: booking.sequence)]
        for lead in policy.reminderLeadTimes.sorted(by: >) {
            let due = booking.start.addingTimeInterval(-lead)
            if due > now {
                messages.append(Message(kind: .reminder(before: lead), due: due, bookingID: booking.id, sequence: booking.sequence))
            }
        }
        self.messages = messages
    }

    public var reminders: [Message] { messages.filter { if case .reminder = $0.kind { true } else { false } } }
}
