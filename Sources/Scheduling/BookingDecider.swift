import Foundation

/// A customer's request to book (§1–§3).
public struct BookingRequest: Hashable, Sendable {
    /// Chosen by the caller (the Store) so a retried request is idempotent.
    public var bookingID: BookingID
    public var company: Company
    public var contact: Contact
    public var sessionType: SessionType
    public var start: Date
    /// The maintenance code as typed, or `nil` to book at the fee schedule.
    public var maintenanceCode: String?

    public init(
        bookingID: BookingID, company: Company, contact: Contact, sessionType: SessionType, start: Date, maintenanceCode: String? = nil
    ) {
        self.bookingID = bookingID
        self.company = company
        self.contact = contact
        self.sessionType = sessionType
        self.start = start
        self.maintenanceCode = maintenanceCode
    }
}

/// What the booking decision needs besides the request, read in the same transaction
/// that will store the booking.
public struct BookingContext: Sendable {
    public var availability: Availability
    public var feeSchedule: FeeSchedule
    public var standing: CompanyStanding
    /// This company's recent wrong code attempts (§2 rate limit).
    public var wrongCodeAttempts: [Date]

    public init(availability: Availability, feeSchedule: FeeSchedule, standing: CompanyStanding, wrongCodeAttempts: [Date] = []) {
        self.availability = availability
        self.feeSchedule = feeSchedule
        self.standing = standing
        self.wrongCodeAttempts = wrongCodeAttempts
    }
}

/// Decides a booking: the slot must be bookable now, the price follows the plan and
/// code at booking time (§2), a suspended company cannot book free sessions (§6), and
/// the slot must still be free (§3). The accepted booking is `confirmed` with its
/// staff member, price and fee-schedule version fixed.
///
/// A `.wrongCode` refusal tells the caller to record a wrong attempt for the company.
public struct BookingDecider: Sendable {
    public var policy: Policy
    public var hasher: any CodeHasher

    public init(policy: Policy = .default, hasher: any CodeHasher) {
        self.policy = policy
        self.hasher = hasher
    }

    public func decide(_ request: BookingRequest, context: BookingContext, now: Date) -> Decision<Booking> {
        let zone = request.contact.timeZone
        let range = TimeRange(start: request.start, duration: request.sessionType.duration)

        // Cheap and timing-only first, so a late request is told why before anything else.
        if request.start < now.addingTimeInterval(policy.minimumNotice) {
            return .refused(.minimumNotice, reason: BookingDecider.minimumNoticeReason(policy: policy, now: now, zone: zone))
        }
        if let (rule, reason) = BookingDecider.horizonRefusal(request.start, policy: policy, now: now, zone: zone) {
            return .refused(rule, reason: reason)
        }
        // Before the code is checked: a double-submitted form must not count as a wrong code.
        if let (rule, reason) = ContactOverlap.refusal(
            contact: request.contact.id, range: range, availability: context.availability, zone: zone)
        {
            return .refused(rule, reason: reason)
        }

        let charge: Charge
        switch quote(request, context: context, now: now) {
        case .refused(let rule, let reason): return .refused(rule, reason: reason)
        case .accepted(let value): charge = value
        }

        if let (rule, reason) = BookingDecider.slotRefusal(
            for: range, policy: policy, availability: context.availability, now: now, zone: zone, excluding: nil)
        {
            return .refused(rule, reason: reason)
        }
        let free = SlotFinder(policy: policy).freeStaff(for: range, availability: context.availability, now: now)
        guard let staff = StaffAssigner().assign(from: free, at: request.start, availability: context.availability) else {
            return .refused(.slotTaken, reason: BookingDecider.slotTakenReason(request.start, zone: zone))
        }
        return .accepted(
            Booking(
                id: request.bookingID, companyID: request.company.id, contactID: request.contact.id,
                sessionType: request.sessionType, start: request.start, staff: staff, charge: charge, bookedAt: now))
    }

    /// §2: free or discounted with a valid code under an active plan, else the fee in
    /// force now. A plan lapsing later does not matter: the charge is fixed here.
    func quote(_ request: BookingRequest, context: BookingContext, now: Date) -> Decision<Charge> {
        let company = request.company
        let zone = request.contact.timeZone
        let pricing = SessionPricing(feeSchedule: context.feeSchedule)
        guard let code = request.maintenanceCode else {
            guard let charge = pricing.charge(request.sessionType, plan: nil, at: now) else {
                return .refused(.sessionTypeNotOffered, reason: SessionPricing.notOfferedReason(request.sessionType))
            }
            return .accepted(charge)
        }

        guard let plan = company.plan(at: now) else {
            if let lapsed = company.plans.filter({ $0.validUntil <= now }).max(by: { $0.validUntil < $1.validUntil }) {
                return .refused(
                    .noActivePlan,
                    reason: "The maintenance plan of \(company.name) ended at \(CustomerTime.describe(lapsed.validUntil, in: zone)), "
                        + "so the maintenance code no longer applies; sessions can be booked at the fee in the fee schedule.")
            }
            return .refused(
                .noActivePlan,
                reason: "\(company.name) has no active maintenance plan, "
                    + "so no maintenance code applies; sessions can be booked at the fee in the fee schedule.")
        }
        guard let stored = company.maintenanceCode else {
            return .refused(.noCodeOnFile, reason: "No maintenance code has been issued to \(company.name) yet; please ask us for one.")
        }
        let limit = CodeAttemptLimiter(policy).check(wrongAttempts: context.wrongCodeAttempts, now: now, zone: zone)
        if case .refused(let rule, let reason) = limit { return .refused(rule, reason: reason) }
        guard stored.matches(code, hasher: hasher) else {
            return .refused(.wrongCode, reason: "That is not the maintenance code of \(company.name); please check it and try again.")
        }

        if plan.tier == .free, context.standing.isSuspended {
            return .refused(.suspended, reason: context.standing.suspensionReason(companyName: company.name, zone: zone))
        }
        guard let charge = pricing.charge(request.sessionType, plan: plan, at: now) else {
            return .refused(.sessionTypeNotOffered, reason: SessionPricing.notOfferedReason(request.sessionType))
        }
        return .accepted(charge)
    }

    /// Why `range` cannot be booked now, or `nil` if some staff member is free for it.
    static func slotRefusal(
        for range: TimeRange, policy: Policy, availability: Availability, now: Date, zone: TimeZone, excluding: BookingID?
    ) -> (Rule, String)? {
        if range.start < now.addingTimeInterval(policy.minimumNotice) {
            return (.minimumNotice, minimumNoticeReason(policy: policy, now: now, zone: zone))
        }
        if let refusal = horizonRefusal(range.start, policy: policy, now: now, zone: zone) { return refusal }
        let finder = SlotFinder(policy: policy)
        if !finder.freeStaff(for: range, availability: availability, now: now, excluding: excluding).isEmpty { return nil }
        let step = Int(policy.slotStep)
        if Int(range.start.timeIntervalSince1970) % step != 0
            || range.start.timeIntervalSince1970.rounded() != range.start.timeIntervalSince1970
        {
            return (
                .notOnSlotGrid,
                "Sessions start every \(policy.slotStep.spokenDuration) (for example on the quarter hour); "
                    + "\(CustomerTime.describe(range.start, in: zone)) is not one of the offered times."
            )
        }
        if !finder.anyoneWorks(during: range, availability: availability) {
            return (
                .outsideWorkingHours,
                "No one from our team is working at \(CustomerTime.describe(range.start, in: zone)); please choose one of the "
                    + "offered times."
            )
        }
        return (.slotTaken, slotTakenReason(range.start, zone: zone))
    }

    /// §3 booking horizon: customers book at most `bookingHorizon` ahead.
    static func horizonRefusal(_ start: Date, policy: Policy, now: Date, zone: TimeZone) -> (Rule, String)? {
        let limit = now.addingTimeInterval(policy.bookingHorizon)
        guard start >= limit else { return nil }
        let days = Int(policy.bookingHorizon / 86_400)
        return (
            .beyondBookingHorizon,
            "Sessions can be booked up to \(days) days ahead; "
                + "\(CustomerTime.describe(start, in: zone)) is further out. Please choose a time before "
                + "\(CustomerTime.dateText(limit, in: zone))."
        )
    }

    static func slotTakenReason(_ start: Date, zone: TimeZone) -> String {
        "The session time \(CustomerTime.describe(start, in: zone)) is no longer available; please choose another time."
    }

    static func minimumNoticeReason(policy: Policy, now: Date, zone: TimeZone) -> String {
        "Sessions must be booked at least \(policy.minimumNotice.spokenDuration) ahead; "
            + "the earliest start possible now is \(CustomerTime.describe(now.addingTimeInterval(policy.minimumNotice), in: zone))."
    }
}
