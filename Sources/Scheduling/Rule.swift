/// The named rules of the support policy. The raw values are stable: the API, the
/// CLI and the audit log use them, so renaming a case must keep its raw value.
public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
    case cancelCutoff = "cancel-cutoff"
    case rescheduleCutoff = "reschedule-cutoff"
    case minimumNotice = "minimum-notice"
    case slotTaken = "slot-taken"
    case outsideWorkingHours = "outside-working-hours"
    case wrongCode = "wrong-code"
    case codeRateLimited = "code-rate-limited"
    case noCodeOnFile = "no-code-on-file"
    case suspended = "suspended"
    case noActivePlan = "no-active-plan"
    case sessionTypeNotOffered = "session-type-not-offered"
    case bookingNotActive = "booking-not-active"
    case notSuspended = "not-suspended"
    case reinstatementFeeShort = "reinstatement-fee-short"
    case returnCallAlreadyAttempted = "return-call-already-attempted"
    /// Today's return call is planned and not yet made: the customer is waiting for it.
    case returnCallAlreadyPlanned = "return-call-already-planned"
    case noReturnCallGap = "no-return-call-gap"
    case notOnSlotGrid = "not-on-slot-grid"
    case sessionStarted = "session-started"
    case alreadyBookedThen = "already-booked-then"
    case beyondBookingHorizon = "beyond-booking-horizon"
    /// An emergency request already placed, declined or withdrawn (another staff member was first).
    case emergencyRequestClosed = "emergency-request-closed"
}
