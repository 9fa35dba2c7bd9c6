import Foundation
import GRDB
import Scheduling

// Row mapping for the audit log; `details` is stored as JSON with sorted keys.
enum AuditRecords {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func entry(_ row: Row) throws -> AuditEntry {
        let t = "audit_log"
        let detailsText = try row.text("details", in: t)
        let details: [String: String]
        do {
            details = try JSONDecoder().decode([String: String].self, from: Data(detailsText.utf8))
        } catch {
            throw StoreError(.corrupt, "audit_log row \(row["id"] as Int64? ?? 0) has unreadable details", underlying: error)
        }
        return AuditEntry(
            id: try row.int64("id", in: t),
            record: AuditRecord(
                at: try row.instant("at_ms", in: t), actor: try row.text("actor", in: t), action: try row.text("action", in: t),
                bookingID: (row["booking_id"] as String?).map(BookingID.init(rawValue:)),
                companyID: (row["company_id"] as String?).map(CompanyID.init(rawValue:)),
                via: try row.text("via", in: t), details: details))
    }
}
