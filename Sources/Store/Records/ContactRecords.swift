import Foundation
internal import GRDB
import Scheduling

// Rows for contacts and the staff mirror.

struct ContactRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "contacts"

    var id: String
    var companyID: String
    var name: String
    /// Compared without letter case (the column is COLLATE NOCASE).
    var email: String
    var timeZone: String
    var phone: String?
    /// Set when the contact is removed; the row stays for its bookings and return calls.
    var removedAtMs: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case companyID = "company_id"
        case name, email
        case timeZone = "time_zone"
        case phone
        case removedAtMs = "removed_at_ms"
    }

    typealias Columns = CodingKeys

    /// What `update` writes: everything a caller may change (removal has its own call).
    static let editableColumns: [Columns] = [.companyID, .name, .email, .timeZone, .phone]

    /// A contact as written by `insert`: not removed.
    init(_ contact: Contact) {
        id = contact.id.rawValue
        companyID = contact.companyID.rawValue
        name = contact.name
        email = contact.email
        timeZone = contact.timeZone.identifier
        phone = contact.phone
        removedAtMs = nil
    }

    func contact() throws -> Contact {
        Contact(
            id: ContactID(id), companyID: CompanyID(companyID), name: name, email: email,
            timeZone: try storedTimeZone(timeZone, in: Self.databaseTableName, row: id), phone: phone)
    }
}

struct StaffRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "staff"

    var key: String
    var name: String
    var email: String?
    var timeZone: String
    var active: Bool

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case key, name, email
        case timeZone = "time_zone"
        case active
    }

    typealias Columns = CodingKeys

    init(_ profile: StaffProfile) {
        key = profile.key.rawValue
        name = profile.name
        email = profile.email
        timeZone = profile.timeZone.identifier
        active = profile.isActive
    }

    func profile() throws -> StaffProfile {
        StaffProfile(
            key: StaffKey(key), name: name, email: email,
            timeZone: try storedTimeZone(timeZone, in: Self.databaseTableName, row: key), isActive: active)
    }
}
