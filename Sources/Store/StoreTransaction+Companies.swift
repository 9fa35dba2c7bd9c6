import Foundation
import GRDB
import Scheduling

// Companies (with plans and maintenance code), contacts and the staff mirror.
extension StoreTransaction {
    // MARK: Companies

    /// Stores a new company with its plans and maintenance code (salt and digest only).
    /// Throws `.duplicate` if the id is taken.
    public func insert(_ company: Company) throws {
        try requireWritable("insert company \(company.id)")
        try translating("inserting company \(company.id)", duplicate: { "a company with id \(company.id) already exists" }) {
            try db.execute(sql: "INSERT INTO companies (id, name) VALUES (?, ?)", arguments: [company.id.rawValue, company.name])
            for plan in company.plans { try CompanyRecords.insertPlan(plan, company: company.id, db: db) }
        }
        if let code = company.maintenanceCode { try setMaintenanceCode(code, for: company.id) }
    }

    /// Creates or updates a company's name and replaces its plans with `company.plans`.
    /// The maintenance code is left as stored (use `setMaintenanceCode`), so mirroring
    /// companies from configuration never undoes a rotation.
    public func upsert(_ company: Company) throws {
        try requireWritable("save company \(company.id)")
        try translating("saving company \(company.id)", duplicate: { "company \(company.id) lists two plans with the same id" }) {
            try db.execute(
                sql: "INSERT INTO companies (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                arguments: [company.id.rawValue, company.name])
            try db.execute(sql: "DELETE FROM company_plans WHERE company_id = ?", arguments: [company.id.rawValue])
            for plan in company.plans { try CompanyRecords.insertPlan(plan, company: company.id, db: db) }
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
                try db.execute(
                    sql: """
                        INSERT INTO maintenance_codes (company_id, salt, digest, issued_at_ms) VALUES (?, ?, ?, ?)
                        ON CONFLICT(company_id) DO UPDATE SET salt = excluded.salt, digest = excluded.digest, issued_at_ms = \
                        excluded.issued_at_ms
                        """,
                    arguments: [company.rawValue, Data(code.salt), Data(code.digest), Instant.ms(code.issuedAt)])
            } else {
                try db.execute(sql: "DELETE FROM maintenance_codes WHERE company_id = ?", arguments: [company.rawValue])
            }
        }
    }

    public func company(_ id: CompanyID) throws -> Company? {
        try translating("reading company \(id)") {
            try Row.fetchOne(db, sql: "SELECT * FROM companies WHERE id = ?", arguments: [id.rawValue])
                .map { try CompanyRecords.company($0, db: db) }
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
        try translating("listing companies") {
            try Row.fetchAll(db, sql: "SELECT * FROM companies ORDER BY id").map { try CompanyRecords.company($0, db: db) }
        }
    }

    func requireCompanyExists(_ id: CompanyID) throws {
        let exists = try translating("reading company \(id)") {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM companies WHERE id = ?)", arguments: [id.rawValue]) ?? false
        }
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
            try db.execute(
                sql: "INSERT INTO wrong_code_attempts (company_id, at_ms) VALUES (?, ?)",
                arguments: [company.rawValue, Instant.ms(instant)])
        }
    }

    /// The wrong code attempts for `company` at or after `since`, oldest first: the
    /// input of `CodeAttemptLimiter` and `BookingContext.wrongCodeAttempts`.
    public func wrongCodeAttempts(company: CompanyID, since: Date) throws -> [Date] {
        try translating("reading wrong code attempts for \(company)") {
            try Int64.fetchAll(
                db, sql: "SELECT at_ms FROM wrong_code_attempts WHERE company_id = ? AND at_ms >= ? ORDER BY at_ms",
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
            try db.execute(
                sql: "INSERT INTO contacts (id, company_id, name, email, time_zone, phone) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    contact.id.rawValue, contact.companyID.rawValue, contact.name, contact.email, contact.timeZone.identifier,
                    contact.phone,
                ])
        }
    }

    /// Changes a stored contact (name, email, zone, phone, company). `.notFound` if unknown.
    public func update(_ contact: Contact) throws {
        try requireWritable("update contact \(contact.id)")
        try translating(
            "updating contact \(contact.id)",
            duplicate: { self.duplicateContactMessage(contact) },
            constraint: { "contact \(contact.id) names the company \(contact.companyID), which does not exist" }
        ) {
            try db.execute(
                sql: "UPDATE contacts SET company_id = ?, name = ?, email = ?, time_zone = ?, phone = ? WHERE id = ?",
                arguments: [
                    contact.companyID.rawValue, contact.name, contact.email, contact.timeZone.identifier, contact.phone,
                    contact.id.rawValue,
                ])
        }
        guard db.changesCount > 0 else { throw StoreError(.notFound, "there is no contact with id \(contact.id)") }
    }

    /// Removes a contact from its company: it no longer books or is listed, and its email
    /// address is free for another contact. The row stays, for the bookings and return
    /// calls that name it. `.notFound` if unknown or already removed.
    public func removeContact(_ id: ContactID, at instant: Date) throws {
        try requireWritable("remove contact \(id)")
        try translating("removing contact \(id)") {
            try db.execute(
                sql: "UPDATE contacts SET removed_at_ms = ? WHERE id = ? AND removed_at_ms IS NULL",
                arguments: [Instant.ms(instant), id.rawValue])
        }
        guard db.changesCount > 0 else { throw StoreError(.notFound, "there is no contact with id \(id)") }
    }

    private func duplicateContactMessage(_ contact: Contact) -> String {
        if let other = try? Row.fetchOne(
            db, sql: "SELECT id FROM contacts WHERE email = ? AND id <> ? AND removed_at_ms IS NULL",
            arguments: [contact.email, contact.id.rawValue]),
            let otherID: String = other["id"]
        {
            return "the email address \(contact.email) already belongs to contact \(otherID); each address can belong to one contact"
        }
        return "a contact with id \(contact.id) already exists"
    }

    public func contact(_ id: ContactID) throws -> Contact? {
        try translating("reading contact \(id)") {
            try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]).map(ContactRecords.contact)
        }
    }

    /// The contact, or `.notFound` naming it.
    public func requireContact(_ id: ContactID) throws -> Contact {
        guard let contact = try contact(id) else { throw StoreError(.notFound, "there is no contact with id \(id)") }
        return contact
    }

    /// The current (not removed) contact with this email address, ignoring letter case.
    public func contact(email: String) throws -> Contact? {
        try translating("reading the contact for \(email)") {
            try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE email = ? AND removed_at_ms IS NULL", arguments: [email]).map(
                ContactRecords.contact)
        }
    }

    /// The company's current (not removed) contacts, by id.
    public func contacts(of company: CompanyID) throws -> [Contact] {
        try translating("listing contacts of \(company)") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM contacts WHERE company_id = ? AND removed_at_ms IS NULL ORDER BY id",
                arguments: [company.rawValue]
            ).map(ContactRecords.contact)
        }
    }

    // MARK: Staff mirror

    /// Creates or updates one staff member (marking it active).
    public func upsertStaff(_ profile: StaffProfile) throws {
        try requireWritable("save staff member \(profile.key)")
        try translating("saving staff member \(profile.key)") {
            try db.execute(
                sql: """
                    INSERT INTO staff (key, name, email, time_zone, active) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET name = excluded.name, email = excluded.email,
                        time_zone = excluded.time_zone, active = excluded.active
                    """,
                arguments: [profile.key.rawValue, profile.name, profile.email, profile.timeZone.identifier, profile.isActive])
        }
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
            try db.execute(
                sql: "UPDATE staff SET active = 0 WHERE key NOT IN (SELECT value FROM json_each(?))",
                arguments: [String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)])
        }
    }

    public func staffProfile(_ key: StaffKey) throws -> StaffProfile? {
        try translating("reading staff member \(key)") {
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE key = ?", arguments: [key.rawValue]).map(ContactRecords.staff)
        }
    }

    /// Stored staff by key; inactive members only when asked.
    public func staffProfiles(includingInactive: Bool = false) throws -> [StaffProfile] {
        try translating("listing staff") {
            try Row.fetchAll(db, sql: "SELECT * FROM staff \(includingInactive ? "" : "WHERE active = 1") ORDER BY key").map(
                ContactRecords.staff)
        }
    }
}
