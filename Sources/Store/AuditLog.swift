import Foundation
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
