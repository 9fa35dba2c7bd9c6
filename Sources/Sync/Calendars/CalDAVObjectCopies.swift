import CalDAV
import Foundation
import Synchronization

/// What a long-running process (`serve`) keeps of each CalDAV calendar between its syncs:
/// every object's text and ETag as of the last sync, and the sync token.
///
/// With these, a sync asks the server only for what changed, and the busy-time refresh
/// that follows it is computed from the copies instead of a second calendar-query (what
/// vdirsyncer's status does for a local mirror). A process that holds no copy yet reads
/// the calendar whole once; a command run from cron holds none and keeps none, so its
/// sync stays a delta.
public final class CalDAVObjectCopies: Sendable {
    struct Held: Sendable {
        var objects: [Href: CalendarObject]
        var token: String?
        var etags: [String: String]
    }

    private let calendars = Mutex<[URL: Held]>([:])

    public init() {}

    func held(_ calendar: URL) -> Held? { calendars.withLock { $0[calendar] } }

    func keep(_ held: Held, for calendar: URL) { calendars.withLock { $0[calendar] = held } }

    func forget(_ calendar: URL) { _ = calendars.withLock { $0.removeValue(forKey: calendar) } }

    /// How many objects are kept for `calendar` (for tests and benchmarks).
    public func count(for calendar: URL) -> Int { calendars.withLock { $0[calendar]?.objects.count ?? 0 } }
}
