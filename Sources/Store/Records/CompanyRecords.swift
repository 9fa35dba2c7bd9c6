import Foundation
internal import GRDB
import Scheduling

// Rows for companies, their plans, maintenance codes and wrong code attempts.

struct CompanyRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "companies"

    var id: String
    var name: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name
    }

    typealias Columns = CodingKeys

    init(_ company: Company) {
        id = company.id.rawValue
        name = company.name
    }
}

struct CompanyPlanRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "company_plans"

    var companyID: String
    var planID: String
    /// "free" or "discounted" (the table's CHECK constraint).
    var tier: String
    /// Set exactly for discounted plans.
    var percentOff: Int?
    var validFromMs: Int64
    var validUntilMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case companyID = "company_id"
        case planID = "plan_id"
        case tier
        case percentOff = "percent_off"
        case validFromMs = "valid_from_ms"
        case validUntilMs = "valid_until_ms"
    }

    typealias Columns = CodingKeys

    init(_ plan: MaintenancePlan, company: CompanyID) {
        companyID = company.rawValue
        planID = plan.id
        switch plan.tier {
        case .free:
            tier = "free"
            percentOff = nil
        case .discounted(let percent):
            tier = "discounted"
            percentOff = percent
        }
        validFromMs = Instant.ms(plan.validFrom)
        validUntilMs = Instant.ms(plan.validUntil)
    }

    func plan() throws -> MaintenancePlan {
        let tier: MaintenancePlan.Tier
        switch self.tier {
        case "free":
            tier = .free
        case "discounted":
            guard let percentOff else {
                throw StoreError(.corrupt, "company_plans.percent_off is empty for a discounted plan")
            }
            tier = .discounted(percentOff: percentOff)
        default:
            throw StoreError(.corrupt, "company_plans.tier holds the unknown value \(self.tier)")
        }
        return MaintenancePlan(id: planID, tier: tier, validFrom: Instant.date(validFromMs), validUntil: Instant.date(validUntilMs))
    }
}

/// The salted digest that checks a code, and the code sealed by a key the store never
/// holds (`CodeSealer`): the plain code is never stored.
struct MaintenanceCodeRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "maintenance_codes"

    var companyID: String
    var salt: Data
    var digest: Data
    var issuedAtMs: Int64
    var sealed: Data?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case companyID = "company_id"
        case salt, digest
        case issuedAtMs = "issued_at_ms"
        case sealed
    }

    typealias Columns = CodingKeys

    init(_ code: MaintenanceCode, company: CompanyID) {
        companyID = company.rawValue
        salt = Data(code.salt)
        digest = Data(code.digest)
        issuedAtMs = Instant.ms(code.issuedAt)
        sealed = code.sealed.map { Data($0) }
    }

    func code() -> MaintenanceCode {
        MaintenanceCode(salt: Array(salt), digest: Array(digest), issuedAt: Instant.date(issuedAtMs), sealed: sealed.map { Array($0) })
    }
}

struct WrongCodeAttemptRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "wrong_code_attempts"

    /// Assigned by SQLite on insert.
    var id: Int64?
    var companyID: String
    var atMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case companyID = "company_id"
        case atMs = "at_ms"
    }

    typealias Columns = CodingKeys
}
