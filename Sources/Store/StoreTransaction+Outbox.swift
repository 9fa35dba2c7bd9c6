import Foundation
import GRDB
import Scheduling

// Queueing, claiming and recording outbox deliveries (see Outbox.swift for the
// at-least-once contract).
extension StoreTransaction {
    /// Queues `message` unless one with the same dedupe key exists (in any status).
    /// Returns whether it was queued. Written in this transaction: if the transaction
    /// rolls back, the message was never queued.
    @discardableResult
    public func enqueue(_ message: OutboxMessage, at now: Date) throws -> Bool {
        try requireWritable("queue \(message.dedupeKey)")
        try translating(
            "queueing \(message.kind) \(message.dedupeKey)",
            constraint: {
                "outbox message \(message.dedupeKey) names booking \(message.bookingID?.rawValue ?? "-"), which is not stored yet; insert the booking first"
            }
        ) {
            try db.execute(
                sql: """
                    INSERT INTO outbox (kind, booking_id, target, payload, dedupe_key, status, attempts, next_attempt_at_ms, created_at_ms)
                    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                    ON CONFLICT(dedupe_key) DO NOTHING
                    """,
                arguments: [
                    message.kind.rawValue, message.bookingID?.rawValue, message.target, message.payload, message.dedupeKey,
                    Instant.ms(message.notBefore ?? now), Instant.ms(now),
                ])
        }
        return db.changesCount > 0
    }

    /// Items due at `now`, in due order, without claiming them: pending items whose
    /// time has come, and `sending` items whose claim is older than the claim timeout.
    public func dueOutbox(now: Date, limit: Int = 100, kinds: Set<OutboxKind>? = nil) throws -> [OutboxItem] {
        var sql = """
            SELECT * FROM outbox
            WHERE ((status = 'pending' AND next_attempt_at_ms <= ?) OR (status = 'sending' AND claimed_at_ms <= ?))
            """
        var arguments: [(any DatabaseValueConvertible)?] = [Instant.ms(now), Instant.ms(now.addingTimeInterval(-retry.claimTimeout))]
        if let kinds {
            if kinds.isEmpty { return [] }
            sql += " AND kind IN (\(databaseQuestionMarks(count: kinds.count)))"
            arguments += kinds.map(\.rawValue).sorted()
        }
        sql += " ORDER BY next_attempt_at_ms, id LIMIT \(max(0, limit))"
        return try translating("listing due outbox items") {
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(OutboxRecords.item)
        }
    }

    /// Claims one item for delivery if it is still due: marks it `sending`, counts the
    /// attempt and returns it; `nil` if another deliverer got it first or it is not due.
    public func claimOutboxItem(_ id: Int64, now: Date) throws -> OutboxItem? {
        try requireWritable("claim outbox item \(id)")
        try translating("claiming outbox item \(id)") {
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at_ms = ?
                    WHERE id = ? AND ((status = 'pending' AND next_attempt_at_ms <= ?) OR (status = 'sending' AND claimed_at_ms <= ?))
                    """,
                arguments: [Instant.ms(now), id, Instant.ms(now), Instant.ms(now.addingTimeInterval(-retry.claimTimeout))])
        }
        guard db.changesCount > 0 else { return nil }
        let item = try outboxItem(id)
        if let item, item.attempts > 1 {
            logger.info(
                "outbox item claimed again",
                metadata: ["outbox.id": "\(id)", "outbox.attempts": "\(item.attempts)", "outbox.kind": "\(item.kind)"])
        }
        return item
    }

    /// Claims up to `limit` due items (see `dueOutbox` and `claimOutboxItem`). Commit
    /// the claim before delivering, so a crash during delivery leaves a claim to expire.
    public func claimDueOutbox(now: Date, limit: Int = 100, kinds: Set<OutboxKind>? = nil) throws -> [OutboxItem] {
        try dueOutbox(now: now, limit: limit, kinds: kinds).compactMap { try claimOutboxItem($0.id, now: now) }
    }

    /// Records a successful delivery. Idempotent; `.notFound` for an unknown id.
    public func markDelivered(_ id: Int64, at instant: Date) throws {
        try requireWritable("mark outbox item \(id) delivered")
        guard let item = try outboxItem(id) else { throw StoreError(.notFound, "there is no outbox item \(id)") }
        guard item.status != .delivered else { return }
        try translating("marking outbox item \(id) delivered") {
            try db.execute(
                sql: "UPDATE outbox SET status = 'delivered', delivered_at_ms = ?, last_error = NULL WHERE id = ?",
                arguments: [Instant.ms(instant), id])
        }
    }

    /// Records a failed delivery and returns the item as now stored: `pending` again
    /// after `OutboxRetryPolicy.delay(afterAttempt:)`, or `failed` for good when
    /// `permanent` or after the last attempt. `.notFound` for an unknown id.
    @discardableResult
    public func markFailed(_ id: Int64, error message: String, at now: Date, permanent: Bool = false) throws -> OutboxItem {
        try requireWritable("mark outbox item \(id) failed")
        guard let item = try outboxItem(id) else { throw StoreError(.notFound, "there is no outbox item \(id)") }
        guard item.status != .delivered else { return item }
        let attempts = max(item.attempts, 1)
        let giveUp = permanent || attempts >= retry.maxAttempts
        let next = giveUp ? now : now.addingTimeInterval(retry.delay(afterAttempt: attempts))
        try translating("marking outbox item \(id) failed") {
            try db.execute(
                sql: "UPDATE outbox SET status = ?, next_attempt_at_ms = ?, last_error = ?, claimed_at_ms = NULL WHERE id = ?",
                arguments: [giveUp ? "failed" : "pending", Instant.ms(next), String(message.prefix(2000)), id])
        }
        logger.warning(
            giveUp ? "outbox item failed for good" : "outbox delivery failed; will retry",
            metadata: [
                "outbox.id": "\(id)", "outbox.kind": "\(item.kind)", "outbox.attempts": "\(attempts)",
                "outbox.next_attempt": "\(next)", "outbox.error": "\(message.prefix(200))",
            ])
        return try outboxItem(id)!
    }

    /// Requeues `failed` items (one, or all with `nil`) for delivery at `now`, with a
    /// fresh attempt count. Returns how many.
    @discardableResult
    public func retryFailedOutbox(_ id: Int64? = nil, at now: Date) throws -> Int {
        try requireWritable("retry failed outbox items")
        try translating("requeueing failed outbox items") {
            try db.execute(
                sql:
                    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at_ms = ? WHERE status = 'failed' AND (? IS NULL OR id = ?)",
                arguments: [Instant.ms(now), id, id])
        }
        return db.changesCount
    }

    /// Cancels the booking's `pending` items (of `kind`, or all), e.g. the reminders of
    /// the old time when a booking is moved or cancelled. Items being sent are left
    /// alone. Returns how many were cancelled.
    @discardableResult
    public func cancelPendingOutbox(bookingID: BookingID, kind: OutboxKind? = nil) throws -> Int {
        try requireWritable("cancel pending outbox items of \(bookingID)")
        try translating("cancelling pending outbox items of \(bookingID)") {
            try db.execute(
                sql: "UPDATE outbox SET status = 'cancelled' WHERE booking_id = ? AND status = 'pending' AND (? IS NULL OR kind = ?)",
                arguments: [bookingID.rawValue, kind?.rawValue, kind?.rawValue])
        }
        return db.changesCount
    }

    public func outboxItem(_ id: Int64) throws -> OutboxItem? {
        try translating("reading outbox item \(id)") {
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(OutboxRecords.item)
        }
    }

    public func outboxItem(dedupeKey: String) throws -> OutboxItem? {
        try translating("reading outbox item \(dedupeKey)") {
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE dedupe_key = ?", arguments: [dedupeKey]).map(OutboxRecords.item)
        }
    }

    /// Items of a booking, or with one of `statuses`, or both; oldest first.
    public func outboxItems(bookingID: BookingID? = nil, statuses: Set<OutboxItem.Status>? = nil, limit: Int? = nil) throws -> [OutboxItem]
    {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let bookingID {
            conditions.append("booking_id = ?")
            arguments.append(bookingID.rawValue)
        }
        if let statuses {
            if statuses.isEmpty { return [] }
            conditions.append("status IN (\(databaseQuestionMarks(count: statuses.count)))")
            arguments += statuses.map(\.rawValue).sorted()
        }
        var sql = "SELECT * FROM outbox"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try translating("listing outbox items") {
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(OutboxRecords.item)
        }
    }
}
