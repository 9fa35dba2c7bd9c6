import Foundation
import Scheduling
import Sync

/// Each staff member's calendar, as this installation reaches it (a vdir folder or a
/// CalDAV collection). Opened on use, so a missing secret is reported by the work that
/// needed it, naming the variable.
public struct StaffCalendars: Sendable {
    public let staff: [Staff]
    private let open: @Sendable (StaffKey) -> (any StaffCalendar)?

    public init(staff: [Staff], open: @escaping @Sendable (StaffKey) -> (any StaffCalendar)?) {
        self.staff = staff
        self.open = open
    }

    /// Fixed calendars (tests, benchmarks); staff without one have none.
    public init(staff: [Staff], calendars: [StaffKey: any StaffCalendar]) {
        self.init(staff: staff) { calendars[$0] }
    }

    public func calendar(for key: StaffKey) -> (any StaffCalendar)? {
        guard staff.contains(where: { $0.key == key }) else { return nil }
        return open(key)
    }

    /// Every staff member whose calendar this build can read.
    public var all: [(staff: Staff, calendar: any StaffCalendar)] {
        staff.compactMap { member in calendar(for: member.key).map { (member, $0) } }
    }
}
