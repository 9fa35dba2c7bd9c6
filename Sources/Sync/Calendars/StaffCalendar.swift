import Foundation
import ICal

/// A staff member's calendar, wherever it lives: a vdir folder or a CalDAV collection.
///
/// Objects are addressed by name (`<uid>.ics` for ours; whatever the staff member's app
/// chose for theirs) and versioned by an opaque ETag. Every write is conditional, so a
/// retry after a lost answer can never make a second copy or overwrite a staff edit.
public protocol StaffCalendar: Sendable {
    /// Where the calendar is, for messages (a path or a URL without credentials).
    var location: String { get }

    func object(named name: String) async throws(CalendarError) -> CalendarObjectCopy?
    /// Creates `name`; `CalendarError.Code.conflict` if it exists already.
    func create(named name: String, _ document: ICalDocument) async throws(CalendarError) -> String
    /// Replaces `name` if it is still at `etag`; `.conflict` if someone changed it since.
    func update(named name: String, _ document: ICalDocument, ifMatch etag: String) async throws(CalendarError) -> String
    /// Removes `name` if it is still at `etag`; `.conflict` if changed, `.notFound` if gone.
    func delete(named name: String, ifMatch etag: String) async throws(CalendarError)
    /// What changed since `known` (objects whose ETag differs or that are new, and names
    /// that are gone), with the snapshot to pass next time.
    func changes(since known: CalendarSnapshot) async throws(CalendarError) -> CalendarChanges
    /// Busy time in `[from, to)` from the staff member's own events (not our bookings).
    func busy(from: Date, to: Date, floatingTimeZone: String) async throws(CalendarError) -> BusyReport
}

/// One object as read from a calendar.
public struct CalendarObjectCopy: Sendable, Hashable {
    public var name: String
    public var etag: String
    public var document: ICalDocument

    public init(name: String, etag: String, document: ICalDocument) {
        self.name = name
        self.etag = etag
        self.document = document
    }

    /// Our booking id, when this object is one of our bookings.
    public var bookingID: String? {
        document.events.lazy.compactMap { $0.property(BookingEvent.bookingIDProperty)?.value }.first
    }
}

/// What a sync knew of a calendar: a server token (if it has them) and each object's ETag.
public struct CalendarSnapshot: Sendable, Hashable, Codable {
    public var token: String?
    public var etags: [String: String]
    /// The collection's getctag, kept where the server has no sync-collection.
    public var ctag: String?

    public init(token: String? = nil, etags: [String: String] = [:], ctag: String? = nil) {
        self.token = token
        self.etags = etags
        self.ctag = ctag
    }

    public static let empty = CalendarSnapshot()
}

public struct CalendarChanges: Sendable {
    public var changed: [CalendarObjectCopy]
    public var deleted: [String]
    /// Objects that changed but cannot be read; reported by name, never fatal.
    public var unreadable: [UnreadableObject]
    public var snapshot: CalendarSnapshot
}

public struct UnreadableObject: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "\(name): \(reason)" }
}

public struct BusyReport: Sendable {
    public var intervals: [BusyInterval]
    public var unreadable: [UnreadableObject]
}
