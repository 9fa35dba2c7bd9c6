import Foundation
import ICal
import Scheduling
import Store

/// Turns a booking into the iCalendar event that stands for it, the same way for the
/// staff calendar copy and the customer's invitation.
public struct BookingEventBuilder: Sendable {
    public var organizerName: String
    public var organizerEmail: String
    public var conferencePhone: String?
    public var meetingURLTemplate: String?

    public init(
        organizerName: String, organizerEmail: String, conferencePhone: String? = nil,
        meetingURLTemplate: String? = nil
    ) {
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.conferencePhone = conferencePhone
        self.meetingURLTemplate = meetingURLTemplate
    }

    public func meetingURL(for booking: Booking) -> String? {
        meetingURLTemplate?.replacingOccurrences(of: "{booking}", with: booking.id.rawValue)
    }

    /// The conference access code: derived from the booking id, so it is stable and
    /// needs no storage, and short enough to type on a phone keypad.
    public func accessCode(for booking: Booking) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in booking.id.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%06d", Int(hash % 1_000_000))
    }

    /// Whose copy of the event: the staff calendar's, or the customer's invitation.
    public enum Audience: Sendable {
        /// Titled with the company, so staff see whom they meet; no URL (the staff console
        /// is not there yet, and a link to a page that does not exist is worse than none).
        case staff
        /// Titled with whom the customer meets; `URL:` is the booking's signed view link.
        case customer(viewURL: String)
    }

    public func event(
        for stored: StoredBooking, company: Company, contact: Contact, staff: Staff, stamp: Date,
        audience: Audience = .staff
    ) -> BookingEvent {
        let booking = stored.booking
        let meeting = meetingURL(for: booking)
        var lines = ["\(booking.sessionType.description.capitalizedFirst) with \(staff.name) for \(company.name)."]
        if let meeting { lines.append("Join online: \(meeting)") }
        if let conferencePhone { lines.append("Or call \(conferencePhone), access code \(accessCode(for: booking)).") }
        lines.append("Booking \(booking.id.rawValue).")
        let status: BookingEvent.Status = booking.status.isCancelled ? .cancelled : .confirmed
        return BookingEvent(
            uid: stored.calendarUID, bookingID: booking.id.rawValue, start: booking.start, end: booking.end,
            timeZone: staff.timeZone.identifier,
            summary: summary(booking.sessionType.kind, company: company, audience: audience),
            description: lines.joined(separator: "\n"),
            location: meeting ?? conferencePhone,
            url: { if case .customer(let view) = audience { view } else { nil } }(),
            organizer: ICalParticipant(email: organizerEmail, commonName: organizerName),
            attendees: [ICalParticipant(email: contact.email, commonName: contact.name)],
            status: status, sequence: booking.sequence,
            categories: ["Support", booking.sessionType.kind.displayName.capitalizedFirst], stamp: stamp)
    }
}

extension BookingEventBuilder {
    /// "Live session: Ørsted Crating" in the staff calendar; "Live support session with
    /// Vendor Support" in the customer's.
    func summary(_ kind: SessionKind, company: Company, audience: Audience) -> String {
        switch audience {
        case .staff: "\(kind.displayName.capitalizedFirst): \(company.name)"
        case .customer:
            switch kind {
            case .liveSession: "Live support session with \(organizerName)"
            case .phoneSupport: "Phone support session with \(organizerName)"
            }
        }
    }
}

extension String {
    /// "live session" → "Live session".
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
