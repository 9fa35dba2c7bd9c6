import Foundation
import Operations
import Scheduling
import Store

extension MaintenancePlan.Tier {
    /// "free", "discounted 30%": the audit log's and the CLI's word for a tier.
    public var label: String {
        switch self {
        case .free: "free"
        case .discounted(let percent): "discounted \(percent)%"
        }
    }
}

/// What an administrator changes about a company, for the command line and the staff
/// console alike: its plan, its maintenance code, its contacts. Each change is one store
/// transaction with its audit record.
public struct CompanyAdministration: Sendable {
    public let desk: SupportDesk
    /// Seals new codes so the company's contacts can read them on their profile.
    public let sealer: CodeSealer

    public init(desk: SupportDesk, sealer: CodeSealer) {
        self.desk = desk
        self.sealer = sealer
    }

    public struct Refusal: Error, CustomStringConvertible {
        public enum Field: Sendable { case discount, lastDay }
        public var description: String
        /// Which input is wrong, for callers that name their own fields.
        public var about: Field? = nil
    }

    /// One plan from now to the end of `lastDay` (vendor's zone); nil for none.
    public func plan(_ tier: MaintenancePlan.Tier?, lastDay: LocalDate?, now: Date) throws(Refusal) -> MaintenancePlan? {
        try Self.plan(tier, lastDay: lastDay, now: now, zone: desk.policy.vendorTimeZone)
    }

    /// The plan `companies add`, `set-plan` and the console make: from now to the end of
    /// `lastDay` in `zone` (a year without one); nil for none.
    public static func plan(_ tier: MaintenancePlan.Tier?, lastDay: LocalDate?, now: Date, zone: TimeZone) throws(Refusal)
        -> MaintenancePlan?
    {
        guard let tier else { return nil }
        if case .discounted(let percent) = tier, !(1...99).contains(percent) {
            throw Refusal(description: "a discount is between 1 and 99 percent", about: .discount)
        }
        // The plan covers the whole of its last day, in the vendor's zone.
        let end = lastDay.map { WallClock(zone).startOfDay($0.adding(days: 1)) } ?? now.addingTimeInterval(366 * 86_400)
        guard end > now else { throw Refusal(description: "the plan would already be over", about: .lastDay) }
        return MaintenancePlan(id: "plan-\(UUID().uuidString.prefix(8).lowercased())", tier: tier, validFrom: now, validUntil: end)
    }

    /// Ends the company's current plans now and adds `plan` (none for nil); bookings
    /// already made keep their terms, and past plans stay to explain them. Nil for an
    /// unknown company.
    public func setPlan(_ id: CompanyID, to plan: MaintenancePlan?, actor: BookingDesk.Actor, now: Date) async throws -> Company? {
        try await desk.store.write { tx -> Company? in
            guard var company = try tx.company(id) else { return nil }
            company.plans =
                company.plans.map { old in
                    var ended = old
                    if ended.validUntil > now { ended.validUntil = max(ended.validFrom, now) }
                    return ended
                } + (plan.map { [$0] } ?? [])
            try tx.upsert(company)
            try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: "company.plan-changed", companyID: id, via: actor.via,
                    details: ["plan": plan?.tier.label ?? "none"]))
            return company
        }
    }

    /// A fresh code for `company` (or `code` as given): the code to show once, and what the
    /// store keeps (its digest and the sealed copy).
    public func issue(_ code: String? = nil, for company: CompanyID, now: Date) throws -> (String, MaintenanceCode) {
        let text = code ?? PBKDF2CodeHasher.newCode()
        let issued = try MaintenanceCode.issue(code: text, salt: PBKDF2CodeHasher.randomSalt(), hasher: desk.bookings.hasher, at: now)
        return (text, issued.keeping(sealed: try sealer.seal(text, company: company)))
    }

    /// Replaces the company's code: the new one, shown once; nil for an unknown company.
    /// The old code stops working at once; the profile shows the new one.
    public func rotateCode(_ id: CompanyID, actor: BookingDesk.Actor, now: Date) async throws -> String? {
        let (text, code) = try issue(for: id, now: now)
        return try await desk.store.write { tx -> String? in
            guard try tx.company(id) != nil else { return nil }
            try tx.setMaintenanceCode(code, for: id)
            try tx.audit(AuditRecord(at: now, actor: actor.name, action: "company.code-rotated", companyID: id, via: actor.via))
            return text
        }
    }

    /// Adds a contact; `.duplicate` (StoreError) when the email is taken.
    public func addContact(_ contact: Contact, actor: BookingDesk.Actor, now: Date) async throws {
        try await desk.store.write { tx in
            try tx.insert(contact)
            try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: "contact.added", companyID: contact.companyID, via: actor.via,
                    details: ["contact": contact.email]))
        }
    }
}
