import Foundation
import TestSupport

@testable import ICal

/// Builders for the calendars the tests read. Times are written out in full so a
/// reader can check each expectation by hand.
enum Fixtures {
    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal tests//EN\r\n" + body + "END:VCALENDAR\r\n"
    }

    static func date(_ iso: String) -> Date { SampleBooking.date(iso) }

    static let chicagoZone = SampleZones.chicago

    static func booking(
        start: String = "2026-11-03T15:00:00Z", end: String = "2026-11-03T16:00:00Z",
        zone: String = "America/Chicago", sequence: Int = 0
    ) -> BookingEvent {
        SampleBooking.make(start: start, end: end, zone: zone, sequence: sequence)
    }
}
