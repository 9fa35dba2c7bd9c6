import Foundation
import Mail
import Operations
import Scheduling
import Store

/// The staff side of emergency requests (§7): the open queue, oldest first, each with its
/// company's plan checked and today's openings across staff; placing one (the existing
/// placement email goes out) or declining it with a reason the customer is emailed; and
/// the placements the customer then declined.
public struct EmergencyQueue: Sendable {
    public let account: CustomerAccount
    /// Where the decline email sends the customer to book instead (`/book`).
    public let bookingURL: String
    var desk: SupportDesk { account.desk }

    public init(account: CustomerAccount, bookingURL: String) {
        self.account = account
        self.bookingURL = bookingURL
    }

    public struct Entry: Sendable {
        public var request: EmergencyRequest
        public var company: Company
        public var contact: Contact
        /// Today's openings, or why the company cannot have an emergency (no active plan).
        public var openings: Decision<[EmergencyOpening]>
        /// The placed session, for a placed request.
        public var booking: Booking?
    }

    /// Open requests, oldest first, with today's openings for each.
    public func open(now: Date) async throws -> [Entry] {
        let rows = try await desk.store.read { tx in
            try tx.emergencyRequests(state: .open).map { ($0, try tx.requireCompany($0.companyID), try tx.requireContact($0.contactID)) }
        }
        var entries: [Entry] = []
        for (request, company, contact) in rows {
            let openings = try await desk.emergencyOpenings(for: company, contact: contact, now: now)
            entries.append(Entry(request: request, company: company, contact: contact, openings: openings))
        }
        return entries
    }

    /// Placed requests whose session the customer then declined, over the last week.
    public func declinedByCustomer(now: Date) async throws -> [Entry] {
        try await desk.store.read { tx in
            try tx.emergencyRequests(state: .placed).compactMap { request -> Entry? in
                guard request.stateAt > now.addingTimeInterval(-7 * 86_400), let id = request.bookingID, let booking = try tx.booking(id),
                    booking.status == .cancelledByCustomer
                else { return nil }
                return Entry(
                    request: request, company: try tx.requireCompany(request.companyID), contact: try tx.requireContact(request.contactID),
                    openings: .accepted([]), booking: booking)
            }
        }
    }

    public struct NotOpen: Error, CustomStringConvertible {
        public var description: String
    }

    /// Books the request into `staff`'s opening at `start`; refused with
    /// `emergency-request-closed` when another staff member placed or declined it first.
    public func place(_ id: String, type: SessionType, start: Date, staff: StaffKey, actor: BookingDesk.Actor, now: Date) async throws
        -> Decision<StoredBooking>
    {
        guard
            let (company, contact) = try await desk.store.read({ tx -> (Company, Contact)? in
                guard let request = try tx.emergencyRequest(id) else { return nil }
                return (try tx.requireCompany(request.companyID), try tx.requireContact(request.contactID))
            })
        else { throw NotOpen(description: "there is no emergency request \(id)") }
        // Whether it is still open is decided inside the placement's own transaction.
        return try await desk.placeEmergency(
            company: company, contact: contact, type: type, start: start, staff: staff, request: id, actor: actor, now: now)
    }

    /// Closes an open request as declined and emails the customer the reason. Nil when it
    /// is no longer open (someone else acted first).
    public func decline(_ id: String, reason: String, actor: BookingDesk.Actor, now: Date) async throws -> EmergencyRequest? {
        let reason = String(reason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
        guard
            let (request, contact) = try await desk.store.write({ tx -> (EmergencyRequest, Contact)? in
                guard let request = try tx.emergencyRequest(id), request.state == .open else { return nil }
                let closed = try tx.close(emergencyRequest: id, as: .declined, at: now, reason: reason)
                try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "emergency.declined", companyID: request.companyID, via: actor.via,
                        details: ["id": id]))
                return (closed, try tx.requireContact(request.contactID))
            })
        else { return nil }
        let text = """
            Hello \(contact.name),

            We cannot place your emergency request of \(CustomerTime.describe(request.requestedAt, in: contact.timeZone)) today:

            \(reason)

            You can book a regular session at \(bookingURL), or reply to this email.
            """
        do {
            try await desk.sendNow(
                to: try Mailbox(name: contact.name, address: contact.email), subject: "Your emergency request", text: text,
                key: "emergency-declined-\(id)")
        } catch {
            desk.logger.warning(
                "the emergency decline email did not go out", metadata: ["request.id": "\(id)", "error": "\(error)"])
        }
        return request
    }
}
