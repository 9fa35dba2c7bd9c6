import Foundation
import Scheduling
import Store

/// Copies staff members' own busy time from their calendars into the store, so slot
/// finding reads it without touching the calendars again.
public struct CalendarBusyRefresh: Sendable {
    public static let source = "calendar"

    public var store: SupportStore

    public init(store: SupportStore) {
        self.store = store
    }

    public struct Result: Sendable {
        public var intervals: Int
        /// Objects that could not be read, by calendar; reported, never fatal.
        public var unreadable: [String: [UnreadableObject]]
        /// Calendars that could not be read at all; their earlier busy time stays in the store.
        public var failures: [String: String]
    }

    /// Reads `[from, to)` of each calendar and replaces what the store held for that window,
    /// all staff in one transaction; a calendar whose busy time did not change writes nothing.
    /// Floating and all-day events are read in each staff member's own zone.
    public func refresh(_ calendars: [(staff: Staff, calendar: any StaffCalendar)], from: Date, to: Date) async throws -> Result {
        var reports: [(staff: Staff, location: String, report: BusyReport)] = []
        var failures: [String: String] = [:]
        for (member, calendar) in calendars {
            do {
                reports.append(
                    (member, calendar.location, try await calendar.busy(from: from, to: to, floatingTimeZone: member.timeZone.identifier)))
            } catch {
                failures[calendar.location] = error.description
            }
        }
        var result = try await store(reports, from: from, to: to)
        result.failures = failures
        return result
    }

    /// Replaces the store's busy time of `[from, to)` with reports already read (a sync's
    /// copies of a CalDAV calendar), in one transaction; unchanged busy time writes nothing.
    public func store(_ reports: [(staff: Staff, location: String, report: BusyReport)], from: Date, to: Date) async throws -> Result {
        var count = 0
        var unreadable: [String: [UnreadableObject]] = [:]
        var read: [(StaffKey, [TimeRange])] = []
        for (member, location, report) in reports {
            let ranges = report.intervals.map { TimeRange(start: $0.start, end: $0.end) }
            count += ranges.count
            if !report.unreadable.isEmpty { unreadable[location] = report.unreadable }
            read.append((member.key, ranges))
        }
        let window = TimeRange(start: from, end: to)
        // Most re-reads find nothing changed: check that on a read, so the write lock that
        // bookings wait for is taken only for calendars that did change.
        let candidates = read
        let changed = try await store.read { tx in
            try candidates.filter { staff, ranges in
                try !tx.busyIntervalsMatch(staff: staff, window: window, intervals: ranges, source: Self.source)
            }
        }
        if !changed.isEmpty {
            let replacements = changed
            try await store.write { tx in
                for (staff, ranges) in replacements {
                    try tx.replaceBusyIntervals(staff: staff, window: window, with: ranges, source: Self.source)
                }
            }
        }
        return Result(intervals: count, unreadable: unreadable, failures: [:])
    }
}
