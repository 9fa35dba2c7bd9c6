import Foundation

/// A span of time in which someone is not free. Half-open: `[start, end)`.
public struct BusyInterval: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public static func < (lhs: BusyInterval, rhs: BusyInterval) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String {
        "\(start.formatted(.iso8601))/\(end.formatted(.iso8601))"
    }

    /// Sorted, with overlapping and touching intervals joined and empty ones dropped.
    public static func merged(_ intervals: some Sequence<BusyInterval>) -> [BusyInterval] {
        var result: [BusyInterval] = []
        for interval in intervals.filter({ $0.end > $0.start }).sorted() {
            if let last = result.last, interval.start <= last.end {
                result[result.count - 1].end = max(last.end, interval.end)
            } else {
                result.append(interval)
            }
        }
        return result
    }

    /// The part of this interval inside `[from, to)`, if any.
    public func clipped(from: Date, to: Date) -> BusyInterval? {
        let clipped = BusyInterval(start: max(start, from), end: min(end, to))
        return clipped.end > clipped.start ? clipped : nil
    }
}
