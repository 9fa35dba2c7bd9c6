import Foundation
import PropertyBased
import Testing

@testable import Scheduling

@Suite("Wall-clock arithmetic across DST changes")
struct WallClockTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var zone: TimeZone
        var date: String
        var time: String
        var expected: String
        var testDescription: String { "\(zone.identifier) \(date) \(time) → \(expected)" }
    }

    static let cases: [Case] = [
        // America/Chicago: DST ends 1 Nov 2026 02:00 CDT, starts 8 Mar 2026 02:00 CST.
        Case(zone: Zone.chicago, date: "2026-10-31", time: "09:00", expected: "2026-10-31T14:00:00Z"),
        Case(zone: Zone.chicago, date: "2026-11-01", time: "09:00", expected: "2026-11-01T15:00:00Z"),
        Case(zone: Zone.chicago, date: "2026-03-07", time: "09:00", expected: "2026-03-07T15:00:00Z"),
        Case(zone: Zone.chicago, date: "2026-03-08", time: "09:00", expected: "2026-03-08T14:00:00Z"),
        // Nonexistent 02:30 moves forward by the gap to 03:30 CDT.
        Case(zone: Zone.chicago, date: "2026-03-08", time: "02:30", expected: "2026-03-08T08:30:00Z"),
        // Ambiguous 01:30 is its first occurrence, 01:30 CDT.
        Case(zone: Zone.chicago, date: "2026-11-01", time: "01:30", expected: "2026-11-01T06:30:00Z"),
        // Europe/Berlin: 29 Mar 2026 02:00 CET → 03:00 CEST; 25 Oct 2026 03:00 CEST → 02:00 CET.
        Case(zone: Zone.berlin, date: "2026-03-28", time: "09:00", expected: "2026-03-28T08:00:00Z"),
        Case(zone: Zone.berlin, date: "2026-03-29", time: "09:00", expected: "2026-03-29T07:00:00Z"),
        Case(zone: Zone.berlin, date: "2026-10-24", time: "09:00", expected: "2026-10-24T07:00:00Z"),
        Case(zone: Zone.berlin, date: "2026-10-25", time: "09:00", expected: "2026-10-25T08:00:00Z"),
        Case(zone: Zone.berlin, date: "2026-03-29", time: "02:30", expected: "2026-03-29T01:30:00Z"),
        Case(zone: Zone.berlin, date: "2026-10-25", time: "02:30", expected: "2026-10-25T00:30:00Z"),
        // Australia/Lord_Howe: half-hour DST. 5 Apr 2026 02:00 (+11) → 01:30 (+10:30);
        // 4 Oct 2026 02:00 (+10:30) → 02:30 (+11).
        Case(zone: Zone.lordHowe, date: "2026-04-04", time: "09:00", expected: "2026-04-03T22:00:00Z"),
        Case(zone: Zone.lordHowe, date: "2026-04-05", time: "09:00", expected: "2026-04-04T22:30:00Z"),
        Case(zone: Zone.lordHowe, date: "2026-10-03", time: "09:00", expected: "2026-10-02T22:30:00Z"),
        Case(zone: Zone.lordHowe, date: "2026-10-04", time: "09:00", expected: "2026-10-03T22:00:00Z"),
        Case(zone: Zone.lordHowe, date: "2026-10-04", time: "02:15", expected: "2026-10-03T15:45:00Z"),
        Case(zone: Zone.lordHowe, date: "2026-04-05", time: "01:45", expected: "2026-04-04T14:45:00Z"),
        // Asia/Kolkata: no DST, +5:30.
        Case(zone: Zone.kolkata, date: "2026-11-01", time: "09:00", expected: "2026-11-01T03:30:00Z"),
    ]

    @Test(arguments: cases)
    func localTimeBecomesTheRightInstant(_ c: Case) {
        let instant = WallClock(c.zone).instant(day(c.date), TimeOfDay(c.time)!)
        #expect(instant == utc(c.expected))
    }

    @Test(arguments: cases)
    func agreesWithFoundationCalendar(_ c: Case) {
        let d = day(c.date)
        let t = TimeOfDay(c.time)!
        let expected = calendarDate(d.year, d.month, d.day, t.hour, t.minute, in: c.zone)
        #expect(WallClock(c.zone).instant(d, t) == expected)
    }

    @Test(arguments: [
        (Zone.chicago, "2026-11-01", 25.0), (Zone.chicago, "2026-03-08", 23.0), (Zone.chicago, "2026-03-09", 24.0),
        (Zone.berlin, "2026-10-25", 25.0), (Zone.berlin, "2026-03-29", 23.0),
        (Zone.lordHowe, "2026-04-05", 24.5), (Zone.lordHowe, "2026-10-04", 23.5), (Zone.kolkata, "2026-10-04", 24.0),
    ])
    func dstDaysHaveTheirRealLength(zone: TimeZone, date: String, hoursLong: Double) {
        #expect(WallClock(zone).day(day(date)).duration == hours(hoursLong))
    }

    @Test func unknownZoneIsAnError() {
        #expect(throws: SchedulingError.self) { try WallClock(identifier: "Mars/Olympus_Mons") }
    }

    static let zones = [
        Zone.chicago, Zone.berlin, Zone.lordHowe, Zone.kolkata, Zone.utc,
        TimeZone(identifier: "America/Sao_Paulo")!, TimeZone(identifier: "Pacific/Chatham")!,
    ]

    @Test func localDateTimeMatchesCalendarForAnyInstant() async {
        // 2024-01-01 ... 2028-01-01, to the second.
        await propertyCheck(count: 500, input: Gen.int(in: 1_704_067_200...1_830_297_600), Gen.int(in: 0..<Self.zones.count)) {
            seconds, zoneIndex in
            let zone = Self.zones[zoneIndex]
            let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
            let local = WallClock(zone).localDateTime(of: instant)
            let expected = calendarComponents(instant, in: zone)
            #expect(local.date.year == expected.year && local.date.month == expected.month && local.date.day == expected.day)
            #expect(local.minutes == expected.hour! * 60 + expected.minute!)
            #expect(local.seconds == expected.second)
            #expect(local.date.weekday.rawValue == expected.weekday)
        }
    }

    @Test func instantMatchesCalendarForAnyLocalTimeIncludingGapsAndOverlaps() async {
        // Days around the 2026 transitions of the zones above, every minute of the day.
        let days = [
            "2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01", "2026-09-27", "2026-02-21", "2026-06-15",
        ]
        await propertyCheck(count: 1000, input: Gen.int(in: 0..<days.count), Gen.int(in: 0..<1440), Gen.int(in: 0..<Self.zones.count)) {
            dayIndex, minute, zoneIndex in
            let zone = Self.zones[zoneIndex]
            let d = day(days[dayIndex])
            let expected = calendarDate(d.year, d.month, d.day, minute / 60, minute % 60, in: zone)
            #expect(WallClock(zone).instant(d, try! TimeOfDay(minutes: minute)) == expected)
        }
    }
}

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("1970-01-01", 0, Weekday.thursday), ("2026-11-01", 20_758, .sunday), ("2000-02-29", 11_016, .tuesday),
        ("1969-12-31", -1, .wednesday),
    ])
    func daysSinceEpochAndWeekday(text: String, days: Int, weekday: Weekday) {
        let date = day(text)
        #expect(date.daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == text)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "yesterday", "2026-04-31"])
    func rejectsNonDates(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func roundTripsThroughDaysForFourHundredYears() async {
        await propertyCheck(count: 300, input: Gen.int(in: -200_000...200_000)) { days in
            let date = LocalDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(LocalDate(date.description) == date)
        }
    }

    @Test func codableAsStringAndAsDictionaryKey() throws {
        let value: [LocalDate: DayException] = [day("2026-12-24"): .dayOff]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(json.contains("\"2026-12-24\""))
        #expect(try JSONDecoder().decode([LocalDate: DayException].self, from: Data(json.utf8)) == value)
    }
}

@Suite struct TimeOfDayTests {
    @Test(arguments: ["09:00", "00:00", "24:00", "17:45"])
    func parsesAndPrints(_ text: String) {
        #expect(TimeOfDay(text)?.description == text)
    }

    @Test(arguments: ["24:30", "9", "09:60", "-1:00", "12:5"])
    func rejects(_ text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test func rangeMustNotBeEmptyOrReversed() {
        #expect(TimeOfDayRange("17:00-09:00") == nil)
        #expect(TimeOfDayRange("09:00-09:00") == nil)
        #expect(TimeOfDayRange("22:00-24:00") != nil)
    }

    @Test func overlappingWeeklyRangesAreRejected() {
        #expect(throws: SchedulingError.self) {
            try WeeklyHours([.monday: [hoursRange("09:00-12:00"), hoursRange("11:00-14:00")]])
        }
    }
}
