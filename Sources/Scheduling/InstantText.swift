import Foundation

/// Instants as people and programs write them: `2026-11-03T09:00:00Z`,
/// `2026-11-03T09:00-06:00`, `2026-11-03T15:00Z`, or zone-less `2026-11-03T09:00` and
/// `2026-11-03` (midnight), which are read in the zone given (the contact's, usually).
public enum InstantText {
    public static func parse(_ text: String, in zone: TimeZone) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in [
            "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
        ] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
