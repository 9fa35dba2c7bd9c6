import Foundation
internal import GRDB
import Scheduling

// Writing and reading the audit log.
extension StoreTransaction {
    /// Appends `record` to the audit log and returns its id. The audit log has no
    /// foreign keys: a refusal may name a booking id that was never stored.
    @discardableResult
    public func audit(_ record: AuditRecord) throws -> Int64 {
        try requireWritable("write to the audit log")
        let row = try AuditRow(record)
        try translating("writing audit entry \(record.action)") { try row.insert(db) }
        return db.lastInsertedRowID
    }

    public func auditEntries(_ query: AuditQuery = AuditQuery()) throws -> [AuditEntry] {
        var request = AuditRow.all()
        if let id = query.bookingID { request = request.filter(AuditRow.Columns.bookingID == id.rawValue) }
        if let id = query.companyID { request = request.filter(AuditRow.Columns.companyID == id.rawValue) }
        if let actor = query.actor { request = request.filter(AuditRow.Columns.actor == actor) }
        if let since = query.since { request = request.filter(AuditRow.Columns.atMs >= Instant.ms(since)) }
        // Newest first so that a limit keeps the most recent entries; reversed below.
        request = request.order(AuditRow.Columns.id.desc)
        if let limit = query.limit { request = request.limit(max(0, limit)) }
        return try translating("reading the audit log") { try request.fetchAll(db).map { try $0.entry() }.reversed() }
    }
}
