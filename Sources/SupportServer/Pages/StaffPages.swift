import Foundation
import HTTPTypes
import Hummingbird
import Operations
import Scheduling
import UseCases

/// The staff console under `/staff`: the day across staff, and the actions staff take on
/// it. Staff sign in by emailed link to their configured address (`StaffSignIn`; the
/// session in `supportcal_staff`, apart from the customers' cookie, and a contact's
/// session never opens it). Every action is audited as `staff:<key>`.
struct StaffPages: Sendable {
    static let cookieName = "supportcal_staff"
    let operations: ServerOperations
    let forms: FormProtection
    var environment: ServerEnvironment { operations.environment }

    var signInPages: SignInPages {
        let signIn = environment.staffSignIn
        let via = "staff console"
        let audience = SignInPages.Audience(
            base: "/staff", cookieName: Self.cookieName, idleLimit: signIn.idleLimit, linkLifetime: signIn.linkLifetime,
            title: "Sign in to the staff console",
            intro: "For the support team: the day's sessions across staff, with the actions on them. We email a link to the "
                + "address in your [[staff]] entry; there is no password.",
            sentWords: "is a staff member's address",
            requestLink: { email, now in
                try await signIn.requestLink(email: email, via: via, now: now).map { ($0.staff.name, $0.staff.email ?? email, $0.token) }
            },
            signIn: { token, now in try await signIn.signIn(token: token, via: via, now: now)?.session },
            isSignedIn: { session, now in try await signIn.staff(session: session, now: now) != nil },
            signOut: { session, now in try await signIn.signOut(session: session, via: via, now: now) },
            limiter: operations.state.staffSignInLimiter)
        return SignInPages(audience: audience, forms: forms, environment: environment)
    }

    func register(on router: Router<SupportRequestContext>) {
        signInPages.register(on: router)
        registerEmergencies(on: router)
        registerCallbacks(on: router)
        registerBookings(on: router)
        registerCompanies(on: router)
        router.get("/staff") { request, _ in
            try await signedIn(request) { try await day($0, WallClock(environment.policy.vendorTimeZone).localDate(of: environment.now())) }
        }
        router.get("/staff/day/:date") { request, context in
            guard let date = LocalDate(try context.parameters.require("date")) else {
                throw HTTPError(.notFound, message: "Days are written YYYY-MM-DD.")
            }
            return try await signedIn(request) { try await day($0, date) }
        }
        router.post("/staff/bookings/:id/:action") { request, context in
            let (id, action) = (try context.parameters.require("id"), try context.parameters.require("action"))
            return try await posted(request, context) { try await act(BookingID(id), action, $0, $1) }
        }
    }

    /// One request to the console: the CSRF session and the signed-in staff member.
    struct Visit: Sendable {
        var request: Request
        var form: (value: String, isNew: Bool)
        var csrf: String
        var staff: StaffKey
        var isAdmin: Bool
        var actor: BookingDesk.Actor { BookingDesk.Actor("staff:\(staff.rawValue)", via: "staff console") }
    }

    func signedIn(_ request: Request, _ page: (Visit) async throws -> Response) async throws -> Response {
        guard let session = signInPages.session(request),
            let staff = try await environment.staffSignIn.staff(session: session, now: environment.now())
        else { return HTMLPage.redirect(to: "/staff/sign-in") }
        let form = forms.session(request)
        let visit = Visit(
            request: request, form: form, csrf: "<input type=\"hidden\" name=\"csrf\" value=\"\(forms.field(for: form.value))\">",
            staff: staff, isAdmin: environment.staffAdmins.contains(staff))
        var response = try await page(visit)
        response.setCookie(signInPages.cookie(session))
        return response
    }

    func posted(_ request: Request, _ context: SupportRequestContext, _ action: (Visit, FormFields) async throws -> Response)
        async throws -> Response
    {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        return try await signedIn(request) { try await action($0, fields) }
    }

    /// The console's frame: navigation above `body`; `refresh` reloads the page by itself.
    func page(_ title: String, _ body: String, visit: Visit, refresh: Int? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let name = environment.desk.staff.first { $0.key == visit.staff }?.name ?? visit.staff.rawValue
        let nav = """
            <nav class="account" aria-label="Staff console">
            <a href="/staff">Today</a>
            <a href="/staff/emergencies">Emergencies</a>
            <a href="/staff/callbacks">Return calls</a>
            <a href="/staff/bookings">Bookings</a>
            <a href="/staff/companies">Companies</a>
            <span>Signed in as \(HTMLPage.escape(name))\(visit.isAdmin ? " (admin)" : "")</span>
            <form method="post" action="/staff/sign-out">\(visit.csrf)<button type="submit" class="secondary">Sign out</button></form>
            </nav>
            """
        var page = HTMLPage(title: title, body: nav + body, status: status)
        page.refreshSeconds = refresh
        return page.response(cookie: visit.form.isNew ? forms.cookie(visit.form.value) : nil)
    }
}
