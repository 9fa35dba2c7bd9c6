import Foundation
import Hummingbird
import Scheduling
import UseCases

// `/account`: who you are, your time zone, your company's plan, standing and maintenance
// code (§2: "log into your support account and access your Profile page"), API tokens.
extension AccountPages {
    func profile(_ visit: Visit, token: String? = nil) async throws -> Response {
        let now = environment.now()
        let profile = try await account.profile(visit.contact, now: now)
        let contact = profile.contact
        let vendorZone = environment.policy.vendorTimeZone
        let zones = ZoneChoices.options(selected: contact.timeZone.identifier, now: now)
        var body = HTMLPage.notice(
            visit.request,
            ["zone": "Your time zone is now \(contact.timeZone.identifier). Every page and email from now on shows times there."])
        body += """
            <h2>You</h2>
            <dl>
            <dt>Name</dt><dd>\(HTMLPage.escape(contact.name))</dd>
            <dt>Email</dt><dd>\(HTMLPage.escape(contact.email))</dd>
            \(contact.phone.map { "<dt>Phone</dt><dd>\(HTMLPage.escape($0))</dd>" } ?? "")
            </dl>
            <h2>Your time zone</h2>
            <form method="post" action="/account/zone">
            \(visit.csrf)
            <label for="zone">Time zone</label>
            <select id="zone" name="zone" aria-describedby="zone-help">\(zones)</select>
            <p id="zone-help">Your sessions are shown and emailed in this zone: it is \
            \(HTMLPage.escape(CustomerTime.clockTime(now, in: contact.timeZone))) there now. Changing it changes every \
            later page and email, reminders included.</p>
            <button type="submit">Save time zone</button>
            </form>
            <h2>\(HTMLPage.escape(profile.company.name))</h2>
            <dl>
            <dt>Maintenance plan</dt><dd>\(HTMLPage.escape(profile.plan.map { AccountWords.plan($0, zone: vendorZone) }
                ?? "None at present: sessions are charged at the fee schedule."))</dd>
            \(profile.nextPlan.map { "<dt>Next plan</dt><dd>\(HTMLPage.escape(AccountWords.plan($0, zone: vendorZone))), from "
                + "\(HTMLPage.escape(CustomerTime.dateText($0.validFrom, in: vendorZone)))</dd>" } ?? "")
            <dt>Standing</dt><dd>\(HTMLPage.escape(standing(profile.standing)))</dd>
            <dt>Maintenance code</dt><dd>\(codeText(profile.code))</dd>
            </dl>
            <p>See the <a href="/fees">fee schedule</a> for prices and what a plan changes.</p>
            """
        body += apiSection(visit, count: profile.apiTokens, token: token)
        return page("Your support account", body, current: "/account", visit: visit)
    }

    private func standing(_ standing: CompanyStanding) -> String {
        if standing.isSuspended {
            return "Free sessions are suspended after \(standing.freeNoShowCount) no-shows; booking them resumes once the "
                + "reinstatement fee of \(standing.reinstatementFee) is paid. Paid sessions can be booked as usual."
        }
        let counted = standing.freeNoShowCount
        let noun = counted == 1 ? "no-show" : "no-shows"
        return "In good standing: \(counted == 0 ? "no" : "\(counted)") \(noun) of free sessions counted; the "
            + "\(FeesPage.ordinal(standing.noShowLimit)) suspends free sessions until a reinstatement fee of "
            + "\(standing.reinstatementFee) is paid."
    }

    private func codeText(_ code: CustomerAccount.CodeText) -> String {
        switch code {
        case .readable(let text):
            return "<strong class=\"code\">\(HTMLPage.escape(text))</strong><br>Enter it when you book. "
                + "It is your whole company's: keep it within the company."
        case .notReadable:
            return "Your company has a code, but it was issued before codes could be shown here. "
                + "Ask us for a new one and it will appear here. \(environment.support.html ?? "")"
        case .none:
            return "Your company has no maintenance code."
        }
    }

    private func apiSection(_ visit: Visit, count: Int, token: String?) -> String {
        var html = """
            <h2>API access</h2>
            <p>Your own tools can read your company's sessions from <code>/api/account/sessions</code> with a token \
            (see the API description). Live tokens: \(count).</p>
            """
        if let token {
            html += """
                <p class="notice" role="status">Your new token, shown this once: <strong class="code">\(HTMLPage.escape(token))\
                </strong><br>Send it as <code>Authorization: Bearer …</code>. It ends after 30 days unused, or when you revoke it.</p>
                """
        }
        html += """
            <form method="post" action="/account/api-token">\(visit.csrf)<button type="submit" class="secondary">Make a new token\
            </button></form>
            """
        if count > 0 {
            html += """
                <form method="post" action="/account/api-tokens/revoke">\(visit.csrf)<button type="submit" class="secondary">Revoke \
                all tokens</button></form>
                """
        }
        return html
    }

    func setZone(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        guard let identifier = fields["zone"], ZoneChoices.isOffered(identifier) || identifier == visit.contact.timeZone.identifier,
            let zone = TimeZone(identifier: identifier)
        else { throw HTTPError(.badRequest, message: "Choose your time zone from the list.") }
        _ = try await account.setTimeZone(zone, for: visit.contact, via: via, now: environment.now())
        return HTMLPage.redirect(to: "/account?done=zone")
    }

    func issueToken(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        let token = try await environment.signIn.issueAPIToken(for: visit.contact, via: via, now: environment.now())
        return try await profile(visit, token: token)
    }

    func revokeTokens(_ visit: Visit, _ fields: FormFields) async throws -> Response {
        try await environment.signIn.revokeAPITokens(of: visit.contact, via: via, now: environment.now())
        return HTMLPage.redirect(to: "/account")
    }
}
