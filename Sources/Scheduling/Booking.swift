import Foundation

/// Who asked for a change. Customers are bound by the cutoff; staff are not (§5).
public enum Party: String, Hashable, Codable, Sendable {
    case customer
    case staff
}

/// What a booking costs and why, fixed when it is made (§2).
public struct Charge: Hashable, Codable, Sendable {
    public enum Basis: String, Hashable, Codable, Sendable {
        /// Free under a maintenance plan: the only kind whose no-shows count (§6).
        case planFree = "plan-free"
        case planDiscount = "plan-discount"
        case feeSchedule = "fee-schedule"
    }

    public var basis: Basis
    public var amount: Money
    /// The fee-schedule version the amount came from; `nil` for free sessions.
    public var feeScheduleVersion: String?
    /// The plan that made it free or discounted; `nil` at the full fee.
    public var planID: String?

    public init(basis: Basis, amount: Money, feeScheduleVersion: String? = nil, planID: String? = nil) {
        self.basis = basis
        self.amount = amount
        self.feeScheduleVersion = feeScheduleVersion
        self.planID = planID
    }

    public var isFreeSession: Bool { basis == .planFree }
    public var isPaid: Bool { amount.cents > 0 }

    /// The price as customers read it: "$140.00", "$98.00 (maintenance plan discount)",
    /// "$0.00 (maintenance plan)".
    public var customerText: String {
        switch basis {
        case .planFree: "\(amount) (maintenance plan)"
        case .planDiscount: "\(amount) (maintenance plan discount)"
        case .feeSchedule: amount.description
        }
    }
}

/// One session booked for a company, and its life:
///
/// ```
/// confirmed ──reschedule──▶ rescheduled ──reschedule──▶ rescheduled
///     │  └──────────────┬───────┘
///     ├─ cancel ────────┼──▶ cancelled by customer / cancelled by staff
///     ├─ join ──────────┼──▶ joined ──complete──▶ completed
///     └─ start + grace, nobody joined ──▶ closed as no-show (a later join leaves it closed)
/// ```
///
/// Transitions return a new value; an illegal one throws `SchedulingError` with code
/// `illegalTransition`, because it means the caller acted on a stale booking.
public struct Booking: Hashable, Codable, Sendable, Identifiable {
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        case confirmed
        case rescheduled
        case cancelledByCustomer = "cancelled-by-customer"
        case cancelledByStaff = "cancelled-by-staff"
        case joined
        case completed
        case noShow = "no-show"

        /// Still ahead: may be cancelled, moved, joined or closed.
        public var isActive: Bool { self == .confirmed || self == .rescheduled }
        /// Holds the staff member's time: other slots cannot use it.
        public var occupiesStaff: Bool { isActive || self == .joined }
        public var isCancelled: Bool { self == .cancelledByCustomer || self == .cancelledByStaff }
    }

    public var id: BookingID
    public var companyID: CompanyID
    /// The contact who booked; any contact of the company may change it (§1).
    public var contactID: ContactID
    public var sessionType: SessionType
    public var start: Date
    public var end: Date
    public var staff: StaffKey
    public var charge: Charge
    public var status: Status
    public var bookedAt: Date
    /// iTIP SEQUENCE: raised by every change the customer is told about.
    public var sequence: Int
    /// First time someone from the company joined online or called in, even late.
    public var joinedAt: Date?
    /// When it was cancelled, completed or closed as a no-show.
    public var closedAt: Date?
    /// The last change of any kind (iCalendar DTSTAMP / LAST-MODIFIED).
    public var updatedAt: Date
    /// §2: staff cancelled a paid session; the vendor refunds or re-books by hand.
    public var needsRefundReview: Bool

    public init(
        id: BookingID, companyID: CompanyID, contactID: ContactID, sessionType: SessionType,
        start: Date, staff: StaffKey, charge: Charge, bookedAt: Date,
        status: Status = .confirmed, sequence: Int = 0, joinedAt: Date? = nil, closedAt: Date? = nil,
        needsRefundReview: Bool = false
    ) {
        self.id = id
        self.companyID = companyID
        self.contactID = contactID
        self.sessionType = sessionType
        self.start = start
        self.end = start.addingTimeInterval(sessionType.duration)
        self.staff = staff
        self.charge = charge
        self.status = status
        self.bookedAt = bookedAt
        self.sequence = sequence
        self.joinedAt = joinedAt
        self.closedAt = closedAt
        self.needsRefundReview = needsRefundReview
        self.updatedAt = bookedAt
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }

    /// Moved to `newStart` (keeping its length) with `staff`. The price stays (§2).
    public func rescheduled(to newStart: Date, staff newStaff: StaffKey, at instant: Date) throws(SchedulingError) -> Booking {
        try requireActive("reschedule")
        var copy = self
        copy.start = newStart
        copy.end = newStart.addingTimeInterval(sessionType.duration)
        copy.staff = newStaff
        copy.status = .rescheduled
        copy.sequence += 1
        copy.updatedAt = instant
        return copy
    }

    /// Cancelled. The money stays with the vendor when the customer cancels; a staff
    /// cancellation of a paid session is flagged for refund (§2).
    public func cancelled(by party: Party, at instant: Date) throws(SchedulingError) -> Booking {
        try requireActive("cancel")
        var copy = self
        copy.status = party == .customer ? .cancelledByCustomer : .cancelledByStaff
        copy.sequence += 1
        copy.closedAt = instant
        copy.needsRefundReview = party == .staff && charge.isPaid
        copy.updatedAt = instant
        return copy
    }

    /// Someone from the company joined. A join at or after `start + grace` comes too
    /// late: the session is (or becomes) a no-show and stays one (§6); the join is
    /// still recorded for the staff member's information.
    public func joined(at instant: Date, grace: TimeInterval) throws(SchedulingError) -> Booking {
        var copy = self
        switch status {
        case .confirmed, .rescheduled:
            copy.joinedAt = instant
            if instant >= start.addingTimeInterval(grace) {
                copy.status = .noShow
                copy.closedAt = start.addingTimeInterval(grace)
            } else {
                copy.status = .joined
            }
            copy.updatedAt = instant
        case .joined, .completed:
            // A second participant or a reconnect: the first join stands.
            break
        case .noShow:
            if copy.joinedAt == nil {
                copy.joinedAt = instant
                copy.updatedAt = instant
            }
        case .cancelledByCustomer, .cancelledByStaff:
            throw illegal("join", "it was cancelled")
        }
        return copy
    }

    /// Closed as a no-show: nobody joined by `start + grace`.
    public func closedAsNoShow(at instant: Date, grace: TimeInterval) throws(SchedulingError) -> Booking {
        try requireActive("close as a no-show")
        let due = start.addingTimeInterval(grace)
        guard instant >= due else {
            throw illegal("close as a no-show", "its grace period runs until \(due)")
        }
        var copy = self
        copy.status = .noShow
        copy.closedAt = due
        copy.updatedAt = instant
        return copy
    }

    /// The session took place and ended.
    public func completed(at instant: Date) throws(SchedulingError) -> Booking {
        guard status == .joined else {
            throw illegal("complete", "nobody joined it (status \(status.rawValue))")
        }
        var copy = self
        copy.status = .completed
        copy.closedAt = instant
        copy.updatedAt = instant
        return copy
    }

    private func requireActive(_ action: String) throws(SchedulingError) {
        guard status.isActive else { throw illegal(action, "its status is \(status.rawValue)") }
    }

    private func illegal(_ action: String, _ why: String) -> SchedulingError {
        SchedulingError(.illegalTransition, "cannot \(action) booking \(id): \(why)")
    }
}
