import Foundation
import ICal
import Scheduling
import Store

extension BookingEventBuilder {
    /// A planned return call as an event in the staff member's calendar: whom to call, on
    /// which number, and about what. No attendees, so no calendar app invites the customer.
    public func event(for call: ReturnCallRecord, company: Company, contact: Contact, staff: Staff, stamp: Date) -> BookingEvent {
        var lines = ["Call \(contact.name) of \(company.name) back: \(contact.phone ?? "no phone number on file; email \(contact.email)")."]
        if let note = call.note { lines.append("About: \(note)") }
        lines.append(
            "One attempt, at most \(Int(call.end.timeIntervalSince(call.start) / 60)) minutes; record the outcome with "
                + "`supportcal callbacks attempt \(call.id) --outcome resolved|needs-more-time|not-reached`.")
        var event = BookingEvent(
            uid: "\(call.id)@supportcal", bookingID: call.id, start: call.start, end: call.end, timeZone: staff.timeZone.identifier,
            summary: "Return call: \(contact.name) (\(company.name))", description: lines.joined(separator: "\n"),
            location: contact.phone.map { "tel:\($0)" }, organizer: ICalParticipant(email: organizerEmail, commonName: organizerName),
            attendees: [], categories: ["Support", "Return call"], stamp: stamp)
        event.idProperty = BookingEvent.returnCallIDProperty
        return event
    }
}
