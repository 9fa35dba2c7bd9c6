import Foundation
internal import GRDB

/// A failure of the store: something a person (operator or developer) can act on.
///
/// Policy refusals are never a `StoreError`: they are `Decision.refused` values from
/// Scheduling. A `StoreError` means the data or the database stopped the operation.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case notFound = "not-found"
            case duplicate
            case constraint
            case busy
            case readOnly = "read-only"
            case corrupt
            case invalidInput = "invalid-input"
            case database
        }
        private let value: Value

        /// The row asked for does not exist (unknown booking, company, outbox item...).
        public static let notFound = Code(value: .notFound)
        /// A unique value is already taken (contact email, payment reference, booking id...).
        public static let duplicate = Code(value: .duplicate)
        /// A reference or check failed: e.g. a booking for a company or staff member the
        /// store does not know (foreign key), or a negative amount.
        public static let constraint = Code(value: .constraint)
        /// Another process held the write lock for longer than the busy timeout.
        public static let busy = Code(value: .busy)
        /// A write was attempted inside `SupportStore.read`.
        public static let readOnly = Code(value: .readOnly)
        /// Stored data could not be turned back into values (unknown time zone, status...).
        public static let corrupt = Code(value: .corrupt)
        /// The caller passed a value the store cannot hold.
        public static let invalidInput = Code(value: .invalidInput)
        /// Any other SQLite failure (I/O, disk full, cannot open...).
        public static let database = Code(value: .database)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What went wrong and what to do, naming the value involved (never a code or secret).
    public var message: String
    /// The database engine's own error behind this one, for logs and bug reports.
    /// Typed as `any Error` on purpose: callers decide on `code`, never on the engine's
    /// error type, so another engine can sit behind the store without changing them.
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        if let underlying { return "\(code): \(message) (\(underlying))" }
        return "\(code): \(message)"
    }
}

extension StoreError {
    /// Converts a GRDB error met while doing `context` ("inserting booking b-1").
    /// `duplicate` and `constraint` give the caller's own sentence when one is known.
    static func from(
        _ error: any Error, _ context: @autoclosure () -> String,
        duplicate: (() -> String)? = nil, constraint: (() -> String)? = nil
    ) -> any Error {
        if error is StoreError { return error }
        // A stored row that does not decode into its record (a NULL in a column this
        // version requires, text where a number belongs) is damaged or from elsewhere.
        if error is RowDecodingError || error is DecodingError {
            return StoreError(.corrupt, "\(context()): a stored row does not match what this version expects", underlying: error)
        }
        guard let db = error as? DatabaseError else { return error }
        let sqliteMessage = db.message ?? "\(db.resultCode)"
        switch db.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return StoreError(.duplicate, duplicate?() ?? "\(context()): \(sqliteMessage)", underlying: db)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return StoreError(
                .constraint, constraint?() ?? "\(context()): it refers to a row that does not exist (\(sqliteMessage))", underlying: db)
        default:
            break
        }
        switch db.resultCode {
        case .SQLITE_CONSTRAINT:
            return StoreError(.constraint, constraint?() ?? "\(context()): \(sqliteMessage)", underlying: db)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "\(context()): the database stayed locked by another process; try again", underlying: db)
        case .SQLITE_READONLY:
            return StoreError(.readOnly, "\(context()): the database is read-only here", underlying: db)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, "\(context()): the database file is damaged or not a SupportCal database", underlying: db)
        default:
            return StoreError(.database, "\(context()): \(sqliteMessage)", underlying: db)
        }
    }
}

/// Runs `body`, turning a GRDB error into a `StoreError` that names `context`.
func translating<T>(
    _ context: @autoclosure () -> String,
    duplicate: (() -> String)? = nil, constraint: (() -> String)? = nil,
    _ body: () throws -> T
) throws -> T {
    do {
        return try body()
    } catch {
        throw StoreError.from(error, context(), duplicate: duplicate, constraint: constraint)
    }
}
