import Foundation
import GRDB
import Scheduling

/// One thing someone did, to write with `StoreTransaction.audit(_:)` in the same
/// transaction as the change it describes (refusals may be audited too).
public struct AuditRecord: Hashable, Sendable {
    public var at: Date
    /// Who: "cli:alice", "customer:eve@example.com", "staff-calendar:dana", "sweep".
    public var actor: String
    /// What, dotted: "booking.created", "booking.refused", "company.code-rotated".
    public var action: String
    public var bookingID: BookingID?
    public var companyID: CompanyID?
    /// Through which command or endpoint: "supportcal book", "POST /api/bookings".
    public var via: String
    /// Extra facts ("rule": "slot-taken", "payment_ref": "R-17"). Never a code,
    /// password or token.
    public var details: [String: String]

    public init(
        at: Date, actor: String, action: String, bookingID: BookingID? = nil, companyID: CompanyID? = nil, via: String,
        details: [String: String] = [:]
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.bookingID = bookingID
        self.companyID = companyID
        self.via = via
        self.details = details
    }
}

/// An audit record as stored, with its id (ascending in the order written).
public struct AuditEntry: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var record: AuditRecord

    public init(id: Int64, record: AuditRecord) {
        self.id = id
        self.record = record
    }
}

/// Which audit entries to read. The result is always oldest first; with `limit` it is
/// the most recent `limit` matching entries.
public struct AuditQuery: Hashable, Sendable {
    public var bookingID: BookingID?
    public var companyID: CompanyID?
    public var actor: String?
    /// Entries at or after this instant.
    public var since: Date?
    public var limit: Int?

    public init(bookingID: BookingID? = nil, companyID: CompanyID? = nil, actor: String? = nil, since: Date? = nil, limit: Int? = nil) {
        self.bookingID = bookingID
        self.companyID = companyID
        self.actor = actor
        self.since = since
        self.limit = limit
    }
}

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
