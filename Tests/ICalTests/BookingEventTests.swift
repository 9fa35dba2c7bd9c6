import Foundation
import TestSupport
import Testing

@testable import ICal

@Suite struct BookingEventTests {
    let booking = Fixtures.booking()

    @Test func theStoredObjectHasNoMethodAndAttendeesScheduledByTheClient() throws {
        let stored = try booking.storedObject()
        #expect(stored.method == nil)
        let event = try #require(stored.events.first)
        #expect(event.uid == booking.uid)
        #expect(event.status == "CONFIRMED")
        #expect(event.attendees.count == 1)
        let attendee = try #require(event.properties.first { $0.name == "ATTENDEE" })
        #expect(attendee.parameter("SCHEDULE-AGENT") == "CLIENT")
        #expect(attendee.parameter("CN") == "Eve Ørsted")
        #expect(event.property(BookingEvent.bookingIDProperty)?.value == "bk_42")
        #expect(event.categories == ["Support", "Live session"])
        #expect(event.url == booking.url)
        #expect(event.location == booking.location)
        #expect(event.description == booking.description)
        #expect(event.summary == booking.summary)
    }

    @Test(arguments: [
        // 15:00Z on 3 Nov 2026 is 09:00 CST, 16:00 CET, 20:30 IST.
        ("America/Chicago", "20261103T090000"),
        ("Europe/Berlin", "20261103T160000"),
        ("Asia/Kolkata", "20261103T203000"),
        ("Australia/Lord_Howe", "20261104T020000"),
    ])
    func startIsWrittenInTheZoneWithAPlainIANAVTimezone(zone: String, local: String) throws {
        var booking = booking
        booking.timeZone = zone
        let stored = try booking.storedObject()
        #expect(!stored.text.contains("freeassociation"))
        #expect(stored.text.contains("DTSTART;TZID=\(zone):\(local)"))
        #expect(stored.text.contains("TZID:\(zone)\r\n"))
        let event = try #require(stored.events.first)
        #expect(event.start?.instant == booking.start)
        #expect(event.end?.instant == booking.end)
        // The VTIMEZONE is trimmed to the rules that matter now, not every rule since 1883.
        #expect(stored.text.utf8.count < 4_000)
        let busy = try stored.busyIntervals(from: booking.start.addingTimeInterval(-86_400), to: booking.end.addingTimeInterval(86_400))
        #expect(busy == [BusyInterval(start: booking.start, end: booking.end)])
    }

    @Test func aUTCBookingNeedsNoTimezone() throws {
        var booking = booking
        booking.timeZone = "UTC"
        let stored = try booking.storedObject()
        #expect(stored.text.contains("DTSTART:20261103T150000Z"))
        #expect(!stored.text.contains("VTIMEZONE"))
    }

    @Test func theRequestAsksTheAttendeeToReply() throws {
        let request = try booking.request()
        #expect(request.method == "REQUEST")
        let attendee = try #require(request.events.first?.properties.first { $0.name == "ATTENDEE" })
        #expect(attendee.parameter("RSVP") == "TRUE")
        #expect(attendee.parameter("PARTSTAT") == "NEEDS-ACTION")
        #expect(attendee.parameter("SCHEDULE-AGENT") == nil)
        #expect(request.text.components(separatedBy: "SEQUENCE:").count == 2, "exactly one SEQUENCE line")
    }

    @Test func theCancellationKeepsTheUIDRaisesTheSequenceAndSaysCancelled() throws {
        let request = try booking.request()
        let cancel = try booking.cancelled(stamp: Fixtures.date("2026-11-01T10:00:00Z")).cancellation()
        #expect(cancel.method == "CANCEL")
        let before = try #require(request.events.first)
        let after = try #require(cancel.events.first)
        #expect(after.uid == before.uid)
        #expect(after.sequence == before.sequence + 1)
        #expect(after.status == "CANCELLED")
    }

    @Test func aRescheduleKeepsTheUIDAndRaisesTheSequence() throws {
        let moved = booking.rescheduled(
            start: Fixtures.date("2026-11-04T15:00:00Z"), end: Fixtures.date("2026-11-04T16:00:00Z"),
            stamp: Fixtures.date("2026-11-01T10:00:00Z"))
        let event = try #require(try moved.request().events.first)
        #expect(event.uid == booking.uid)
        #expect(event.sequence == 1)
        #expect(event.start?.local == "20261104T090000")
    }

    @Test func aSessionThatEndsBeforeItStartsIsRefused() {
        var booking = booking
        booking.end = booking.start
        #expect(throws: ICalError.self) { try booking.storedObject() }
    }

    @Test func anUnknownZoneIsRefused() {
        var booking = booking
        booking.timeZone = "Mars/Olympus_Mons"
        #expect { try booking.storedObject() } throws: { ($0 as? ICalError)?.code == .unknownTimeZone }
    }

    @Test(arguments: ["ACCEPTED", "DECLINED", "TENTATIVE"])
    func aReplyIsRead(partstat: String) throws {
        let reply = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Mail client//EN\r
            METHOD:REPLY\r
            BEGIN:VEVENT\r
            UID:booking-42@supportcal.example\r
            DTSTAMP:20261101T100000Z\r
            SEQUENCE:1\r
            ORGANIZER:mailto:support@vendor.example\r
            ATTENDEE;PARTSTAT=\(partstat);CN=Eve:mailto:eve@orsted.example\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let parsed = try ITIPReply(parsing: reply)
        #expect(parsed.uid == "booking-42@supportcal.example")
        #expect(parsed.participationStatus == partstat)
        #expect(parsed.attendee.email == "eve@orsted.example")
        #expect(parsed.sequence == 1)
    }

    @Test func aRequestIsNotAReply() throws {
        let request = try booking.request()
        #expect { try ITIPReply(parsing: request.text) } throws: { ($0 as? ICalError)?.code == .invalidValue }
    }
}

extension BookingEventTests {
    @Test(arguments: ["America/Chicago", "Europe/Berlin", "UTC"])
    func everyEmittedFormReadsBackIdentically(zone: String) throws {
        var booking = booking
        booking.timeZone = zone
        for document in [try booking.storedObject(), try booking.request(), try booking.cancelled(stamp: booking.stamp).cancellation()] {
            #expect(try ICalDocument(parsing: document.text) == document)
        }
    }
}

@Suite struct BookingEventMergeTests {
    @Test func aRewriteKeepsTheStaffMembersAlarmNotesAndXPropertiesButTakesOurTimes() throws {
        let original = try SampleBooking.make().storedObject()
        // What a calendar app writes back after the staff member added an alarm, a note,
        // an app property and dragged the event an hour later.
        let edited = original.text
            .replacingOccurrences(of: "DTSTART;TZID=America/Chicago:20261103T090000", with: "DTSTART;TZID=America/Chicago:20261103T100000")
            .replacingOccurrences(
                of: "DTEND;TZID=America/Chicago:20261103T100000\r\n",
                with:
                    "DTEND;TZID=America/Chicago:20261103T110000\r\nX-MOZ-GENERATION:3\r\nCOMMENT:bring the crate "
                    + "drawings\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Session soon\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n"
            )
        let staffCopy = try ICalDocument(parsing: edited)
        #expect(staffCopy.events.first?.start?.local == "20261103T100000")

        let moved = SampleBooking.make(start: "2026-11-04T17:00:00Z", end: "2026-11-04T18:00:00Z", sequence: 1)
        let merged = try moved.storedObject(preserving: staffCopy)
        let event = try #require(merged.events.first)
        #expect(merged.events.count == 1)
        #expect(event.start?.instant == moved.start)
        #expect(event.end?.instant == moved.end)
        #expect(event.sequence == 1)
        #expect(event.componentNames == ["VALARM"])
        #expect(event.property("X-MOZ-GENERATION")?.value == "3")
        #expect(event.property("COMMENT")?.value == "bring the crate drawings")
        #expect(event.property(BookingEvent.bookingIDProperty)?.value == "bk_42")
        #expect(event.properties.filter { $0.name == "DTSTART" }.count == 1)
        #expect(event.properties.filter { $0.name == "ATTENDEE" }.count == 1)
        #expect(merged.method == nil)
        #expect(merged.componentNames.filter { $0 == "VTIMEZONE" }.count == 1)
    }

    @Test func withoutOurEventTheStoredFormIsWritten() throws {
        let unrelated = try ICalDocument(
            parsing:
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:other\r\nDTSTART:20261103T150000Z\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        let booking = SampleBooking.make()
        #expect(try booking.storedObject(preserving: unrelated) == (try booking.storedObject()))
    }
}
