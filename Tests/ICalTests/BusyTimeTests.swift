import Foundation
import Testing

@testable import ICal

@Suite struct BusyTimeTests {
    typealias F = Fixtures

    func busy(_ body: String, from: String, to: String, zone: String = "UTC") throws -> [BusyInterval] {
        try ICalDocument(parsing: F.calendar(body)).busyIntervals(from: F.date(from), to: F.date(to), floatingTimeZone: zone)
    }

    func interval(_ start: String, _ end: String) -> BusyInterval {
        BusyInterval(start: F.date(start), end: F.date(end))
    }

    static let weeklyChicago = """
        BEGIN:VEVENT\r
        UID:weekly@test\r
        DTSTART;TZID=America/Chicago:20261022T090000\r
        DTEND;TZID=America/Chicago:20261022T100000\r
        RRULE:FREQ=WEEKLY\r
        SUMMARY:Weekly 9:00 Chicago\r
        END:VEVENT\r

        """

    @Test(arguments: [true, false])
    func weeklyChicagoEventKeepsItsWallClockAcrossTheNovemberChange(fileDefinesZone: Bool) throws {
        let body = (fileDefinesZone ? F.chicagoZone : "") + Self.weeklyChicago
        let result = try busy(body, from: "2026-10-20T00:00:00Z", to: "2026-11-13T00:00:00Z")
        #expect(
            result == [
                interval("2026-10-22T14:00:00Z", "2026-10-22T15:00:00Z"),  // CDT, UTC-5
                interval("2026-10-29T14:00:00Z", "2026-10-29T15:00:00Z"),
                interval("2026-11-05T15:00:00Z", "2026-11-05T16:00:00Z"),  // CST, UTC-6
                interval("2026-11-12T15:00:00Z", "2026-11-12T16:00:00Z"),
            ])
    }

    @Test func dailyBerlinEventAcrossTheMarchChange() throws {
        let body = """
            BEGIN:VEVENT\r
            UID:daily@test\r
            DTSTART;TZID=Europe/Berlin:20260327T100000\r
            DURATION:PT45M\r
            RRULE:FREQ=DAILY;COUNT=4\r
            END:VEVENT\r

            """
        let result = try busy(body, from: "2026-03-01T00:00:00Z", to: "2026-04-30T00:00:00Z")
        #expect(
            result == [
                interval("2026-03-27T09:00:00Z", "2026-03-27T09:45:00Z"),  // CET, UTC+1
                interval("2026-03-28T09:00:00Z", "2026-03-28T09:45:00Z"),
                interval("2026-03-29T08:00:00Z", "2026-03-29T08:45:00Z"),  // CEST, UTC+2
                interval("2026-03-30T08:00:00Z", "2026-03-30T08:45:00Z"),
            ])
    }

    @Test func anOverriddenOccurrenceMovesAndAnExdateDisappears() throws {
        let body =
            F.chicagoZone
            + Self.weeklyChicago.replacingOccurrences(
                of: "RRULE:FREQ=WEEKLY\r\n",
                with: "RRULE:FREQ=WEEKLY\r\nEXDATE;TZID=America/Chicago:20261105T090000\r\n") + """
                BEGIN:VEVENT\r
                UID:weekly@test\r
                RECURRENCE-ID;TZID=America/Chicago:20261029T090000\r
                DTSTART;TZID=America/Chicago:20261029T130000\r
                DTEND;TZID=America/Chicago:20261029T140000\r
                SUMMARY:Moved to the afternoon\r
                END:VEVENT\r

                """
        let result = try busy(body, from: "2026-10-20T00:00:00Z", to: "2026-11-13T00:00:00Z")
        #expect(
            result == [
                interval("2026-10-22T14:00:00Z", "2026-10-22T15:00:00Z"),
                interval("2026-10-29T18:00:00Z", "2026-10-29T19:00:00Z"),
                interval("2026-11-12T15:00:00Z", "2026-11-12T16:00:00Z"),
            ])
    }

    @Test func aCancelledOverrideRemovesItsOccurrence() throws {
        let body =
            Self.weeklyChicago + """
                BEGIN:VEVENT\r
                UID:weekly@test\r
                RECURRENCE-ID;TZID=America/Chicago:20261029T090000\r
                DTSTART;TZID=America/Chicago:20261029T090000\r
                DTEND;TZID=America/Chicago:20261029T100000\r
                STATUS:CANCELLED\r
                END:VEVENT\r

                """
        let result = try busy(body, from: "2026-10-27T00:00:00Z", to: "2026-11-01T00:00:00Z")
        #expect(result.isEmpty)
    }

    @Test(arguments: [
        ("Asia/Kolkata", "2026-11-09T18:30:00Z", "2026-11-10T18:30:00Z"),
        ("America/Chicago", "2026-11-10T06:00:00Z", "2026-11-11T06:00:00Z"),
        ("UTC", "2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z"),
    ])
    func anAllDayEventCoversItsDayInTheGivenZone(zone: String, start: String, end: String) throws {
        let body = "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20261110\r\nDTEND;VALUE=DATE:20261111\r\nEND:VEVENT\r\n"
        #expect(try busy(body, from: "2026-11-01T00:00:00Z", to: "2026-11-20T00:00:00Z", zone: zone) == [interval(start, end)])
    }

    @Test func aFloatingTimeIsReadInTheGivenZone() throws {
        let body = "BEGIN:VEVENT\r\nUID:float\r\nDTSTART:20261110T090000\r\nDTEND:20261110T093000\r\nEND:VEVENT\r\n"
        #expect(
            try busy(body, from: "2026-11-01T00:00:00Z", to: "2026-11-20T00:00:00Z", zone: "Europe/Berlin")
                == [interval("2026-11-10T08:00:00Z", "2026-11-10T08:30:00Z")])
    }

    @Test func transparentAndCancelledEventsAreFreeTentativeIsBusy() throws {
        func event(_ uid: String, _ hour: Int, _ extra: String) -> String {
            "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTART:20261110T\(hour)0000Z\r\nDURATION:PT1H\r\n\(extra)END:VEVENT\r\n"
        }
        let body =
            event("t", 10, "TRANSP:TRANSPARENT\r\n") + event("c", 12, "STATUS:CANCELLED\r\n")
            + event("p", 14, "STATUS:TENTATIVE\r\n") + event("o", 16, "TRANSP:OPAQUE\r\n")
        #expect(
            try busy(body, from: "2026-11-10T00:00:00Z", to: "2026-11-11T00:00:00Z") == [
                interval("2026-11-10T14:00:00Z", "2026-11-10T15:00:00Z"),
                interval("2026-11-10T16:00:00Z", "2026-11-10T17:00:00Z"),
            ])
    }

    @Test func freeBusyPeriodsInBothFormsAreMergedAndFreeOnesSkipped() throws {
        let body = """
            BEGIN:VFREEBUSY\r
            DTSTART:20261110T000000Z\r
            DTEND:20261111T000000Z\r
            FREEBUSY;FBTYPE=BUSY:20261110T100000Z/20261110T110000Z,20261110T120000Z/PT30M\r
            FREEBUSY;FBTYPE=FREE:20261110T140000Z/PT1H\r
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261110T105000Z/PT20M\r
            FREEBUSY:20261110T230000Z/PT2H\r
            END:VFREEBUSY\r

            """
        #expect(
            try busy(body, from: "2026-11-10T00:00:00Z", to: "2026-11-11T00:00:00Z") == [
                interval("2026-11-10T10:00:00Z", "2026-11-10T11:10:00Z"),
                interval("2026-11-10T12:00:00Z", "2026-11-10T12:30:00Z"),
                interval("2026-11-10T23:00:00Z", "2026-11-11T00:00:00Z"),  // clipped to the window
            ])
    }

    @Test func rdatesAddOccurrencesAndAFarPastStartIsFastForwarded() throws {
        let body = """
            BEGIN:VEVENT\r
            UID:old-daily\r
            DTSTART:19900101T090000Z\r
            DTEND:19900101T091500Z\r
            RRULE:FREQ=DAILY\r
            RDATE:20261110T200000Z\r
            END:VEVENT\r

            """
        let result = try busy(body, from: "2026-11-10T00:00:00Z", to: "2026-11-11T00:00:00Z")
        #expect(
            result == [
                interval("2026-11-10T09:00:00Z", "2026-11-10T09:15:00Z"),
                interval("2026-11-10T20:00:00Z", "2026-11-10T20:15:00Z"),
            ])
    }

    @Test func anUnknownZoneNameIsAnError() {
        #expect(throws: ICalError.self) {
            try ICalDocument(parsing: F.calendar("")).busyIntervals(
                from: .now, to: .now.addingTimeInterval(60), floatingTimeZone: "Mars/Olympus")
        }
    }

    @Test func aRuleThatWouldNeverEndWithinTheWindowIsRefused() {
        let body = "BEGIN:VEVENT\r\nUID:secondly\r\nDTSTART:20260101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"
        #expect {
            _ = try busy(body, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        } throws: { ($0 as? ICalError)?.code == .tooComplex }
    }
}
