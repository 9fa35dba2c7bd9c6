import Foundation
import GRDB
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

// MARK: - Row helpers

extension Row {
    /// A required TEXT column, or `.corrupt` naming the table and column.
    func text(_ column: String, in table: String) throws -> String {
        guard let value: String = self[column] else {
            throw StoreError(.corrupt, "\(table).\(column) is empty in a stored row")
        }
        return value
    }

    func int64(_ column: String, in table: String) throws -> Int64 {
        guard let value: Int64 = self[column] else {
            throw StoreError(.corrupt, "\(table).\(column) is empty in a stored row")
        }
        return value
    }

    func instant(_ column: String, in table: String) throws -> Date {
        Instant.date(try int64(column, in: table))
    }

    func optionalInstant(_ column: String) -> Date? {
        Instant.dateOrNil(self[column] as Int64?)
    }
}

func timeZone(_ identifier: String, in table: String, row id: String) throws -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else {
        throw StoreError(.corrupt, "\(table) row \(id) has the unknown time zone \(identifier)")
    }
    return zone
}

func decodeEnum<E: RawRepresentable>(_ type: E.Type, _ raw: String, in table: String, column: String) throws -> E
where E.RawValue == String {
    guard let value = E(rawValue: raw) else {
        throw StoreError(.corrupt, "\(table).\(column) holds the unknown value \(raw)")
    }
    return value
}
