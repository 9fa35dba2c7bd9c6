import Foundation
internal import GRDB
import Scheduling

// Companies (with plans and maintenance code), contacts and the staff mirror.
extension StoreTransaction {
    // MARK: Companies

    /// Stores a new company with its plans and maintenance code (salt and digest only).
    /// Throws `.duplicate` if the id is taken.
    public func insert(_ company: Company) throws {
        try requireWritable("insert company \(company.id)")
        try translating("inserting company \(company.id)", duplicate: { "a company with id \(company.id) already exists" }) {
            try CompanyRow(company).insert(db)
            for plan in company.plans { try CompanyPlanRow(plan, company: company.id).insert(db) }
        }
        if let code = company.maintenanceCode { try setMaintenanceCode(code, for: company.id) }
    }

    /// Creates or updates a company's name and replaces its plans with `company.plans`.
    /// The maintenance code is left as stored (use `setMaintenanceCode`), so mirroring
    /// companies from configuration never undoes a rotation.
    public func upsert(_ company: Company) throws {
        try requireWritable("save company \(company.id)")
        try translating("saving company \(company.id)", duplicate: { "company \(company.id) lists two plans with the same id" }) {
            try CompanyRow(company).upsert(db)
            try CompanyPlanRow.filter(CompanyPlanRow.Columns.companyID == company.id.rawValue).deleteAll(db)
            for plan in company.plans { try CompanyPlanRow(plan, company: company.id).insert(db) }
        }
    }

    /// Replaces the company's maintenance code (rotation), or removes it with `nil`.
    /// Only the salt, digest and issue time are stored; the code itself never reaches
    /// the store. Throws `.notFound` for an unknown company.
    public func setMaintenanceCode(_ code: MaintenanceCode?, for company: CompanyID) throws {
        try requireWritable("set the maintenance code of \(company)")
        try requireCompanyExists(company)
        try translating("storing the maintenance code of \(company)") {
            if let code {
                try MaintenanceCodeRow(code, company: company).upsert(db)
            } else {
                _ = try MaintenanceCodeRow.deleteOne(db, key: company.rawValue)
            }
        }
    }

    public func company(_ id: CompanyID) throws -> Company? {
        try translating("reading company \(id)") {
            try CompanyRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM companies WHERE id = ?"), arguments: [id.rawValue])
                .map(companyWithPlans)
        }
    }

    /// The company, or `.notFound` naming it.
    public func requireCompany(_ id: CompanyID) throws -> Company {
        guard let company = try company(id) else {
            throw StoreError(.notFound, "there is no company with id \(id); add it first (supportcal companies add)")
        }
        return company
    }

    /// All companies, by id.
    public func companies() throws -> [Company] {
        try translating("listing companies") { try CompanyRow.order(CompanyRow.Columns.id).fetchAll(db).map(companyWithPlans) }
    }

    /// The company of `row` with its plans (by start, then id) and maintenance code.
    private func companyWithPlans(_ row: CompanyRow) throws -> Company {
        // Cached statements: every booking and lookup reads a company.
        let plans = try CompanyPlanRow.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM company_plans WHERE company_id = ? ORDER BY valid_from_ms, plan_id"),
            arguments: [row.id]
        ).map { try $0.plan() }
        let code = try MaintenanceCodeRow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM maintenance_codes WHERE company_id = ?"), arguments: [row.id])?.code()
        return Company(id: CompanyID(row.id), name: row.name, plans: plans, maintenanceCode: code)
    }

    func requireCompanyExists(_ id: CompanyID) throws {
        let exists = try translating("reading company \(id)") { try CompanyRow.exists(db, key: id.rawValue) }
        guard exists else {
            throw StoreError(.notFound, "there is no company with id \(id); add it first (supportcal companies add)")
        }
    }

    // MARK: Maintenance code attempts (§2 rate limit)

    /// Records a wrong maintenance code entered for `company` (after a `.wrongCode`
    /// refusal). Commit the transaction even though the booking was refused.
    public func recordWrongCodeAttempt(company: CompanyID, at instant: Date) throws {
        try requireWritable("record a wrong code attempt")
        try translating("recording a wrong code attempt for \(company)", constraint: { "there is no company with id \(company)" }) {
            try WrongCodeAttemptRow(companyID: company.rawValue, atMs: Instant.ms(instant)).insert(db)
        }
    }

    /// The wrong code attempts for `company` at or after `since`, oldest first: the
    /// input of `CodeAttemptLimiter` and `BookingContext.wrongCodeAttempts`.
    public func wrongCodeAttempts(company: CompanyID, since: Date) throws -> [Date] {
        try translating("reading wrong code attempts for \(company)") {
            try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT at_ms FROM wrong_code_attempts WHERE company_id = ? AND at_ms >= ? ORDER BY at_ms"),
                arguments: [company.rawValue, Instant.ms(since)]
            ).map(Instant.date)
        }
    }

    // MARK: Contacts

    /// Stores a new contact. Emails are unique regardless of letter case: a second
    /// contact with the same address throws `.duplicate` naming it; an unknown company
    /// throws `.constraint`.
    public func insert(_ contact: Contact) throws {
        try requireWritable("insert contact \(contact.id)")
        try translating(
            "inserting contact \(contact.id)",
            duplicate: { self.duplicateContactMessage(contact) },
            constraint: { "contact \(contact.id) names the company \(contact.companyID), which does not exist" }
        ) {
            try ContactRow(contact).insert(db)
        }
    }

    /// Changes a stored contact (name, email, zone, phone, company). `.notFound` if unknown.
    public func update(_ contact: Contact) throws {
        try requireWritable("update contact \(contact.id)")
        let found = try translating(
            "updating contact \(contact.id)",
            duplicate: { self.duplicateContactMessage(contact) },
            constraint: { "contact \(contact.id) names the company \(contact.companyID), which does not exist" }
        ) {
            try updateIfFound(ContactRow(contact), columns: ContactRow.editableColumns)
        }
        guard found else { throw StoreError(.notFound, "there is no contact with id \(contact.id)") }
    }

    /// Removes a contact from its company: it no longer books or is listed, and its email
    /// address is free for another contact. The row stays, for the bookings and return
    /// calls that name it. `.notFound` if unknown or already removed.
    public func removeContact(_ id: ContactID, at instant: Date) throws {
        try requireWritable("remove contact \(id)")
        let removed = try translating("removing contact \(id)") {
            try ContactRow.filter(key: id.rawValue).filter(ContactRow.Columns.removedAtMs == nil)
                .updateAll(db, ContactRow.Columns.removedAtMs.set(to: Instant.ms(instant)))
        }
        guard removed > 0 else { throw StoreError(.notFound, "there is no contact with id \(id)") }
    }

    private func duplicateContactMessage(_ contact: Contact) -> String {
        let other = try? ContactRow.filter(
            ContactRow.Columns.email == contact.email && ContactRow.Columns.id != contact.id.rawValue
                && ContactRow.Columns.removedAtMs == nil
        )
        .fetchOne(db)
        if let otherID = other?.id {
            return "the email address \(contact.email) already belongs to contact \(otherID); each address can belong to one contact"
        }
        return "a contact with id \(contact.id) already exists"
    }

    public func contact(_ id: ContactID) throws -> Contact? {
        try translating("reading contact \(id)") { try ContactRow.fetchOne(db, key: id.rawValue)?.contact() }
    }

    /// The contact, or `.notFound` naming it.
    public func requireContact(_ id: ContactID) throws -> Contact {
        guard let contact = try contact(id) else { throw StoreError(.notFound, "there is no contact with id \(id)") }
        return contact
    }

    /// The current (not removed) contact with this email address, ignoring letter case.
    public func contact(email: String) throws -> Contact? {
        try translating("reading the contact for \(email)") {
            try ContactRow.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM contacts WHERE email = ? AND removed_at_ms IS NULL"), arguments: [email])?.contact()
        }
    }

    /// The company's current (not removed) contacts, by id.
    public func contacts(of company: CompanyID) throws -> [Contact] {
        try translating("listing contacts of \(company)") {
            try ContactRow.filter(ContactRow.Columns.companyID == company.rawValue && ContactRow.Columns.removedAtMs == nil)
                .order(ContactRow.Columns.id)
                .fetchAll(db).map { try $0.contact() }
        }
    }

    // MARK: Staff mirror

    /// Creates or updates one staff member (marking it active).
    public func upsertStaff(_ profile: StaffProfile) throws {
        try requireWritable("save staff member \(profile.key)")
        try translating("saving staff member \(profile.key)") { try StaffRow(profile).upsert(db) }
    }

    /// Makes the staff table match the configuration: upserts `profiles` as active and
    /// marks every other stored member inactive (never deleted: bookings refer to them).
    public func mirrorStaff(_ profiles: [StaffProfile]) throws {
        try requireWritable("mirror staff")
        for var profile in profiles {
            profile.isActive = true
            try upsertStaff(profile)
        }
        let keys = profiles.map(\.key.rawValue)
        try translating("marking departed staff inactive") {
            _ = try StaffRow.filter(!keys.contains(StaffRow.Columns.key)).updateAll(db, StaffRow.Columns.active.set(to: false))
        }
    }

    public func staffProfile(_ key: StaffKey) throws -> StaffProfile? {
        try translating("reading staff member \(key)") { try StaffRow.fetchOne(db, key: key.rawValue)?.profile() }
    }

    /// Stored staff by key; inactive members only when asked.
    public func staffProfiles(includingInactive: Bool = false) throws -> [StaffProfile] {
        var request = StaffRow.order(StaffRow.Columns.key)
        if !includingInactive { request = request.filter(StaffRow.Columns.active == true) }
        return try translating("listing staff") { try request.fetchAll(db).map { try $0.profile() } }
    }
}
