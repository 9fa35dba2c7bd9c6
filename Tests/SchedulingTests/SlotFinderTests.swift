import Foundation
import Testing

@testable import Scheduling

@Suite("§3 Slots from working hours, busy time and bookings")
struct SlotFinderTests {
    let finder = SlotFinder(policy: .default)
    let longAgo = utc("2026-01-01T00:00:00Z")

    struct DSTCase: Sendable, CustomTestStringConvertible {
        var zone: TimeZone
        var from: String
        var to: String
        var first: String
        var last: String
        var firstInKolkata: String
        var testDescription: String { "\(zone.identifier) \(from)" }
    }

    // A 09:00–17:00 working day on each DST change day stays 09:00–17:00 local: 29
    // one-hour slots from 09:00 to 16:00 on the quarter hour.
    static let dstCases: [DSTCase] = [
        DSTCase(
            zone: Zone.chicago, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z",
            first: "2026-11-01T15:00:00Z", last: "2026-11-01T22:00:00Z",
            firstInKolkata: "8:30 PM UTC+5:30 (Asia/Kolkata) on Sunday, 1 November 2026"),
        DSTCase(
            zone: Zone.chicago, from: "2026-03-08T00:00:00Z", to: "2026-03-09T00:00:00Z",
            first: "2026-03-08T14:00:00Z", last: "2026-03-08T21:00:00Z",
            firstInKolkata: "7:30 PM UTC+5:30 (Asia/Kolkata) on Sunday, 8 March 2026"),
        DSTCase(
            zone: Zone.berlin, from: "2026-03-29T00:00:00Z", to: "2026-03-30T00:00:00Z",
            first: "2026-03-29T07:00:00Z", last: "2026-03-29T14:00:00Z",
            firstInKolkata: "12:30 PM UTC+5:30 (Asia/Kolkata) on Sunday, 29 March 2026"),
        DSTCase(
            zone: Zone.berlin, from: "2026-10-25T00:00:00Z", to: "2026-10-26T00:00:00Z",
            first: "2026-10-25T08:00:00Z", last: "2026-10-25T15:00:00Z",
            firstInKolkata: "1:30 PM UTC+5:30 (Asia/Kolkata) on Sunday, 25 October 2026"),
        DSTCase(
            zone: Zone.lordHowe, from: "2026-04-04T18:00:00Z", to: "2026-04-05T12:00:00Z",
            first: "2026-04-04T22:30:00Z", last: "2026-04-05T05:30:00Z",
            firstInKolkata: "4:00 AM UTC+5:30 (Asia/Kolkata) on Sunday, 5 April 2026"),
        DSTCase(
            zone: Zone.lordHowe, from: "2026-10-03T18:00:00Z", to: "2026-10-04T12:00:00Z",
            first: "2026-10-03T22:00:00Z", last: "2026-10-04T05:00:00Z",
            firstInKolkata: "3:30 AM UTC+5:30 (Asia/Kolkata) on Sunday, 4 October 2026"),
    ]

    @Test(arguments: dstCases)
    func workingHoursOnDSTChangeDays(_ c: DSTCase) throws {
        let member = staff("dana", zone: c.zone)
        let window = TimeRange(start: utc(c.from), end: utc(c.to))
        let slots = finder.slots(for: live60, in: window, availability: Availability(staff: [member]), now: longAgo)
        #expect(slots.count == 29)
        #expect(slots.first?.start == utc(c.first))
        #expect(slots.last?.start == utc(c.last))
        #expect(slots.allSatisfy { $0.staff == ["dana"] })
        for slot in slots {
            let start = calendarComponents(slot.start, in: c.zone)
            let end = calendarComponents(slot.end, in: c.zone)
            #expect(start.minute! % 15 == 0)
            #expect(start.hour! >= 9 && (end.hour! < 17 || (end.hour! == 17 && end.minute! == 0)))
        }
        let first = try #require(slots.first)
        #expect(CustomerTime.describe(first.start, in: Zone.kolkata) == c.firstInKolkata)
    }

    @Test func staffInThreeZonesShareTheGrid() {
        let team = [staff("chi", zone: Zone.chicago), staff("ber", zone: Zone.berlin), staff("lhi", zone: Zone.lordHowe)]
        // Tuesday 3 Nov 2026 UTC: Berlin 08:00–16:00Z, Chicago 15:00–23:00Z, Lord Howe
        // (+11) 22:00Z–06:00Z the next local day.
        let window = TimeRange(start: utc("2026-11-03T00:00:00Z"), end: utc("2026-11-04T00:00:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: Availability(staff: team), now: longAgo)
        let byStart = Dictionary(uniqueKeysWithValues: slots.map { ($0.start, $0.staff) })
        #expect(byStart[utc("2026-11-03T08:00:00Z")] == ["ber"])
        #expect(byStart[utc("2026-11-03T15:00:00Z")] == ["ber", "chi"])
        #expect(byStart[utc("2026-11-03T16:00:00Z")] == ["chi"])
        #expect(byStart[utc("2026-11-03T22:00:00Z")] == ["chi", "lhi"])
        #expect(byStart[utc("2026-11-03T23:00:00Z")] == ["lhi"])
        #expect(byStart[utc("2026-11-03T07:00:00Z")] == nil)
        #expect(slots.map(\.start) == slots.map(\.start).sorted())
    }

    // Tuesday 3 Nov 2026, Chicago 09:00–17:00 CST = 15:00–23:00Z.
    @Test(arguments: [
        ("2026-11-03T13:54:00Z", "2026-11-03T15:00:00Z"),
        ("2026-11-03T13:55:00Z", "2026-11-03T15:00:00Z"),  // exactly 65 minutes ahead
        ("2026-11-03T13:55:01Z", "2026-11-03T15:15:00Z"),
        ("2026-11-03T13:56:00Z", "2026-11-03T15:15:00Z"),
        ("2026-11-03T14:10:00Z", "2026-11-03T15:15:00Z"),
        ("2026-11-03T14:11:00Z", "2026-11-03T15:30:00Z"),
    ])
    func minimumNoticeOf65Minutes(now: String, firstSlot: String) {
        let window = TimeRange(start: utc("2026-11-03T00:00:00Z"), end: utc("2026-11-04T00:00:00Z"))
        let slots = finder.slots(
            for: live60, in: window, availability: Availability(staff: [staff("alice", zone: Zone.chicago)]), now: utc(now))
        #expect(slots.first?.start == utc(firstSlot))
    }

    @Test func busyTimeAndBookingsAreSubtractedPerStaff() {
        let availability = Availability(
            staff: [staff("bob", zone: Zone.chicago), staff("alice", zone: Zone.chicago)],
            busy: ["alice": [TimeRange(start: utc("2026-11-03T16:00:00Z"), end: utc("2026-11-03T17:00:00Z"))]],
            bookings: [booking(start: utc("2026-11-03T15:00:00Z"), staff: "bob")])
        let window = TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T17:01:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: availability, now: longAgo)
        let byStart = Dictionary(uniqueKeysWithValues: slots.map { ($0.start, $0.staff) })
        #expect(byStart[utc("2026-11-03T15:00:00Z")] == ["alice"])
        #expect(byStart[utc("2026-11-03T15:15:00Z")] == nil)
        #expect(byStart[utc("2026-11-03T15:45:00Z")] == nil)
        #expect(byStart[utc("2026-11-03T16:00:00Z")] == ["bob"])
        #expect(byStart[utc("2026-11-03T16:45:00Z")] == ["bob"])
        #expect(byStart[utc("2026-11-03T17:00:00Z")] == ["alice", "bob"])
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff, .noShow, .completed])
    func bookingsThatNoLongerHoldTimeFreeIt(status: Booking.Status) {
        let availability = Availability(
            staff: [staff("bob", zone: Zone.chicago)],
            bookings: [booking(start: utc("2026-11-03T15:00:00Z"), staff: "bob", status: status)])
        let window = TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T15:01:00Z"))
        #expect(finder.slots(for: live60, in: window, availability: availability, now: longAgo).map(\.staff) == [["bob"]])
    }

    @Test(arguments: [(0, "2026-11-03T16:00:00Z"), (5, "2026-11-03T16:15:00Z"), (15, "2026-11-03T16:15:00Z"), (20, "2026-11-03T16:30:00Z")])
    func bufferBetweenSessions(bufferMinutes: Int, nextSlot: String) {
        let finder = SlotFinder(policy: Policy(bufferBetweenSessions: minutes(bufferMinutes)))
        let availability = Availability(
            staff: [staff("bob", zone: Zone.chicago)],
            bookings: [booking(start: utc("2026-11-03T15:00:00Z"), staff: "bob")])
        let window = TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-04T00:00:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: availability, now: longAgo)
        #expect(slots.first?.start == utc(nextSlot))
        // Before a booking too: with a buffer, the slot ending right at another booking goes.
        let before = Availability(
            staff: [staff("bob", zone: Zone.chicago)],
            bookings: [booking(start: utc("2026-11-03T17:00:00Z"), staff: "bob")])
        let offered = finder.slots(for: live60, in: window, availability: before, now: longAgo).map(\.start)
        #expect(offered.contains(utc("2026-11-03T16:00:00Z")) == (bufferMinutes == 0))
    }

    @Test func dateExceptions() {
        let member = staff(
            "alice", zone: Zone.chicago,
            exceptions: [
                day("2026-11-03"): .dayOff,
                day("2026-11-04"): .hours([hoursRange("13:00-15:00")]),
            ])
        let finder = self.finder
        func slots(_ from: String, _ to: String) -> [Slot] {
            finder.slots(
                for: live60, in: TimeRange(start: utc(from), end: utc(to)), availability: Availability(staff: [member]), now: longAgo)
        }
        #expect(slots("2026-11-03T00:00:00Z", "2026-11-04T06:00:00Z").isEmpty)
        // 13:00–15:00 CST = 19:00–21:00Z: 19:00 … 20:00.
        #expect(
            slots("2026-11-04T06:00:00Z", "2026-11-05T06:00:00Z").map(\.start) == [
                utc("2026-11-04T19:00:00Z"), utc("2026-11-04T19:15:00Z"), utc("2026-11-04T19:30:00Z"), utc("2026-11-04T19:45:00Z"),
                utc("2026-11-04T20:00:00Z"),
            ])
        #expect(slots("2026-11-05T06:00:00Z", "2026-11-06T06:00:00Z").count == 29)
    }

    @Test func splitDayAndWeekdaysOnly() {
        let member = staff("alice", zone: Zone.berlin, hours: ["09:00-12:00", "13:00-17:00"], days: Weekday.workdays)
        // Mon 2 Nov 2026 .. Sun 8 Nov: five working days of (3 + 4 one-hour slots' starts: 9 + 13).
        let window = TimeRange(start: utc("2026-11-01T23:00:00Z"), end: utc("2026-11-08T23:00:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: Availability(staff: [member]), now: longAgo)
        #expect(slots.count == 5 * (9 + 13))
        #expect(!slots.contains { $0.start == utc("2026-11-02T11:00:00Z") }, "12:00 CET is lunch")
        #expect(!slots.contains { $0.start == utc("2026-11-02T10:15:00Z") }, "11:15–12:15 runs into lunch")
    }

    @Test func windowSelectsByStart() {
        let member = staff("alice", zone: Zone.chicago)
        let window = TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T15:30:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: Availability(staff: [member]), now: longAgo)
        #expect(slots.map(\.start) == [utc("2026-11-03T15:00:00Z"), utc("2026-11-03T15:15:00Z")])
        #expect(slots.first?.end == utc("2026-11-03T16:00:00Z"))
    }

    @Test func aroundTheClockStaffGetSlotsAcrossMidnight() {
        let member = staff("night", zone: Zone.utc, hours: ["00:00-24:00"])
        let window = TimeRange(start: utc("2026-11-03T23:00:00Z"), end: utc("2026-11-04T00:00:00Z"))
        let slots = finder.slots(for: live60, in: window, availability: Availability(staff: [member]), now: longAgo)
        #expect(slots.map(\.start).last == utc("2026-11-03T23:45:00Z"))
    }

    @Test func freeStaffChecksAnExactRange() {
        let availability = Availability(
            staff: [staff("alice", zone: Zone.chicago), staff("bob", zone: Zone.chicago)],
            bookings: [booking(start: utc("2026-11-03T15:00:00Z"), staff: "alice")])
        let now = utc("2026-11-02T00:00:00Z")
        #expect(
            finder.freeStaff(for: TimeRange(start: utc("2026-11-03T15:30:00Z"), duration: hours(1)), availability: availability, now: now)
                == ["bob"])
        #expect(
            finder.freeStaff(
                for: TimeRange(start: utc("2026-11-03T15:30:00Z"), duration: hours(1)), availability: availability, now: now,
                excluding: "b-1") == ["alice", "bob"])
        #expect(
            finder.freeStaff(for: TimeRange(start: utc("2026-11-03T15:05:00Z"), duration: hours(1)), availability: availability, now: now)
                .isEmpty, "off the grid")
    }

    @Test(arguments: [("2026-11-03T15:59:59Z", false), ("2026-11-03T16:00:00Z", true), ("2026-11-03T16:00:01Z", true)])
    func busyTimeCountsToTheSecond(busyStart: String, offered: Bool) {
        let availability = Availability(
            staff: [staff("alice", zone: Zone.chicago)],
            busy: ["alice": [TimeRange(start: utc(busyStart), duration: 600)]])
        let window = TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T15:01:00Z"))
        #expect(!finder.slots(for: live60, in: window, availability: availability, now: longAgo).isEmpty == offered)
    }

    @Test func freeTimeIgnoresGridAndNotice() {
        let availability = Availability(
            staff: [staff("alice", zone: Zone.chicago)],
            busy: [
                "alice": [
                    TimeRange(start: utc("2026-11-03T15:07:00Z"), end: utc("2026-11-03T16:00:00Z")),
                    TimeRange(start: utc("2026-11-03T15:30:00Z"), end: utc("2026-11-03T16:10:00Z")),
                ]
            ])
        let free = finder.freeTime(
            of: availability.staff[0], in: TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T17:00:00Z")),
            availability: availability)
        #expect(
            free == [
                TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T15:07:00Z")),
                TimeRange(start: utc("2026-11-03T16:10:00Z"), end: utc("2026-11-03T17:00:00Z")),
            ])
    }
}
