import Foundation
import GRDB
import Scheduling

// Calendar objects, sync tokens and the mirrored busy time of staff calendars.
extension StoreTransaction {
    // MARK: Calendar objects

    /// Creates or replaces the state of the object at (`staff`, `href`).
    public func upsertCalendarObject(_ object: CalendarObjectState) throws {
        try requireWritable("save calendar object \(object.href)")
        try translating(
            "saving calendar object \(object.href)",
            constraint: {
                "calendar object \(object.href) names staff \(object.staff) or booking \(object.bookingID?.rawValue ?? "-"), which is not in the store"
            }
        ) {
            try db.execute(
                sql: """
                    INSERT INTO calendar_objects (staff_key, href, calendar, etag, uid, booking_id, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(staff_key, href) DO UPDATE SET calendar = excluded.calendar, etag = excluded.etag, uid = excluded.uid,
                        booking_id = excluded.booking_id, updated_at_ms = excluded.updated_at_ms
                    """,
                arguments: [
                    object.staff.rawValue, object.href, object.calendar, object.etag, object.uid, object.bookingID?.rawValue,
                    Instant.ms(object.updatedAt),
                ])
        }
    }

    /// Forgets one object; returns whether it was stored.
    @discardableResult
    public func deleteCalendarObject(staff: StaffKey, href: String) throws -> Bool {
        try requireWritable("delete calendar object \(href)")
        try translating("deleting calendar object \(href)") {
            try db.execute(sql: "DELETE FROM calendar_objects WHERE staff_key = ? AND href = ?", arguments: [staff.rawValue, href])
        }
        return db.changesCount > 0
    }

    public func calendarObject(staff: StaffKey, href: String) throws -> CalendarObjectState? {
        try translating("reading calendar object \(href)") {
            try Row.fetchOne(db, sql: "SELECT * FROM calendar_objects WHERE staff_key = ? AND href = ?", arguments: [staff.rawValue, href])
                .map(SyncRecords.object)
        }
    }

    /// The staff member's objects (in one calendar, or all), by href.
    public func calendarObjects(staff: StaffKey, calendar: String? = nil) throws -> [CalendarObjectState] {
        try translating("listing calendar objects of \(staff)") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM calendar_objects WHERE staff_key = ? AND (? IS NULL OR calendar = ?) ORDER BY href",
                arguments: [staff.rawValue, calendar, calendar]
            ).map(SyncRecords.object)
        }
    }

    /// The objects that are the event of `bookingID` (normally one; two while a moved
    /// booking's event changes calendars).
    public func calendarObjects(bookingID: BookingID) throws -> [CalendarObjectState] {
        try translating("listing calendar objects of \(bookingID)") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM calendar_objects WHERE booking_id = ? ORDER BY staff_key, href", arguments: [bookingID.rawValue]
            )
            .map(SyncRecords.object)
        }
    }

    // MARK: Sync tokens

    public func calendarSyncState(staff: StaffKey, calendar: String) throws -> CalendarSyncState? {
        try translating("reading the sync state of \(staff) \(calendar)") {
            try Row.fetchOne(
                db, sql: "SELECT * FROM calendar_state WHERE staff_key = ? AND calendar = ?", arguments: [staff.rawValue, calendar]
            )
            .map(SyncRecords.state)
        }
    }

    /// Every stored sync state of the staff member, by calendar.
    public func calendarSyncStates(staff: StaffKey) throws -> [CalendarSyncState] {
        try translating("reading the sync states of \(staff)") {
            try Row.fetchAll(db, sql: "SELECT * FROM calendar_state WHERE staff_key = ? ORDER BY calendar", arguments: [staff.rawValue])
                .map(SyncRecords.state)
        }
    }

    /// Creates or replaces the sync state of (`state.staff`, `state.calendar`).
    public func setCalendarSyncState(_ state: CalendarSyncState) throws {
        try requireWritable("save the sync state of \(state.staff)")
        try translating(
            "saving the sync state of \(state.staff) \(state.calendar)",
            constraint: { "there is no staff member \(state.staff) in the store" }
        ) {
            try db.execute(
                sql: """
                    INSERT INTO calendar_state (staff_key, calendar, sync_token, ctag, last_synced_at_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(staff_key, calendar) DO UPDATE SET sync_token = excluded.sync_token, ctag = excluded.ctag,
                        last_synced_at_ms = excluded.last_synced_at_ms
                    """,
                arguments: [state.staff.rawValue, state.calendar, state.syncToken, state.ctag, Instant.msOrNil(state.lastSyncedAt)])
        }
    }

    // MARK: Busy time mirror

    /// Replaces the staff member's busy intervals from `source` that overlap `window`
    /// with `intervals` (what a free-busy query or mirror pass over `window` found).
    /// Intervals of other sources, and those wholly outside the window, are kept.
    /// Empty intervals are skipped. Returns how many intervals were removed.
    @discardableResult
    public func replaceBusyIntervals(staff: StaffKey, window: TimeRange, with intervals: [TimeRange], source: String) throws -> Int {
        try requireWritable("replace busy time of \(staff)")
        return try translating(
            "replacing busy time of \(staff) from \(source)", constraint: { "there is no staff member \(staff) in the store" }
        ) {
            try db.execute(
                sql: "DELETE FROM busy_intervals WHERE staff_key = ? AND source = ? AND start_ms < ? AND end_ms > ?",
                arguments: [staff.rawValue, source, Instant.ms(window.end), Instant.ms(window.start)])
            let removed = db.changesCount
            let insert = try db.cachedStatement(sql: "INSERT INTO busy_intervals (staff_key, start_ms, end_ms, source) VALUES (?, ?, ?, ?)")
            for interval in intervals where !interval.isEmpty {
                try insert.execute(arguments: [staff.rawValue, Instant.ms(interval.start), Instant.ms(interval.end), source])
            }
            return removed
        }
    }

    /// The staff member's busy intervals overlapping `window` (of `source`, or all),
    /// sorted by start. Not merged: `Availability` accepts overlapping ranges.
    public func busyIntervals(staff: StaffKey, overlapping window: TimeRange, source: String? = nil) throws -> [TimeRange] {
        try translating("reading busy time of \(staff)") {
            try Row.fetchAll(
                db,
                sql: """
                    SELECT start_ms, end_ms FROM busy_intervals
                    WHERE staff_key = ? AND start_ms < ? AND end_ms > ? AND (? IS NULL OR source = ?)
                    ORDER BY start_ms, end_ms
                    """,
                arguments: [staff.rawValue, Instant.ms(window.end), Instant.ms(window.start), source, source]
            ).map {
                TimeRange(start: try $0.instant("start_ms", in: "busy_intervals"), end: try $0.instant("end_ms", in: "busy_intervals"))
            }
        }
    }
}
