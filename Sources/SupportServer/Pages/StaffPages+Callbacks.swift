import Foundation
import Hummingbird
import Operations
import Scheduling
import Store
import UseCases

// `/staff/callbacks` (§8): today's return calls with whom to call and when, recording the
// one attempt, where a return call still fits between sessions, and planning one for a
// customer who phoned.
extension StaffPages {
    func registerCallbacks(on router: Router<SupportRequestContext>) {
        router.get("/staff/callbacks") { request, _ in try await signedIn(request) { try await callbacks($0) } }
        router.post("/staff/callbacks") { request, context in try await posted(request, context) { try await planCallback($0, $1) } }
        router.post("/staff/callbacks/:id/attempt") { request, context in
            let id = try context.parameters.require("id")
            return try await posted(request, context) { try await recordAttempt(id, $0, $1) }
        }
    }

    func callbacks(_ visit: Visit, message: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let now = environment.now()
        let zone = environment.policy.vendorTimeZone
        let clock = WallClock(zone)
        let today = clock.localDate(of: now)
        let day = try await environment.desk.staffDay(today, now: now)
        let calls = try await environment.store.read { tx in
            try tx.returnCalls(overlapping: clock.day(today)).map { call in
                (call, try tx.company(call.companyID), try tx.contact(call.contactID))
            }
        }
        let names = Dictionary(environment.desk.staff.map { ($0.key, $0.name) }) { first, _ in first }
        var body = message.map { "<p class=\"notice\" role=\"status\">\(HTMLPage.escape($0))</p>" } ?? ""
        body += problem.map(HTMLPage.problem) ?? ""
        body +=
            "<p>Times in \(HTMLPage.escape(zone.identifier)). One attempt of at most "
            + "\(Int(environment.policy.returnCallMaxLength / 60)) minutes per company (§8).</p><h2>Today's return calls</h2>"
        if calls.isEmpty { body += "<p>None planned.</p>" }
        body += "<ul class=\"sessions\">"
        for (call, company, contact) in calls {
            let id = HTMLPage.escape(call.id)
            body += """
                <li><strong>\(CustomerTime.clockTime(call.start, in: zone))–\(CustomerTime.clockTime(call.end, in: zone))</strong> \
                \(HTMLPage.escape(names[call.staff] ?? call.staff.rawValue)) calls \
                \(HTMLPage.escape(contact?.name ?? "a former contact")) of \(HTMLPage.escape(company?.name ?? call.companyID.rawValue))\
                \(contact?.phone.map { " on \(HTMLPage.escape($0))" } ?? "")\(call.note.map { ": “\(HTMLPage.escape($0))”" } ?? "")<br>
                """
            if let outcome = call.outcome {
                body += "Attempt recorded: \(HTMLPage.escape(Self.outcomeText(outcome)))</li>"
            } else {
                let choices = ReturnCallOutcome.allCases.map { outcome in
                    "<label><input type=\"radio\" name=\"outcome\" value=\"\(outcome.rawValue)\"\(outcome == .resolved ? " checked" : "")> "
                        + "\(HTMLPage.escape(Self.outcomeText(outcome)))</label>"
                }.joined(separator: "\n")
                body += """
                    <form method="post" action="/staff/callbacks/\(id)/attempt">\(visit.csrf)
                    <fieldset><legend>How did the call go?</legend>\(choices)</fieldset>
                    <button type="submit" class="secondary">Record the attempt</button></form></li>
                    """
            }
        }
        body += "</ul><h2>Where a return call fits</h2><ul>"
        for member in day.members {
            let gaps = member.openings.prefix(4).map {
                "\(CustomerTime.clockTime($0.start, in: zone))–\(CustomerTime.clockTime($0.end, in: zone))"
            }
            body +=
                "<li>\(HTMLPage.escape(member.staff.name)): "
                + "\(gaps.isEmpty ? "no gap left today" : HTMLPage.escape(gaps.joined(separator: ", ")))</li>"
        }
        body += """
            </ul>
            <h2>Plan a return call for a caller</h2>
            <form method="post" action="/staff/callbacks">
            \(visit.csrf)
            <label for="call-contact">The contact's email</label>
            <input type="email" id="call-contact" name="contact" required>
            <label for="call-note">What it is about</label>
            <textarea id="call-note" name="note" maxlength="500"></textarea>
            <button type="submit">Plan the return call</button>
            </form>
            """
        return page("Return calls", body, visit: visit, status: status)
    }

    static func outcomeText(_ outcome: ReturnCallOutcome) -> String {
        switch outcome {
        case .resolved: "Reached, settled on the call"
        case .needsMoreTime: "Reached, needs a session"
        case .notReached: "Not reached"
        }
    }

    func planCallback(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        let now = environment.now()
        guard let (company, contact) = try await environment.desk.contact(email: fields["contact"] ?? "") else {
            return try await callbacks(visit, problem: "There is no contact with that email address.", status: .unprocessableContent)
        }
        let note = fields["note"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        switch try await environment.desk.requestReturnCall(company: company, contact: contact, note: note, actor: visit.actor, now: now) {
        case .accepted(let call):
            let zone = environment.policy.vendorTimeZone
            return try await callbacks(visit, message: "Planned for \(CustomerTime.clockTime(call.start, in: zone)).")
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try await callbacks(visit, problem: reason, status: rule.httpStatus)
        }
    }

    func recordAttempt(_ id: String, _ visit: Visit, _ fields: FormFields) async throws -> Response {
        guard let outcome = fields["outcome"].flatMap(ReturnCallOutcome.init(rawValue:)) else {
            return try await callbacks(visit, problem: "Choose how the call went.", status: .badRequest)
        }
        let (_, resolution) = try await environment.desk.recordReturnCall(id, outcome: outcome, actor: visit.actor, now: environment.now())
        switch resolution {
        case .done: return try await callbacks(visit, message: "Recorded.")
        case .mustBookSession(let reason): return try await callbacks(visit, message: "Recorded. Ask them to book a session: \(reason)")
        }
    }
}
