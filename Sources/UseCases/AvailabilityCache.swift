import Foundation
import Scheduling
import Store
import Synchronization

/// Availability read for a slot listing, kept while the store says nothing it depends on
/// changed (`StoreTransaction.availabilityVersion`, moved by every write to bookings,
/// busy time and return calls, in any process). A listing then costs one tiny query
/// instead of the range reads; the booking decision never uses it, and reads the store
/// itself inside its transaction.
public final class AvailabilityCache: Sendable {
    struct Key: Hashable {
        var window: TimeRange
        var staff: [StaffKey]
    }

    private struct State {
        var version: Int64 = -1
        var entries: [Key: Availability] = [:]
        var order: [Key] = []
    }

    /// Windows kept at once (a listing asks for one of a few day ranges at a time).
    let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// Whole UTC days around `window`: listings that start at `now` share an entry
    /// instead of each asking for a window of their own. A wider availability gives the
    /// same slots (Scheduling reads only what overlaps the slots it considers).
    public static func daysAround(_ window: TimeRange) -> TimeRange {
        let day = 86_400.0
        let start = (window.start.timeIntervalSince1970 / day).rounded(.down) * day
        let end = (window.end.timeIntervalSince1970 / day).rounded(.up) * day
        return TimeRange(start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: max(end, start + day)))
    }

    /// The availability of `staff` over `window` as of `tx`: from the cache when the version
    /// read in the same transaction matches, otherwise read and kept.
    public func availability(staff: [Staff], window: TimeRange, in tx: StoreTransaction) throws -> Availability {
        let version = try tx.availabilityVersion()
        let key = Key(window: window, staff: staff.map(\.key))
        if let hit = state.withLock({ $0.version == version ? $0.entries[key] : nil }) { return hit }
        let availability = try tx.availability(staff: staff, window: window)
        state.withLock { state in
            if state.version != version {
                // Availability only grows stale: an older version's entries are of no use.
                guard version > state.version || state.entries.isEmpty else { return }
                state = State(version: version)
            }
            if state.entries.updateValue(availability, forKey: key) == nil { state.order.append(key) }
            if state.order.count > capacity { state.entries[state.order.removeFirst()] = nil }
        }
        return availability
    }

    /// Entries kept now (for tests).
    public var count: Int { state.withLock { $0.entries.count } }
}
