import Foundation
import Mail
import Operations
import Scheduling
import Store

/// What a signed-in contact can see and do in their support account (issue 15): their
/// profile with the company's plan, standing and maintenance code; their time zone; the
/// company's sessions; emergency and return-call requests. The contact comes from
/// `AccountSignIn`; everything here is for that contact's company only.
public struct CustomerAccount: Sendable {
    public let desk: SupportDesk
    /// Opens the sealed maintenance code; nil when the installation has no key (the
    /// profile then says to ask staff).
    public let sealer: CodeSealer?
    /// Where emergency requests are emailed (`[mail]`'s reply-to or from address).
    public let supportAddress: String?

    public init(desk: SupportDesk, sealer: CodeSealer?, supportAddress: String?) {
        self.desk = desk
        self.sealer = sealer
        self.supportAddress = supportAddress
    }

    /// The company's maintenance code as the profile can show it.
    public enum CodeText: Sendable, Equatable {
        case readable(String)
        /// Issued before codes were kept readable; staff rotating it makes it readable.
        case notReadable
        case none
    }

    public struct Profile: Sendable {
        public var contact: Contact
        public var company: Company
        /// The plan in force now, and a later one already agreed.
        public var plan: MaintenancePlan?
        public var nextPlan: MaintenancePlan?
        public var standing: CompanyStanding
        public var code: CodeText
        public var apiTokens: Int
    }

    public func profile(_ contact: Contact, now: Date) async throws -> Profile {
        let policy = desk.policy
        let (company, standing, tokens) = try await desk.store.read { tx in
            (
                try tx.requireCompany(contact.companyID), try tx.companyStanding(contact.companyID, policy: policy),
                try tx.apiTokenCount(for: .contact(contact.id))
            )
        }
        var code = CodeText.none
        if let stored = company.maintenanceCode {
            if let sealer, let text = try? sealer.open(stored, company: company.id) { code = .readable(text) } else { code = .notReadable }
        }
        return Profile(
            contact: contact, company: company, plan: company.plan(at: now),
            nextPlan: company.plans.filter { $0.validFrom > now }.min { $0.validFrom < $1.validFrom }, standing: standing, code: code,
            apiTokens: tokens)
    }

    /// Changes the contact's zone; every later page and email uses it. Audited.
    public func setTimeZone(_ zone: TimeZone, for contact: Contact, via: String, now: Date) async throws -> Contact {
        guard zone.identifier != contact.timeZone.identifier else { return contact }
        var changed = contact
        changed.timeZone = zone
        try await desk.store.write { [changed] tx in
            try tx.update(changed)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "contact.changed", companyID: contact.companyID, via: via,
                    details: ["contact": contact.email, "zone": zone.identifier]))
        }
        return changed
    }

    /// One of the company's sessions, with the contact it is for.
    public struct Session: Sendable {
        public var stored: StoredBooking
        public var contact: Contact?
        public var booking: Booking { stored.booking }
    }

    /// The company's sessions: those not yet ended (earliest first) and the `pastLimit`
    /// latest ended ones (latest first).
    public func sessions(of company: CompanyID, now: Date, pastLimit: Int = 50) async throws -> (upcoming: [Session], past: [Session]) {
        try await desk.store.read { tx in
            let contacts = Dictionary(try tx.contacts(of: company).map { ($0.id, $0) }) { first, _ in first }
            // A session of up to a day that started a day ago may still be going on.
            let dayAgo = now.addingTimeInterval(-86_400)
            let recent = try tx.storedBookings(BookingQuery(startingFrom: dayAgo, company: company))
            let upcoming = recent.filter { $0.booking.end > now }
            let past =
                recent.filter { $0.booking.end <= now }.reversed()
                + (try tx.storedBookings(BookingQuery(startingBefore: dayAgo, company: company, limit: pastLimit, order: .startDescending)))
            func session(_ stored: StoredBooking) throws -> Session {
                Session(stored: stored, contact: try contacts[stored.booking.contactID] ?? tx.contact(stored.booking.contactID))
            }
            return (try upcoming.map(session), try past.prefix(pastLimit).map(session))
        }
    }

    // MARK: Emergency requests (§7)

    /// Queues an emergency request for staff and emails the support address. Refused
    /// without an active maintenance plan. A contact's second request while the first is
    /// open answers the first (a form sent twice queues once).
    /// `actor` is who asked: the customer (the default) or a staff member taking a call.
    public func requestEmergency(_ contact: Contact, problem: String, actor: String? = nil, via: String, now: Date) async throws
        -> Decision<EmergencyRequest>
    {
        let actor = actor ?? "customer:\(contact.email)"
        let problem = String(problem.trimmingCharacters(in: .whitespacesAndNewlines).prefix(EmergencyRequest.maximumProblemLength))
        let zone = desk.policy.vendorTimeZone
        let answer = try await desk.store.write { tx -> (Decision<EmergencyRequest>, Company, isNew: Bool) in
            let company = try tx.requireCompany(contact.companyID)
            guard company.hasActivePlan(at: now) else {
                return (
                    .refused(
                        .noActivePlan,
                        reason: "Emergency sessions are for companies with active maintenance, and \(company.name) has none at present."
                            + " You can book a regular session, or ask us about a maintenance plan."), company, false
                )
            }
            if let open = try tx.emergencyRequests(company: company.id).first(where: { $0.contactID == contact.id && $0.state == .open }) {
                return (.accepted(open), company, false)
            }
            let request = EmergencyRequest(companyID: company.id, contactID: contact.id, requestedAt: now, problem: problem)
            try tx.insert(request)
            try tx.audit(
                AuditRecord(
                    at: now, actor: actor, action: "emergency.requested", companyID: company.id, via: via,
                    details: ["id": request.id]))
            return (.accepted(request), company, true)
        }
        if case .accepted(let request) = answer.0, answer.isNew {
            await emailSupport(request, company: answer.1, contact: contact, zone: zone)
        }
        return answer.0
    }

    /// The customer takes back an open request of their company. Nil when there is no such
    /// request; the request as it stands when it is no longer open.
    public func withdrawEmergency(_ id: String, by contact: Contact, via: String, now: Date) async throws -> EmergencyRequest? {
        try await desk.store.write { tx -> EmergencyRequest? in
            guard let request = try tx.emergencyRequest(id), request.companyID == contact.companyID else { return nil }
            guard request.state == .open else { return request }
            let closed = try tx.close(emergencyRequest: id, as: .withdrawn, at: now)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "emergency.withdrawn", companyID: contact.companyID, via: via,
                    details: ["id": id]))
            return closed
        }
    }

    public func emergencyRequests(of company: CompanyID) async throws -> [EmergencyRequest] {
        try await desk.store.read { tx in try tx.emergencyRequests(company: company) }
    }

    /// The support address hears of the request at once; the queue in the store is what
    /// staff work from, so a failed email loses nothing (it is logged).
    private func emailSupport(_ request: EmergencyRequest, company: Company, contact: Contact, zone: TimeZone) async {
        guard let supportAddress, let to = try? Mailbox(name: nil, address: supportAddress) else { return }
        let plan = company.plan(at: request.requestedAt).map { AccountWords.plan($0, zone: zone) } ?? "none"
        let text = """
            \(contact.name) of \(company.name) asks for an emergency session.

            Problem, in their words:
            \(request.problem.isEmpty ? "(not described)" : request.problem)

            Asked:     \(CustomerTime.describe(request.requestedAt, in: zone))
            Contact:   \(contact.name) <\(contact.email)>\(contact.phone.map { ", \($0)" } ?? "")
            Time zone: \(contact.timeZone.identifier)
            Plan:      \(plan)
            Request:   \(request.id)

            Place it with `supportcal emergency openings --company \(company.id.rawValue)` and `supportcal emergency place`.
            """
        do {
            try await desk.sendNow(
                to: to, replyTo: try? Mailbox(name: contact.name, address: contact.email),
                subject: "Emergency request: \(company.name) (\(contact.name))", text: text, key: "emergency-request-\(request.id)")
        } catch {
            desk.logger.warning(
                "the emergency request email did not go out; the request is queued",
                metadata: ["request.id": "\(request.id)", "error": "\(error)"])
        }
    }

    // MARK: Return calls (§8)

    /// The one return call the policy allows today, requested by the customer.
    public func requestReturnCall(_ contact: Contact, note: String?, via: String, now: Date) async throws -> Decision<ReturnCallRecord> {
        let company = try await desk.store.read { tx in try tx.requireCompany(contact.companyID) }
        let note = note.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500)) }.flatMap { $0.isEmpty ? nil : $0 }
        return try await desk.requestReturnCall(
            company: company, contact: contact, note: note, actor: BookingDesk.Actor("customer:\(contact.email)", via: via), now: now)
    }

    /// The company's return calls requested today (vendor's day) and later.
    public func returnCallsToday(of company: CompanyID, now: Date) async throws -> [ReturnCallRecord] {
        let clock = WallClock(desk.policy.vendorTimeZone)
        let since = clock.startOfDay(clock.localDate(of: now))
        return try await desk.store.read { tx in try tx.returnCalls(company: company, since: since) }
    }
}

/// Words the account pages and emails share.
public enum AccountWords {
    /// "Free sessions, until the end of Friday, 31 December 2027" / "20 % off, until …"
    public static func plan(_ plan: MaintenancePlan, zone: TimeZone) -> String {
        let kind: String
        switch plan.tier {
        case .free: kind = "Free sessions"
        case .discounted(let percent): kind = "\(percent) % off every session"
        }
        return "\(kind), until the end of \(CustomerTime.dateText(plan.lastDay(in: zone)))"
    }
}
