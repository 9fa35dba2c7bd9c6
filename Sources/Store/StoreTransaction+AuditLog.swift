import Foundation
import GRDB
import Scheduling

// Writing and reading the audit log.
extension StoreTransaction {
    /// Appends `record` to the audit log and returns its id. The audit log has no
    /// foreign keys: a refusal may name a booking id that was never stored.
    @discardableResult
    public func audit(_ record: AuditRecord) throws -> Int64 {
        try requireWritable("write to the audit log")
        let details = String(decoding: try AuditRecords.encoder.encode(record.details), as: UTF8.self)
        try translating("writing audit entry \(record.action)") {
            try db.execute(
                sql: "INSERT INTO audit_log (at_ms, actor, action, booking_id, company_id, via, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    Instant.ms(record.at), record.actor, record.action, record.bookingID?.rawValue,
                    record.companyID?.rawValue, record.via, details,
                ])
        }
        return db.lastInsertedRowID
    }

    public func auditEntries(_ query: AuditQuery = AuditQuery()) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let id = query.bookingID {
            conditions.append("booking_id = ?")
            arguments.append(id.rawValue)
        }
        if let id = query.companyID {
            conditions.append("company_id = ?")
            arguments.append(id.rawValue)
        }
        if let actor = query.actor {
            conditions.append("actor = ?")
            arguments.append(actor)
        }
        if let since = query.since {
            conditions.append("at_ms >= ?")
            arguments.append(Instant.ms(since))
        }
        var sql = "SELECT * FROM audit_log"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id DESC"
        if let limit = query.limit { sql += " LIMIT \(max(0, limit))" }
        return try translating("reading the audit log") {
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(AuditRecords.entry).reversed()
        }
    }
}
