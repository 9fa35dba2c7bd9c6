import Foundation
internal import GRDB
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
                "outbox message \(message.dedupeKey) names booking \(message.bookingID?.rawValue ?? "-"), "
                    + "which is not stored yet; insert the booking first"
            }
        ) {
            // OR IGNORE can only meet the dedupe key: the id is new, every NOT NULL column
            // is set, the status is valid, and SQLite never ignores a foreign key failure.
            try OutboxRow(queueing: message, at: now).insert(db, onConflict: .ignore)
        }
        return db.changesCount > 0
    }

    /// Items due at `now`, in due order, without claiming them: pending items whose
    /// time has come, and `sending` items whose claim is older than the claim timeout.
    public func dueOutbox(now: Date, limit: Int = 100, kinds: Set<OutboxKind>? = nil) throws -> [OutboxItem] {
        var request = OutboxRow.filter(OutboxRow.isDue(now: now, abandonedBefore: now.addingTimeInterval(-retry.claimTimeout)))
        if let kinds {
            if kinds.isEmpty { return [] }
            request = request.filter(kinds.map(\.rawValue).sorted().contains(OutboxRow.Columns.kind))
        }
        request = request.order(OutboxRow.Columns.nextAttemptAtMs, OutboxRow.Columns.id).limit(max(0, limit))
        return try translating("listing due outbox items") { try request.fetchAll(db).map { try $0.item() } }
    }

    /// Claims one item for delivery if it is still due: marks it `sending`, counts the
    /// attempt and returns it; `nil` if another deliverer got it first or it is not due.
    public func claimOutboxItem(_ id: Int64, now: Date) throws -> OutboxItem? {
        try requireWritable("claim outbox item \(id)")
        let claimed = try translating("claiming outbox item \(id)") {
            try OutboxRow.filter(key: id)
                .filter(OutboxRow.isDue(now: now, abandonedBefore: now.addingTimeInterval(-retry.claimTimeout)))
                .updateAll(
                    db, OutboxRow.Columns.status.set(to: OutboxItem.Status.sending.rawValue), OutboxRow.Columns.attempts += 1,
                    OutboxRow.Columns.claimedAtMs.set(to: Instant.ms(now)))
        }
        guard claimed > 0 else { return nil }
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
        _ = try translating("marking outbox item \(id) delivered") {
            try OutboxRow.filter(key: id).updateAll(
                db, OutboxRow.Columns.status.set(to: OutboxItem.Status.delivered.rawValue),
                OutboxRow.Columns.deliveredAtMs.set(to: Instant.ms(instant)), OutboxRow.Columns.lastError.set(to: nil))
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
        let status: OutboxItem.Status = giveUp ? .failed : .pending
        _ = try translating("marking outbox item \(id) failed") {
            try OutboxRow.filter(key: id).updateAll(
                db, OutboxRow.Columns.status.set(to: status.rawValue), OutboxRow.Columns.nextAttemptAtMs.set(to: Instant.ms(next)),
                OutboxRow.Columns.lastError.set(to: String(message.prefix(2000))), OutboxRow.Columns.claimedAtMs.set(to: nil))
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
        var request = OutboxRow.filter(OutboxRow.Columns.status == OutboxItem.Status.failed.rawValue)
        if let id { request = request.filter(key: id) }
        return try translating("requeueing failed outbox items") {
            try request.updateAll(
                db, OutboxRow.Columns.status.set(to: OutboxItem.Status.pending.rawValue), OutboxRow.Columns.attempts.set(to: 0),
                OutboxRow.Columns.nextAttemptAtMs.set(to: Instant.ms(now)))
        }
    }

    /// Cancels the booking's `pending` items (of `kind`, or all), e.g. the reminders of
    /// the old time when a booking is moved or cancelled. Items being sent are left
    /// alone. Returns how many were cancelled.
    @discardableResult
    public func cancelPendingOutbox(bookingID: BookingID, kind: OutboxKind? = nil) throws -> Int {
        try requireWritable("cancel pending outbox items of \(bookingID)")
        var request = OutboxRow.filter(
            OutboxRow.Columns.bookingID == bookingID.rawValue && OutboxRow.Columns.status == OutboxItem.Status.pending.rawValue)
        if let kind { request = request.filter(OutboxRow.Columns.kind == kind.rawValue) }
        return try translating("cancelling pending outbox items of \(bookingID)") {
            try request.updateAll(db, OutboxRow.Columns.status.set(to: OutboxItem.Status.cancelled.rawValue))
        }
    }

    public func outboxItem(_ id: Int64) throws -> OutboxItem? {
        try translating("reading outbox item \(id)") { try OutboxRow.fetchOne(db, key: id)?.item() }
    }

    public func outboxItem(dedupeKey: String) throws -> OutboxItem? {
        try translating("reading outbox item \(dedupeKey)") {
            try OutboxRow.filter(OutboxRow.Columns.dedupeKey == dedupeKey).fetchOne(db)?.item()
        }
    }

    /// Items of a booking, or with one of `statuses`, or both; oldest first.
    public func outboxItems(bookingID: BookingID? = nil, statuses: Set<OutboxItem.Status>? = nil, limit: Int? = nil) throws -> [OutboxItem]
    {
        var request = OutboxRow.all()
        if let bookingID { request = request.filter(OutboxRow.Columns.bookingID == bookingID.rawValue) }
        if let statuses {
            if statuses.isEmpty { return [] }
            request = request.filter(statuses.map(\.rawValue).sorted().contains(OutboxRow.Columns.status))
        }
        request = request.order(OutboxRow.Columns.id)
        if let limit { request = request.limit(max(0, limit)) }
        return try translating("listing outbox items") { try request.fetchAll(db).map { try $0.item() } }
    }
}
