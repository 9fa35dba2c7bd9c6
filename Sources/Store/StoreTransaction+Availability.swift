import Foundation
internal import GRDB
import Scheduling

/// The longest time range the store keeps in one row. Bookings and return calls are
/// never longer (a longer one is refused at insert); a staff member's longer busy time
/// (a week's holiday) is kept as consecutive pieces. So every row overlapping a window
/// starts within `longestRow` before it, and a range query is bounded on both sides of
/// one index instead of scanning everything that began before the window's end.
public enum StoredSpan {
    public static let longestRow: TimeInterval = 86_400

    /// `range` cut into consecutive pieces of at most `longestRow`.
    static func pieces(of range: TimeRange) -> [TimeRange] {
        guard range.duration > longestRow else { return [range] }
        var pieces: [TimeRange] = []
        var start = range.start
        while start < range.end {
            let end = min(range.end, start.addingTimeInterval(longestRow))
            pieces.append(TimeRange(start: start, end: end))
            start = end
        }
        return pieces
    }

    /// The bounds of `start_ms` for rows overlapping `window`: `lower ≤ start_ms < upper`,
    /// then `end_ms > window.start` filters the few rows in between.
    static func startBounds(overlapping window: TimeRange) -> (lower: Int64, upper: Int64, windowStart: Int64) {
        (Instant.ms(window.start) - Instant.ms(Date(timeIntervalSince1970: longestRow)), Instant.ms(window.end), Instant.ms(window.start))
    }
}

extension StoreTransaction {
    /// Everything slot search and booking need about `staff` around `window`, as stored
    /// now: the given staff (hours from configuration), their mirrored busy time and
    /// planned return calls (busy), and every booking that is not cancelled.
    ///
    /// The window is widened by `dayMargin` each side, because staff assignment counts a
    /// staff member's bookings over their whole local day (§3), and that day can begin up
    /// to 25 hours before an instant in it (a 25-hour DST day in the farthest zone); rows
    /// overlapping the widened window are found by the bounded range below.
    ///
    /// Two prepared statements for all staff, each a bounded range on one index: the
    /// cost follows the window, not the history.
    public func availability(staff: [Staff], window: TimeRange) throws -> Availability {
        let wide = window.padded(by: Self.dayMargin)
        let keys = Set(staff.map(\.key.rawValue))
        let bounds = StoredSpan.startBounds(overlapping: wide)
        return try translating("reading availability") {
            let bookingStatement = try db.cachedStatement(sql: Self.activeBookingsSQL)
            var bookings: [Booking] = []
            let bookingRows = try Row.fetchCursor(bookingStatement, arguments: [bounds.lower, bounds.upper, bounds.windowStart])
            while let row = try bookingRows.next() { bookings.append(try BookingRow(positional: row).booking()) }
            var busy: [StaffKey: [TimeRange]] = [:]
            let busyStatement = try db.cachedStatement(sql: Self.busySQL)
            let rows = try Row.fetchCursor(
                busyStatement, arguments: [bounds.lower, bounds.upper, bounds.windowStart, bounds.lower, bounds.upper, bounds.windowStart])
            while let row = try rows.next() {
                let key: String = row[0]
                guard keys.contains(key) else { continue }
                busy[StaffKey(key), default: []].append(TimeRange(start: Instant.date(row[1]), end: Instant.date(row[2])))
            }
            return Availability(staff: staff, busy: busy, bookings: bookings)
        }
    }

    /// How far around a window a staff member's local day can reach: 25 hours, and an hour
    /// more for rounding.
    static let dayMargin: TimeInterval = 26 * 3600

    /// Not cancelled, on `bookings_start` bounded both ways.
    static let activeBookingsSQL = """
        SELECT \(BookingRow.selection) FROM bookings INDEXED BY bookings_start
        WHERE start_ms >= ? AND start_ms < ? AND end_ms > ?
          AND status NOT IN (\(Booking.Status.allCases.filter(\.isCancelled).map { "'\($0.rawValue)'" }.joined(separator: ", ")))
        ORDER BY start_ms
        """

    /// Every staff member's mirrored busy time and planned return calls, by start.
    static let busySQL = """
        SELECT staff_key, start_ms, end_ms FROM busy_intervals INDEXED BY busy_intervals_start
        WHERE start_ms >= ? AND start_ms < ? AND end_ms > ?
        UNION ALL
        SELECT staff_key, start_ms, end_ms FROM return_calls INDEXED BY return_calls_start
        WHERE start_ms >= ? AND start_ms < ? AND end_ms > ?
        ORDER BY 2, 3
        """
}
