import Foundation
import Hummingbird
import Mail
import Scheduling
import Store

/// `/book`: choose a session type, see free slots in your own zone, enter the maintenance
/// code, see the price, confirm. Three steps, each a plain form:
///   GET  /book?contact=…&type=live-session/60&from=YYYY-MM-DD   slots
///   POST /book/review                                          price and summary
///   POST /book/confirm                                         books, then /b/<token>
struct BookPage: Sendable {
    let operations: ServerOperations
    let forms: FormProtection
    var environment: ServerEnvironment { operations.environment }

    func register(on router: Router<SupportRequestContext>) {
        router.get("/") { _, _ in HTMLPage.redirect(to: "/book") }
        router.get("/book") { request, _ in try await choose(request) }
        router.post("/book/review") { request, context in try await review(request, context) }
        router.post("/book/confirm") { request, context in try await confirm(request, context) }
    }

    private func typeOptions(selected: String?) -> String {
        environment.sessionTypes.map { type in
            let value = "\(type.kind.rawValue)/\(type.minutes)"
            return "<option value=\"\(value)\"\(value == selected ? " selected" : "")>\(HTMLPage.escape(type.description.prefix(1).uppercased() + type.description.dropFirst()))</option>"
        }.joined(separator: "\n")
    }

    func sessionType(_ value: String?) throws -> SessionType {
        let parts = (value ?? "").split(separator: "/")
        return try operations.sessionType(kind: parts.first.map(String.init), length: parts.count > 1 ? Int(parts[1]) : nil)
    }

    func choose(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let (session, isNew) = forms.session(request)
        let cookie = isNew ? forms.cookie(session) : nil
        let email = query.get("contact") ?? ""
        let typeValue = query.get("type")
        var body = """
            <form method="get" action="/book">
            <label for="contact">Your email address</label>
            <input type="email" id="contact" name="contact" required autocomplete="email" value="\(HTMLPage.escape(email))">
            <label for="type">Session</label>
            <select id="type" name="type">\(typeOptions(selected: typeValue))</select>
            <label for="from">From</label>
            <input type="date" id="from" name="from" value="\(HTMLPage.escape(query.get("from") ?? ""))">
            <button type="submit">Show free times</button>
            </form>
            """
        guard !email.isEmpty, typeValue != nil else {
            return HTMLPage(title: "Book a support session", body: body).response(cookie: cookie)
        }
        let company: Company, contact: Contact, type: SessionType
        do {
            (company, contact) = try await operations.contact(email: email)
            type = try sessionType(typeValue)
        } catch let error as HTTPError {
            body = "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(error.body ?? "Please check your entries."))</p>" + body
            return HTMLPage(title: "Book a support session", body: body, status: .unprocessableContent).response(cookie: cookie)
        }
        let now = environment.now()
        let from = (query.get("from")).flatMap { LocalDate($0) }.map { WallClock(contact.timeZone).instant($0, try! TimeOfDay(minutes: 0)) } ?? now
        let slots = try await operations.slots(type, from: from, days: 7, now: now)
        let zone = contact.timeZone
        body += "<h2>Free times for \(HTMLPage.escape(type.description))</h2>"
        body += "<p>Times are in your zone, <strong>\(HTMLPage.escape(zone.identifier))</strong>, as set in your profile.</p>"
        guard !slots.isEmpty else {
            return HTMLPage(title: "Book a support session", body: body + "<p class=\"notice\">No free times in these 7 days. Try a later date.</p>").response(cookie: cookie)
        }
        body += """
            <form method="post" action="/book/review">
            <input type="hidden" name="csrf" value="\(forms.field(for: session))">
            <input type="hidden" name="contact" value="\(HTMLPage.escape(contact.email))">
            <input type="hidden" name="type" value="\(HTMLPage.escape(typeValue ?? ""))">
            \(SlotChoices.html(slots, zone: zone))
            \(codeField(company, now: now))
            <button type="submit">Review</button>
            </form>
            """
        return HTMLPage(title: "Book a support session", body: body).response(cookie: cookie)
    }

    private func codeField(_ company: Company, now: Date) -> String {
        guard company.plan(at: now) != nil else { return "" }
        return """
            <label for="code">Maintenance code</label>
            <input type="text" id="code" name="code" autocomplete="off" spellcheck="false" aria-describedby="code-help">
            <p id="code-help">Your company has a maintenance plan: with its code the session is \(company.plan(at: now)?.tier == .free ? "free" : "discounted"). Without it, the usual fee applies.</p>
            """
    }

    /// What the session will cost, shown before confirming. With a code the plan's terms
    /// are shown; the code itself is checked only when booking, so this page cannot be
    /// used to test codes.
    func price(_ type: SessionType, company: Company, withCode: Bool, now: Date) -> String {
        let fee = environment.desk.feeSchedule.quote(type, at: now)?.fee ?? .zero
        guard withCode, let plan = company.plan(at: now) else { return fee.description }
        switch plan.tier {
        case .free: return Money.zero.description + " (maintenance plan)"
        case .discounted(let percent): return fee.discounted(percentOff: percent).description + " (maintenance plan, \(percent)% off \(fee))"
        }
    }

    func review(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let (company, contact) = try await operations.contact(email: fields["contact"] ?? "")
        let type = try sessionType(fields["type"])
        guard let startText = fields["start"], let start = try? Date(startText, strategy: .iso8601) else {
            throw HTTPError(.badRequest, message: "Choose one of the times.")
        }
        let code = fields["code"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let now = environment.now()
        let (session, _) = forms.session(request)
        let body = """
            <dl>
            <dt>Session</dt><dd>\(HTMLPage.escape(type.description))</dd>
            <dt>When</dt><dd>\(HTMLPage.escape(CustomerTime.describe(start, in: contact.timeZone)))</dd>
            <dt>For</dt><dd>\(HTMLPage.escape(contact.name)), \(HTMLPage.escape(company.name))</dd>
            <dt>Price</dt><dd><strong>\(HTMLPage.escape(price(type, company: company, withCode: !code.isEmpty, now: now)))</strong></dd>
            </dl>
            <p>You can cancel or move it until \(Int(environment.policy.cancellationCutoff / 60)) minutes before it starts.\(code.isEmpty ? "" : " If the maintenance code is not accepted, nothing is booked.")</p>
            <form method="post" action="/book/confirm">
            <input type="hidden" name="csrf" value="\(forms.field(for: session))">
            <input type="hidden" name="contact" value="\(HTMLPage.escape(contact.email))">
            <input type="hidden" name="type" value="\(HTMLPage.escape(fields["type"] ?? ""))">
            <input type="hidden" name="start" value="\(HTMLPage.escape(startText))">
            <input type="hidden" name="code" value="\(HTMLPage.escape(code))">
            <button type="submit">Confirm booking</button>
            </form>
            """
        return HTMLPage(title: "Confirm your session", body: body).response()
    }

    func confirm(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let (company, contact) = try await operations.contact(email: fields["contact"] ?? "")
        let type = try sessionType(fields["type"])
        guard let start = fields["start"].flatMap({ try? Date($0, strategy: .iso8601) }) else { throw HTTPError(.badRequest, message: "Choose one of the times.") }
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        switch try await operations.book(company: company, contact: contact, type: type, start: start, code: fields["code"], client: client, via: "booking page") {
        case .refused(let rule, let reason):
            let again = "/book?contact=\(contact.email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&type=\(fields["type"] ?? "")"
            return HTMLPage(title: "Not booked", body: "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(reason))</p><p><a href=\"\(HTMLPage.escape(again))\">Choose another time</a></p>",
                            status: JSONResponse.status(for: rule)).response()
        case .accepted(let stored):
            let view = operations.links(for: stored.booking, isEmergency: false)["view"] ?? "/"
            return HTMLPage.redirect(to: URL(string: view).map { $0.path + "?done=booked" } ?? "/")
        }
    }
}
