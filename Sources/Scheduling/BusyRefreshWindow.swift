import Foundation

/// Which stretch of the staff calendars is re-read before a decision, and whether CalDAV
/// servers are asked (`live`) or only local vdir folders.
///
/// The one place this is decided, for the command line and the service alike. A day of
/// margin on each side catches events in other zones and sessions' buffers; a listing reads
/// only local calendars (CalDAV busy time comes from the last sync) so that browsing stays
/// cheap, while anything that books re-checks the servers first.
public struct BusyRefreshWindow: Sendable, Hashable, CustomStringConvertible {
    public var range: TimeRange
    public var live: Bool

    public init(_ range: TimeRange, live: Bool) {
        self.range = range
        self.live = live
    }

    static let margin: TimeInterval = 86_400

    /// Before listing slots that start in `window`.
    public static func listing(_ window: TimeRange) -> BusyRefreshWindow {
        BusyRefreshWindow(window.padded(by: margin), live: false)
    }

    /// Before booking a session starting at `start` (no session is longer than a day).
    public static func booking(at start: Date) -> BusyRefreshWindow {
        BusyRefreshWindow(TimeRange(start: start.addingTimeInterval(-margin), end: start.addingTimeInterval(2 * margin)), live: true)
    }

    /// Before moving `booking` to `start`: both the old and the new time, since the
    /// decision reads the staff's day around each.
    public static func rescheduling(_ booking: Booking, to start: Date) -> BusyRefreshWindow {
        BusyRefreshWindow(
            TimeRange(
                start: min(start, booking.start).addingTimeInterval(-margin),
                end: max(start.addingTimeInterval(2 * margin), booking.end.addingTimeInterval(margin))),
            live: true)
    }

    /// Before anything about emergencies or return calls, which happen within two days.
    public static func urgent(now: Date) -> BusyRefreshWindow {
        BusyRefreshWindow(TimeRange(start: now.addingTimeInterval(-3600), end: now.addingTimeInterval(2 * margin)), live: true)
    }

    /// Whether a read of `self` also answers `other`: it covers the range, and a live read
    /// covers a local-only one.
    public func covers(_ other: BusyRefreshWindow) -> Bool {
        range.contains(other.range) && (live || !other.live)
    }

    public var description: String { "\(range)\(live ? " (live)" : " (local calendars)")" }
}
