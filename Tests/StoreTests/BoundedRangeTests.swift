import Foundation
import GRDB
import Scheduling
import TestSupport
import Testing

@testable import Store

/// Reads by time cost what the window holds, not what history holds: every range query is
/// bounded on both sides of one index, which holds because no row spans more than a day.
@Suite struct BoundedRangeTests {
    func range(_ from: String, _ to: String) -> TimeRange { TimeRange(start: utc(from), end: utc(to)) }

    /// SQLite's plan for a statement, one line per step.
    func plan(_ store: SupportStore, _ sql: String, _ arguments: StatementArguments) throws -> String {
        try store.read { tx in
            try Row.fetchAll(tx.db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                .joined(separator: "\n")
        }
    }

    @Test func theAvailabilityQueriesSearchOneIndexBetweenTwoBounds() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let bookings = try plan(store, StoreTransaction.activeBookingsSQL, [0, 1, 0])
        #expect(bookings.contains("SEARCH bookings USING INDEX bookings_start (start_ms>? AND start_ms<?)"))
        #expect(!bookings.contains("TEMP B-TREE"))
        let busy = try plan(store, StoreTransaction.busySQL, [0, 1, 0, 0, 1, 0])
        #expect(busy.contains("SEARCH busy_intervals USING INDEX busy_intervals_start (start_ms>? AND start_ms<?)"))
        #expect(busy.contains("SEARCH return_calls USING INDEX return_calls_start (start_ms>? AND start_ms<?)"))
        #expect(!busy.contains("SCAN"))
    }

    @Test func aHolidayLongerThanADayIsKeptInPiecesAndStillBlocksEveryDayOfIt() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let holiday = range("2026-11-02T00:00:00Z", "2026-11-06T12:00:00Z")
        try store.write { tx in
            try tx.replaceBusyIntervals(
                staff: "alice", window: range("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), with: [holiday], source: "caldav")
        }
        let stored = try store.read { try $0.busyIntervals(staff: "alice", overlapping: holiday) }
        #expect(stored.count == 5)
        #expect(stored.first?.start == holiday.start && stored.last?.end == holiday.end)
        #expect(stored.allSatisfy { $0.duration <= StoredSpan.longestRow })
        // A window in the middle of the holiday, more than a day after it began, sees it.
        let thursday = range("2026-11-05T09:00:00Z", "2026-11-05T17:00:00Z")
        let availability = try store.read { try $0.availability(staff: [alice], window: thursday) }
        let slots = SlotFinder(policy: Policy(vendorTimeZone: utcZone)).slots(
            for: live60, in: thursday, availability: availability, now: utc("2026-10-01T00:00:00Z"))
        #expect(slots.isEmpty)
    }

    @Test func aBookingOverlappingAWindowIsFoundThoughItStartedTheDayBefore() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { tx in
            try tx.insert(makeBooking("b-late", start: utc("2026-11-02T23:30:00Z")))
            try tx.insert(makeBooking("b-old", start: utc("2026-01-02T10:00:00Z")))
        }
        let found = try store.read { try $0.bookings(BookingQuery(overlapping: range("2026-11-03T00:00:00Z", "2026-11-03T01:00:00Z"))) }
        #expect(found.map(\.id) == ["b-late"])
    }

    @Test func aSessionLongerThanADayIsRefused() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        var booking = makeBooking("b-long")
        booking.end = booking.start.addingTimeInterval(StoredSpan.longestRow + 60)
        let error = #expect(throws: StoreError.self) { try store.write { tx in try tx.insert(booking) } }
        #expect(error?.code == .invalidInput)
        #expect(error?.description.contains("at most 24 hours") == true)
    }

    @Test func theAvailabilityVersionMovesWithEveryChangeToWhatAvailabilityReads() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let version = { try store.read { try $0.availabilityVersion() } }
        let day = range("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z")
        let meeting = [range("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z")]
        let start = try version()
        try store.write { tx in try tx.replaceBusyIntervals(staff: "alice", window: day, with: meeting, source: "caldav") }
        let afterBusy = try version()
        #expect(afterBusy > start)
        // The same busy time read again writes nothing, so a cache of availability stays valid.
        let removed = try store.write { tx in try tx.replaceBusyIntervals(staff: "alice", window: day, with: meeting, source: "caldav") }
        #expect(removed == 0)
        #expect(try version() == afterBusy)
        try store.write { tx in try tx.insert(makeBooking("b-1")) }
        let afterBooking = try version()
        #expect(afterBooking > afterBusy)
        try store.write { tx in
            var booking = try tx.requireBooking("b-1")
            booking.status = .cancelledByCustomer
            try tx.update(booking)
        }
        #expect(try version() > afterBooking)
        // Writes elsewhere (the audit log, companies) leave it alone.
        let beforeAudit = try version()
        try store.write { tx in try tx.insert(Company(id: "other", name: "Other Crating")) }
        #expect(try version() == beforeAudit)
    }

    @Test func migratingAnOlderStoreCutsLongBusyTimeIntoPieces() throws {
        let (folder, path) = temporaryStorePath("v3/store.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let old = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(old, upTo: "v3-contact-phone-and-removal")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO staff (key, name, time_zone) VALUES ('alice', 'Alice', 'UTC');
                        INSERT INTO busy_intervals (staff_key, start_ms, end_ms, source) VALUES ('alice', 0, 216000000, 'caldav');
                        INSERT INTO busy_intervals (staff_key, start_ms, end_ms, source) VALUES ('alice', 300000000, 303600000, 'caldav');
                        """)
            }
        }
        let store = try SupportStore(path: path, logger: testLogger)
        let everything = TimeRange(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 400_000))
        let pieces = try store.read { try $0.busyIntervals(staff: "alice", overlapping: everything) }
        #expect(pieces.map(\.duration) == [86_400, 86_400, 43_200, 3600])
        #expect(pieces.first?.start == Date(timeIntervalSince1970: 0) && pieces[2].end == Date(timeIntervalSince1970: 216_000))
    }
}
