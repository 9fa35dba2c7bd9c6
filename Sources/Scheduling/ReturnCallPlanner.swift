import Foundation

/// A planned return call: one staff member calls the customer back in a gap.
public struct ReturnCall: Hashable, Codable, Sendable {
    public var staff: StaffKey
    public var start: Date
    public var end: Date
    /// 1 for the first attempt.
    public var attempt: Int

    public init(staff: StaffKey, start: Date, end: Date, attempt: Int) {
        self.staff = staff
        self.start = start
        self.end = end
        self.attempt = attempt
    }
}

/// How a return call went, as the staff member records it.
public enum ReturnCallOutcome: String, Hashable, Codable, Sendable, CaseIterable {
    /// Reached, and the matter was settled within the call.
    case resolved
    /// Reached, but the matter needs more than a return call.
    case needsMoreTime = "needs-more-time"
    /// Not reached on the attempt.
    case notReached = "not-reached"
}

/// What follows a return call.
public enum ReturnCallResolution: Hashable, Sendable {
    case done
    /// The customer is asked to book a session; the sentence says why.
    case mustBookSession(reason: String)
}

/// §8: an active-maintenance customer who calls outside a booked session may get one
/// return-call attempt of at most ten minutes, placed in a gap between scheduled
/// sessions: the earliest gap today (vendor's day) that fits, across all staff, ties
/// going to the smaller staff key.
public struct ReturnCallPlanner: Sendable {
    public var policy: Policy

    public init(_ policy: Policy = .default) {
        self.policy = policy
    }

    /// `previousAttempts` counts today's return calls (vendor's day); `pending` is the
    /// latest of them if its outcome is not recorded yet: then the call has not been made,
    /// and the refusal says when it is planned rather than that we already tried.
    public func plan(
        for company: Company, previousAttempts: Int, pending: ReturnCall? = nil, availability: Availability, now: Date,
        contactZone: TimeZone
    ) -> Decision<ReturnCall> {
        guard company.hasActivePlan(at: now) else {
            return .refused(
                .noActivePlan, reason: "Return calls are for companies with an active maintenance plan; please book a session instead.")
        }
        guard previousAttempts < policy.returnCallAttempts else {
            if let pending {
                let who = availability.staffMember(pending.staff)?.name ?? pending.staff.rawValue
                return .refused(
                    .returnCallAlreadyPlanned,
                    reason: "A return call is already planned for today, at "
                        + "\(CustomerTime.describe(pending.start, in: contactZone)) with \(who); we call back once a day.")
            }
            return .refused(
                .returnCallAlreadyAttempted,
                reason: "We have already tried to call you back once today; please book a session so we have time for it.")
        }
        let length = policy.returnCallMaxLength
        let gaps = EmergencyOpenings(policy).gapsToday(
            availability: availability, now: now, zone: policy.vendorTimeZone, minimumLength: length)
        guard let gap = gaps.first else {
            return .refused(
                .noReturnCallGap,
                reason: "There is no time left today for a call back; please book a session, "
                    + "the earliest of which can start at "
                    + "\(CustomerTime.describe(now.addingTimeInterval(policy.minimumNotice), in: contactZone)) or later."
            )
        }
        return .accepted(
            ReturnCall(staff: gap.staff, start: gap.start, end: gap.start.addingTimeInterval(length), attempt: previousAttempts + 1))
    }

    /// §8: settled → done; not reached, or more time needed → book a session.
    public func resolve(_ outcome: ReturnCallOutcome) -> ReturnCallResolution {
        switch outcome {
        case .resolved:
            return .done
        case .needsMoreTime:
            return .mustBookSession(
                reason:
                    "Your question needs more time than a \(policy.returnCallMaxLength.spokenDuration) call back; please book a session.")
        case .notReached:
            return .mustBookSession(
                reason: "We tried to call you back but could not reach you; please book a session at a time that suits you.")
        }
    }
}
