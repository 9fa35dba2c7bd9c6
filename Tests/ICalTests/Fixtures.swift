import Foundation
@testable import ICal
import TestSupport

/// Builders for the calendars the tests read. Times are written out in full so a
/// reader can check each expectation by hand.
enum Fixtures {
    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal tests//EN\r\n" + body + "END:VCALENDAR\r\n"
    }

    static func date(_ iso: String) -> Date { SampleBooking.date(iso) }

    static let chicagoZone = """
    BEGIN:VTIMEZONE\r
    TZID:America/Chicago\r
    BEGIN:DAYLIGHT\r
    TZOFFSETFROM:-0600\r
    TZOFFSETTO:-0500\r
    TZNAME:CDT\r
    DTSTART:19700308T020000\r
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
    END:DAYLIGHT\r
    BEGIN:STANDARD\r
    TZOFFSETFROM:-0500\r
    TZOFFSETTO:-0600\r
    TZNAME:CST\r
    DTSTART:19701101T020000\r
    RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
    END:STANDARD\r
    END:VTIMEZONE\r

    """

    static func booking(start: String = "2026-11-03T15:00:00Z", end: String = "2026-11-03T16:00:00Z",
                        zone: String = "America/Chicago", sequence: Int = 0) -> BookingEvent {
        SampleBooking.make(start: start, end: end, zone: zone, sequence: sequence)
    }
}
