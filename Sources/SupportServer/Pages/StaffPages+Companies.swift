import Foundation
import HTTPTypes
import Hummingbird
import Scheduling
import Store
import UseCases

// `/staff/companies` and `/staff/companies/<id>`: plan, standing, contacts, bookings and
// payments; admins change the plan, rotate the code (shown once), record a reinstatement
// payment and add contacts.
extension StaffPages {
    func registerCompanies(on router: Router<SupportRequestContext>) {
        router.get("/staff/companies") { request, _ in try await signedIn(request) { try await companies($0) } }
        router.get("/staff/companies/:id") { request, context in
            let id = CompanyID(try context.parameters.require("id"))
            return try await signedIn(request) { try await company(id, $0) }
        }
        router.post("/staff/companies/:id/:action") { request, context in
            let (id, action) = (CompanyID(try context.parameters.require("id")), try context.parameters.require("action"))
            return try await posted(request, context) { try await administer(id, action, $0, $1) }
        }
    }

    func companies(_ visit: Visit) async throws -> Response {
        let now = environment.now()
        let zone = environment.policy.vendorTimeZone
        let policy = environment.policy
        let rows = try await environment.store.read { tx in
            try tx.companies().map { ($0, try tx.companyStanding($0.id, policy: policy), try tx.contacts(of: $0.id).count) }
        }
        var body = "<ul class=\"sessions\">"
        for (company, standing, contacts) in rows {
            body += """
                <li><a href="/staff/companies/\(HTMLPage.escape(company.id.rawValue))">\(HTMLPage.escape(company.name))</a><br>\
                \(HTMLPage.escape(company.plan(at: now).map { AccountWords.plan($0, zone: zone) } ?? "No plan")) · \
                \(standing.isSuspended ? "<strong>suspended</strong>" : "\(standing.freeNoShowCount) free no-show(s)") · \
                \(contacts) contact\(contacts == 1 ? "" : "s")</li>
                """
        }
        body += "</ul>"
        return page("Companies", body, visit: visit)
    }

    func company(_ id: CompanyID, _ visit: Visit, message: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let now = environment.now()
        let zone = environment.policy.vendorTimeZone
        let policy = environment.policy
        guard
            let (company, standing, contacts, bookings, payments) = try await environment.store.read({ tx in
                try tx.company(id).map { company in
                    (
                        company, try tx.companyStanding(id, policy: policy), try tx.contacts(of: id),
                        try tx.bookings(BookingQuery(company: id, limit: 20, order: .startDescending)), try tx.payments(company: id)
                    )
                }
            })
        else { throw HTTPError(.notFound, message: "There is no company \(id.rawValue).") }
        let codeIssued = company.maintenanceCode.map { "issued \(HTMLPage.escape(CustomerTime.dateText($0.issuedAt, in: zone)))" } ?? "none"
        var body = message.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        body += problem.map(HTMLPage.problem) ?? ""
        body += """
            <dl>
            <dt>Plan</dt><dd>\(HTMLPage.escape(company.plan(at: now).map { AccountWords.plan($0, zone: zone) } ?? "None"))</dd>
            <dt>Standing</dt><dd>\(standing.freeNoShowCount) free no-show(s)\(standing.isSuspended
                ? "; <strong>suspended</strong> until a reinstatement of \(HTMLPage.escape(standing.reinstatementFee.description)) is paid"
                : "")</dd>
            <dt>Maintenance code</dt><dd>\(codeIssued)</dd>
            </dl>
            <h2>Contacts</h2><ul>
            """
        for contact in contacts {
            body +=
                "<li>\(HTMLPage.escape(contact.name)), \(HTMLPage.escape(contact.email)), \(HTMLPage.escape(contact.timeZone.identifier))"
                + "\(contact.phone.map { ", \(HTMLPage.escape($0))" } ?? "")</li>"
        }
        body += "</ul><h2>Latest bookings</h2>" + (bookings.isEmpty ? "<p>None yet.</p>" : "") + "<ul>"
        for booking in bookings {
            body +=
                "<li><a href=\"/staff/bookings/\(HTMLPage.escape(booking.id.rawValue))\">"
                + "\(HTMLPage.escape(CustomerTime.describe(booking.start, in: zone)))</a> · "
                + "\(HTMLPage.escape(Self.statusWord(booking)))</li>"
        }
        body += "</ul><h2>Payments</h2>" + (payments.isEmpty ? "<p>None recorded.</p>" : "") + "<ul>"
        for payment in payments {
            body +=
                "<li>\(HTMLPage.escape(CustomerTime.dateText(payment.recordedAt, in: zone))): "
                + "\(HTMLPage.escape(payment.amount.description)) "
                + "\(HTMLPage.escape(payment.kind.rawValue)), reference \(HTMLPage.escape(payment.reference))</li>"
        }
        body += "</ul>"
        body += visit.isAdmin ? adminForms(company, visit: visit, now: now) : "<p>Changes to plans, codes and payments are for admins.</p>"
        return page(company.name, body, visit: visit, status: status)
    }

    private func adminForms(_ company: Company, visit: Visit, now: Date) -> String {
        let path = "/staff/companies/\(HTMLPage.escape(company.id.rawValue))"
        var (current, percent) = ("none", 50)
        switch company.plan(at: now)?.tier {
        case .free: current = "free"
        case .discounted(let off): (current, percent) = ("discounted", off)
        case nil: break
        }
        let zones = ZoneChoices.options(selected: environment.policy.vendorTimeZone.identifier, now: now)
        let tiers = [("none", "None"), ("free", "Free sessions"), ("discounted", "Discounted")].map { value, label in
            "<option value=\"\(value)\"\(value == current ? " selected" : "")>\(label)</option>"
        }.joined()
        return """
            <h2>Change the plan</h2>
            <form method="post" action="\(path)/plan">\(visit.csrf)
            <label for="tier">Plan</label>
            <select id="tier" name="tier">\(tiers)</select>
            <label for="discount">Discount, percent (discounted plans)</label>
            <input type="text" inputmode="numeric" id="discount" name="discount" value="\(percent)">
            <label for="until">Last day</label>
            <input type="date" id="until" name="until">
            <button type="submit">Change the plan</button>
            </form>
            <h2>Maintenance code</h2>
            <form method="post" action="\(path)/code">\(visit.csrf)
            <p>A new code stops the old one at once; it is shown here once and on the contacts' profiles.</p>
            <button type="submit">Issue a new code</button>
            </form>
            <h2>Record a reinstatement payment</h2>
            <form method="post" action="\(path)/reinstate">\(visit.csrf)
            <label for="reference">Payment reference</label><input type="text" id="reference" name="reference" required>
            <label for="amount">Amount</label><input type="text" id="amount" name="amount" \
            value="\(HTMLPage.escape(environment.policy.reinstatementFee.description))">
            <button type="submit">Record the payment</button>
            </form>
            <h2>Add a contact</h2>
            <form method="post" action="\(path)/contact">\(visit.csrf)
            <label for="contact-name">Name</label><input type="text" id="contact-name" name="name" required>
            <label for="contact-email">Email</label><input type="email" id="contact-email" name="email" required>
            <label for="contact-zone">Time zone</label>
            <select id="contact-zone" name="zone">\(zones)</select>
            <button type="submit">Add the contact</button>
            </form>
            """
    }

    func administer(_ id: CompanyID, _ action: String, _ visit: Visit, _ fields: FormFields) async throws -> Response {
        guard visit.isAdmin else {
            return try await company(id, visit, problem: "Only admins change plans, codes and payments.", status: .forbidden)
        }
        let now = environment.now()
        guard let sealer = environment.codeSealer else { throw HTTPError(.serviceUnavailable, message: "No code-sealing key is set up.") }
        let admin = CompanyAdministration(desk: environment.desk, sealer: sealer)
        switch action {
        case "plan":
            let tier: MaintenancePlan.Tier?
            switch fields["tier"] {
            case "free": tier = .free
            case "discounted": tier = .discounted(percentOff: Int(fields["discount"] ?? "") ?? 0)
            default: tier = nil
            }
            do {
                let plan = try admin.plan(tier, lastDay: fields["until"].flatMap { LocalDate($0) }, now: now)
                guard try await admin.setPlan(id, to: plan, actor: visit.actor, now: now) != nil else { throw HTTPError(.notFound) }
                return try await company(id, visit, message: "The plan is changed.")
            } catch let refusal as CompanyAdministration.Refusal {
                return try await company(id, visit, problem: refusal.description, status: .badRequest)
            }
        case "code":
            guard let code = try await admin.rotateCode(id, actor: visit.actor, now: now) else { throw HTTPError(.notFound) }
            return try await company(
                id, visit, message: "The new code, shown this once: <strong class=\"code\">\(HTMLPage.escape(code))</strong>")
        case "reinstate":
            let amount = try? Money(parsing: fields["amount"] ?? "")
            switch try await environment.desk.reinstate(
                id, reference: fields["reference"] ?? "", amount: amount, actor: visit.actor, now: now)
            {
            case .accepted: return try await company(id, visit, message: "Reinstated: free sessions can be booked again.")
            case .refused(let rule, let reason): return try await company(id, visit, problem: reason, status: rule.httpStatus)
            }
        case "contact":
            guard let name = fields["name"], !name.isEmpty, let email = fields["email"], email.contains("@"),
                let zone = fields["zone"].flatMap(TimeZone.init(identifier:))
            else { return try await company(id, visit, problem: "Give a name, an email address and a time zone.", status: .badRequest) }
            let contact = Contact(
                id: ContactID("c-" + UUID().uuidString.prefix(10).lowercased()), companyID: id, name: name, email: email, timeZone: zone)
            do {
                try await admin.addContact(contact, actor: visit.actor, now: now)
            } catch let error as StoreError where error.code == .duplicate {
                return try await company(id, visit, problem: "\(email) is already a contact.", status: .conflict)
            }
            return try await company(id, visit, message: "\(HTMLPage.escape(name)) is added.")
        default:
            throw HTTPError(.notFound, message: "There is no such action.")
        }
    }
}
