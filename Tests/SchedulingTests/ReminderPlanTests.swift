import Foundation
import Testing

@testable import Scheduling

@Suite("§4 Confirmation and reminders")
struct ReminderPlanTests {
    let start = utc("2026-11-03T15:00:00Z")

    @Test(arguments: [
        (30 * 60, ["confirmation", "reminder-24h", "reminder-2h"]),
        (20 * 60, ["confirmation", "reminder-2h"]),
        (90, ["confirmation"]),
        (24 * 60, ["confirmation", "reminder-2h"]),  // the 24 h moment is now: the confirmation says it
        (24 * 60 + 1, ["confirmation", "reminder-24h", "reminder-2h"]),
    ])
    func remindersWhoseMomentHasPassedAreSkipped(minutesAhead: Int, kinds: [String]) {
        let now = start.addingTimeInterval(-minutes(minutesAhead))
        let plan = ReminderPlan(for: booking(start: start, bookedAt: now), now: now)
        #expect(plan.messages.map(\.kind.key) == kinds)
        #expect(plan.messages.first?.due == now)
    }

    @Test func reminderDueInstants() {
        let now = start.addingTimeInterval(-hours(30))
        let plan = ReminderPlan(for: booking(start: start), now: now)
        #expect(plan.reminders.map(\.due) == [utc("2026-11-02T15:00:00Z"), utc("2026-11-03T13:00:00Z")])
    }

    @Test func rescheduleRecomputesWithANewSequence() throws {
        let bookedAt = start.addingTimeInterval(-hours(30))
        let original = booking(start: start)
        let first = ReminderPlan(for: original, now: bookedAt)
        // Moved at 20 h before the old start to 3 days later.
        let movedAt = start.addingTimeInterval(-hours(20))
        let moved = try original.rescheduled(to: start.addingTimeInterval(3 * 86_400), staff: "alice", at: movedAt)
        let second = ReminderPlan(for: moved, now: movedAt)
        #expect(second.messages.map(\.kind.key) == ["reschedule-confirmation", "reminder-24h", "reminder-2h"])
        #expect(second.reminders.map(\.due) == [utc("2026-11-05T15:00:00Z"), utc("2026-11-06T13:00:00Z")])
        #expect(
            Set(first.messages.map(\.key)).isDisjoint(with: second.messages.map(\.key)), "keys differ, so the outbox sends the new ones")
        #expect(second.messages.allSatisfy { $0.sequence == 1 })
    }

    @Test func cancellationSendsOnlyItsConfirmation() throws {
        let now = start.addingTimeInterval(-hours(30))
        let cancelled = try booking(start: start).cancelled(by: .customer, at: now)
        #expect(ReminderPlan(for: cancelled, now: now).messages.map(\.kind.key) == ["cancellation-confirmation"])
    }

    @Test func keysAreUniquePerBookingSequenceAndKind() {
        let plan = ReminderPlan(for: booking("b-17", start: start), now: start.addingTimeInterval(-hours(48)))
        #expect(plan.messages.map(\.key) == ["b-17/0/confirmation", "b-17/0/reminder-24h", "b-17/0/reminder-2h"])
    }

    @Test func leadTimesComeFromThePolicy() {
        let policy = Policy(reminderLeadTimes: [minutes(90), hours(48)])
        let plan = ReminderPlan(for: booking(start: start), now: start.addingTimeInterval(-hours(72)), policy: policy)
        #expect(plan.messages.map(\.kind.key) == ["confirmation", "reminder-48h", "reminder-90m"])
    }
}
