import Foundation

/// A half-open span of time `[start, end)`. Half-open so that back-to-back sessions
/// (9:00–10:00 and 10:00–11:00) do not overlap. Foundation's `DateInterval` is closed
/// and would make them collide.
public struct TimeRange: Hashable, Codable, Sendable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    /// - Precondition: `start <= end`.
    public init(start: Date, end: Date) {
        precondition(start <= end, "TimeRange start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    public init(start: Date, duration: TimeInterval) {
        self.init(start: start, end: start.addingTimeInterval(duration))
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var isEmpty: Bool { start == end }

    public func overlaps(_ other: TimeRange) -> Bool {
        start < other.end && other.start < end
    }

    public func contains(_ date: Date) -> Bool { start <= date && date < end }

    public func contains(_ other: TimeRange) -> Bool { start <= other.start && other.end <= end }

    /// The range widened by `amount` on both sides (used for buffers around sessions).
    public func padded(by amount: TimeInterval) -> TimeRange {
        TimeRange(start: start.addingTimeInterval(-amount), end: end.addingTimeInterval(amount))
    }

    public var description: String { "[\(start), \(end))" }
}
