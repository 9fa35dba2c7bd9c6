import Foundation

/// Every number of the support policy (support-policy.md), in one value so the
/// configuration can change any of them and every decision reads the same numbers.
public struct Policy: Hashable, Codable, Sendable {
    /// §5: a customer may cancel or reschedule while more than this remains before the start.
    public var cancellationCutoff: TimeInterval
    /// §6: a session nobody joined is closed as a no-show this long after its start.
    public var noShowGrace: TimeInterval
    /// §3: a slot starting sooner than this is not offered.
    public var minimumNotice: TimeInterval
    /// Slots start on this grid. 15 minutes: every real UTC offset (including +5:30,
    /// +5:45 and Lord Howe's +10:30) is a multiple of it, so the grid falls on local
    /// quarter hours everywhere and all staff share the same slot starts.
    public var slotStep: TimeInterval
    /// Free time kept between a booked session and the next one for the same staff
    /// member. The policy document names none, so the default is zero; busy time from
    /// the staff calendars is not padded (staff put their own margins there).
    public var bufferBetweenSessions: TimeInterval
    /// §6: the n-th no-show of a free session suspends free online booking.
    public var noShowLimit: Int
    /// §6: recorded to lift a suspension; resets the no-show count.
    public var reinstatementFee: Money
    /// §4: reminders this long before the start, largest first.
    public var reminderLeadTimes: [TimeInterval]
    /// §8: the longest return call.
    public var returnCallMaxLength: TimeInterval
    /// §8: how many return-call attempts a customer gets per call.
    public var returnCallAttempts: Int
    /// §7: the shortest gap worth offering for an emergency ("gaps shorter than a
    /// normal slot are acceptable"). 15 minutes: long enough to look at a screen.
    public var emergencyMinimumLength: TimeInterval
    /// §2: wrong maintenance codes allowed per company within `wrongCodeWindow`.
    public var wrongCodeLimit: Int
    public var wrongCodeWindow: TimeInterval
    /// §3: how far ahead customers may book: slots starting this long after `now` or later
    /// are not offered and not bookable (staff may still move a session further out).
    public var bookingHorizon: TimeInterval
    /// The vendor's own zone: fee versions take effect at its midnight and "today"
    /// for emergencies and return calls is its day.
    public var vendorTimeZone: TimeZone

    public init(
        cancellationCutoff: TimeInterval = 65 * 60,
        noShowGrace: TimeInterval = 10 * 60,
        minimumNotice: TimeInterval = 65 * 60,
        slotStep: TimeInterval = 15 * 60,
        bufferBetweenSessions: TimeInterval = 0,
        noShowLimit: Int = 2,
        reinstatementFee: Money = .usd(100),
        reminderLeadTimes: [TimeInterval] = [24 * 3600, 2 * 3600],
        returnCallMaxLength: TimeInterval = 10 * 60,
        returnCallAttempts: Int = 1,
        emergencyMinimumLength: TimeInterval = 15 * 60,
        wrongCodeLimit: Int = 50,
        wrongCodeWindow: TimeInterval = 15 * 60,
        bookingHorizon: TimeInterval = 90 * 86_400,
        vendorTimeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.cancellationCutoff = cancellationCutoff
        self.noShowGrace = noShowGrace
        self.minimumNotice = minimumNotice
        self.slotStep = slotStep
        self.bufferBetweenSessions = bufferBetweenSessions
        self.noShowLimit = noShowLimit
        self.reinstatementFee = reinstatementFee
        self.reminderLeadTimes = reminderLeadTimes.sorted(by: >)
        self.returnCallMaxLength = returnCallMaxLength
        self.returnCallAttempts = returnCallAttempts
        self.emergencyMinimumLength = emergencyMinimumLength
        self.wrongCodeLimit = wrongCodeLimit
        self.wrongCodeWindow = wrongCodeWindow
        self.bookingHorizon = bookingHorizon
        self.vendorTimeZone = vendorTimeZone
    }

    /// The defaults of support-policy.md. The vendor zone is UTC until configured.
    public static let `default` = Policy()

    /// Checks the numbers make sense together; the configuration loader calls this.
    public func validate() throws(SchedulingError) {
        func fail(_ message: String) -> SchedulingError { SchedulingError(.invalidConfiguration, message) }
        guard slotStep >= 60, slotStep.truncatingRemainder(dividingBy: 60) == 0 else {
            throw fail("slot step must be a whole number of minutes, at least one")
        }
        guard cancellationCutoff >= 0, noShowGrace >= 0, minimumNotice >= 0, bufferBetweenSessions >= 0 else {
            throw fail("cutoff, grace, minimum notice and buffer cannot be negative")
        }
        guard noShowLimit >= 1 else { throw fail("no-show limit must be at least 1") }
        guard reinstatementFee.cents >= 0 else { throw fail("reinstatement fee cannot be negative") }
        guard reminderLeadTimes.allSatisfy({ $0 > 0 }) else { throw fail("reminder lead times must be positive") }
        guard returnCallMaxLength > 0, returnCallAttempts >= 0 else { throw fail("return call length must be positive") }
        guard emergencyMinimumLength > 0 else { throw fail("emergency minimum length must be positive") }
        guard wrongCodeLimit >= 1, wrongCodeWindow > 0 else { throw fail("wrong-code limit and window must be positive") }
        guard bookingHorizon > minimumNotice else { throw fail("the booking horizon must be longer than the minimum notice") }
    }
}
