import Foundation
import PropertyBased
import Testing

@testable import Scheduling

/// Slot search against a brute-force oracle that checks every grid start with
/// Foundation's Calendar: offered slots never overlap busy time or bookings, always
/// respect the minimum notice, lie in working hours, and nothing bookable is missed.
@Suite("§3 Slot properties")
struct SlotFinderPropertyTests {
    static let zones = [Zone.chicago, Zone.berlin, Zone.lordHowe]
    // Weeks containing DST changes of the zones above, and one without.
    static let weekStarts = [
        "2026-03-05T00:00:00Z", "2026-03-26T00:00:00Z", "2026-04-02T00:00:00Z", "2026-10-01T00:00:00Z",
        "2026-10-22T00:00:00Z", "2026-10-29T00:00:00Z", "2026-06-10T00:00:00Z",
    ]
    static let team = [
        staff("a-chi", zone: Zone.chicago, hours: ["08:00-12:00", "13:00-18:00"]),
        staff("b-ber", zone: Zone.berlin, hours: ["09:00-17:00"], days: Weekday.workdays),
        staff("c-lhi", zone: Zone.lordHowe, hours: ["00:00-03:00", "07:30-16:30"]),
    ]

    struct Scenario: Sendable {
        var window: TimeRange
        var now: Date
        var policy: Policy
        var availability: Availability
        var type: SessionType
    }

    static func scenario(week: Int, busy: [(Int, Int, Int)], bookings: [(Int, Int, Int)], nowOffset: Int, buffer: Int, length: Int)
        -> Scenario
    {
        let weekStart = utc(weekStarts[week])
        let window = TimeRange(start: weekStart, duration: 7 * 86_400)
        var busyMap: [StaffKey: [TimeRange]] = [:]
        for (s, minute, quarters) in busy {
            busyMap[team[s].key, default: []].append(
                // Ends off the minute too.
                TimeRange(
                    start: weekStart.addingTimeInterval(minutes(minute)), duration: minutes(quarters * 15 - 7) + TimeInterval(minute % 60)))
        }
        let booked = bookings.enumerated().map { i, b in
            booking("p\(i)", start: weekStart.addingTimeInterval(minutes(b.1)), staff: team[b.0].key, type: b.2 == 0 ? live30 : live60)
        }
        return Scenario(
            window: window, now: weekStart.addingTimeInterval(minutes(nowOffset)),
            policy: Policy(bufferBetweenSessions: minutes(buffer)),
            availability: Availability(staff: team, busy: busyMap, bookings: booked),
            type: length == 0 ? live30 : live60)
    }

    /// Whether `staff` works all of `range`, by Calendar: both ends on the same local
    /// day inside one working range (the team above has no ranges meeting at midnight).
    static func oracleWorks(_ member: Staff, _ range: TimeRange) -> Bool {
        let start = calendarComponents(range.start, in: member.timeZone)
        let date = try! LocalDate(year: start.year!, month: start.month!, day: start.day!)
        return member.hours(on: date).contains { r in
            let from = calendarDate(date.year, date.month, date.day, r.start.hour, r.start.minute, in: member.timeZone)
            let to =
                r.end.minutes == 1440
                ? calendarDate(date.adding(days: 1).year, date.adding(days: 1).month, date.adding(days: 1).day, 0, 0, in: member.timeZone)
                : calendarDate(date.year, date.month, date.day, r.end.hour, r.end.minute, in: member.timeZone)
            return from <= range.start && range.end <= to
        }
    }

    static func oracleFree(_ member: Staff, _ range: TimeRange, _ s: Scenario) -> Bool {
        guard range.start >= s.now.addingTimeInterval(s.policy.minimumNotice) else { return false }
        guard oracleWorks(member, range) else { return false }
        if (s.availability.busy[member.key] ?? []).contains(where: { $0.overlaps(range) }) { return false }
        return !s.availability.bookings.contains {
            $0.staff == member.key && $0.status.occupiesStaff && $0.range.padded(by: s.policy.bufferBetweenSessions).overlaps(range)
        }
    }

    static let busyGen = zip(Gen.int(in: 0...2), Gen.int(in: 0..<(7 * 1440)), Gen.int(in: 1...12)).array(of: 0...40)
    static let bookingGen = zip(Gen.int(in: 0...2), Gen.int(in: 0..<(7 * 96)).map { $0 * 15 }, Gen.int(in: 0...1)).array(of: 0...20)

    @Test func offeredSlotsAreFreeAndRespectNotice() async {
        await propertyCheck(
            count: 150, input: Gen.int(in: 0..<Self.weekStarts.count), Self.busyGen, Self.bookingGen,
            Gen.int(in: -1440...(7 * 1440)), Gen.int(in: 0...3).map { [0, 5, 10, 15][$0] }, Gen.int(in: 0...1)
        ) { week, busy, bookings, nowOffset, buffer, length in
            let s = Self.scenario(week: week, busy: busy, bookings: bookings, nowOffset: nowOffset, buffer: buffer, length: length)
            let slots = SlotFinder(policy: s.policy).slots(for: s.type, in: s.window, availability: s.availability, now: s.now)
            for slot in slots {
                #expect(slot.start >= s.now.addingTimeInterval(s.policy.minimumNotice))
                #expect(s.window.contains(slot.start))
                #expect(slot.end == slot.start.addingTimeInterval(s.type.duration))
                #expect(Int(slot.start.timeIntervalSince1970) % 900 == 0)
                #expect(!slot.staff.isEmpty && slot.staff == slot.staff.sorted())
                for key in slot.staff {
                    let member = Self.team.first { $0.key == key }!
                    #expect(!(s.availability.busy[key] ?? []).contains { $0.overlaps(slot.range) }, "overlaps busy time")
                    #expect(
                        !s.availability.bookings.contains {
                            $0.staff == key && $0.range.padded(by: s.policy.bufferBetweenSessions).overlaps(slot.range)
                        }, "overlaps a booking")
                    #expect(Self.oracleWorks(member, slot.range), "outside working hours")
                }
            }
            #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.start < $1.start })
        }
    }

    @Test func everyFreeGridStartIsOffered() async {
        await propertyCheck(
            count: 60, input: Gen.int(in: 0..<Self.weekStarts.count), Self.busyGen, Self.bookingGen,
            Gen.int(in: -1440...(3 * 1440)), Gen.int(in: 0...3).map { [0, 5, 10, 15][$0] }, Gen.int(in: 0...1)
        ) { week, busy, bookings, nowOffset, buffer, length in
            let s = Self.scenario(week: week, busy: busy, bookings: bookings, nowOffset: nowOffset, buffer: buffer, length: length)
            let slots = SlotFinder(policy: s.policy).slots(for: s.type, in: s.window, availability: s.availability, now: s.now)
            var offered: [Date: [StaffKey]] = [:]
            for slot in slots { offered[slot.start] = slot.staff }
            var start = s.window.start
            while start < s.window.end {
                let range = TimeRange(start: start, duration: s.type.duration)
                let expected = Self.team.filter { Self.oracleFree($0, range, s) }.map(\.key)
                #expect((offered[start] ?? []) == expected, "at \(start)")
                start = start.addingTimeInterval(900)
            }
        }
    }
}
