import Foundation

/// §6: a company's standing for free online booking. Each no-show of a **free**
/// session counts; at the limit (the second, by default) free online booking is
/// suspended until a reinstatement payment is recorded, which starts the count again.
/// Paid and discounted no-shows do not count: the vendor keeps the money instead.
public struct CompanyStanding: Hashable, Codable, Sendable {
    /// Free-session no-shows since the last reinstatement, oldest first.
    public var countedNoShows: [Date]
    public var lastReinstatement: Date?
    public var noShowLimit: Int
    public var reinstatementFee: Money

    public var freeNoShowCount: Int { countedNoShows.count }
    public var isSuspended: Bool { countedNoShows.count >= noShowLimit }
    /// The no-show that reached the limit.
    public var suspendedSince: Date? { isSuspended ? countedNoShows[noShowLimit - 1] : nil }

    /// Standing from the company's bookings (any order; other companies' bookings must
    /// not be passed) and its recorded reinstatements.
    public static func evaluate(bookings: [Booking], reinstatements: [Reinstatement], policy: Policy) -> CompanyStanding {
        let last = reinstatements.map(\.recordedAt).max()
        let counted =
            bookings
            .filter { $0.status == .noShow && $0.charge.isFreeSession }
            .map { $0.closedAt ?? $0.start.addingTimeInterval(policy.noShowGrace) }
            .filter { last == nil || $0 > last! }
            .sorted()
        return CompanyStanding(
            countedNoShows: counted, lastReinstatement: last, noShowLimit: policy.noShowLimit, reinstatementFee: policy.reinstatementFee)
    }

    /// Records a reinstatement payment: refused unless the company is suspended and the
    /// amount covers the fee.
    public func reinstate(companyID: CompanyID, amount: Money, now: Date, zone: TimeZone) -> Decision<Reinstatement> {
        guard isSuspended else {
            return .refused(.notSuspended, reason: "Online booking is not suspended, so no reinstatement payment is due.")
        }
        guard amount.currency == reinstatementFee.currency, amount >= reinstatementFee else {
            return .refused(
                .reinstatementFeeShort,
                reason: "The reinstatement payment is \(reinstatementFee); \(amount) is short of it.")
        }
        return .accepted(Reinstatement(companyID: companyID, amount: amount, recordedAt: now))
    }

    /// The refusal sentence while suspended.
    func suspensionReason(companyName: String, zone: TimeZone) -> String {
        let since = suspendedSince.map { " (the last on \(CustomerTime.describe($0, in: zone)))" } ?? ""
        return "Free online booking for \(companyName) is suspended after \(noShowLimit) missed free sessions\(since); "
            + "it resumes once the \(reinstatementFee) reinstatement payment is recorded. Paid sessions can still be booked."
    }
}

/// A recorded reinstatement payment (§6).
public struct Reinstatement: Hashable, Codable, Sendable {
    public var companyID: CompanyID
    public var amount: Money
    public var recordedAt: Date

    public init(companyID: CompanyID, amount: Money, recordedAt: Date) {
        self.companyID = companyID
        self.amount = amount
        self.recordedAt = recordedAt
    }
}
