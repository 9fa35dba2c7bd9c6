import Foundation
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
