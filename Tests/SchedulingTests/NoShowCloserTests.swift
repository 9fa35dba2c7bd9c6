import Foundation
import Testing

@testable import Scheduling

@Suite("§6 Closing sessions as no-shows")
struct NoShowCloserTests {
    let start = utc("2026-11-03T15:00:00Z")
    let closer = NoShowCloser(.default)

    @Test(arguments: [(9 * 60 + 59, false), (10 * 60, true), (10 * 60 + 1, true), (0, false), (3600, true)])
    func closesTenMinutesAfterStartWithoutAJoin(secondsAfterStart: Int, closed: Bool) {
        let now = start.addingTimeInterval(TimeInterval(secondsAfterStart))
        let result = closer.closeDue([booking(start: start)], now: now)
        #expect(result.count == (closed ? 1 : 0))
        if closed {
            #expect(result.first?.status == .noShow)
            #expect(result.first?.closedAt == utc("2026-11-03T15:10:00Z"), "closed at start + grace however late the run")
        }
    }

    @Test(arguments: [(9 * 60 + 59, Booking.Status.joined), (10 * 60, .noShow), (10 * 60 + 1, .noShow)])
    func joinAtOrAfterTenMinutesIsTooLate(secondsAfterStart: Int, expected: Booking.Status) throws {
        let joined = try closer.recordJoin(booking(start: start), at: start.addingTimeInterval(TimeInterval(secondsAfterStart)))
        #expect(joined.status == expected)
        #expect(joined.joinedAt == start.addingTimeInterval(TimeInterval(secondsAfterStart)))
    }

    @Test func aJoinedSessionIsNotClosed() throws {
        let joined = try closer.recordJoin(booking(start: start), at: start.addingTimeInterval(-120))
        #expect(closer.closeDue([joined], now: start.addingTimeInterval(3600)).isEmpty)
    }

    @Test func aLateJoinDoesNotReopenAClosedSession() throws {
        let closed = try #require(closer.closeDue([booking(start: start)], now: start.addingTimeInterval(minutes(10))).first)
        let late = try closer.recordJoin(closed, at: start.addingTimeInterval(minutes(12)))
        #expect(late.status == .noShow)
        #expect(late.closedAt == closed.closedAt)
        #expect(late.joinedAt == start.addingTimeInterval(minutes(12)))
    }

    @Test func cancelledAndClosedSessionsAreLeftAlone() {
        let bookings = [
            booking("a", start: start, status: .cancelledByCustomer),
            booking("b", start: start, status: .completed),
            booking("c", start: start, status: .noShow),
            booking("d", start: start, status: .rescheduled),
        ]
        #expect(closer.closeDue(bookings, now: start.addingTimeInterval(3600)).map(\.id) == ["d"])
    }

    @Test func closesInStartOrder() {
        let bookings = [booking("late", start: start), booking("early", start: start.addingTimeInterval(-3600))]
        #expect(closer.closeDue(bookings, now: start.addingTimeInterval(3600)).map(\.id) == ["early", "late"])
    }
}
