import Foundation

/// §2: an active plan makes sessions free or discounted, depending on its tier.
public struct MaintenancePlan: Hashable, Codable, Sendable {
    public enum Tier: Hashable, Codable, Sendable, Comparable {
        case free
        /// A percentage off the fee schedule, 1...99.
        case discounted(percentOff: Int)

        // Ordered by what the customer pays: free first, then larger discounts.
        public static func < (lhs: Tier, rhs: Tier) -> Bool {
            switch (lhs, rhs) {
            case (.free, .discounted): true
            case (.discounted(let a), .discounted(let b)): a > b
            default: false
            }
        }
    }

    public var id: String
    public var tier: Tier
    public var validFrom: Date
    /// The plan no longer applies from this instant on (exclusive end).
    public var validUntil: Date

    public init(id: String, tier: Tier, validFrom: Date, validUntil: Date) {
        self.id = id
        self.tier = tier
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    public func isActive(at instant: Date) -> Bool { validFrom <= instant && instant < validUntil }

    /// The last day the plan covers, in `zone` (the vendor's): a plan entered as "until
    /// 2027-12-31" ends at the start of 1 January 2028 there, and its last day is the 31st.
    public func lastDay(in zone: TimeZone) -> LocalDate {
        WallClock(zone).localDate(of: validUntil.addingTimeInterval(-0.001))
    }
}
