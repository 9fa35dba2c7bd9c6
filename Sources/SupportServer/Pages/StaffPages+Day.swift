import Foundation
import Hummingbird
import Scheduling
import Store
import UseCases

// `/staff` and `/staff/day/<date>`: every staff member's sessions of the day in the
// vendor's zone (each member's own time beside it), whether the event is on their
// calendar, their calendar's last sync, the openings left; mark joined, cancel, move.
extension StaffPages {
    func day(_ visit: Visit, _ date: LocalDate) async throws -> Response {
        let now = environment.now()
        let zone = environment.policy.vendorTimeZone
        let day = try await environment.desk.staffDay(date, now: now)
        let live = visit.request.uri.queryParameters.get("live") == "1"
        let here = "/staff/day/\(date)"
        var body = Self.notice(visit.request)
        body += """
            <nav class="weeks" aria-label="Days">
            <a href="/staff/day/\(date.adding(days: -1))">← \(CustomerTime.shortDateText(date.adding(days: -1)))</a>
            <span class="week">\(CustomerTime.dateText(date))</span>
            <a href="/staff/day/\(date.adding(days: 1))">\(CustomerTime.shortDateText(date.adding(days: 1))) →</a>
            </nav>
            <p>Times in \(HTMLPage.escape(zone.identifier)). Shown at \(CustomerTime.clockTime(now, in: zone)); \
            \(live ? "this page reloads every minute. <a href=\"\(here)\">Stop reloading</a>"
                : "<a href=\"\(here)?live=1\">Reload every minute</a>").</p>
            """
        for member in day.members {
            body += memberSection(member, visit: visit, zone: zone, now: now, back: here)
        }
        return page("Staff day: \(CustomerTime.shortDateText(date))", body, visit: visit, refresh: live ? 60 : nil)
    }

    private func memberSection(_ member: StaffDay.Member, visit: Visit, zone: TimeZone, now: Date, back: String) -> String {
        let staff = member.staff
        let id = "staff-\(staff.key.rawValue)"
        var html = """
            <section aria-labelledby="\(id)">
            <h2 id="\(id)">\(HTMLPage.escape(staff.name))</h2>
            <p>Their zone: \(HTMLPage.escape(staff.timeZone.identifier)). Calendar last synced: \
            \(member.lastSync.map { HTMLPage.escape(CustomerTime.describe($0, in: zone)) } ?? "not yet").</p>
            """
        if member.sessions.isEmpty {
            html += "<p>No sessions.</p>"
        } else {
            html += "<ul class=\"sessions\">"
            for session in member.sessions {
                html +=
                    "<li>" + sessionLine(session, staff: staff, zone: zone) + actions(session, visit: visit, now: now, back: back) + "</li>"
            }
            html += "</ul>"
        }
        let openings = member.openings.map {
            "\(CustomerTime.clockTime($0.start, in: zone))–\(CustomerTime.clockTime($0.end, in: zone)) (\(Int($0.duration / 60)) min)"
        }
        html += "<p>Openings: \(openings.isEmpty ? "none" : HTMLPage.escape(openings.joined(separator: ", ")))</p></section>"
        return html
    }

    private func sessionLine(_ session: StaffDay.Session, staff: Staff, zone: TimeZone) -> String {
        let booking = session.booking
        let vendorTime = "\(CustomerTime.clockTime(booking.start, in: zone))–\(CustomerTime.clockTime(booking.end, in: zone))"
        let ownTime = CustomerTime.clockTime(booking.start, in: staff.timeZone)
        let calendar: String
        switch session.calendarWrite {
        case .delivered: calendar = "on their calendar"
        case .pending, .sending: calendar = "being written to their calendar"
        case .failed: calendar = "NOT on their calendar (the write failed; see supportcal outbox)"
        case .cancelled, nil: calendar = booking.status.isActive ? "not on their calendar" : "removed from their calendar"
        }
        return """
            <strong>\(vendorTime)</strong> (\(HTMLPage.escape(ownTime)) their time) · \
            \(HTMLPage.escape(booking.sessionType.description.capitalizedFirst))\(session.stored.isEmergency ? " · emergency" : "")<br>
            \(HTMLPage.escape(session.company?.name ?? booking.companyID.rawValue)), \
            \(HTMLPage.escape(session.contact?.name ?? "a former contact")) · \(HTMLPage.escape(booking.charge.customerText))<br>
            \(HTMLPage.escape(Self.statusWord(booking))) · \(HTMLPage.escape(calendar))
            """
    }

    static func statusWord(_ booking: Booking) -> String {
        switch booking.status {
        case .confirmed, .rescheduled: booking.joinedAt == nil ? "Confirmed" : "Joined"
        case .joined: "Joined"
        case .completed: "Completed"
        case .noShow: "No-show"
        case .cancelledByCustomer: "Cancelled by the customer"
        case .cancelledByStaff: "Cancelled by staff"
        }
    }

    private func actions(_ session: StaffDay.Session, visit: Visit, now: Date, back: String) -> String {
        let booking = session.booking
        guard booking.status.isActive else { return "" }
        let path = "/staff/bookings/\(booking.id.rawValue)"
        let label = HTMLPage.escape(
            "\(CustomerTime.clockTime(booking.start, in: environment.policy.vendorTimeZone)) "
                + (session.company?.name ?? ""))
        var html = "<div class=\"actions\">"
        if booking.joinedAt == nil, now >= booking.start.addingTimeInterval(-15 * 60) {
            html += """
                <form method="post" action="\(path)/join">\(visit.csrf)<input type="hidden" name="back" value="\(back)">\
                <button type="submit" class="secondary">Mark joined<span class="visually-hidden"> \(label)</span></button></form>
                """
        }
        html += """
            <form method="post" action="\(path)/cancel">\(visit.csrf)<input type="hidden" name="back" value="\(back)">\
            <button type="submit" class="secondary">Cancel<span class="visually-hidden"> \(label)</span></button></form>
            </div>
            """
        return html + moveForm(booking, path: path, visit: visit, back: back)
    }

    /// Move to another time and/or give it to another staff member (staff override the
    /// customers' cutoff; the customer gets the updated invitation).
    private func moveForm(_ booking: Booking, path: String, visit: Visit, back: String) -> String {
        let zone = environment.policy.vendorTimeZone
        let (date, minutes, _) = WallClock(zone).localDateTime(of: booking.start)
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let value = "\(date)T\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))"
        let id = HTMLPage.escape(booking.id.rawValue)
        let staff = environment.desk.staff.map { member in
            let selected = member.key == booking.staff ? " selected" : ""
            return "<option value=\"\(member.key.rawValue)\"\(selected)>\(HTMLPage.escape(member.name))</option>"
        }.joined()
        return """
            <details><summary>Move or reassign</summary>
            <form method="post" action="\(path)/move">\(visit.csrf)<input type="hidden" name="back" value="\(back)">
            <label for="start-\(id)">New start (\(HTMLPage.escape(zone.identifier)))</label>
            <input type="datetime-local" id="start-\(id)" name="start" value="\(value)" required>
            <label for="staff-\(id)">Staff member</label>
            <select id="staff-\(id)" name="staff">\(staff)</select>
            <button type="submit" class="secondary">Move</button>
            </form></details>
            """
    }

    /// Mark joined, cancel (staff override of the cutoff); back to the day with a notice.
    func act(_ id: BookingID, _ action: String, _ visit: Visit, _ fields: FormFields) async throws -> Response {
        let now = environment.now()
        let back = fields["back"].flatMap { $0.hasPrefix("/staff") && !$0.contains("//") ? $0 : nil } ?? "/staff"
        switch action {
        case "join":
            _ = try await environment.desk.join(id, at: now, actor: visit.actor, now: now)
            return HTMLPage.redirect(to: back + "?done=joined")
        case "cancel":
            switch try await operations.cancel(id, by: .staff, actor: visit.actor) {
            case .accepted: return HTMLPage.redirect(to: back + "?done=cancelled")
            case .refused(let rule, let reason):
                return page(
                    "Not changed", HTMLPage.problem(reason) + "<p><a href=\"\(back)\">Back to the day</a></p>",
                    visit: visit, status: rule.httpStatus)
            }
        case "move":
            guard let start = Self.localInstant(fields["start"], zone: environment.policy.vendorTimeZone) else {
                throw HTTPError(.badRequest, message: "Give the new start as a date and time.")
            }
            let (stored, _, _) = try await operations.stored(id)
            let staff = fields["staff"].map(StaffKey.init).flatMap { key in environment.desk.staff.contains { $0.key == key } ? key : nil }
            switch try await operations.reschedule(stored.booking, to: start, by: .staff, staff: staff, actor: visit.actor) {
            case .accepted: return HTMLPage.redirect(to: back + "?done=moved")
            case .refused(let rule, let reason):
                return page(
                    "Not changed", HTMLPage.problem(reason) + "<p><a href=\"\(back)\">Back to the day</a></p>", visit: visit,
                    status: rule.httpStatus)
            }
        default:
            throw HTTPError(.notFound, message: "There is no such action.")
        }
    }

    /// "2026-12-02T09:30" (a datetime-local field) in `zone`.
    static func localInstant(_ text: String?, zone: TimeZone) -> Date? {
        guard let text, text.count >= 16, let date = LocalDate(String(text.prefix(10))),
            let hour = Int(text.dropFirst(11).prefix(2)), let minute = Int(text.dropFirst(14).prefix(2)),
            let time = try? TimeOfDay(hour: hour, minute: minute)
        else { return nil }
        // Through the zone's rules, so a day with a clock change still reads the wall time.
        return WallClock(zone).instant(date, time)
    }

    static func notice(_ request: Request) -> String {
        HTMLPage.notice(
            request,
            [
                "joined": "Marked as joined.",
                "cancelled": "The session is cancelled; the customer is told by email and the event removed.",
                "moved": "The session is moved; the customer gets the updated invitation.",
            ])
    }
}
