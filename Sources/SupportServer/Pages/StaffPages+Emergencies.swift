import Foundation
import Hummingbird
import Operations
import Scheduling
import Store
import UseCases

// `/staff/emergencies`: the open requests, oldest first, each with its company's plan
// checked and today's openings across staff; place or decline; add one from a phone call;
// and the placements the customer declined.
extension StaffPages {
    var queue: EmergencyQueue {
        EmergencyQueue(account: environment.account, bookingURL: environment.publicBaseURL.appendingPathComponent("book").absoluteString)
    }

    func registerEmergencies(on router: Router<SupportRequestContext>) {
        router.get("/staff/emergencies") { request, _ in try await signedIn(request) { try await emergencies($0) } }
        router.post("/staff/emergencies") { request, context in try await posted(request, context) { try await addEmergency($0, $1) } }
        router.post("/staff/emergencies/:id/:action") { request, context in
            let (id, action) = (try context.parameters.require("id"), try context.parameters.require("action"))
            return try await posted(request, context) { try await actOnEmergency(id, action, $0, $1) }
        }
    }

    func emergencies(_ visit: Visit, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = environment.now()
        let zone = environment.policy.vendorTimeZone
        let open = try await queue.open(now: now)
        let declined = try await queue.declinedByCustomer(now: now)
        var body = HTMLPage.notice(
            visit.request,
            [
                "placed": "Placed. The customer gets the placement email with the time in their zone.",
                "declined": "Declined. The customer is emailed the reason.", "added": "Added to the queue.",
            ])
        body += problem.map(HTMLPage.problem) ?? ""
        body += "<p>Times in \(HTMLPage.escape(zone.identifier)). Openings are today's, across all staff, shorter ones included.</p>"
        body += "<h2>Open requests</h2>"
        if open.isEmpty { body += "<p>None.</p>" }
        body += open.map { entry(visit, $0, zone: zone) }.joined()
        body += """
            <h2>Add a request from a phone call</h2>
            <form method="post" action="/staff/emergencies">
            \(visit.csrf)
            <label for="add-contact">The contact's email</label>
            <input type="email" id="add-contact" name="contact" required>
            <label for="add-problem">The problem, in their words</label>
            <textarea id="add-problem" name="problem" required maxlength="1000"></textarea>
            <button type="submit">Add to the queue</button>
            </form>
            """
        if !declined.isEmpty {
            body += "<h2>Placed, then declined by the customer</h2><ul class=\"sessions\">"
            for entry in declined {
                body +=
                    "<li>\(HTMLPage.escape(entry.company.name)), \(HTMLPage.escape(entry.contact.name))"
                    + (entry.booking.map { " · was \(HTMLPage.escape(CustomerTime.describe($0.start, in: zone)))" } ?? "") + "</li>"
            }
            body += "</ul>"
        }
        return page("Emergency queue", body, visit: visit, status: status)
    }

    private func entry(_ visit: Visit, _ entry: EmergencyQueue.Entry, zone: TimeZone) -> String {
        let request = entry.request
        let id = HTMLPage.escape(request.id)
        var html = """
            <section class="sessions" aria-labelledby="er-\(id)">
            <h3 id="er-\(id)">\(HTMLPage.escape(entry.company.name)): \(HTMLPage.escape(entry.contact.name))</h3>
            <p>Asked \(HTMLPage.escape(CustomerTime.describe(request.requestedAt, in: zone))) · \
            \(HTMLPage.escape(entry.contact.email))\(entry.contact.phone.map { " · \(HTMLPage.escape($0))" } ?? "") · their zone \
            \(HTMLPage.escape(entry.contact.timeZone.identifier))<br>“\(HTMLPage.escape(request.problem))”</p>
            <p>Plan: \(HTMLPage.escape(entry.company.plan(at: environment.now()).map { AccountWords.plan($0, zone: zone) } ?? "none"))</p>
            """
        switch entry.openings {
        case .refused(_, let reason):
            html += HTMLPage.problem(reason)
        case .accepted(let openings) where openings.isEmpty:
            html += "<p>No openings left today.</p>"
        case .accepted(let openings):
            let names = Dictionary(environment.desk.staff.map { ($0.key, $0.name) }) { first, _ in first }
            let choices = openings.prefix(8).enumerated().map { index, opening in
                let value = "\(opening.staff.rawValue)|\(opening.start.formatted(.iso8601))"
                let text =
                    "\(names[opening.staff] ?? opening.staff.rawValue): \(CustomerTime.clockTime(opening.start, in: zone))–"
                    + "\(CustomerTime.clockTime(opening.end, in: zone)) (\(Int(opening.duration / 60)) min)"
                return "<label><input type=\"radio\" name=\"opening\" value=\"\(HTMLPage.escape(value))\"\(index == 0 ? " checked" : "")> "
                    + "\(HTMLPage.escape(text))</label>"
            }.joined(separator: "\n")
            let types = environment.desk.menu.types.map { type in
                "<option value=\"\(type.kind.rawValue)/\(type.minutes)\">\(HTMLPage.escape(type.description.capitalizedFirst))</option>"
            }.joined()
            html += """
                <form method="post" action="/staff/emergencies/\(id)/place">
                \(visit.csrf)
                <fieldset><legend>Today's earliest openings</legend>
                \(choices)
                </fieldset>
                <label for="type-\(id)">Session</label>
                <select id="type-\(id)" name="type">\(types)</select>
                <button type="submit">Place at the opening's start</button>
                </form>
                """
        }
        html += """
            <form method="post" action="/staff/emergencies/\(id)/decline">
            \(visit.csrf)
            <label for="reason-\(id)">Reason, for the customer</label>
            <textarea id="reason-\(id)" name="reason" required maxlength="500"></textarea>
            <button type="submit" class="secondary">Decline</button>
            </form>
            </section>
            """
        return html
    }

    func addEmergency(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        let now = environment.now()
        guard let found = try await environment.desk.contact(email: fields["contact"] ?? "") else {
            return try await emergencies(visit, problem: "There is no contact with that email address.", status: .unprocessableContent)
        }
        let decision = try await environment.account.requestEmergency(
            found.1, problem: fields["problem"] ?? "", actor: visit.actor.name, via: visit.actor.via, now: now)
        if case .refused(let rule, let reason) = decision { return try await emergencies(visit, problem: reason, status: rule.httpStatus) }
        return HTMLPage.redirect(to: "/staff/emergencies?done=added")
    }

    func actOnEmergency(_ id: String, _ action: String, _ visit: Visit, _ fields: FormFields) async throws -> Response {
        let now = environment.now()
        switch action {
        case "place":
            let parts = (fields["opening"] ?? "").split(separator: "|", maxSplits: 1).map(String.init)
            let type = try BookPage(operations: operations, forms: forms).sessionType(fields["type"])
            guard parts.count == 2, let start = try? Date(parts[1], strategy: .iso8601) else {
                return try await emergencies(visit, problem: "Choose one of the openings.", status: .badRequest)
            }
            switch try await queue.place(id, type: type, start: start, staff: StaffKey(parts[0]), actor: visit.actor, now: now) {
            case .accepted: return HTMLPage.redirect(to: "/staff/emergencies?done=placed")
            case .refused(let rule, let reason):
                operations.state.countRefusal(rule.rawValue)
                return try await emergencies(visit, problem: reason, status: rule.httpStatus)
            }
        case "decline":
            let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { return try await emergencies(visit, problem: "Give the customer a reason.", status: .badRequest) }
            guard try await queue.decline(id, reason: reason, actor: visit.actor, now: now) != nil else {
                return try await emergencies(visit, problem: "This request is no longer open.", status: .conflict)
            }
            return HTMLPage.redirect(to: "/staff/emergencies?done=declined")
        default:
            throw HTTPError(.notFound, message: "There is no such action.")
        }
    }
}
