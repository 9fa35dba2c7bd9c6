import Foundation

/// Renders instants for customers: "8:55 AM UTC-6 (America/Chicago) on Tuesday,
/// 3 November 2026".
///
/// Built from explicit pieces rather than `DateFormatter` so the text is the same on
/// every platform and in every test: Foundation on Linux names zones "GMT-6" where
/// Darwin says "CST", and localized formats drift between ICU versions. The UTC offset
/// is the one in force at that instant, and the IANA name is always given.
public enum CustomerTime {
    /// "8:55 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026"
    public static func describe(_ instant: Date, in zone: TimeZone) -> String {
        "\(clockTime(instant, in: zone)) \(zoneLabel(instant, in: zone)) on \(dateText(instant, in: zone))"
    }

    /// "8:55 AM"
    public static func clockTime(_ instant: Date, in zone: TimeZone) -> String {
        let minutes = WallClock(zone).localDateTime(of: instant).minutes
        let hour24 = minutes / 60
        let minute = minutes % 60
        let hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12
        return "\(hour12):\(minute < 10 ? "0" : "")\(minute) \(hour24 < 12 ? "AM" : "PM")"
    }

    /// "UTC-6 (America/Chicago)"; plain "UTC" for UTC itself, which Foundation on
    /// Linux names "GMT".
    public static func zoneLabel(_ instant: Date, in zone: TimeZone) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(zone.identifier) { return "UTC" }
        return "\(utcOffset(zone.secondsFromGMT(for: instant))) (\(zone.identifier))"
    }

    /// "Tuesday, 3 November 2026"
    public static func dateText(_ instant: Date, in zone: TimeZone) -> String {
        dateText(WallClock(zone).localDate(of: instant))
    }

    /// "Wed 2 Dec": a day picker's label.
    public static func shortDateText(_ date: LocalDate) -> String {
        "\(date.weekday.name.prefix(3)) \(date.day) \(monthNames[date.month - 1].prefix(3))"
    }

    /// "Wednesday, 2 December 2026"
    public static func dateText(_ date: LocalDate) -> String {
        "\(date.weekday.name), \(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// "UTC", "UTC-6", "UTC+5:30", "UTC+10:30"
    public static func utcOffset(_ seconds: Int) -> String {
        if seconds == 0 { return "UTC" }
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        return rest == 0 ? "UTC\(sign)\(hours)" : "UTC\(sign)\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}

extension TimeInterval {
    /// "65 minutes", "10 minutes", "2 hours", "24 hours": the policy speaks in whole
    /// minutes or whole hours, so a duration is said the way the policy says it.
    var spokenDuration: String {
        let minutes = Int((self / 60).rounded())
        if minutes >= 120, minutes % 60 == 0 { return "\(minutes / 60) hours" }
        return "\(minutes) minute\(minutes == 1 ? "" : "s")"
    }
}
