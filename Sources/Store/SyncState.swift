import Foundation
import Scheduling

/// What the store knows of one object (one `.ics` resource) in a staff calendar.
public struct CalendarObjectState: Hashable, Sendable {
    public var staff: StaffKey
    /// The calendar collection it lives in (CalDAV collection URL or vdir folder path).
    public var calendar: String
    /// The resource's href (or vdir file name); unique per staff member.
    public var href: String
    /// The ETag last seen or returned by a PUT; `nil` if unknown.
    public var etag: String?
    /// The VEVENT UID, when parsed.
    public var uid: String?
    /// The booking this object is the event of; `nil` for the staff member's own events.
    public var bookingID: BookingID?
    public var updatedAt: Date

    public init(staff: StaffKey, calendar: String, href: String, etag: String?, uid: String?, bookingID: BookingID? = nil, updatedAt: Date)
    {
        self.staff = staff
        self.calendar = calendar
        self.href = href
        self.etag = etag
        self.uid = uid
        self.bookingID = bookingID
        self.updatedAt = updatedAt
    }
}

/// Where the last sync of one calendar ended.
public struct CalendarSyncState: Hashable, Sendable {
    public var staff: StaffKey
    public var calendar: String
    /// RFC 6578 sync token; `nil` forces a full sync.
    public var syncToken: String?
    /// getctag (or a vdir fingerprint) for servers without sync-collection.
    public var ctag: String?
    public var lastSyncedAt: Date?

    public init(staff: StaffKey, calendar: String, syncToken: String? = nil, ctag: String? = nil, lastSyncedAt: Date? = nil) {
        self.staff = staff
        self.calendar = calendar
        self.syncToken = syncToken
        self.ctag = ctag
        self.lastSyncedAt = lastSyncedAt
    }
}
