import Foundation

/// §3: a member of the vendor's staff who gives sessions. Working hours are wall-clock
/// times in the staff member's own zone, so "09:00–17:00" stays 09:00–17:00 local
/// across DST changes.
public struct Staff: Hashable, Codable, Sendable, Identifiable {
    public var key: StaffKey
    public var name: String
    public var timeZone: TimeZone
    public var weeklyHours: WeeklyHours
    /// Days that differ from the week: a day off, or other hours.
    public var exceptions: [LocalDate: DayException]

    public var id: StaffKey { key }

    public init(key: StaffKey, name: String, timeZone: TimeZone, weeklyHours: WeeklyHours, exceptions: [LocalDate: DayException] = [:]) {
        self.key = key
        self.name = name
        self.timeZone = timeZone
        self.weeklyHours = weeklyHours
        self.exceptions = exceptions
    }

    /// The wall-clock ranges worked on `date` (empty on a day off).
    public func hours(on date: LocalDate) -> [TimeOfDayRange] {
        switch exceptions[date] {
        case .dayOff?: []
        case .hours(let ranges)?: ranges
        case nil: weeklyHours.ranges(on: date.weekday)
        }
    }

    /// Working time as UTC ranges, sorted and merged, for every local day that touches
    /// `window`. Ranges are not clipped to the window; callers clip as their rule needs.
    public func workingTime(overlapping window: TimeRange) -> [TimeRange] {
        let clock = WallClock(timeZone)
        // A day either side: the local days touching a UTC window depend on the offset.
        let first = clock.localDate(of: window.start).adding(days: -1)
        let lastDay = clock.localDate(of: window.end).adding(days: 1)
        var result: [TimeRange] = []
        var date = first
        while date <= lastDay {
            for range in hours(on: date) {
                let start = clock.instant(date, range.start)
                let end = range.end.minutes == 1440 ? clock.startOfDay(date.adding(days: 1)) : clock.instant(date, range.end)
                // A range lying wholly inside a DST gap collapses; skip it.
                guard start < end, start < window.end, end > window.start else { continue }
                let r = TimeRange(start: start, end: end)
                if let previous = result.last, previous.end >= r.start {
                    result[result.count - 1] = TimeRange(start: min(previous.start, r.start), end: max(previous.end, r.end))
                } else {
                    result.append(r)
                }
            }
            date = date.adding(days: 1)
        }
        return result
    }
}

/// Working ranges per weekday. Several ranges a day allow a lunch break.
public struct WeeklyHours: Hashable, Codable, Sendable {
    public var byWeekday: [Weekday: [TimeOfDayRange]]

    public init(_ byWeekday: [Weekday: [TimeOfDayRange]]) throws(SchedulingError) {
        var normalized: [Weekday: [TimeOfDayRange]] = [:]
        for (day, ranges) in byWeekday {
            let sorted = ranges.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end {
                throw SchedulingError(.invalidRange, "working ranges \(a) and \(b) on \(day.name) overlap")
            }
            normalized[day] = sorted
        }
        self.byWeekday = normalized
    }

    /// The same ranges on each of `days` (Monday to Friday by default).
    public static func same(_ ranges: [TimeOfDayRange], on days: [Weekday] = Weekday.workdays) throws(SchedulingError) -> WeeklyHours {
        var map: [Weekday: [TimeOfDayRange]] = [:]
        for day in days { map[day] = ranges }
        return try WeeklyHours(map)
    }

    public func ranges(on weekday: Weekday) -> [TimeOfDayRange] { byWeekday[weekday] ?? [] }
}

/// A date on which a staff member's week does not apply.
public enum DayException: Hashable, Codable, Sendable {
    case dayOff
    /// These hours instead of the weekday's.
    case hours([TimeOfDayRange])
}
