import Foundation

/// A gap today in which a staff member could take an emergency.
public struct EmergencyOpening: Hashable, Codable, Sendable {
    public var staff: StaffKey
    public var start: Date
    public var end: Date

    public init(staff: StaffKey, start: Date, end: Date) {
        self.staff = staff
        self.start = start
        self.end = end
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }
}

/// §7: for a company with active maintenance, today's openings across all staff,
/// earliest first. Gaps shorter than a normal slot are offered (down to the policy's
/// emergency minimum), there is no slot grid and no minimum notice: staff place the
/// customer by hand, right away.
public struct EmergencyOpenings: Sendable {
    public var policy: Policy

    public init(_ policy: Policy = .default) {
        self.policy = policy
    }

    /// Openings from `now` to the end of today in `zone` (the vendor's zone by default).
    /// Ties on start go to the smaller staff key.
    public func openings(for company: Company, availability: Availability, now: Date, zone: TimeZone? = nil, contactZone: TimeZone? = nil)
        -> Decision<[EmergencyOpening]>
    {
        let dayZone = zone ?? policy.vendorTimeZone
        guard company.hasActivePlan(at: now) else {
            return .refused(
                .noActivePlan,
                reason: "Emergency appointments are for companies with an active maintenance plan, "
                    + "and \(company.name) has none at \(CustomerTime.describe(now, in: contactZone ?? dayZone)); please book a "
                    + "session instead."
            )
        }
        return .accepted(gapsToday(availability: availability, now: now, zone: dayZone, minimumLength: policy.emergencyMinimumLength))
    }

    /// Places an emergency session in a current opening of `staff`: refused unless the
    /// company has active maintenance and the whole session fits in one opening now.
    /// The policy does not price emergencies, so the caller passes the charge.
    public func place(
        bookingID: BookingID, company: Company, contact: Contact, sessionType: SessionType, start: Date,
        staff: StaffKey, charge: Charge, availability: Availability, now: Date, zone: TimeZone? = nil
    ) -> Decision<Booking> {
        let range = TimeRange(start: start, duration: sessionType.duration)
        switch openings(for: company, availability: availability, now: now, zone: zone, contactZone: contact.timeZone) {
        case .refused(let rule, let reason):
            return .refused(rule, reason: reason)
        case .accepted(let openings):
            if let (rule, reason) = ContactOverlap.refusal(
                contact: contact.id, range: range, availability: availability, zone: contact.timeZone)
            {
                return .refused(rule, reason: reason)
            }
            guard openings.contains(where: { $0.staff == staff && $0.start <= range.start && range.end <= $0.end }) else {
                return .refused(.slotTaken, reason: BookingDecider.slotTakenReason(start, zone: contact.timeZone))
            }
            return .accepted(
                Booking(
                    id: bookingID, companyID: company.id, contactID: contact.id, sessionType: sessionType,
                    start: start, staff: staff, charge: charge, bookedAt: now))
        }
    }

    /// Free gaps of at least `minimumLength` from `now` (rounded up to the minute) to the
    /// end of today in `zone`, earliest first, ties to the smaller staff key.
    func gapsToday(availability: Availability, now: Date, zone: TimeZone, minimumLength: TimeInterval) -> [EmergencyOpening] {
        let clock = WallClock(zone)
        // Whole minutes: an opening at 10:07:23 would read oddly in an email.
        let from = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.up) * 60)
        let endOfDay = clock.startOfDay(clock.localDate(of: now).adding(days: 1))
        guard from < endOfDay else { return [] }
        let today = TimeRange(start: from, end: endOfDay)
        let finder = SlotFinder(policy: policy)
        var result: [EmergencyOpening] = []
        for staff in availability.staff {
            for gap in finder.freeTime(of: staff, in: today, availability: availability) where gap.duration >= minimumLength {
                result.append(EmergencyOpening(staff: staff.key, start: gap.start, end: gap.end))
            }
        }
        result.sort { ($0.start, $0.staff) < ($1.start, $1.staff) }
        return result
    }
}
