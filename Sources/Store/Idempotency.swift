import Foundation
import GRDB

/// What a retried request with the same Idempotency-Key gets.
public enum IdempotencyClaim: Sendable, Equatable {
    /// First time: go ahead, then `completeIdempotencyKey`.
    case claimed
    /// Done before: answer the same again.
    case completed(status: Int, body: String)
    /// The first request with this key is still being handled.
    case inProgress
    /// The key was used for a different request.
    case mismatch
}

extension StoreTransaction {
    /// Claims `key` for a request whose content hashes to `fingerprint`. A claim left
    /// unfinished for `abandonAfter` (the process died mid-request) may be taken over.
    public func claimIdempotencyKey(_ key: String, fingerprint: String, now: Date, abandonAfter: TimeInterval = 120) throws
        -> IdempotencyClaim
    {
        try requireWritable("claim an idempotency key")
        return try translating("claiming idempotency key") {
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM idempotency_keys WHERE key = ?", arguments: [key]) {
                guard (row["fingerprint"] as String?) == fingerprint else { return .mismatch }
                if let status: Int = row["status"], let body: String = row["body"] { return .completed(status: status, body: body) }
                guard let claimed: Int64 = row["created_at_ms"], Instant.date(claimed) <= now.addingTimeInterval(-abandonAfter) else {
                    return .inProgress
                }
                try db.execute(sql: "UPDATE idempotency_keys SET created_at_ms = ? WHERE key = ?", arguments: [Instant.ms(now), key])
                return .claimed
            }
            try db.execute(
                sql: "INSERT INTO idempotency_keys (key, fingerprint, created_at_ms) VALUES (?, ?, ?)",
                arguments: [key, fingerprint, Instant.ms(now)])
            return .claimed
        }
    }

    public func completeIdempotencyKey(_ key: String, status: Int, body: String) throws {
        try requireWritable("complete an idempotency key")
        try translating("recording idempotent response") {
            try db.execute(sql: "UPDATE idempotency_keys SET status = ?, body = ? WHERE key = ?", arguments: [status, body, key])
        }
    }

    /// A claim whose request failed unexpectedly is released, so a retry can run again.
    public func releaseIdempotencyKey(_ key: String) throws {
        try requireWritable("release an idempotency key")
        try translating("releasing idempotency key") {
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE key = ? AND status IS NULL", arguments: [key])
        }
    }

    /// Forgets keys older than `cutoff` (the sweep keeps a week): clients retry within
    /// minutes, and the table should not grow forever. Returns how many were removed.
    @discardableResult
    public func pruneIdempotencyKeys(olderThan cutoff: Date) throws -> Int {
        try requireWritable("prune idempotency keys")
        return try translating("pruning idempotency keys") {
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at_ms < ?", arguments: [Instant.ms(cutoff)])
            return db.changesCount
        }
    }
}
