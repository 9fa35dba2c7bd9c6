import Foundation
import Testing

@testable import Scheduling

@Suite("§5 Rescheduling")
struct ReschedulerTests {
    let rescheduler = Rescheduler(.default)
    let start = utc("2026-11-03T15:00:00Z")  // 9:00 AM CST
    let team = [staff("alice", zone: Zone.chicago), staff("bob", zone: Zone.chicago)]

    func availability(_ extra: [Booking] = [], mine: Booking) -> Availability {
        Availability(staff: team, bookings: [mine] + extra)
    }

    @Test(arguments: [(66, true), (65, false), (64, false)])
    func customerMayRescheduleUntil65MinutesBefore(minutesBefore: Int, allowed: Bool) {
        let mine = booking(start: start, staff: "alice")
        let now = start.addingTimeInterval(-minutes(minutesBefore))
        let decision = rescheduler.reschedule(
            mine, to: utc("2026-11-04T15:00:00Z"), by: .customer, availability: availability(mine: mine), now: now, zone: Zone.chicago)
        #expect(decision.isAccepted == allowed)
        if !allowed { #expect(decision.rule == .rescheduleCutoff) }
    }

    @Test func keepsTheStaffMemberWhenStillFreeEvenOverlappingTheOldTime() throws {
        let mine = booking(start: start, staff: "bob")
        let moved = try #require(
            rescheduler.reschedule(
                mine, to: start.addingTimeInterval(minutes(30)), by: .customer,
                availability: availability(mine: mine), now: start.addingTimeInterval(-hours(5)), zone: Zone.chicago
            ).value)
        #expect(moved.staff == "bob", "alice would win a fresh assignment by key; the session stays with bob")
        #expect(moved.start == utc("2026-11-03T15:30:00Z"))
        #expect(moved.sequence == 1 && moved.status == .rescheduled)
        #expect(moved.charge == mine.charge)
    }

    @Test func movesToAnotherStaffMemberWhenTheirOwnIsBusy() throws {
        let mine = booking(start: start, staff: "bob")
        let other = booking("other", start: utc("2026-11-04T15:00:00Z"), staff: "bob", contact: "yan")
        let moved = try #require(
            rescheduler.reschedule(
                mine, to: utc("2026-11-04T15:00:00Z"), by: .customer,
                availability: availability([other], mine: mine), now: start.addingTimeInterval(-hours(5)), zone: Zone.chicago
            ).value)
        #expect(moved.staff == "alice")
    }

    @Test func refusedIntoATakenSlotOrTooSoon() {
        let mine = booking(start: utc("2026-11-04T15:00:00Z"), staff: "alice")
        let taken = [booking("x", start: start, staff: "alice", contact: "yan"), booking("y", start: start, staff: "bob", contact: "yan")]
        let now = utc("2026-11-03T10:00:00Z")
        #expect(
            rescheduler.reschedule(
                mine, to: start, by: .customer, availability: availability(taken, mine: mine), now: now, zone: Zone.chicago
            ).rule == .slotTaken)
        #expect(
            rescheduler.reschedule(
                mine, to: utc("2026-11-03T10:30:00Z"), by: .customer, availability: availability(mine: mine), now: now, zone: Zone.chicago
            ).rule == .minimumNotice)
    }

    @Test(arguments: [-30, 0, 30, 120])
    func staffMayMoveAtAnyTimeToAnyone(minutesBefore: Int) throws {
        let mine = booking(start: start, staff: "alice")
        let now = start.addingTimeInterval(-minutes(minutesBefore))
        // 06:00 CST is outside working hours; staff decide.
        let moved = try #require(
            rescheduler.reschedule(
                mine, to: utc("2026-11-03T12:00:00Z"), by: .staff, staff: "bob",
                availability: availability(mine: mine), now: now, zone: Zone.chicago
            ).value)
        #expect(moved.staff == "bob")
        #expect(moved.start == utc("2026-11-03T12:00:00Z"))
    }

    @Test func cancelledBookingsCannotBeMoved() {
        let mine = booking(start: start, status: .cancelledByCustomer)
        let decision = rescheduler.reschedule(
            mine, to: utc("2026-11-04T15:00:00Z"), by: .staff, availability: availability(mine: mine),
            now: start.addingTimeInterval(-hours(5)), zone: Zone.chicago)
        #expect(decision.rule == .bookingNotActive)
        #expect(decision.reason == "The session at 9:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026 has already been cancelled.")
    }
}
