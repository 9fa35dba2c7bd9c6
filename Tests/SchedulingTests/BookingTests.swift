import Foundation
import Testing

@testable import Scheduling

@Suite("Booking state machine")
struct BookingTests {
    let start = utc("2026-11-03T15:00:00Z")
    let grace = minutes(10)

    @Test func endFollowsTheSessionLength() {
        #expect(booking(start: start, type: live30).end == utc("2026-11-03T15:30:00Z"))
    }

    @Test func rescheduleMovesKeepsPriceAndRaisesSequence() throws {
        let original = booking(start: start)
        let moved = try original.rescheduled(to: utc("2026-11-04T16:00:00Z"), staff: "bob", at: start.addingTimeInterval(-86_400))
        #expect(moved.status == .rescheduled)
        #expect(moved.start == utc("2026-11-04T16:00:00Z"))
        #expect(moved.end == utc("2026-11-04T17:00:00Z"))
        #expect(moved.staff == "bob")
        #expect(moved.sequence == 1)
        #expect(moved.charge == original.charge)
        let again = try moved.rescheduled(to: utc("2026-11-05T16:00:00Z"), staff: "bob", at: start)
        #expect(again.sequence == 2)
        #expect(original.updatedAt == original.bookedAt)
        #expect(moved.updatedAt == start.addingTimeInterval(-86_400))
        #expect(again.updatedAt == start)
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff])
    func cannotJoinACancelledBooking(status: Booking.Status) {
        #expect(throws: SchedulingError.self) { try booking(start: start, status: status).joined(at: start, grace: grace) }
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff, .joined, .completed, .noShow])
    func onlyActiveBookingsCanBeMovedCancelledOrClosed(status: Booking.Status) {
        let b = booking(start: start, status: status)
        #expect(throws: SchedulingError.self) { try b.rescheduled(to: start, staff: "alice", at: start) }
        #expect(throws: SchedulingError.self) { try b.cancelled(by: .staff, at: start) }
        #expect(throws: SchedulingError.self) { try b.closedAsNoShow(at: start.addingTimeInterval(3600), grace: grace) }
    }

    @Test func cannotCloseBeforeTheGraceRunsOut() {
        #expect(throws: SchedulingError.self) { try booking(start: start).closedAsNoShow(at: start.addingTimeInterval(599), grace: grace) }
    }

    @Test func joinThenComplete() throws {
        let joined = try booking(start: start).joined(at: start.addingTimeInterval(60), grace: grace)
        let again = try joined.joined(at: start.addingTimeInterval(300), grace: grace)
        #expect(again.joinedAt == start.addingTimeInterval(60), "the first join stands")
        let done = try again.completed(at: start.addingTimeInterval(3600))
        #expect(done.status == .completed)
        #expect(done.closedAt == start.addingTimeInterval(3600))
    }

    @Test(arguments: [Booking.Status.confirmed, .noShow, .cancelledByCustomer])
    func completeNeedsAJoin(status: Booking.Status) {
        #expect(throws: SchedulingError.self) { try booking(start: start, status: status).completed(at: start.addingTimeInterval(3600)) }
    }

    @Test func statusRawValuesAreStable() {
        #expect(
            Booking.Status.allCases.map(\.rawValue) == [
                "confirmed", "rescheduled", "cancelled-by-customer", "cancelled-by-staff", "joined", "completed", "no-show",
            ])
    }

    @Test func codableRoundTrip() throws {
        let original = try booking(start: start, charge: freeCharge).joined(at: start, grace: grace)
        let decoded = try JSONDecoder().decode(Booking.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
    }
}
