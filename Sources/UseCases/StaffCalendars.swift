import Foundation
import Scheduling
import Sync

/// Each staff member's calendar, as this installation reaches it (a vdir folder or a
/// CalDAV collection). Opened on use, so a missing secret is reported by the work that
/// needed it, naming the variable.
public struct StaffCalendars: Sendable {
    public let staff: [Staff]
    private let open: @Sendable (StaffKey) -> (any StaffCalendar)?
    /// Whether a staff member's calendar is a local folder, known without opening it (a
    /// listing reads only those, and must not read CalDAV secrets to find out).
    private let isLocal: @Sendable (StaffKey) -> Bool

    public init(
        staff: [Staff], isLocal: @escaping @Sendable (StaffKey) -> Bool, open: @escaping @Sendable (StaffKey) -> (any StaffCalendar)?
    ) {
        self.staff = staff
        self.isLocal = isLocal
        self.open = open
    }

    /// Fixed calendars (tests, benchmarks); staff without one have none.
    public init(staff: [Staff], calendars: [StaffKey: any StaffCalendar]) {
        self.init(staff: staff, isLocal: { calendars[$0] is VdirCalendar }, open: { calendars[$0] })
    }

    public func calendar(for key: StaffKey) -> (any StaffCalendar)? {
        guard staff.contains(where: { $0.key == key }) else { return nil }
        return open(key)
    }

    /// Every staff member whose calendar this build can read.
    public var all: [(staff: Staff, calendar: any StaffCalendar)] { all(localOnly: false) }

    /// Every CalDAV calendar (the ones worth asking before a booking).
    public var remote: [(staff: Staff, calendar: any StaffCalendar)] {
        staff.compactMap { member in
            guard !isLocal(member.key) else { return nil }
            return calendar(for: member.key).map { (member, $0) }
        }
    }

    /// With `localOnly`, only the vdir folders; CalDAV calendars are not even opened.
    public func all(localOnly: Bool) -> [(staff: Staff, calendar: any StaffCalendar)] {
        staff.compactMap { member in
            guard !localOnly || isLocal(member.key) else { return nil }
            return calendar(for: member.key).map { (member, $0) }
        }
    }
}
