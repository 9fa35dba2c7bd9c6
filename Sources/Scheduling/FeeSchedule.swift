import Foundation

/// §2: what a company without an active plan pays, effective-dated. A booking keeps
/// the price and the version id that applied when it was made, so a later change of
/// the schedule never reprices it.
public struct FeeSchedule: Hashable, Codable, Sendable {
    /// Sorted by `effectiveFrom`.
    public private(set) var versions: [Version]

    public struct Version: Hashable, Codable, Sendable {
        /// Stable id written on bookings ("2026-07").
        public var id: String
        public var effectiveFrom: Date
        public var fees: [SessionType: Money]

        public init(id: String, effectiveFrom: Date, fees: [SessionType: Money]) {
            self.id = id
            self.effectiveFrom = effectiveFrom
            self.fees = fees
        }

        /// A version taking effect at local midnight at the start of `date` in the
        /// vendor's zone, which is how price lists are announced ("from 1 July").
        public init(id: String, effectiveFrom date: LocalDate, in vendorZone: TimeZone, fees: [SessionType: Money]) {
            self.init(id: id, effectiveFrom: WallClock(vendorZone).startOfDay(date), fees: fees)
        }

        /// The session types this version prices, in a stable order.
        public var sessionTypes: [SessionType] { fees.keys.sorted() }
    }

    /// The price of a session under this schedule at one instant.
    public struct Quote: Hashable, Codable, Sendable {
        public var fee: Money
        public var versionID: String
    }

    public init(versions: [Version]) throws(SchedulingError) {
        let sorted = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.effectiveFrom == b.effectiveFrom {
            throw SchedulingError(.invalidConfiguration, "fee versions \(a.id) and \(b.id) take effect at the same instant")
        }
        guard Set(sorted.map(\.id)).count == sorted.count else {
            throw SchedulingError(.invalidConfiguration, "fee version ids must be unique")
        }
        for version in sorted {
            for (type, fee) in version.fees where fee.cents < 0 {
                throw SchedulingError(.invalidAmount, "fee for \(type) in version \(version.id) is negative")
            }
        }
        self.versions = sorted
    }

    /// The version in force at `instant`: the latest one that has taken effect.
    public func version(at instant: Date) -> Version? {
        // Few versions ever exist; a linear scan from the end is clearer than a search.
        versions.last { $0.effectiveFrom <= instant }
    }

    /// The fee for `type` at `instant`, or `nil` if no version in force lists it.
    public func quote(_ type: SessionType, at instant: Date) -> Quote? {
        guard let version = version(at: instant), let fee = version.fees[type] else { return nil }
        return Quote(fee: fee, versionID: version.id)
    }
}
