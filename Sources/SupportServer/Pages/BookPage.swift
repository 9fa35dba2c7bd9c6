import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Operations
import Scheduling
import Store

/// `/book`: choose a session type, see a week of free times in your own zone, enter the
/// maintenance code, see the price, confirm. Three steps, each a plain form:
///   GET  /book?contact=…&type=live-session/60&from=YYYY-MM-DD   a week of slots
///   POST /book/review                                          price (code checked) and summary
///   POST /book/confirm                                         books once, then /b/<token>
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

    /// The session menu, each with the fee in force now.
    func typeOptions(selected: String?) -> String {
        let now = environment.now()
        return environment.desk.menu.types.map { type in
            let value = "\(type.kind.rawValue)/\(type.minutes)"
            let fee = environment.desk.feeSchedule.quote(type, at: now).map { " – \($0.fee)" } ?? ""
            return
                "<option value=\"\(value)\"\(value == selected ? " selected" : "")>"
                + "\(HTMLPage.escape(type.description.capitalizedFirst + fee))</option>"
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
            <p>Prices are for companies without a maintenance plan. With a plan, your company's maintenance code makes sessions \
            free or discounted. See the <a href="/fees">fee schedule</a>.</p>
            """
        guard !email.isEmpty, typeValue != nil else {
            return HTMLPage(title: "Book a support session", body: body).response(cookie: cookie)
        }
        let company: Company
        let contact: Contact
        let type: SessionType
        do {
            (company, contact) = try await operations.contact(email: email)
            type = try sessionType(typeValue)
        } catch let error as HTTPError {
            body = "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape(error.body ?? "Please check your entries."))</p>" + body
            return HTMLPage(title: "Book a support session", body: body, status: .unprocessableContent).response(cookie: cookie)
        }
        let now = environment.now()
        let zone = contact.timeZone
        let week = SlotWeek(from: query.get("from").flatMap { LocalDate($0) }, now: now, zone: zone, policy: environment.policy)
        let slots = try await operations.slots(type, in: week.window, now: now)
        body += "<h2>Free times for \(HTMLPage.escape(type.description))</h2>"
        body += "<p>Times are in your zone, <strong>\(HTMLPage.escape(zone.identifier))</strong>, as set in your profile.</p>"
        let contactParameter = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let typeParameter = (typeValue ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        body += """
            <form method="post" action="/book/review">
            <input type="hidden" name="csrf" value="\(forms.field(for: session))">
            <input type="hidden" name="contact" value="\(HTMLPage.escape(contact.email))">
            <input type="hidden" name="type" value="\(HTMLPage.escape(typeValue ?? ""))">
            \(codeField(company, now: now))
            \(week.html(slots) { "/book?contact=\(contactParameter)&type=\(typeParameter)&from=\($0)" })
            \(slots.isEmpty ? "" : "<button type=\"submit\">Review</button>")
            </form>
            """
        return HTMLPage(title: "Book a support session", body: body).response(cookie: cookie)
    }

    /// For a plan company: the code field, and what it changes. Sits before the slots so it
    /// is seen, and is asked again on the review page when left blank.
    func codeField(_ company: Company, now: Date, problem: String? = nil, explained: Bool = true) -> String {
        guard let plan = company.plan(at: now) else { return "" }
        let effect = plan.tier == .free ? "free" : "discounted"
        // On the review page the notice above the field already says what the code changes.
        let help =
            explained
            ? """
            <p id="code-help">\(HTMLPage.escape(company.name)) has a maintenance plan: with its code this session is \(effect). \
            Without it, the usual fee applies.</p>
            """ : ""
        let invalid = problem == nil ? "" : " aria-invalid=\"true\""
        return """
            <label for="code">Maintenance code</label>
            <input type="text" id="code" name="code" autocomplete="off" spellcheck="false" aria-describedby="code-help"\(invalid)>
            \(help)
            """
    }

    func review(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let fields = FormFields(try await request.bodyData(limit: context.maxUploadSize))
        try forms.verify(request, field: fields["csrf"])
        let (company, contact) = try await operations.contact(email: fields["contact"] ?? "")
        let type = try sessionType(fields["type"])
        guard let startText = fields["start"], let start = try? Date(startText, strategy: .iso8601) else {
            throw HTTPError(.badRequest, message: "Choose one of the times.")
        }
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        let code = ServerOperations.typed(fields["code"])
        let decision = try await operations.quote(company: company, contact: contact, type: type, start: start, code: code, client: client)
        return try reviewPage(
            request, company: company, contact: contact, type: type, typeValue: fields["type"] ?? "", start: start, code: code,
            quote: decision)
    }

    /// The summary with the price that will be charged. A code that was refused keeps the
    /// chosen time and asks for the code again; a plan company that left it blank is told
    /// what the code would change before it confirms.
    func reviewPage(
        _ request: Request, company: Company, contact: Contact, type: SessionType, typeValue: String, start: Date,
        code: String?, quote: Decision<Charge>
    ) throws -> Response {
        let now = environment.now()
        let (session, _) = forms.session(request)
        let fee = environment.desk.feeSchedule.quote(type, at: now)?.fee ?? .zero
        var problem: String?
        let charge: Charge
        switch quote {
        case .accepted(let accepted): charge = accepted
        case .refused(let rule, let reason):
            guard [.wrongCode, .codeRateLimited, .noCodeOnFile, .noActivePlan, .suspended].contains(rule) else {
                return notBooked(reason: reason, rule: rule, contact: contact, typeValue: typeValue)
            }
            problem = reason
            charge = Charge(basis: .feeSchedule, amount: fee)
        }
        let codeAccepted = code != nil && problem == nil
        var body = problem.map { "<p class=\"problem\" role=\"alert\">\(HTMLPage.escape($0))</p>" } ?? ""
        body += """
            <dl>
            <dt>Session</dt><dd>\(HTMLPage.escape(type.description))</dd>
            <dt>When</dt><dd>\(HTMLPage.escape(CustomerTime.describe(start, in: contact.timeZone)))</dd>
            <dt>For</dt><dd>\(HTMLPage.escape(contact.name)), \(HTMLPage.escape(company.name))</dd>
            <dt>Price</dt><dd><strong>\(HTMLPage.escape(charge.customerText))</strong></dd>
            </dl>
            """
        let hidden = """
            <input type="hidden" name="csrf" value="\(forms.field(for: session))">
            <input type="hidden" name="contact" value="\(HTMLPage.escape(contact.email))">
            <input type="hidden" name="type" value="\(HTMLPage.escape(typeValue))">
            <input type="hidden" name="start" value="\(HTMLPage.escape(start.formatted(.iso8601)))">
            """
        let rule = ruleFor(quote)
        if !codeAccepted, company.plan(at: now) != nil, rule == nil || rule == .wrongCode {
            // Ask (again) for the code, keeping the chosen time.
            body += """
                <form method="post" action="/book/review" class="code">
                \(hidden)
                <p class="notice" id="code-help">\(HTMLPage.escape(planNotice(company, fee: fee, now: now)))</p>
                \(codeField(company, now: now, problem: problem, explained: false))
                <button type="submit" class="secondary">Apply the code</button>
                </form>
                """
        }
        if charge.isPaid {
            body += "<p>Paid sessions are not refundable: cancelling releases the time, not the payment.</p>"
        }
        body += """
            <p>You can cancel or move it until \(Int(environment.policy.cancellationCutoff / 60)) minutes before it starts.</p>
            <form method="post" action="/book/confirm">
            \(hidden)
            <input type="hidden" name="code" value="\(HTMLPage.escape(codeAccepted ? code ?? "" : ""))">
            <input type="hidden" name="form_key" value="\(LinkSigningKey.generate())">
            <button type="submit">Confirm booking at \(HTMLPage.escape(charge.amount.description))</button>
            </form>
            """
        let status: HTTPResponse.Status = rule.map(\.httpStatus) ?? .ok
        return HTMLPage(title: "Confirm your session", body: body, status: status).response()
    }

    func ruleFor<T>(_ decision: Decision<T>) -> Rule? {
        if case .refused(let rule, _) = decision { return rule }
        return nil
    }

    func planNotice(_ company: Company, fee: Money, now: Date) -> String {
        switch company.plan(at: now)?.tier {
        case .free?: "\(company.name) has a maintenance plan: enter its maintenance code and this session is free instead of \(fee)."
        case .discounted(let percent)?:
            "\(company.name) has a maintenance plan: enter its maintenance code and this session costs "
                + "\(fee.discounted(percentOff: percent)) (\(percent)% off) instead of \(fee)."
        case nil: ""
        }
    }
}
