import CalDAV
import Foundation
import Scheduling
import Sync
import Synchronization

/// Notices which CalDAV staff calendars changed, for one PROPFIND Depth 0 each (the sync
/// token, or the ctag where there is none): what `serve` asks every `[sync] poll_seconds`,
/// so a staff member's drag reaches the customer in seconds and an idle calendar costs one
/// small request, never a sync. Local (vdir) calendars are read by their own cheap check.
public final class CalendarChangeWatch: Sendable {
    /// The tags each calendar had when it last synced without failure.
    private let synced = Mutex<[StaffKey: CollectionTags]>([:])

    public init() {}

    public struct Change: Sendable, Hashable {
        public var staff: StaffKey
        public var tags: CollectionTags
    }

    public struct Look: Sendable {
        public var checked = 0
        public var changed: [Change] = []
        public var failures: [String] = []
    }

    /// Every CalDAV calendar whose tags differ from those of its last good sync (each one
    /// the first time). A server that offers neither tag is left to the periodic sync.
    public func look(at desk: SupportDesk) async -> Look {
        var look = Look()
        for member in desk.staff {
            guard let calendar = desk.calendars.calendar(for: member.key) as? CalDAVCalendar else { continue }
            look.checked += 1
            do throws(CalDAVError) {
                let tags = try await calendar.client.collectionTags(calendar.calendarURL)
                if synced.withLock({ $0[member.key] }) != tags { look.changed.append(Change(staff: member.key, tags: tags)) }
            } catch {
                look.failures.append("\(member.key.rawValue): \(error)")
            }
        }
        return look
    }

    /// Records that `change`'s calendar synced; a failed sync is not committed, so the
    /// next look finds it again.
    public func commit(_ change: Change) {
        synced.withLock { $0[change.staff] = change.tags }
    }
}
