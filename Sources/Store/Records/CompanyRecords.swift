import Foundation
import GRDB
import Scheduling

// Row mapping for companies, plans and maintenance codes.

enum CompanyRecords {
    static func plan(_ row: Row) throws -> MaintenancePlan {
        let tierName = try row.text("tier", in: "company_plans")
        let tier: MaintenancePlan.Tier
        switch tierName {
        case "free":
            tier = .free
        case "discounted":
            guard let percent: Int = row["percent_off"] else {
                throw StoreError(.corrupt, "company_plans.percent_off is empty for a discounted plan")
            }
            tier = .discounted(percentOff: percent)
        default:
            throw StoreError(.corrupt, "company_plans.tier holds the unknown value \(tierName)")
        }
        return MaintenancePlan(
            id: try row.text("plan_id", in: "company_plans"), tier: tier,
            validFrom: try row.instant("valid_from_ms", in: "company_plans"),
            validUntil: try row.instant("valid_until_ms", in: "company_plans"))
    }

    static func insertPlan(_ plan: MaintenancePlan, company: CompanyID, db: Database) throws {
        let (tier, percent): (String, Int?) =
            switch plan.tier {
            case .free: ("free", nil)
            case .discounted(let p): ("discounted", p)
            }
        try db.execute(
            sql: """
                INSERT INTO company_plans (company_id, plan_id, tier, percent_off, valid_from_ms, valid_until_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [company.rawValue, plan.id, tier, percent, Instant.ms(plan.validFrom), Instant.ms(plan.validUntil)])
    }

    static func code(_ row: Row) throws -> MaintenanceCode {
        guard let salt: Data = row["salt"], let digest: Data = row["digest"] else {
            throw StoreError(.corrupt, "maintenance_codes has an empty salt or digest")
        }
        return MaintenanceCode(salt: Array(salt), digest: Array(digest), issuedAt: try row.instant("issued_at_ms", in: "maintenance_codes"))
    }

    static func company(_ row: Row, db: Database) throws -> Company {
        let id = CompanyID(try row.text("id", in: "companies"))
        let plans = try Row.fetchAll(
            db, sql: "SELECT * FROM company_plans WHERE company_id = ? ORDER BY valid_from_ms, plan_id", arguments: [id.rawValue]
        )
        .map(plan)
        let code = try Row.fetchOne(db, sql: "SELECT * FROM maintenance_codes WHERE company_id = ?", arguments: [id.rawValue]).map(code)
        return Company(id: id, name: try row.text("name", in: "companies"), plans: plans, maintenanceCode: code)
    }
}

enum ContactRecords {
    static func contact(_ row: Row) throws -> Contact {
        let id = try row.text("id", in: "contacts")
        return Contact(
            id: ContactID(id), companyID: CompanyID(try row.text("company_id", in: "contacts")),
            name: try row.text("name", in: "contacts"), email: try row.text("email", in: "contacts"),
            timeZone: try timeZone(try row.text("time_zone", in: "contacts"), in: "contacts", row: id), phone: row["phone"])
    }

    static func staff(_ row: Row) throws -> StaffProfile {
        let key = try row.text("key", in: "staff")
        return StaffProfile(
            key: StaffKey(key), name: try row.text("name", in: "staff"), email: row["email"],
            timeZone: try timeZone(try row.text("time_zone", in: "staff"), in: "staff", row: key),
            isActive: (row["active"] as Int? ?? 1) != 0)
    }
}
