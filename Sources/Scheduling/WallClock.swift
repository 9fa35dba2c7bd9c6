import Foundation

/// Wall-clock arithmetic in one IANA zone: turns a local date and time into a UTC
/// instant and back.
///
/// It works from the zone's UTC offsets (`TimeZone.secondsFromGMT(for:)`) and exact
/// integer date arithmetic instead of `Calendar.date(from:)`, because slot search
/// converts thousands of day boundaries per query; the tests check it against
/// `Calendar(identifier: .gregorian)` around every DST change used in the policy tests.
///
/// Times that do not exist or exist twice on a DST change day are resolved the way
/// `Calendar` resolves them, deliberately:
/// - a **nonexistent** time (inside the spring-forward gap, e.g. 02:30 in Chicago on
///   8 March 2026) moves forward by the length of the gap (03:30 CDT), so a working
///   range that starts in the gap starts when the clock resumes;
/// - an **ambiguous** time (inside the fall-back overlap, e.g. 01:30 in Chicago on
///   1 November 2026) is its **first** occurrence (01:30 CDT), so a working range that
///   ends in the overlap never grows by the repeated hour.
public struct WallClock: Hashable, Sendable {
    public let zone: TimeZone

    public init(_ zone: TimeZone) { self.zone = zone }

    public init(identifier: String) throws(SchedulingError) {
        guard let zone = TimeZone(identifier: identifier) else {
            throw SchedulingError(.unknownTimeZone, "\(identifier) is not an IANA time zone identifier")
        }
        self.zone = zone
    }

    /// The instant at which the clocks in this zone show `time` on `date`.
    public func instant(_ date: LocalDate, _ time: TimeOfDay) -> Date {
        Date(timeIntervalSince1970: TimeInterval(epochSeconds(date, minutes: time.minutes)))
    }

    /// Local midnight at the start of `date`.
    public func startOfDay(_ date: LocalDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(epochSeconds(date, minutes: 0)))
    }

    /// `[midnight, next midnight)` of `date`: 23, 24 or 25 hours long.
    public func day(_ date: LocalDate) -> TimeRange {
        TimeRange(start: startOfDay(date), end: startOfDay(date.adding(days: 1)))
    }

    /// The local date showing on the clocks in this zone at `instant`.
    public func localDate(of instant: Date) -> LocalDate {
        localDateTime(of: instant).date
    }

    /// The local date, and minutes and seconds after local midnight, at `instant`.
    public func localDateTime(of instant: Date) -> (date: LocalDate, minutes: Int, seconds: Int) {
        let utc = Int(instant.timeIntervalSince1970.rounded(.down))
        let local = utc + zone.secondsFromGMT(for: instant)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        return (LocalDate(daysSinceEpoch: days), secondOfDay / 60, secondOfDay % 60)
    }

    /// Seconds since 1970 UTC for a local wall time; see the type's documentation for
    /// the handling of gaps and overlaps.
    func epochSeconds(_ date: LocalDate, minutes: Int) -> Int {
        let local = date.daysSinceEpoch * 86_400 + minutes * 60
        // The offsets a day either side bracket any single DST change.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if before == after {
            // The usual day: no change within a day either side.
            let candidate = local - before
            if offset(at: candidate) == before { return candidate }
        }
        // Larger offset first: it gives the earlier instant, i.e. the first occurrence.
        for candidateOffset in [max(before, after), min(before, after)] {
            let candidate = local - candidateOffset
            if offset(at: candidate) == candidateOffset { return candidate }
        }
        // In the gap: read the wall time with the offset in force before the change,
        // which lands after the change, moved forward by the gap.
        return local - before
    }

    private func offset(at epochSeconds: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
    }
}
