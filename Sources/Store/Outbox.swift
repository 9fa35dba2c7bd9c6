import Foundation
import GRDB
import Scheduling

// The outbox: calendar writes and emails a change causes, written in the same
// transaction as the change and delivered later by the sweep (or the server's
// background service).
//
// Delivery is AT LEAST ONCE, made effectively once by the receivers:
// - `claimDue` marks items `sending` (attempts + 1) in its own short transaction before
//   anything is sent; `markDelivered` / `markFailed` record the result afterwards.
// - A process killed between claiming and recording leaves the item `sending`. Once the
//   claim is older than `OutboxRetryPolicy.claimTimeout`, the item is due again and the
//   next sweep sends it again. Nothing is lost.
// - A repeat is harmless because every delivery is idempotent at the receiver: a
//   calendar create is a PUT with `If-None-Match: *` (412 = already there, treat as
//   delivered), an update or delete carries `If-Match`, and an email's Message-ID (and
//   Maildir file name) derives from the item's `dedupeKey`.
// - The UNIQUE dedupe key makes enqueueing idempotent: a re-run sweep that queues the
//   same reminder ("b-17/0/reminder-24h", `ReminderPlan.Message.key`) queues nothing.

/// What kind of delivery an outbox item is. Raw values are stored; keep them stable.
public struct OutboxKind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Create or update the booking's VEVENT in the staff member's calendar.
    public static let calendarPut: OutboxKind = "calendar.put"
    /// Remove the booking's VEVENT from the staff member's calendar.
    public static let calendarDelete: OutboxKind = "calendar.delete"
    /// Write a planned return call's VEVENT into the staff member's calendar (payload: its id).
    public static let calendarReturnCall: OutboxKind = "calendar.return-call"
    /// Send an email (confirmation, reminder, iTIP...).
    public static let email: OutboxKind = "email"

    public var description: String { rawValue }
}

/// A delivery to queue with `StoreTransaction.enqueue(_:at:)`.
public struct OutboxMessage: Hashable, Sendable {
    public var kind: OutboxKind
    public var bookingID: BookingID?
    /// Staff key for calendar writes, email address for emails.
    public var target: String
    /// What the deliverer needs, as the caller formats it (JSON or text). Never put a
    /// maintenance code or password here: the outbox is kept after delivery.
    public var payload: String
    /// Unique across the outbox: a second message with the same key is not queued.
    public var dedupeKey: String
    /// Not delivered before this instant (a reminder's due time); `nil` for at once.
    public var notBefore: Date?

    public init(kind: OutboxKind, bookingID: BookingID? = nil, target: String, payload: String, dedupeKey: String, notBefore: Date? = nil) {
        self.kind = kind
        self.bookingID = bookingID
        self.target = target
        self.payload = payload
        self.dedupeKey = dedupeKey
        self.notBefore = notBefore
    }
}

/// A queued delivery as stored.
public struct OutboxItem: Hashable, Sendable, Identifiable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Waiting for `nextAttemptAt`.
        case pending
        /// Claimed by a deliverer at `claimedAt`; due again after the claim timeout.
        case sending
        case delivered
        /// Gave up after the last attempt or a permanent error; `retryFailed` requeues.
        case failed
        /// Superseded (e.g. reminders of a booking that was moved or cancelled).
        case cancelled
    }

    public var id: Int64
    public var kind: OutboxKind
    public var bookingID: BookingID?
    public var target: String
    public var payload: String
    public var dedupeKey: String
    public var status: Status
    /// Claims so far (each claim is one delivery attempt).
    public var attempts: Int
    public var nextAttemptAt: Date
    public var claimedAt: Date?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// Retry timing for failed deliveries: a pure function of the attempt count.
public struct OutboxRetryPolicy: Hashable, Sendable {
    /// Wait after the first failed attempt; doubled after each further one.
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// After this many failed attempts the item is `failed` for good.
    public var maxAttempts: Int
    /// A `sending` claim older than this is considered abandoned (crashed deliverer).
    public var claimTimeout: TimeInterval

    public init(baseDelay: TimeInterval = 60, maxDelay: TimeInterval = 3600, maxAttempts: Int = 20, claimTimeout: TimeInterval = 600) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.claimTimeout = claimTimeout
    }

    /// 1 min, 2, 4, 8 … capped at 1 hour; up to 20 attempts (about 14 hours); a claim
    /// abandoned for 10 minutes is taken over.
    public static let `default` = OutboxRetryPolicy()

    /// The wait after failed attempt number `attempt` (1-based): base × 2^(attempt−1),
    /// at most `maxDelay`.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = max(0, min(attempt - 1, 30))
        return min(maxDelay, baseDelay * pow(2, Double(exponent)))
    }
}

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

enum OutboxRecords {
    static func item(_ row: Row) throws -> OutboxItem {
        let t = "outbox"
        return OutboxItem(
            id: try row.int64("id", in: t), kind: OutboxKind(rawValue: try row.text("kind", in: t)),
            bookingID: (row["booking_id"] as String?).map(BookingID.init(rawValue:)),
            target: try row.text("target", in: t), payload: try row.text("payload", in: t),
            dedupeKey: try row.text("dedupe_key", in: t),
            status: try decodeEnum(OutboxItem.Status.self, try row.text("status", in: t), in: t, column: "status"),
            attempts: Int(try row.int64("attempts", in: t)), nextAttemptAt: try row.instant("next_attempt_at_ms", in: t),
            claimedAt: row.optionalInstant("claimed_at_ms"), lastError: row["last_error"],
            createdAt: try row.instant("created_at_ms", in: t), deliveredAt: row.optionalInstant("delivered_at_ms"))
    }
}
