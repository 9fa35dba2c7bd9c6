import Foundation
import ICal

/// One realistic booking, shared by the ICal, Curl and CalDAV tests.
public enum SampleBooking {
    public static func date(_ iso: String) -> Date {
        try! Date(iso, strategy: .iso8601)
    }

    public static func make(
        start: String = "2026-11-03T15:00:00Z", end: String = "2026-11-03T16:00:00Z",
        zone: String = "America/Chicago", sequence: Int = 0,
        uid: String = "booking-42@supportcal.example", bookingID: String = "bk_42"
    ) -> BookingEvent {
        BookingEvent(
            uid: uid, bookingID: bookingID,
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
