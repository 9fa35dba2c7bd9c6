import Foundation
import Scheduling
import Store

/// A booking as the API shows it, times in UTC and in the contact's zone.
struct BookingJSON: Codable, Sendable {
    var id: String
    var status: String
    var kind: String
    var minutes: Int
    var start: Date
    var end: Date
    var local: String
    var zone: String
    var staff: String
    var company: String
    var contact: String
    var charge: String
    var amount: String
    var sequence: Int
    var emergency: Bool
    var joinedAt: Date?
    /// The customer's signed links (only in answers to the customer, never to staff).
    var links: [String: String]?

    init(_ booking: Booking, contact: Contact, isEmergency: Bool, links: [String: String]?) {
        id = booking.id.rawValue
        status = booking.status.rawValue
        kind = booking.sessionType.kind.rawValue
        minutes = booking.sessionType.minutes
        start = booking.start
        end = booking.end
        local = CustomerTime.describe(booking.start, in: contact.timeZone)
        zone = contact.timeZone.identifier
        staff = booking.staff.rawValue
        company = booking.companyID.rawValue
        self.contact = contact.email
        charge = booking.charge.basis.rawValue
        amount = booking.charge.amount.description
        sequence = booking.sequence
        emergency = isEmergency
        joinedAt = booking.joinedAt
        self.links = links
    }
}
