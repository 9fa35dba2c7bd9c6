import Foundation
import Testing

@testable import Scheduling

@Suite("§8 Return calls")
struct ReturnCallPlannerTests {
    let planner = ReturnCallPlanner(Policy(vendorTimeZone: Zone.chicago))
    let member = Company(
        id: acmeID, name: "Acme Crating",
        plans: [
            MaintenancePlan(
                id: "p", tier: .discounted(percentOff: 20), validFrom: utc("2026-01-01T00:00:00Z"), validUntil: utc("2027-01-01T00:00:00Z"))
        ])

    /// Alice (Chicago) on Tue 3 Nov: sessions 9:00–10:00, 10:10–11:00, 11:08–12:00,
    /// busy after noon. Gaps: 10 min at 10:00, 8 min at 11:00.
    var day: Availability {
        Availability(
            staff: [staff("alice", zone: Zone.chicago)],
            busy: ["alice": [TimeRange(start: utc("2026-11-03T18:00:00Z"), end: utc("2026-11-03T23:00:00Z"))]],
            bookings: [
                booking("a", start: utc("2026-11-03T15:00:00Z"), staff: "alice"),
                booking("b", start: utc("2026-11-03T16:10:00Z"), staff: "alice", type: SessionType(.phoneSupport, minutes: 50)),
                booking("c", start: utc("2026-11-03T17:08:00Z"), staff: "alice", type: SessionType(.phoneSupport, minutes: 52)),
            ])
    }

    @Test func placedInTheFirstGapThatFitsTenMinutes() throws {
        let call = try #require(
            planner.plan(for: member, previousAttempts: 0, availability: day, now: utc("2026-11-03T14:00:00Z"), contactZone: Zone.chicago)
                .value)
        #expect(call == ReturnCall(staff: "alice", start: utc("2026-11-03T16:00:00Z"), end: utc("2026-11-03T16:10:00Z"), attempt: 1))
    }

    @Test func noGapLongEnoughLeft() {
        let decision = planner.plan(
            for: member, previousAttempts: 0, availability: day, now: utc("2026-11-03T16:01:00Z"), contactZone: Zone.chicago)
        #expect(decision.rule == .noReturnCallGap)
        #expect(
            decision.reason
                == "There is no time left today for a call back; please book a session, the earliest of which can start at 11:06 AM "
                + "UTC-6 (America/Chicago) on Tuesday, 3 November 2026 or later."
        )
    }

    @Test(arguments: [(0, true), (1, false), (2, false)])
    func oneAttemptOnly(previousAttempts: Int, allowed: Bool) {
        let decision = planner.plan(
            for: member, previousAttempts: previousAttempts, availability: day, now: utc("2026-11-03T14:00:00Z"), contactZone: Zone.chicago)
        #expect(decision.isAccepted == allowed)
        if !allowed { #expect(decision.rule == .returnCallAlreadyAttempted) }
    }

    @Test func aCallNotMadeYetIsNamedNotClaimedAsTried() {
        let planned = ReturnCall(staff: "alice", start: utc("2026-11-03T16:00:00Z"), end: utc("2026-11-03T16:10:00Z"), attempt: 1)
        let decision = planner.plan(
            for: member, previousAttempts: 1, pending: planned, availability: day, now: utc("2026-11-03T15:30:00Z"),
            contactZone: TimeZone(identifier: "Europe/Copenhagen")!)
        #expect(decision.rule == .returnCallAlreadyPlanned)
        #expect(
            decision.reason
                == "A return call is already planned for today, at 5:00 PM UTC+1 (Europe/Copenhagen) on Tuesday, 3 November 2026 "
                + "with Alice; we call back once a day."
        )
    }

    @Test func onlyForActiveMaintenance() {
        let lapsed = Company(
            id: acmeID, name: "Acme Crating",
            plans: [MaintenancePlan(id: "p", tier: .free, validFrom: utc("2025-01-01T00:00:00Z"), validUntil: utc("2026-01-01T00:00:00Z"))])
        #expect(
            planner.plan(for: lapsed, previousAttempts: 0, availability: day, now: utc("2026-11-03T14:00:00Z"), contactZone: Zone.chicago)
                .rule == .noActivePlan)
    }

    @Test(arguments: [(ReturnCallOutcome.resolved, false), (.needsMoreTime, true), (.notReached, true)])
    func theOutcomeDecidesWhetherTheCustomerMustBook(outcome: ReturnCallOutcome, mustBook: Bool) {
        let resolution = planner.resolve(outcome)
        if mustBook {
            guard case .mustBookSession(let reason) = resolution else {
                Issue.record("expected must-book, got \(resolution)")
                return
            }
            #expect(reason.contains("book a session"))
        } else {
            #expect(resolution == .done)
        }
    }
}
