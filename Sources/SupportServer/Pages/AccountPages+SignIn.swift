import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Scheduling
import UseCases

// Signing in by emailed link, and out. The link's page asks before it signs in: mail
// scanners open links, and a GET that spent the link would sign nobody in.
extension AccountPages {
    func signInForm(_ request: Request, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        if problem == nil, try await authentication.signedIn(request) != nil { return HTMLPage.redirect(to: "/account") }
        let visit = visit(request)
        let body = """
            \(problem.map(Self.problem) ?? "")
            <p>Sign in to see your profile and your company's maintenance code, your company's sessions, and to ask for an \
            emergency session or a return call. We email you a link; there is no password.</p>
            <form method="post" action="/account/sign-in">
            \(visit.csrf)
            <label for="email">Your email address</label>
            <input type="email" id="email" name="email" required autocomplete="email">
            <button type="submit">Email me a sign-in link</button>
            </form>
            \(environment.support.contactLine)
            <p><a href="/book">Book a session</a> · <a href="/fees">Fee schedule</a></p>
            """
        return HTMLPage(title: "Sign in to your support account", body: body, status: status).response(
            cookie: visit.form.isNew ? forms.cookie(visit.form.value) : nil)
    }

    /// The same words whether or not the address is a contact's, and the email is sent
    /// after answering, so neither the page nor its timing tells who is a customer.
    func requestLink(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !email.isEmpty else { return try await signInForm(request, problem: "Enter your email address.", status: .badRequest) }
        let now = environment.now()
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        let limiter = operations.state.signInLimiter
        if let until = await limiter.blockedUntil(client, now: now) {
            return try await signInForm(
                request,
                problem: "Too many sign-in links were asked for from your network. Try again after "
                    + "\(CustomerTime.clockTime(until, in: environment.policy.vendorTimeZone)) "
                    + "(\(environment.policy.vendorTimeZone.identifier)).",
                status: .tooManyRequests)
        }
        await limiter.record(client, now: now)
        if let (contact, token) = try await environment.signIn.requestLink(email: email, via: via, now: now) {
            let desk = environment.desk
            let link = environment.publicBaseURL.appendingPathComponent("account/sign-in/\(token)").absoluteString
            let minutes = Int(environment.signIn.linkLifetime / 60)
            Task {
                do {
                    try await desk.sendNow(
                        to: try Mailbox(name: contact.name, address: contact.email), subject: "Sign in to your support account",
                        text: Self.signInEmail(name: contact.name, link: link, minutes: minutes), key: "sign-in-\(contact.id.rawValue)")
                } catch {
                    desk.logger.warning(
                        "the sign-in email did not go out", metadata: ["contact.id": "\(contact.id.rawValue)", "error": "\(error)"])
                }
            }
        }
        let visit = visit(request)
        let body = """
            <p class="notice" role="status">If \(HTMLPage.escape(email)) belongs to a support account, a sign-in link is on its \
            way to it. The link works once, within \(Int(environment.signIn.linkLifetime / 60)) minutes.</p>
            <p>No email after a few minutes? Check the address and your spam folder, or ask your company's support contact \
            to add you. <a href="/account/sign-in">Ask for another link</a></p>
            \(environment.support.contactLine)
            """
        return HTMLPage(title: "Check your email", body: body).response(cookie: visit.form.isNew ? forms.cookie(visit.form.value) : nil)
    }

    static func signInEmail(name: String, link: String, minutes: Int) -> String {
        """
        Hello \(name),

        To sign in to your support account, open this link within \(minutes) minutes:

        \(link)

        The link works once. If you did not ask to sign in, ignore this email: \
        nobody can sign in without the link.
        """
    }

    func linkPage(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard AccountAuthentication.looksLikeSession(token) else { return try await spentLink(request) }
        let visit = visit(request)
        let body = """
            <form method="post" action="/account/sign-in/\(HTMLPage.escape(token))">
            \(visit.csrf)
            <p>You are signing in to your support account with the link we emailed you.</p>
            <button type="submit">Sign in</button>
            </form>
            """
        return HTMLPage(title: "Sign in", body: body).response(cookie: visit.form.isNew ? forms.cookie(visit.form.value) : nil)
    }

    func followLink(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let token = try context.parameters.require("token")
        guard AccountAuthentication.looksLikeSession(token),
            let (session, _) = try await environment.signIn.signIn(token: token, via: via, now: environment.now())
        else { return try await spentLink(request) }
        var response = HTMLPage.redirect(to: "/account")
        response.setCookie(authentication.cookie(session))
        return response
    }

    private func spentLink(_ request: Request) async throws -> Response {
        try await signInForm(
            request,
            problem: "This sign-in link has expired or was already used. Links work once, within "
                + "\(Int(environment.signIn.linkLifetime / 60)) minutes. Ask for a new one below.",
            status: .gone)
    }

    func signOut(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        if let value = request.cookies[AccountAuthentication.cookieName]?.value, AccountAuthentication.looksLikeSession(value) {
            try await environment.signIn.signOut(session: value, via: via, now: environment.now())
        }
        let body = """
            <p class="notice" role="status">You are signed out.</p>
            <p><a href="/account/sign-in">Sign in again</a> · <a href="/book">Book a session</a></p>
            """
        return HTMLPage(title: "Signed out", body: body).response(cookies: [authentication.clearedCookie()])
    }
}
