import Foundation
internal import GRDB

/// One row of `idempotency_keys`: a claimed key, and the answer once the request is done.
struct IdempotencyKeyRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "idempotency_keys"

    var key: String
    /// A hash of the request's content: the same key with other content is a mismatch.
    var fingerprint: String
    /// The HTTP status and body of the first answer; both `nil` while in progress.
    var status: Int?
    var body: String?
    /// When the key was claimed (or taken over after being abandoned).
    var createdAtMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case key, fingerprint, status, body
        case createdAtMs = "created_at_ms"
    }

    typealias Columns = CodingKeys
}
