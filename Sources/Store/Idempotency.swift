import Foundation
internal import GRDB

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
            if var row = try IdempotencyKeyRow.fetchOne(db, key: key) {
                guard row.fingerprint == fingerprint else { return .mismatch }
                if let status = row.status, let body = row.body { return .completed(status: status, body: body) }
                guard Instant.date(row.createdAtMs) <= now.addingTimeInterval(-abandonAfter) else { return .inProgress }
                row.createdAtMs = Instant.ms(now)
                try row.update(db, columns: [IdempotencyKeyRow.Columns.createdAtMs])
                return .claimed
            }
            try IdempotencyKeyRow(key: key, fingerprint: fingerprint, createdAtMs: Instant.ms(now)).insert(db)
            return .claimed
        }
    }

    public func completeIdempotencyKey(_ key: String, status: Int, body: String) throws {
        try requireWritable("complete an idempotency key")
        try translating("recording idempotent response") {
            _ = try IdempotencyKeyRow.filter(key: key).updateAll(
                db, IdempotencyKeyRow.Columns.status.set(to: status), IdempotencyKeyRow.Columns.body.set(to: body))
        }
    }

    /// A claim whose request failed unexpectedly is released, so a retry can run again.
    public func releaseIdempotencyKey(_ key: String) throws {
        try requireWritable("release an idempotency key")
        try translating("releasing idempotency key") {
            _ = try IdempotencyKeyRow.filter(key: key).filter(IdempotencyKeyRow.Columns.status == nil).deleteAll(db)
        }
    }

    /// Forgets keys older than `cutoff` (the sweep keeps a week): clients retry within
    /// minutes, and the table should not grow forever. Returns how many were removed.
    @discardableResult
    public func pruneIdempotencyKeys(olderThan cutoff: Date) throws -> Int {
        try requireWritable("prune idempotency keys")
        return try translating("pruning idempotency keys") {
            try IdempotencyKeyRow.filter(IdempotencyKeyRow.Columns.createdAtMs < Instant.ms(cutoff)).deleteAll(db)
        }
    }
}
