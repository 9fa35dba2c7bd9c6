import Foundation
import Hummingbird
import Scheduling
import UseCases

// `/account/sessions`: every session of the company (a booking is for the company), in
// the signed-in contact's zone, with the same signed links and cutoff as the emails.
extension AccountPages {
    func sessions(_ visit: Visit) async throws -> Response {
        let now = environment.now()
        let zone = visit.contact.timeZone
        let (upcoming, past) = try await account.sessions(of: visit.contact.companyID, now: now)
        var body = """
            <p>Sessions of everyone at your company. Times are in your zone, <strong>\(HTMLPage.escape(zone.identifier))\
            </strong> (<a href="/account">change</a>).</p>
            <p><a href="/book?contact=\(HTMLPage.escape(Self.queryValue(visit.contact.email)))">Book another session</a></p>
            <h2>Upcoming</h2>
            """
        body += upcoming.isEmpty ? "<p>No upcoming sessions.</p>" : list(upcoming, zone: zone, now: now, actions: true)
        body += "<h2>Past</h2>"
        body += past.isEmpty ? "<p>No past sessions.</p>" : list(past, zone: zone, now: now, actions: false)
        return page("Your company's sessions", body, current: "/account/sessions", visit: visit)
    }

    private func list(_ sessions: [CustomerAccount.Session], zone: TimeZone, now: Date, actions: Bool) -> String {
        let items = sessions.map { session -> String in
            let booking = session.booking
            var item = """
                <li><strong>\(HTMLPage.escape(CustomerTime.describe(booking.start, in: zone)))</strong><br>
                \(HTMLPage.escape(booking.sessionType.description.capitalizedFirst)) for \
                \(HTMLPage.escape(session.contact?.name ?? "a former contact")) · \
                \(HTMLPage.escape(ManagePage.statusText(booking.status))) · \(HTMLPage.escape(booking.charge.customerText))
                """
            let links = operations.links(for: booking, isEmergency: session.stored.isEmergency)
            var shown: [String] = []
            for (action, label) in [("view", "Details"), ("reschedule", "Move"), ("cancel", "Cancel")] where actions || action == "view" {
                if let link = links[action], let path = URL(string: link)?.path {
                    shown.append(
                        "<a href=\"\(HTMLPage.escape(path))\">\(label)<span class=\"visually-hidden\"> "
                            + "\(HTMLPage.escape(CustomerTime.dateText(booking.start, in: zone)))</span></a>")
                }
            }
            if actions, booking.status.isActive, links["cancel"] == nil, !session.stored.isEmergency {
                shown.append("<span>Too close to the start to change online</span>")
            }
            item += "<br><span class=\"actions\">\(shown.joined(separator: " "))</span></li>"
            return item
        }
        return "<ul class=\"sessions\">\n\(items.joined(separator: "\n"))\n</ul>"
    }

    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
