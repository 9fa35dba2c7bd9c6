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
    public var publicBaseURL: URL?

    public init(organizerName: String, organizerEmail: String, conferencePhone: String? = nil,
                meetingURLTemplate: String? = nil, publicBaseURL: URL? = nil) {
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.conferencePhone = conferencePhone
        self.meetingURLTemplate = meetingURLTemplate
        self.publicBaseURL = publicBaseURL
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

    public func event(for stored: StoredBooking, company: Company, contact: Contact, staff: Staff, stamp: Date) -> BookingEvent {
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
            summary: "\(booking.sessionType.kind.displayName.capitalizedFirst): \(company.name)",
            description: lines.joined(separator: "\n"),
            location: meeting ?? conferencePhone,
            url: publicBaseURL?.appendingPathComponent("bookings/\(booking.id.rawValue)").absoluteString,
            organizer: ICalParticipant(email: organizerEmail, commonName: organizerName),
            attendees: [ICalParticipant(email: contact.email, commonName: contact.name)],
            status: status, sequence: booking.sequence,
            categories: ["Support", booking.sessionType.kind.displayName.capitalizedFirst], stamp: stamp)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
