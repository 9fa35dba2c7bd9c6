internal import CLibical
import Foundation

/// The iTIP methods SupportCal sends (RFC 5546).
public enum ITIPMethod: String, Sendable, Hashable {
    case request = "REQUEST"
    case cancel = "CANCEL"

    var libicalValue: icalproperty_method {
        switch self {
        case .request: ICAL_METHOD_REQUEST
        case .cancel: ICAL_METHOD_CANCEL
        }
    }
}

extension BookingEvent {
    /// The invitation emailed to the customer: METHOD:REQUEST, attendees asked to reply.
    public func request() throws(ICalError) -> ICalDocument {
        try build(method: .request)
    }

    /// The cancellation emailed to the customer. Build it from `cancelled(stamp:)`, so
    /// SEQUENCE is above the last REQUEST's; STATUS is CANCELLED whatever `status` says,
    /// because Google and others ignore a CANCEL that does not say so.
    public func cancellation() throws(ICalError) -> ICalDocument {
        var event = self
        event.status = .cancelled
        return try event.build(method: .cancel)
    }
}

/// A customer's answer to an invitation (METHOD:REPLY).
public struct ITIPReply: Sendable, Hashable {
    public var uid: String
    public var sequence: Int
    public var recurrenceID: ICalTime?
    /// The replying attendee and the status they chose (ACCEPTED, DECLINED, TENTATIVE, ...).
    public var attendee: ICalParticipant
    public var bookingID: String?

    public var participationStatus: String { attendee.participationStatus?.uppercased() ?? "NEEDS-ACTION" }

    public init(parsing text: String) throws(ICalError) {
        let document = try ICalDocument(parsing: text)
        guard document.method?.uppercased() == "REPLY" else {
            throw ICalError(.invalidValue, "expected METHOD:REPLY, found \(document.method.map { "METHOD:\($0)" } ?? "no METHOD")")
        }
        guard let event = document.events.first else {
            throw ICalError(.invalidValue, "the reply holds no VEVENT")
        }
        guard let uid = event.uid, !uid.isEmpty else {
            throw ICalError(.invalidValue, "the reply's VEVENT has no UID")
        }
        guard let attendee = event.attendees.first else {
            throw ICalError(.invalidValue, "the reply names no ATTENDEE")
        }
        self.uid = uid
        self.sequence = event.sequence
        self.recurrenceID = event.recurrenceID
        self.attendee = attendee
        self.bookingID = event.property(BookingEvent.bookingIDProperty)?.value
    }
}
