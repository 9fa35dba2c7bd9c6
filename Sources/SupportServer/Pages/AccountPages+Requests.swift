import Foundation
import HTTPTypes
import Hummingbird
import Scheduling
import Store
import UseCases

// `/account/emergency` (§7) and `/account/callback` (§8): the customer asks; staff place
// the emergency in an opening or call back in a gap between sessions.
extension AccountPages {
    func emergency(_ visit: Visit, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = environment.now()
        let zone = visit.contact.timeZone
        let profile = try await account.profile(visit.contact, now: now)
        let requests = try await account.emergencyRequests(of: visit.contact.companyID)
        var body = HTMLPage.notice(
            visit.request,
            [
                "queued": "Your request is with our staff. They place you in today's earliest opening and email you the time; "
                    + "you can also call us.",
                "withdrawn": "Your request is withdrawn.",
            ])
        body += problem.map(HTMLPage.problem) ?? ""
        if profile.plan == nil {
            body += """
                <p class="problem">Emergency sessions are for companies with active maintenance, and \
                \(HTMLPage.escape(profile.company.name)) has none at present. You can <a href="/book">book a regular \
                session</a>, or ask us about a maintenance plan.</p>
                \(environment.support.contactLine)
                """
        } else if let open = requests.first(where: { $0.state == .open && $0.contactID == visit.contact.id }) {
            body += """
                <p>Your request of \(HTMLPage.escape(CustomerTime.describe(open.requestedAt, in: zone))) is with our staff. \
                To tell them something else, withdraw it below and ask again, or call us.</p>
                \(environment.support.contactLine)
                """
        } else {
            body += """
                <p>Something is down and cannot wait for a free slot? Staff go through today's calendar and place you in the \
                earliest opening (it may be shorter than a normal session). You get an email with the time in your zone, \
                \(HTMLPage.escape(zone.identifier)).</p>
                <form method="post" action="/account/emergency">
                \(visit.csrf)
                <label for="problem">What is the problem? A few words are enough.</label>
                <textarea id="problem" name="problem" maxlength="\(EmergencyRequest.maximumProblemLength)" required></textarea>
                <button type="submit">Ask for an emergency session</button>
                </form>
                """
        }
        if !requests.isEmpty {
            body += "<h2>Your company's requests</h2>\n<ul class=\"sessions\">"
            for request in requests {
                body +=
                    "<li><strong>\(HTMLPage.escape(Self.stateText(request, zone: zone)))</strong><br>"
                    + "Asked \(HTMLPage.escape(CustomerTime.describe(request.requestedAt, in: zone)))"
                    + (request.problem.isEmpty ? "" : ": “\(HTMLPage.escape(request.problem))”")
                if request.state == .open, request.contactID == visit.contact.id {
                    body += """
                        <form method="post" action="/account/emergency/\(HTMLPage.escape(request.id))/withdraw">\(visit.csrf)\
                        <button type="submit" class="secondary">Withdraw this request</button></form>
                        """
                }
                body += "</li>"
            }
            body += "</ul>"
        }
        return page("Emergency session", body, current: "/account/emergency", visit: visit, status: status)
    }

    static func stateText(_ request: EmergencyRequest, zone: TimeZone) -> String {
        switch request.state {
        case .open: "With our staff"
        case .placed: "Placed in a session (see Sessions)"
        case .declined: "Declined" + (request.reason.map { ": \($0)" } ?? "")
        case .withdrawn: "Withdrawn"
        }
    }

    func askEmergency(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        let problem = (fields["problem"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !problem.isEmpty else {
            return try await emergency(visit, problem: "Describe the problem in a few words.", status: .badRequest)
        }
        switch try await account.requestEmergency(visit.contact, problem: problem, via: via, now: environment.now()) {
        case .accepted: return HTMLPage.redirect(to: "/account/emergency?done=queued")
        case .refused(let rule, let reason): return try await emergency(visit, problem: reason, status: rule.httpStatus)
        }
    }

    func withdraw(_ id: String, _ visit: Visit, _ fields: FormFields) async throws -> Response {
        guard try await account.withdrawEmergency(id, by: visit.contact, via: via, now: environment.now()) != nil else {
            throw HTTPError(.notFound, message: "There is no such request of your company.")
        }
        return HTMLPage.redirect(to: "/account/emergency?done=withdrawn")
    }

    func callback(_ visit: Visit, answer: Decision<ReturnCallRecord>?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = environment.now()
        let zone = visit.contact.timeZone
        let calls = try await account.returnCallsToday(of: visit.contact.companyID, now: now)
        var body = ""
        switch answer {
        case .accepted(let call):
            body +=
                "<p class=\"notice\" role=\"status\">We will call you back at "
                + "\(HTMLPage.escape(CustomerTime.describe(call.start, in: zone))), for up to "
                + "\(Int(call.end.timeIntervalSince(call.start) / 60)) minutes.</p>"
        case .refused(_, let reason): body += HTMLPage.problem(reason)
        case nil: break
        }
        body += """
            <p>With active maintenance, your company may have one return-call attempt: a call of at most \
            \(Int(environment.policy.returnCallMaxLength / 60)) minutes that staff place in a gap between scheduled sessions. If \
            the matter needs more time, or we do not reach you on that one attempt, please <a href="/book">book a session</a>.</p>
            """
        if calls.isEmpty {
            body += """
                <form method="post" action="/account/callback">
                \(visit.csrf)
                <label for="note">What is it about? (optional)</label>
                <textarea id="note" name="note" maxlength="500"></textarea>
                <button type="submit">Ask for a return call</button>
                </form>
                """
        } else {
            body += "<h2>Today's return call</h2>\n<ul class=\"sessions\">"
            for call in calls {
                let outcome = call.outcome.map {
                    ["resolved": "Done", "needs-more-time": "Needs a session", "not-reached": "Not reached"][$0.rawValue] ?? $0.rawValue
                }
                body +=
                    "<li><strong>\(HTMLPage.escape(CustomerTime.describe(call.start, in: zone)))</strong> · "
                    + "\(HTMLPage.escape(outcome ?? "Planned"))\(call.note.map { ": “\(HTMLPage.escape($0))”" } ?? "")</li>"
            }
            body += "</ul>"
        }
        return page("Return call", body, current: "/account/callback", visit: visit, status: status)
    }

    func askCallback(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        let decision = try await account.requestReturnCall(visit.contact, note: fields["note"], via: via, now: environment.now())
        if case .refused(let rule, _) = decision {
            operations.state.countRefusal(rule.rawValue)
            return try await callback(visit, answer: decision, status: rule.httpStatus)
        }
        return try await callback(visit, answer: decision)
    }
}
