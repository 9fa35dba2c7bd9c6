import Foundation
internal import GRDB
import Scheduling

/// One row of `outbox`.
struct OutboxRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "outbox"

    /// Assigned by SQLite on insert.
    var id: Int64?
    var kind: String
    var bookingID: String?
    var target: String
    var payload: String
    var dedupeKey: String
    var status: String
    var attempts: Int
    var nextAttemptAtMs: Int64
    var claimedAtMs: Int64?
    var lastError: String?
    var createdAtMs: Int64
    var deliveredAtMs: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind
        case bookingID = "booking_id"
        case target, payload
        case dedupeKey = "dedupe_key"
        case status, attempts
        case nextAttemptAtMs = "next_attempt_at_ms"
        case claimedAtMs = "claimed_at_ms"
        case lastError = "last_error"
        case createdAtMs = "created_at_ms"
        case deliveredAtMs = "delivered_at_ms"
    }

    typealias Columns = CodingKeys

    /// A new item as `enqueue` writes it: pending, no attempt yet, due at `notBefore` or now.
    init(queueing message: OutboxMessage, at now: Date) {
        id = nil
        kind = message.kind.rawValue
        bookingID = message.bookingID?.rawValue
        target = message.target
        payload = message.payload
        dedupeKey = message.dedupeKey
        status = OutboxItem.Status.pending.rawValue
        attempts = 0
        nextAttemptAtMs = Instant.ms(message.notBefore ?? now)
        claimedAtMs = nil
        lastError = nil
        createdAtMs = Instant.ms(now)
        deliveredAtMs = nil
    }

    /// Due at `now`: pending and its time has come, or claimed before `abandonedBefore`
    /// (the deliverer is presumed dead).
    static func isDue(now: Date, abandonedBefore: Date) -> SQLExpression {
        (Columns.status == OutboxItem.Status.pending.rawValue && Columns.nextAttemptAtMs <= Instant.ms(now))
            || (Columns.status == OutboxItem.Status.sending.rawValue && Columns.claimedAtMs <= Instant.ms(abandonedBefore))
    }

    func item() throws -> OutboxItem {
        let t = Self.databaseTableName
        guard let id else { throw StoreError(.corrupt, "\(t) has a row without an id") }
        return OutboxItem(
            id: id, kind: OutboxKind(rawValue: kind), bookingID: bookingID.map(BookingID.init(rawValue:)),
            target: target, payload: payload, dedupeKey: dedupeKey,
            status: try decodeEnum(OutboxItem.Status.self, status, in: t, column: Columns.status),
            attempts: attempts, nextAttemptAt: Instant.date(nextAttemptAtMs), claimedAt: Instant.dateOrNil(claimedAtMs),
            lastError: lastError, createdAt: Instant.date(createdAtMs), deliveredAt: Instant.dateOrNil(deliveredAtMs))
    }
}

/// Outbox items per kind and status, for `/metrics`.
struct OutboxKindStatusCount: Decodable, FetchableRecord {
    var kind: String
    var status: String
    var count: Int
}
