import Foundation
import HTTPTypes
import Hummingbird
import Scheduling
import UseCases

/// The customer's support account under `/account`: sign-in by emailed link, the profile,
/// the company's sessions, emergency and return-call requests. Plain server-rendered
/// forms; every POST carries the CSRF field; a page that needs a signed-in contact sends
/// anyone else to the sign-in form.
struct AccountPages: Sendable {
    let operations: ServerOperations
    let forms: FormProtection
    var environment: ServerEnvironment { operations.environment }
    var authentication: AccountAuthentication { AccountAuthentication(environment: environment) }
    var account: CustomerAccount { environment.account }

    /// Customers sign in by emailed link (`AccountSignIn`), the session in `supportcal_account`.
    var signInPages: SignInPages {
        let (signIn, via) = (environment.signIn, via)
        let audience = SignInPages.Audience(
            base: "/account", cookieName: AccountAuthentication.cookieName, idleLimit: signIn.idleLimit,
            linkLifetime: signIn.linkLifetime, title: "Sign in to your support account",
            intro: "Sign in to see your profile and your company's maintenance code, your company's sessions, and to ask for an "
                + "emergency session or a return call. We email you a link; there is no password.",
            sentWords: "belongs to a support account",
            requestLink: { email, now in
                try await signIn.requestLink(email: email, via: via, now: now).map { ($0.contact.name, $0.contact.email, $0.token) }
            },
            signIn: { token, now in try await signIn.signIn(token: token, via: via, now: now)?.session },
            isSignedIn: { session, now in try await signIn.contact(session: session, now: now) != nil },
            signOut: { session, now in try await signIn.signOut(session: session, via: via, now: now) },
            limiter: operations.state.signInLimiter)
        return SignInPages(audience: audience, forms: forms, environment: environment)
    }

    func register(on router: Router<SupportRequestContext>) {
        signInPages.register(on: router)
        router.get("/account") { request, _ in try await signedIn(request) { try await profile($0) } }
        router.post("/account/zone") { request, context in try await posted(request, context) { try await setZone($0, $1) } }
        router.post("/account/api-token") { request, context in try await posted(request, context) { try await issueToken($0, $1) } }
        router.post("/account/api-tokens/revoke") { request, context in
            try await posted(request, context) { try await revokeTokens($0, $1) }
        }
        router.get("/account/sessions") { request, _ in try await signedIn(request) { try await sessions($0) } }
        router.get("/account/emergency") { request, _ in try await signedIn(request) { try await emergency($0) } }
        router.post("/account/emergency") { request, context in try await posted(request, context) { try await askEmergency($0, $1) } }
        router.post("/account/emergency/:id/withdraw") { request, context in
            let id = try context.parameters.require("id")
            return try await posted(request, context) { try await withdraw(id, $0, $1) }
        }
        router.get("/account/callback") { request, _ in try await signedIn(request) { try await callback($0, answer: nil) } }
        router.post("/account/callback") { request, context in try await posted(request, context) { try await askCallback($0, $1) } }
    }

    /// One request to the account pages: its CSRF session (a new one is set with the
    /// page) and who is signed in.
    struct Visit: Sendable {
        var request: Request
        var form: (value: String, isNew: Bool)
        var csrf: String
        var who: AccountAuthentication.SignedIn!
        var contact: Contact { who.contact }
    }

    func visit(_ request: Request, who: AccountAuthentication.SignedIn? = nil) -> Visit {
        let form = forms.session(request)
        return Visit(
            request: request, form: form, csrf: "<input type=\"hidden\" name=\"csrf\" value=\"\(forms.field(for: form.value))\">",
            who: who)
    }

    /// A page for a signed-in contact, or a redirect to the sign-in form.
    func signedIn(_ request: Request, _ page: (Visit) async throws -> Response) async throws -> Response {
        guard let who = try await authentication.signedIn(request) else { return HTMLPage.redirect(to: "/account/sign-in") }
        var response = try await page(visit(request, who: who))
        response.setCookie(signInPages.cookie(who.session))
        return response
    }

    /// A form post from a signed-in contact: CSRF checked, fields read.
    func posted(
        _ request: Request, _ context: SupportRequestContext, _ action: (Visit, FormFields) async throws -> Response
    ) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        return try await signedIn(request) { try await action($0, fields) }
    }

    /// The account's frame: its navigation (the current page marked) above `body`.
    func page(_ title: String, _ body: String, current: String, visit: Visit, status: HTTPResponse.Status = .ok) -> Response {
        let links = [
            ("/account", "Profile"), ("/account/sessions", "Sessions"), ("/account/emergency", "Emergency"),
            ("/account/callback", "Return call"), ("/fees", "Fees"),
        ].map { path, label in
            "<a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(label)</a>"
        }.joined(separator: "\n")
        let nav = """
            <nav class="account" aria-label="Support account">
            \(links)
            <form method="post" action="/account/sign-out">\(visit.csrf)<button type="submit" class="secondary">Sign out</button></form>
            </nav>
            """
        return HTMLPage(title: title, body: nav + body, status: status).response(
            cookie: visit.form.isNew ? forms.cookie(visit.form.value) : nil)
    }

    var via: String { "account page" }
}
