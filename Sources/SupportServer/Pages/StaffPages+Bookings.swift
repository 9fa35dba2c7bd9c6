import Foundation
import Hummingbird
import Scheduling
import Store
import UseCases

// `/staff/bookings`: search by company, contact, staff, status and dates; each booking's
// page with its history from the audit log and its outbox deliveries.
extension StaffPages {
    func registerBookings(on router: Router<SupportRequestContext>) {
        router.get("/staff/bookings") { request, _ in try await signedIn(request) { try await search($0) } }
        router.get("/staff/bookings/:id") { request, context in
            let id = BookingID(try context.parameters.require("id"))
            return try await signedIn(request) { try await bookingPage(id, $0) }
        }
    }

    func search(_ visit: Visit) async throws -> Response {
        let query = visit.request.uri.queryParameters
        let zone = environment.policy.vendorTimeZone
        let clock = WallClock(zone)
        func value(_ name: String) -> String { (query.get(name).map { String($0) } ?? "").trimmingCharacters(in: .whitespaces) }
        let (companyText, contactText, staffText, statusText) = (value("company"), value("contact"), value("staff"), value("status"))
        let from = LocalDate(value("from")).map { clock.startOfDay($0) }
        let to = LocalDate(value("to")).map { clock.startOfDay($0.adding(days: 1)) }
        let status = Booking.Status(rawValue: statusText)
        let rows = try await environment.store.read { tx -> [(StoredBooking, Company?, Contact?)] in
            let contact = contactText.isEmpty ? nil : try tx.contact(email: contactText)
            if !contactText.isEmpty, contact == nil { return [] }
            let bookings = try tx.storedBookings(
                BookingQuery(
                    startingFrom: from, startingBefore: to, statuses: status.map { [$0] },
                    company: companyText.isEmpty ? nil : CompanyID(companyText), contact: contact?.id,
                    staff: staffText.isEmpty ? nil : StaffKey(staffText), limit: 200, order: .startDescending))
            return try bookings.map { ($0, try tx.company($0.booking.companyID), try tx.contact($0.booking.contactID)) }
        }
        let statuses = [("", "Any")] + Booking.Status.allCases.map { ($0.rawValue, $0.rawValue) }
        let staffOptions = [("", "Anyone")] + environment.desk.staff.map { ($0.key.rawValue, $0.name) }
        func options(_ list: [(String, String)], selected: String) -> String {
            list.map {
                "<option value=\"\(HTMLPage.escape($0.0))\"\($0.0 == selected ? " selected" : "")>\(HTMLPage.escape($0.1))</option>"
            }
            .joined()
        }
        var body = """
            <form method="get" action="/staff/bookings">
            <label for="company">Company id</label><input type="text" id="company" name="company" value="\(HTMLPage.escape(companyText))">
            <label for="contact">Contact's email</label>
            <input type="email" id="contact" name="contact" value="\(HTMLPage.escape(contactText))">
            <label for="staff">Staff member</label><select id="staff" name="staff">\(options(staffOptions, selected: staffText))</select>
            <label for="status">Status</label><select id="status" name="status">\(options(statuses, selected: statusText))</select>
            <label for="from">From</label><input type="date" id="from" name="from" value="\(HTMLPage.escape(value("from")))">
            <label for="to">To</label><input type="date" id="to" name="to" value="\(HTMLPage.escape(value("to")))">
            <button type="submit">Search</button>
            </form>
            <h2>\(rows.count == 200 ? "The latest 200" : "\(rows.count)") found</h2>
            <ul class="sessions">
            """
        for (stored, company, contact) in rows {
            let booking = stored.booking
            body += """
                <li><a href="/staff/bookings/\(HTMLPage.escape(booking.id.rawValue))">\
                \(HTMLPage.escape(CustomerTime.describe(booking.start, in: zone)))</a><br>\
                \(HTMLPage.escape(company?.name ?? booking.companyID.rawValue)), \(HTMLPage.escape(contact?.name ?? "?")) · \
                \(HTMLPage.escape(booking.staff.rawValue)) · \(HTMLPage.escape(Self.statusWord(booking)))</li>
                """
        }
        body += "</ul>"
        return page("Bookings", body, visit: visit)
    }

    func bookingPage(_ id: BookingID, _ visit: Visit) async throws -> Response {
        let zone = environment.policy.vendorTimeZone
        let (stored, company, contact) = try await operations.stored(id)
        let (history, deliveries) = try await environment.store.read { tx in
            (try tx.auditEntries(AuditQuery(bookingID: id)), try tx.outboxItems(bookingID: id))
        }
        let booking = stored.booking
        var body = """
            <dl>
            <dt>When</dt><dd>\(HTMLPage.escape(CustomerTime.describe(booking.start, in: zone)))</dd>
            <dt>Session</dt><dd>\(HTMLPage.escape(booking.sessionType.description.capitalizedFirst))\
            \(stored.isEmergency ? " (emergency)" : "")</dd>
            <dt>For</dt><dd>\(HTMLPage.escape(contact.name)) (\(HTMLPage.escape(contact.email)), \
            \(HTMLPage.escape(contact.timeZone.identifier))), \
            \(HTMLPage.escape(company.name))</dd>
            <dt>Staff</dt><dd>\(HTMLPage.escape(booking.staff.rawValue))</dd>
            <dt>Price</dt><dd>\(HTMLPage.escape(booking.charge.customerText))</dd>
            <dt>Status</dt><dd>\(HTMLPage.escape(Self.statusWord(booking)))</dd>
            </dl>
            <h2>History</h2><ul>
            """
        for entry in history {
            let record = entry.record
            body +=
                "<li>\(HTMLPage.escape(CustomerTime.describe(record.at, in: zone))): \(HTMLPage.escape(record.action)) by "
                + "\(HTMLPage.escape(record.actor)) via \(HTMLPage.escape(record.via))</li>"
        }
        body += "</ul><h2>Deliveries</h2><ul>"
        for item in deliveries {
            let what = item.dedupeKey.split(separator: ".").last.map { String($0) } ?? ""
            body +=
                "<li>\(HTMLPage.escape(item.kind.rawValue)) \(HTMLPage.escape(what)): "
                + "\(HTMLPage.escape(item.status.rawValue)), \(item.attempts) attempt\(item.attempts == 1 ? "" : "s")"
                + "\(item.lastError.map { " (\(HTMLPage.escape($0)))" } ?? "")</li>"
        }
        body += "</ul>"
        return page("Booking \(booking.id.rawValue)", body, visit: visit)
    }
}
