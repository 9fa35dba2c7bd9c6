import Foundation
@testable import ICal

/// Builders for the calendars the tests read. Times are written out in full so a
/// reader can check each expectation by hand.
enum Fixtures {
    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal tests//EN\r\n" + body + "END:VCALENDAR\r\n"
    }

    static func date(_ iso: String) -> Date {
        try! Date(iso, strategy: .iso8601)
    }

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
        BookingEvent(
            uid: "booking-42@supportcal.example", bookingID: "bk_42",
            start: date(start), end: date(end), timeZone: zone,
            summary: "Live session: Crate design review — Ørsted Crating",
            description: "Join: https://meet.example/abc\nPhone: +1 555 0100, code 4242",
            location: "https://meet.example/abc", url: "https://support.example/b/token",
            organizer: ICalParticipant(email: "support@vendor.example", commonName: "Vendor Support"),
            attendees: [ICalParticipant(email: "eve@orsted.example", commonName: "Eve Ørsted")],
            sequence: sequence, categories: ["Support", "Live session"],
            stamp: date("2026-10-30T12:00:00Z")
        )
    }
}
