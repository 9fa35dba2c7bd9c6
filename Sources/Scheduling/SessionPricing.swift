import Foundation

/// §2: what a session costs, the one place that says so for bookings and emergencies
/// alike. Under an active plan (whose code the caller has checked) a free tier costs
/// nothing and records no fee version; a discount takes its percent off the fee in force
/// and records that version. Without a plan the fee in force applies.
public struct SessionPricing: Sendable {
    public var feeSchedule: FeeSchedule

    public init(feeSchedule: FeeSchedule) {
        self.feeSchedule = feeSchedule
    }

    /// The charge at `now`, or `nil` when `type` has no fee in force and one is needed.
    public func charge(_ type: SessionType, plan: MaintenancePlan?, at now: Date) -> Charge? {
        switch plan?.tier {
        case .free?:
            return Charge(basis: .planFree, amount: .zero, planID: plan?.id)
        case .discounted(let percentOff)?:
            guard let quote = feeSchedule.quote(type, at: now) else { return nil }
            return Charge(
                basis: .planDiscount, amount: quote.fee.discounted(percentOff: percentOff), feeScheduleVersion: quote.versionID,
                planID: plan?.id)
        case nil:
            guard let quote = feeSchedule.quote(type, at: now) else { return nil }
            return Charge(basis: .feeSchedule, amount: quote.fee, feeScheduleVersion: quote.versionID)
        }
    }

    /// Why a session type without a fee in force cannot be booked.
    public static func notOfferedReason(_ type: SessionType) -> String {
        "\(type.description.prefix(1).uppercased())\(type.description.dropFirst())s are not offered at the moment; please choose "
            + "another kind or length."
    }
}
