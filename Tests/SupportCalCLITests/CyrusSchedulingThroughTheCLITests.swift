import Curl
import Foundation
import ICal
import TestSupport
import Testing

/// Cyrus implements RFC 6638 implicit scheduling: an event whose ORGANIZER is the calendar
/// owner (the test command makes `support@vendor.example` one of the staff user's
/// addresses) is emailed by Cyrus itself to each attendee, unless the attendee says
/// `SCHEDULE-AGENT=CLIENT`. SupportCal sends its own invitations, so Cyrus must send none:
/// its sendmail stand-in captures what it would have sent.
@Suite struct CyrusSchedulingThroughTheCLITests {
    func captured() throws -> [String] {
        let folder = try TestServers.cyrusSentMail()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// The stand-in really is in Cyrus's path: a plain attendee of an owner-organized event is
    /// mailed by Cyrus; the same event with `SCHEDULE-AGENT=CLIENT` is not.
    @Test func cyrusMailsAPlainAttendeeButNotAClientScheduledOne() async throws {
        let setup = try await SyncThroughTheCLITests.Setup(.cyrus)
        defer { setup.workspace.remove() }
        func event(_ uid: String, _ attendee: String) -> String {
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//probe//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261201T000000Z\r\n"
                + "DTSTART:20261210T150000Z\r\nDTEND:20261210T160000Z\r\nSUMMARY:Probe\r\nORGANIZER:mailto:support@vendor.example\r\n"
                + "\(attendee)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }
        let plainUID = "plain-\(UUID())@probe.example"
        let before = try captured().count
        #expect([201, 204].contains(try await setup.put(named: "plain.ics", event(plainUID, "ATTENDEE:mailto:plain@probe.example"))))
        let afterPlain = try captured()
        #expect(afterPlain.count == before + 1)
        #expect(afterPlain.last?.contains("plain@probe.example") == true && afterPlain.last?.contains(plainUID) == true)

        let clientUID = "client-\(UUID())@probe.example"
        let put = try await setup.put(named: "client.ics", event(clientUID, "ATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:client@probe.example"))
        #expect([201, 204].contains(put))
        #expect(try captured().count == before + 1)
    }

    /// A booking, its reschedule by staff, a staff move noticed by sync, and the
    /// cancellation: every write SupportCal makes to the calendar leaves Cyrus silent.
    @Test func noBookingWriteMakesCyrusSendMail() async throws {
        let setup = try await SyncThroughTheCLITests.Setup(.cyrus)
        defer { setup.workspace.remove() }
        let id = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let before = try captured().filter { $0.contains(id) || $0.contains("eve@acme.example") }
        #expect(before.isEmpty)
        #expect(try await setup.get(id).status == 200)
        _ = try SyncThroughTheCLITests().sync(setup, now: "2026-12-01T12:01:00Z")
        try setup.workspace.ok(["reschedule", id, "--start", "2026-12-03T16:00:00Z", "--by", "staff"], now: "2026-12-01T12:10:00Z")
        let rescheduled = try ICalDocument(parsing: try await setup.get(id).text)
        #expect(rescheduled.events.first?.start?.instant == SampleBooking.date("2026-12-03T16:00:00Z"))
        _ = try SyncThroughTheCLITests().sync(setup, now: "2026-12-01T12:20:00Z")
        try setup.workspace.ok(["cancel", id, "--by", "staff"], now: "2026-12-01T12:30:00Z")
        _ = try SyncThroughTheCLITests().sync(setup, now: "2026-12-01T12:40:00Z")

        #expect(try captured().filter { $0.contains("eve@acme.example") }.isEmpty, "Cyrus sent nothing to the customer")
        let ours = setup.workspace.files(in: setup.workspace.mailFolder).count
        #expect(ours >= 3, "SupportCal itself sent the confirmation, the move and the cancellation")
    }
}
