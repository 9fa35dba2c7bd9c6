/// A wall-clock time as minutes after local midnight, 0...1440. 24:00 exists so a
/// working range can run to the end of the day.
public struct TimeOfDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init(hour: Int, minute: Int = 0) throws(SchedulingError) {
        guard (0...24).contains(hour), (0..<60).contains(minute) else {
            throw SchedulingError(.invalidTimeOfDay, "\(hour):\(minute) is not a time of day")
        }
        try self.init(minutes: hour * 60 + minute)
    }

    public init(minutes: Int) throws(SchedulingError) {
        guard (0...1440).contains(minutes) else {
            throw SchedulingError(.invalidTimeOfDay, "\(minutes) minutes is not within a day")
        }
        self.minutes = minutes
    }

    /// Parses "HH:MM" (24-hour, "24:00" allowed).
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            let time = try? TimeOfDay(hour: h, minute: m)
        else { return nil }
        self = time
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String {
        "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected HH:MM, got \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A range of wall-clock time within one day, `[start, end)`.
public struct TimeOfDayRange: Hashable, Codable, Sendable, CustomStringConvertible {
    public let start: TimeOfDay
    public let end: TimeOfDay

    public init(_ start: TimeOfDay, _ end: TimeOfDay) throws(SchedulingError) {
        guard start < end else {
            throw SchedulingError(.invalidRange, "working range \(start)–\(end) is empty or runs past midnight; split it at 24:00")
        }
        self.start = start
        self.end = end
    }

    /// Parses "09:00-17:00".
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let s = TimeOfDay(String(parts[0])), let e = TimeOfDay(String(parts[1])),
            let range = try? TimeOfDayRange(s, e)
        else { return nil }
        self = range
    }

    public var description: String { "\(start)-\(end)" }
}
