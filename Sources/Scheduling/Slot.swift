import Foundation

/// A start time a customer may book, with every staff member free for all of it.
/// The customer does not pick the person (§3); `StaffAssigner` does at booking time.
public struct Slot: Hashable, Codable, Sendable {
    public var start: Date
    public var end: Date
    /// Sorted by key.
    public var staff: [StaffKey]

    public init(start: Date, end: Date, staff: [StaffKey]) {
        self.start = start
        self.end = end
        self.staff = staff
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }
}
