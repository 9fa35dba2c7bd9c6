import Foundation
internal import GRDB
import Scheduling

/// One row of `audit_log`. `details` is a JSON object with sorted keys, so the same
/// facts are always stored as the same text.
struct AuditRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "audit_log"

    /// Assigned by SQLite on insert; ascending in the order written.
    var id: Int64?
    var atMs: Int64
    var actor: String
    var action: String
    var bookingID: String?
    var companyID: String?
    var via: String
    var details: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case atMs = "at_ms"
        case actor, action
        case bookingID = "booking_id"
        case companyID = "company_id"
        case via, details
    }

    typealias Columns = CodingKeys

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    init(_ record: AuditRecord) throws {
        id = nil
        atMs = Instant.ms(record.at)
        actor = record.actor
        action = record.action
        bookingID = record.bookingID?.rawValue
        companyID = record.companyID?.rawValue
        via = record.via
        details = String(decoding: try Self.encoder.encode(record.details), as: UTF8.self)
    }

    func entry() throws -> AuditEntry {
        let details: [String: String]
        do {
            details = try JSONDecoder().decode([String: String].self, from: Data(self.details.utf8))
        } catch {
            throw StoreError(.corrupt, "audit_log row \(id ?? 0) has unreadable details", underlying: error)
        }
        return AuditEntry(
            id: id ?? 0,
            record: AuditRecord(
                at: Instant.date(atMs), actor: actor, action: action, bookingID: bookingID.map(BookingID.init(rawValue:)),
                companyID: companyID.map(CompanyID.init(rawValue:)), via: via, details: details))
    }
}
