import Foundation
import GRDB
import Scheduling

// Row mapping for calendar objects and sync state.
enum SyncRecords {
    static func object(_ row: Row) throws -> CalendarObjectState {
        let t = "calendar_objects"
        return CalendarObjectState(
            staff: StaffKey(try row.text("staff_key", in: t)), calendar: try row.text("calendar", in: t), href: try row.text("href", in: t),
            etag: row["etag"], uid: row["uid"], bookingID: (row["booking_id"] as String?).map(BookingID.init(rawValue:)),
            updatedAt: try row.instant("updated_at_ms", in: t))
    }

    static func state(_ row: Row) throws -> CalendarSyncState {
        let t = "calendar_state"
        return CalendarSyncState(
            staff: StaffKey(try row.text("staff_key", in: t)), calendar: try row.text("calendar", in: t),
            syncToken: row["sync_token"], ctag: row["ctag"], lastSyncedAt: row.optionalInstant("last_synced_at_ms"))
    }
}
