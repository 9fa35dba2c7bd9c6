import Foundation
internal import GRDB
import Logging
import NIOPosix
import Scheduling

/// SupportCal's SQLite store: companies, contacts, staff, bookings, payments, return
/// calls, the outbox, calendar sync state and the audit log.
///
/// One `SupportStore` owns one GRDB connection pool on one file in WAL mode, so many
/// readers run alongside one writer, and several *processes* (the CLI, the server, a
/// sweep from cron) may open the same file at once: a writer waits up to `busyTimeout`
/// for another process's write lock instead of failing.
///
/// All changes go through `write(_:)`, which runs its body in ONE `BEGIN IMMEDIATE`
/// transaction: the write lock is taken before the first read, so what the body reads
/// (availability, the company's standing...) cannot change until it commits. That is
/// how two processes booking the last free minute of a staff member get exactly one
/// booking: the second one waits for the lock, then reads the first one's booking and
/// Scheduling refuses it with `Rule.slotTaken`. The outbox rows and the audit entry a
/// change causes are written in the same transaction, so they exist if and only if the
/// change does.
///
/// Errors thrown by the store are `StoreError`; errors thrown by a caller's body pass
/// through unchanged and roll the transaction back.
public final class SupportStore: Sendable {
    /// The database file, or `nil` for an in-memory store.
    public let path: String?
    public let logger: Logger
    /// How failed outbox deliveries are retried and when an abandoned claim expires.
    public let outboxRetry: OutboxRetryPolicy
    private let writer: any DatabaseWriter

    /// Default wait for another process's write lock.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens (creating the folder and file if needed) and migrates the store at `path`.
    /// Opening is idempotent and safe while other processes open or use the same file.
    public init(
        path: String,
        busyTimeout: TimeInterval = SupportStore.defaultBusyTimeout,
        outboxRetry: OutboxRetryPolicy = .default,
        logger: Logger
    ) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .database,
                "cannot create the folder for the store at \(url.deletingLastPathComponent().path): \(error.localizedDescription)",
                underlying: error)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: SupportStore.configuration(busyTimeout: busyTimeout))
        } catch {
            throw StoreError.from(error, "opening the store at \(url.path)")
        }
        self.path = url.path
        self.writer = pool
        self.logger = logger
        self.outboxRetry = outboxRetry
        try migrate()
    }

    /// A private in-memory store (tests and dry runs). It vanishes with the value and
    /// is not shared with any other `SupportStore`.
    public init(inMemoryWithOutboxRetry outboxRetry: OutboxRetryPolicy = .default, logger: Logger) throws {
        do {
            self.writer = try DatabaseQueue(configuration: SupportStore.configuration(busyTimeout: 0))
        } catch {
            throw StoreError.from(error, "opening an in-memory store")
        }
        self.path = nil
        self.logger = logger
        self.outboxRetry = outboxRetry
        try migrate()
    }

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = busyTimeout > 0 ? .timeout(busyTimeout) : .immediateError
        config.label = "supportcal.store"
        // SQLite's own checkpoint runs inside whichever commit crosses the threshold and
        // holds that booking up for tens of milliseconds; `serve` checkpoints every second
        // on a connection of its own instead (`StoreCheckpointer`). The high threshold is
        // the safety net for processes that do not.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(StoreCheckpointer.fallbackPages)") }
        return config
    }

    /// Applies missing migrations. GRDB's migrator reads the applied list outside its
    /// transactions, so two processes opening a new file at once may both try the same
    /// migration; the loser fails on "table already exists" after the winner commits,
    /// finds the schema complete and goes on. Each migration itself is atomic.
    private func migrate() throws {
        let migrator = Migrations.migrator
        if (try? writer.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
        var lastError: (any Error)?
        for _ in 0..<(migrator.migrations.count + 3) {
            do {
                try migrator.migrate(writer)
                logger.debug("store migrated", metadata: ["store.path": "\(path ?? ":memory:")"])
                return
            } catch {
                lastError = error
                if (try? writer.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
            }
        }
        throw StoreError.from(lastError!, "migrating the store at \(path ?? ":memory:")")
    }

    // MARK: - Transactions

    /// Runs `body` in one IMMEDIATE write transaction and commits if it returns.
    /// If `body` throws, nothing it wrote is kept. See the type's documentation for the
    /// concurrency guarantee.
    @_disfavoredOverload @discardableResult
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        var result: T?
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(StoreTransaction(db: db, writable: true, retry: outboxRetry, logger: logger))
                    return .commit
                }
            }
        } catch {
            throw StoreError.from(error, "writing to the store")
        }
        return result!
    }

    /// The async form of `write(_:)`: the blocking transaction runs on the store's own
    /// threads, never on Swift's cooperative pool. (GRDB's async API blocks dispatch
    /// threads while it waits for a reader; on a 2-core machine the service's request
    /// handlers and jobs then starved each other into a deadlock under load.)
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await Self.writerThread.runIfActive { [self] in try self.write(body) }
    }

    /// `write`, run to the end even when the calling task is cancelled: for recording what
    /// already happened outside (an email sent, a calendar written), which a cancelled
    /// shutdown must not forget, or it would be done twice.
    @discardableResult
    public func writeEvenIfCancelled<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        // An unstructured task does not inherit the caller's cancellation.
        try await Task { try await self.write(body) }.value
    }

    /// Runs `body` on a consistent snapshot (concurrent with writers). Writing methods
    /// of the transaction throw `StoreError.readOnly` here.
    @_disfavoredOverload
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try writer.read { db in
                try body(StoreTransaction(db: db, writable: false, retry: outboxRetry, logger: logger))
            }
        } catch {
            throw StoreError.from(error, "reading the store")
        }
    }

    /// The async form of `read(_:)`, on the store's own threads like `write`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await Self.threads.runIfActive { [self] in try self.read(body) }
    }

    /// Runs blocking work that uses the store (a `BookingDesk` flow) on the store's
    /// threads, so an async caller never blocks Swift's cooperative pool.
    public func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Self.threads.runIfActive(body)
    }

    /// Runs a flow that writes (a `BookingDesk` decision) on the store's writer thread:
    /// SQLite takes one writer at a time anyway, and one thread taking them in turn costs
    /// no lock handoffs, where six threads queueing on the write lock spent more time
    /// waking each other than writing.
    public func offloadWriting<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Self.writerThread.runIfActive(body)
    }

    /// The one thread the async writes of this process run on (see `offloadWriting`).
    static let writerThread: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// Threads for the async forms: enough for the readers SQLite serves at once.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 6)
        pool.start()
        return pool
    }()

    /// Copies WAL content into the main file (`PRAGMA wal_checkpoint(TRUNCATE)`), e.g.
    /// before a backup. Not needed for correctness.
    public func checkpoint() throws {
        guard let pool = writer as? DatabasePool else { return }
        do {
            _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        } catch {
            throw StoreError.from(error, "checkpointing the store")
        }
    }
}
