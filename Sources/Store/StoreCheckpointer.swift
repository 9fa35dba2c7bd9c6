import Foundation
internal import GRDB

/// Copies the write-ahead log into the database file from a connection of its own, off
/// every transaction's path: a PASSIVE checkpoint takes no write lock, so bookings commit
/// while it runs. `serve` calls `checkpoint()` every second; the writer's own automatic
/// checkpoint only starts at `fallbackPages` (for commands that never call this).
public final class StoreCheckpointer: Sendable {
    /// 10,000 pages: about 40 MB of log before a commit checkpoints by itself.
    static let fallbackPages = 10_000

    private let connection: DatabaseQueue

    /// Opens its own connection to the store at `path` (an in-memory store has no log).
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "supportcal.checkpointer"
        configuration.busyMode = .timeout(1)
        do {
            connection = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError.from(error, "opening the store at \(path) for checkpoints")
        }
    }

    /// Log pages copied into the database file by this call (the log as it stood).
    public struct Progress: Sendable, Equatable {
        public var logPages: Int
        public var checkpointedPages: Int
    }

    /// One PASSIVE checkpoint; blocking, so run it on a thread of its own or the store's.
    @discardableResult
    public func checkpoint() throws -> Progress {
        do {
            return try connection.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                return Progress(logPages: row?[1] ?? 0, checkpointedPages: row?[2] ?? 0)
            }
        } catch {
            throw StoreError.from(error, "checkpointing the store")
        }
    }
}
