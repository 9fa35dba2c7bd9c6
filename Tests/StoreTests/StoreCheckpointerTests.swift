import Foundation
import GRDB
import Scheduling
import Testing

@testable import Store

/// `serve` copies the log into the database file itself, from its own connection, so no
/// booking's commit does it; the writer's own threshold is only the safety net.
@Suite struct StoreCheckpointerTests {
    @Test func aCheckpointOnItsOwnConnectionEmptiesTheLogWhileTheStoreStaysOpen() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let first = utc("2026-11-03T00:00:00Z")
        for index in 0..<20 {
            let booking = makeBooking(BookingID("b-\(index)"), start: first.addingTimeInterval(TimeInterval(index) * 7200))
            try store.write { try $0.insert(booking) }
        }
        let checkpointer = try StoreCheckpointer(path: path)
        let progress = try checkpointer.checkpoint()
        #expect(progress.logPages > 0, "the writes are in the log")
        #expect(progress.checkpointedPages == progress.logPages, "with no reader holding an old snapshot, all of it is copied")
        let threshold = try store.read { tx in try Int.fetchOne(tx.db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(threshold == StoreCheckpointer.fallbackPages)
        #expect(try store.read { try $0.bookings().count } == 20, "nothing is lost by the copy")
    }
}
