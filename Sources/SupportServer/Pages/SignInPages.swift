import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Scheduling
import UseCases

/// Signing in by emailed link, and out, for one audience: customers under `/account`,
/// staff under `/staff`. The link's page asks before it signs in: mail scanners open
/// links, and a GET that spent the link would sign nobody in.
struct SignInPages: Sendable {
    /// Who signs in here and how: the paths, words and cookie, and the use case's steps.
    struct Audience: Sendable {
        /// "/account" or "/staff": the sign-in pages are under it, and it is where a sign-in lands.
        var base: String
        var cookieName: String
        var idleLimit: TimeInterval
        var linkLifetime: TimeInterval
        var title: String
        var intro: String
        var sentWords: String
        /// A link for `email` (nil for an unknown address): to whom, and the token.
        var requestLink: @Sendable (_ email: String, _ now: Date) async throws -> (name: String, address: String, token: String)?
        /// A new session id for a link token, or nil.
        var signIn: @Sendable (_ token: String, _ now: Date) async throws -> String?
        var isSignedIn: @Sendable (_ session: String, _ now: Date) async throws -> Bool
        var signOut: @Sendable (_ session: String, _ now: Date) async throws -> Void
        /// Sign-in requests per client address.
        var limiter: AddressLimiter
    }

    let audience: Audience
    let forms: FormProtection
    let environment: ServerEnvironment

    func register(on router: Router<SupportRequestContext>) {
        let base = audience.base
        router.get("\(base)/sign-in") { request, _ in try await form(request) }
        router.post("\(base)/sign-in") { request, context in try await requestLink(request, context) }
        router.get("\(base)/sign-in/:token") { request, context in try await linkPage(request, context) }
        router.post("\(base)/sign-in/:token") { request, context in try await followLink(request, context) }
        router.post("\(base)/sign-out") { request, context in try await signOut(request, context) }
        router.get("\(base)/sign-out") { _, _ in HTMLPage.redirect(to: base) }
    }

    var secureCookie: Bool { environment.publicBaseURL.scheme == "https" }

    /// The session cookie, renewed on each visit: it lasts as long as the session can stay idle.
    func cookie(_ session: String) -> Cookie {
        Cookie(
            name: audience.cookieName, value: session, maxAge: Int(audience.idleLimit), path: "/", secure: secureCookie, httpOnly: true,
            sameSite: .lax)
    }

    func clearedCookie() -> Cookie {
        Cookie(name: audience.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookie, httpOnly: true, sameSite: .lax)
    }

    /// The session id in the audience's cookie, if it has the shape of one.
    func session(_ request: Request) -> String? {
        guard let value = request.cookies[audience.cookieName]?.value, AccountAuthentication.looksLikeSession(value) else { return nil }
        return value
    }

    private var minutes: Int { Int(audience.linkLifetime / 60) }

    private func page(_ title: String, _ body: String, request: Request, status: HTTPResponse.Status = .ok, cookies: [Cookie] = [])
        -> Response
    {
        let (form, isNew) = forms.session(request)
        let html = body.replacingOccurrences(
            of: "{csrf}", with: "<input type=\"hidden\" name=\"csrf\" value=\"\(forms.field(for: form))\">")
        return HTMLPage(title: title, body: html, status: status).response(cookie: isNew ? forms.cookie(form) : nil, cookies: cookies)
    }

    func form(_ request: Request, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        if problem == nil, let session = session(request), try await audience.isSignedIn(session, environment.now()) {
            return HTMLPage.redirect(to: audience.base)
        }
        let body = """
            \(problem.map(HTMLPage.problem) ?? "")
            <p>\(audience.intro)</p>
            <form method="post" action="\(audience.base)/sign-in">
            {csrf}
            <label for="email">Your email address</label>
            <input type="email" id="email" name="email" required autocomplete="email">
            <button type="submit">Email me a sign-in link</button>
            </form>
            \(environment.support.contactLine)
            <p><a href="/book">Book a session</a> · <a href="/fees">Fee schedule</a></p>
            """
        return page(audience.title, body, request: request, status: status)
    }

    /// The same words whether or not the address is known, and the email is sent after
    /// answering, so neither the page nor its timing tells who is known.
    func requestLink(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !email.isEmpty else { return try await form(request, problem: "Enter your email address.", status: .badRequest) }
        let now = environment.now()
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        if let until = await audience.limiter.blockedUntil(client, now: now) {
            let zone = environment.policy.vendorTimeZone
            return try await form(
                request,
                problem: "Too many sign-in links were asked for from your network. Try again after "
                    + "\(CustomerTime.clockTime(until, in: zone)) (\(zone.identifier)).",
                status: .tooManyRequests)
        }
        await audience.limiter.record(client, now: now)
        if let link = try await audience.requestLink(email, now) {
            let desk = environment.desk
            let url = environment.publicBaseURL.appendingPathComponent("\(audience.base.dropFirst())/sign-in/\(link.token)").absoluteString
            let (title, minutes) = (audience.title, minutes)
            Task {
                do {
                    try await desk.sendNow(
                        to: try Mailbox(name: link.name, address: link.address), subject: title,
                        text: Self.email(name: link.name, title: title, link: url, minutes: minutes), key: "sign-in")
                } catch {
                    desk.logger.warning("the sign-in email did not go out", metadata: ["error": "\(error)"])
                }
            }
        }
        let body = """
            <p class="notice" role="status">If \(HTMLPage.escape(email)) \(audience.sentWords), a sign-in link is on its way to it. \
            The link works once, within \(minutes) minutes.</p>
            <p>No email after a few minutes? Check the address and your spam folder. <a href="\(audience.base)/sign-in">Ask for \
            another link</a></p>
            \(environment.support.contactLine)
            """
        return page("Check your email", body, request: request)
    }

    static func email(name: String, title: String, link: String, minutes: Int) -> String {
        """
        Hello \(name),

        To \(title.prefix(1).lowercased() + title.dropFirst()), open this link within \(minutes) minutes:

        \(link)

        The link works once. If you did not ask to sign in, ignore this email: \
        nobody can sign in without the link.
        """
    }

    func linkPage(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard AccountAuthentication.looksLikeSession(token) else { return try await spentLink(request) }
        let body = """
            <form method="post" action="\(audience.base)/sign-in/\(HTMLPage.escape(token))">
            {csrf}
            <p>You are signing in with the link we emailed you.</p>
            <button type="submit">Sign in</button>
            </form>
            """
        return page("Sign in", body, request: request)
    }

    func followLink(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let token = try context.parameters.require("token")
        guard AccountAuthentication.looksLikeSession(token), let session = try await audience.signIn(token, environment.now()) else {
            return try await spentLink(request)
        }
        var response = HTMLPage.redirect(to: audience.base)
        response.setCookie(cookie(session))
        return response
    }

    private func spentLink(_ request: Request) async throws -> Response {
        try await form(
            request,
            problem: "This sign-in link has expired or was already used. Links work once, within \(minutes) minutes. "
                + "Ask for a new one below.",
            status: .gone)
    }

    func signOut(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        if let session = session(request) { try await audience.signOut(session, environment.now()) }
        let body = """
            <p class="notice" role="status">You are signed out.</p>
            <p><a href="\(audience.base)/sign-in">Sign in again</a> · <a href="/book">Book a session</a></p>
            """
        return page("Signed out", body, request: request, cookies: [clearedCookie()])
    }
}
