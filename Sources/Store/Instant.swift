import Foundation

/// Instants are stored as INTEGER milliseconds since 1970-01-01T00:00:00Z (columns
/// ending in `_ms`). Integers sort and compare exactly in SQL and read the same from
/// every process; sub-millisecond parts of a `Date` are rounded away when stored, so a
/// value read back equals `Instant.normalized` of the value written.
enum Instant {
    static func ms(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero))
    }

    static func msOrNil(_ date: Date?) -> Int64? { date.map { ms($0) } }

    static func date(_ ms: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
    }

    static func dateOrNil(_ ms: Int64?) -> Date? { ms.map { date($0) } }

    /// `date` as it reads back from the store.
    static func normalized(_ date: Date) -> Date { self.date(ms(date)) }
}
