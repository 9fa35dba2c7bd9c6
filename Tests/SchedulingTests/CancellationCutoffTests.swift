import Foundation
import Testing

@testable import Scheduling

@Suite("§5 Cancel and reschedule cutoff")
struct CancellationCutoffTests {
    // 9:00 AM CST on Tuesday 3 November 2026.
    let session = booking(start: utc("2026-11-03T15:00:00Z"))
    let cutoff = CancellationCutoff(.default)

    @Test(arguments: [(66, true), (65, false), (64, false), (0, false), (-30, false), (24 * 60, true)])
    func customerMayCancelUntil65MinutesBefore(minutesBefore: Int, allowed: Bool) {
        let now = session.start.addingTimeInterval(-minutes(minutesBefore))
        #expect(cutoff.check(session, by: .customer, now: now, zone: Zone.chicago).isAccepted == allowed)
        let decision = cutoff.cancel(session, by: .customer, now: now, zone: Zone.chicago)
        #expect(decision.isAccepted == allowed)
        if !allowed { #expect(decision.rule == .cancelCutoff) }
    }

    @Test func cutoffIsOneSecondStrict() {
        let cutoffInstant = utc("2026-11-03T13:55:00Z")
        #expect(cutoff.check(session, by: .customer, now: cutoffInstant.addingTimeInterval(-1), zone: Zone.chicago).isAccepted)
        #expect(!cutoff.check(session, by: .customer, now: cutoffInstant, zone: Zone.chicago).isAccepted)
    }

    @Test func refusalNamesTheExactCutoffInTheContactsZone() {
        let decision = cutoff.cancel(session, by: .customer, now: utc("2026-11-03T14:00:00Z"), zone: Zone.chicago)
        #expect(decision.rule == .cancelCutoff)
        #expect(
            decision.reason
                == "Sessions can be cancelled up to 65 minutes before they start; the cutoff for this session was 7:55 AM UTC-6 "
                + "(America/Chicago) on Tuesday, 3 November 2026."
        )
    }

    @Test func refusalInKolkataNamesKolkataTime() {
        let decision = cutoff.check(session, by: .customer, now: utc("2026-11-03T14:30:00Z"), zone: Zone.kolkata, action: .reschedule)
        #expect(decision.rule == .rescheduleCutoff)
        #expect(decision.reason?.contains("7:25 PM UTC+5:30 (Asia/Kolkata) on Tuesday, 3 November 2026") == true)
        #expect(decision.reason?.hasPrefix("Sessions can be rescheduled up to 65 minutes") == true)
    }

    @Test(arguments: [120, 65, 10, 0, -20])
    func staffMayCancelAtAnyTime(minutesBefore: Int) throws {
        let now = session.start.addingTimeInterval(-minutes(minutesBefore))
        let cancelled = try #require(cutoff.cancel(session, by: .staff, now: now, zone: Zone.chicago).value)
        #expect(cancelled.status == .cancelledByStaff)
    }

    @Test(arguments: [
        (Party.customer, paidCharge, false), (.staff, paidCharge, true), (.staff, freeCharge, false), (.customer, freeCharge, false),
    ])
    func onlyStaffCancellationsOfPaidSessionsAreFlaggedForRefund(party: Party, charge: Charge, flagged: Bool) throws {
        let paid = booking(start: session.start, charge: charge)
        let cancelled = try #require(
            cutoff.cancel(paid, by: party, now: session.start.addingTimeInterval(-hours(3)), zone: Zone.chicago).value)
        #expect(cancelled.needsRefundReview == flagged)
        #expect(cancelled.charge == charge, "the price is kept: paid sessions are not refunded automatically")
        #expect(cancelled.sequence == paid.sequence + 1)
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff, .noShow, .completed, .joined])
    func inactiveBookingsCannotBeCancelled(status: Booking.Status) {
        let closed = booking(start: session.start, status: status)
        let decision = cutoff.cancel(closed, by: .staff, now: session.start.addingTimeInterval(-hours(5)), zone: Zone.chicago)
        #expect(decision.rule == .bookingNotActive)
    }

    @Test func customCutoffFromPolicy() {
        let strict = CancellationCutoff(Policy(cancellationCutoff: hours(24)))
        #expect(!strict.check(session, by: .customer, now: session.start.addingTimeInterval(-hours(23)), zone: Zone.chicago).isAccepted)
        #expect(strict.check(session, by: .customer, now: session.start.addingTimeInterval(-hours(25)), zone: Zone.chicago).isAccepted)
        #expect(
            strict.check(session, by: .customer, now: session.start.addingTimeInterval(-hours(23)), zone: Zone.chicago).reason?.contains(
                "24 hours") == true)
    }
}
