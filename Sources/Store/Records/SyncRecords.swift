import Foundation
internal import GRDB
import Scheduling

// Rows for calendar objects, calendar sync state and the busy time mirror.

struct CalendarObjectRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "calendar_objects"

    var staffKey: String
    var href: String
    var calendar: String
    var etag: String?
    var uid: String?
    var bookingID: String?
    var updatedAtMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case staffKey = "staff_key"
        case href, calendar, etag, uid
        case bookingID = "booking_id"
        case updatedAtMs = "updated_at_ms"
    }

    typealias Columns = CodingKeys

    init(_ object: CalendarObjectState) {
        staffKey = object.staff.rawValue
        href = object.href
        calendar = object.calendar
        etag = object.etag
        uid = object.uid
        bookingID = object.bookingID?.rawValue
        updatedAtMs = Instant.ms(object.updatedAt)
    }

    /// The primary key of the object at (`staff`, `href`).
    static func key(staff: StaffKey, href: String) -> [String: (any DatabaseValueConvertible)?] {
        [Columns.staffKey.rawValue: staff.rawValue, Columns.href.rawValue: href]
    }

    func state() -> CalendarObjectState {
        CalendarObjectState(
            staff: StaffKey(staffKey), calendar: calendar, href: href, etag: etag, uid: uid,
            bookingID: bookingID.map(BookingID.init(rawValue:)), updatedAt: Instant.date(updatedAtMs))
    }
}

struct CalendarStateRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "calendar_state"

    var staffKey: String
    var calendar: String
    var syncToken: String?
    var ctag: String?
    var lastSyncedAtMs: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case staffKey = "staff_key"
        case calendar
        case syncToken = "sync_token"
        case ctag
        case lastSyncedAtMs = "last_synced_at_ms"
    }

    typealias Columns = CodingKeys

    init(_ state: CalendarSyncState) {
        staffKey = state.staff.rawValue
        calendar = state.calendar
        syncToken = state.syncToken
        ctag = state.ctag
        lastSyncedAtMs = Instant.msOrNil(state.lastSyncedAt)
    }

    func state() -> CalendarSyncState {
        CalendarSyncState(
            staff: StaffKey(staffKey), calendar: calendar, syncToken: syncToken, ctag: ctag,
            lastSyncedAt: Instant.dateOrNil(lastSyncedAtMs))
    }
}

struct BusyIntervalRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "busy_intervals"

    /// Assigned by SQLite on insert.
    var id: Int64?
    var staffKey: String
    var startMs: Int64
    var endMs: Int64
    /// Which mirror or query found it ("caldav", "vdir"...): replaced per source.
    var source: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case staffKey = "staff_key"
        case startMs = "start_ms"
        case endMs = "end_ms"
        case source
    }

    typealias Columns = CodingKeys
}

/// The `start_ms` and `end_ms` of a row of any table that has them (busy intervals,
/// return calls), read as a `TimeRange`.
struct TimeSpanRow: Decodable, FetchableRecord {
    var startMs: Int64
    var endMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case startMs = "start_ms"
        case endMs = "end_ms"
    }

    var range: TimeRange { TimeRange(start: Instant.date(startMs), end: Instant.date(endMs)) }
}
