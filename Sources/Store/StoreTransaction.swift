import Foundation
internal import GRDB
import Logging
import Scheduling

/// The view of the store inside one `SupportStore.write` (or `read`) call.
///
/// Reads see the transaction's own writes. Only valid during the call that handed it
/// out: do not keep it. Writing methods throw `StoreError.readOnly` inside `read`.
/// Methods are grouped by concern in the `StoreTransaction+*.swift` files.
public struct StoreTransaction {
    let db: Database
    /// False inside `SupportStore.read`.
    public let isWritable: Bool
    let retry: OutboxRetryPolicy
    let logger: Logger

    init(db: Database, writable: Bool, retry: OutboxRetryPolicy, logger: Logger) {
        self.db = db
        self.isWritable = writable
        self.retry = retry
        self.logger = logger
    }

    func requireWritable(_ action: @autoclosure () -> String) throws {
        guard isWritable else {
            throw StoreError(.readOnly, "cannot \(action()) inside a read; use SupportStore.write")
        }
    }
}

@available(*, unavailable, message: "a transaction belongs to the call that received it")
extension StoreTransaction: Sendable {}

// MARK: - Record helpers

extension StoreTransaction {
    /// Writes `columns` of `row` over the stored row with the same primary key; false
    /// when there is none (the caller names what was not found).
    func updateIfFound(_ row: some PersistableRecord, columns: [some ColumnExpression]) throws -> Bool {
        do {
            try row.update(db, columns: columns)
            return true
        } catch RecordError.recordNotFound {
            return false
        }
    }
}
