import Foundation
import TestSupport
import Testing

/// Customers' emails through the real binary and the real SMTP server (aiosmtpd), read
/// back with Python's `email` package and `icalendar`, and fed to a real iMIP consumer
/// (`xandikos import-imip`).
///
/// Chicago leaves daylight saving time on Sunday 1 November 2026: a session on Friday
/// 30 October at 15:00Z is 10:00 AM UTC-5, one on Tuesday 3 November at 16:00Z is
/// 10:00 AM UTC-6.
@Suite struct MailThroughTheCLITests {
    /// A workspace sending over the plain SMTP listener, with a free-plan company and one
    /// contact whose address no other test uses (the server's spool is shared).
    func workspace(mail: String? = nil) throws -> (CLIWorkspace, String) {
        let workspace = try CLIWorkspace(mail: try mail ?? "smtp_url = \"\(TestServers.smtp())\"")
        let contact = "eve-\(UUID().uuidString.prefix(8).lowercased())@orsted.example"
        try workspace.ok(
            [
                "companies", "add", "--id", "orsted", "--name", "Ørsted Crating", "--plan", "free", "--code", "ORST-CODE-1",
                "--plan-until", "2027-12-31",
            ], now: "2026-10-01T00:00:00Z")
        try workspace.ok(["contacts", "add", "--company", "orsted", "--email", contact, "--name", "Eve Ørsted", "--tz", "America/Chicago"])
        return (workspace, contact)
    }

    func received(_ contact: String) throws -> [SentMail] {
        try SentMail.read(try TestServers.smtpSpool(), to: contact, zone: "America/Chicago")
    }

    func link(_ label: String, in text: String) -> String? {
        text.components(separatedBy: "\n").first { $0.hasPrefix(label + ": ") }.map { String($0.dropFirst(label.count + 2)) }
    }

    @Test func invitationsKeepTheirUIDRaiseTheSequenceAndShowLocalTimeAcrossDST() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: contact, start: "2026-10-30T15:00:00Z", code: "ORST-CODE-1", now: "2026-10-20T12:00:00Z")
        try workspace.ok(["sweep"], now: "2026-10-29T15:00:00Z")
        try workspace.ok(["sweep"], now: "2026-10-30T13:00:00Z")
        try workspace.ok(["reschedule", id, "--start", "2026-11-03T16:00:00Z"], now: "2026-10-30T13:05:00Z")
        try workspace.ok(["cancel", id], now: "2026-10-31T12:00:00Z")

        let mail = try received(contact)
        #expect(mail.map(\.kind).sorted() == ["cancelled", "confirmation", "reminder-24h", "reminder-2h", "reschedule-confirmation"])
        #expect(Set(mail.map(\.message_id)).count == mail.count)
        for message in mail {
            #expect(message.envelope_to == contact, "one recipient, the contact")
            #expect(message.to == [contact] && message.to_names == ["Eve Ørsted"])
            // (Line ends are not checked here: the test server's spool stores LF.)
            #expect(message.longest_raw_line <= 78)
            #expect(message.text.contains("Booking reference: \(id)"))
        }

        let invitations = mail.filter { $0.calendar != nil }.sorted { $0.calendar!.events[0].sequence < $1.calendar!.events[0].sequence }
        #expect(invitations.map(\.kind) == ["confirmation", "reschedule-confirmation", "cancelled"])
        #expect(invitations.map { $0.calendar!.method } == ["REQUEST", "REQUEST", "CANCEL"])
        #expect(invitations.map { $0.calendar!.events[0].sequence } == [0, 1, 2])
        #expect(Set(invitations.map { $0.calendar!.events[0].uid }).count == 1, "one UID for the booking's life")
        #expect(invitations.last?.calendar?.events[0].status == "CANCELLED")
        for message in invitations {
            let calendar = try #require(message.calendar)
            let event = try #require(calendar.events.first)
            #expect(
                message.structure == [
                    "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics",
                ])
            #expect(message.method_param == calendar.method, "Gmail and Thunderbird require method= to equal METHOD")
            #expect(message.attachment_same_as_calendar == true)
            #expect(calendar.events.count == 1 && calendar.sequence_lines == 1)
            #expect(calendar.crlf_only && calendar.longest_line_octets <= 75)
            #expect(event.dtstamp && event.organizer == "mailto:support@vendor.example")
            for tzid in event.tzids {
                #expect(calendar.vtimezones.contains(tzid), "every TZID has its VTIMEZONE")
                #expect(TimeZone(identifier: tzid) != nil && !tzid.hasPrefix("/"), "a plain IANA name")
            }
            if calendar.method == "REQUEST" {
                #expect(event.attendees.map(\.address) == ["mailto:\(contact)"])
                #expect(event.attendees.first?.rsvp == "TRUE" && event.attendees.first?.partstat == "NEEDS-ACTION")
            }
            // The body shows the start as zoneinfo converts it into the contact's zone.
            #expect(message.text.contains(event.start_local), "\(event.start_local) in \(message.text)")
            #expect(message.html.contains(event.start_local))
        }
        try expectReadAlikeByLibicalAndThunderbird(invitations)
        #expect(invitations[0].calendar?.events[0].start_local == "10:00 AM UTC-5 (America/Chicago)")
        #expect(invitations[1].calendar?.events[0].start_local == "10:00 AM UTC-6 (America/Chicago)")
        #expect(invitations[1].text.contains("It was booked for 10:00 AM UTC-5 (America/Chicago) on Friday, 30 October 2026."))

        for reminder in mail.filter({ $0.kind.hasPrefix("reminder") }) {
            #expect(reminder.structure == ["multipart/alternative", "text/plain", "text/html"], "no second iTIP object")
            #expect(reminder.auto_submitted == "auto-generated")
            #expect(reminder.text.contains("10:00 AM UTC-5 (America/Chicago) on Friday, 30 October 2026"))
            #expect(link("Cancel", in: reminder.text) != nil)
        }
        #expect(link("Cancel", in: invitations[2].text) == nil, "a cancelled session has no cancel link")
    }

    @Test func theCancelLinkWorksUntilTheCutoffAndNotAfterOrAltered() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: contact, start: "2026-12-02T15:00:00Z", code: "ORST-CODE-1", now: "2026-12-01T12:00:00Z")
        let confirmation = try #require(try received(contact).first { $0.kind == "confirmation" })
        let cancel = try #require(link("Cancel", in: confirmation.text))
        #expect(confirmation.text.contains("These links work until 7:55 AM UTC-6 (America/Chicago) on Wednesday, 2 December 2026."))

        struct Report: Decodable {
            var valid: Bool
            var booking: String?
            var action: String?
            var problem: String?
        }
        func check(_ link: String, now: String) throws -> (Int32, Report) {
            let result = try workspace.run(["links", "check", link, "--json"], now: now)
            return (result.status, try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8)))
        }
        let valid = try check(cancel, now: "2026-12-02T13:54:59Z")
        #expect(valid.0 == 0 && valid.1.valid && valid.1.booking == id && valid.1.action == "cancel")
        let late = try check(cancel, now: "2026-12-02T13:55:00Z")
        #expect(late.0 == 1 && late.1.problem?.contains("expired") == true)
        var altered = Array(cancel)
        altered[altered.count - 20] = altered[altered.count - 20] == "A" ? "B" : "A"
        let forged = try check(String(altered), now: "2026-12-02T12:00:00Z")
        #expect(forged.0 == 1 && forged.1.booking == nil && forged.1.problem?.contains("not valid") == true)

        try workspace.ok(["links", "rotate-key"], now: "2026-12-02T12:00:00Z")
        #expect(try check(cancel, now: "2026-12-02T12:00:00Z").0 == 1, "a new key revokes every link sent")
    }

    @Test func noShowSuspensionAndReinstatementNoticesArriveAndNoReminderComesLate() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        _ = try workspace.book(contact: contact, start: "2026-11-04T15:00:00Z", code: "ORST-CODE-1", now: "2026-11-04T12:00:00Z")
        try workspace.ok(["sweep"], now: "2026-11-04T15:10:00Z")
        _ = try workspace.book(contact: contact, start: "2026-11-05T15:00:00Z", code: "ORST-CODE-1", now: "2026-11-04T16:00:00Z")
        try workspace.ok(["sweep"], now: "2026-11-05T15:10:00Z")
        try workspace.ok(["reinstate", "orsted", "--payment-ref", "INV-7"], now: "2026-11-05T16:00:00Z")

        let mail = try received(contact)
        let subjects = mail.map(\.subject)
        #expect(subjects.filter { $0.hasPrefix("Missed session") }.count == 2)
        let suspension = try #require(mail.first { $0.subject.hasPrefix("Online booking of free sessions is suspended") })
        #expect(suspension.text.contains("$100.00"))
        #expect(mail.contains { $0.subject == "Online booking restored for Ørsted Crating" })
        // The 2-hour reminder of the first session fell due at 13:00Z, after the booking at
        // 12:00Z, but was only swept at 15:10Z, after the start: it is dropped, not sent late.
        #expect(!mail.contains { $0.kind == "reminder-2h" && $0.text.contains("Wednesday, 4 November") })
        for notice in mail where !notice.kind.hasPrefix("confirmation") && notice.calendar == nil {
            #expect(notice.structure == ["multipart/alternative", "text/plain", "text/html"])
        }
    }

    @Test func aDeclinedEmergencyPlacementIsReleasedByTheCalendarReply() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        let placed = try workspace.ok(
            ["emergency", "place", "--contact", contact, "--start", "2026-12-02T19:15:00Z", "--staff", "dana", "--json"],
            now: "2026-12-02T18:30:00Z")
        struct Placed: Decodable { var id: String }
        let id = try JSONDecoder().decode(Placed.self, from: Data(placed.utf8)).id
        let invitation = try #require(try received(contact).first { $0.kind == "emergency-placement" })
        #expect(invitation.calendar?.method == "REQUEST")
        #expect(invitation.text.contains("1:15 PM UTC-6 (America/Chicago)") && invitation.text.contains("at once"))
        #expect(link("Cannot make it? Tell us at once", in: invitation.text)?.contains("/b/") == true)
        let event = try #require(invitation.calendar?.events.first)

        // What Thunderbird sends when Eve clicks "Decline".
        let reply = """
            From: Eve Ørsted <\(contact)>\r
            To: support@vendor.example\r
            Subject: Declined: \(invitation.subject)\r
            MIME-Version: 1.0\r
            Content-Type: text/calendar; charset=UTF-8; method=REPLY\r
            Content-Transfer-Encoding: 8bit\r
            \r
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r
            METHOD:REPLY\r
            BEGIN:VEVENT\r
            UID:\(event.uid)\r
            SEQUENCE:\(event.sequence)\r
            DTSTAMP:20261202T183500Z\r
            DTSTART:20261202T191500Z\r
            ATTENDEE;PARTSTAT=DECLINED;CN=Eve Ørsted:mailto:\(contact)\r
            ORGANIZER:mailto:support@vendor.example\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let file = workspace.folder.appendingPathComponent("reply.eml")
        try Data(reply.utf8).write(to: file)
        let ingested = try workspace.ok(["mail", "ingest", file.path], now: "2026-12-02T18:40:00Z")
        #expect(ingested.contains("\(id): released"))
        #expect(try workspace.ok(["bookings", "show", id], now: "2026-12-02T18:41:00Z").contains("cancelled-by-customer"))

        let cancellation = try #require(try received(contact).first { $0.calendar?.method == "CANCEL" })
        #expect(cancellation.calendar?.events.first?.uid == event.uid)
        #expect((cancellation.calendar?.events.first?.sequence ?? 0) > event.sequence)
        // Ingesting the same reply again changes nothing.
        #expect(try workspace.ok(["mail", "ingest", file.path], now: "2026-12-02T18:42:00Z").contains("noted"))
    }

    @Test func xandikosImportsTheInvitationAndTheCancellationRemovesIt() throws {
        let workspace = try CLIWorkspace()
        defer { workspace.remove() }
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme", "--plan", "none"], now: "2026-10-01T00:00:00Z")
        try workspace.ok(["contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Europe/Berlin"])
        let id = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        try workspace.ok(["cancel", id], now: "2026-12-01T13:00:00Z")

        let messages = workspace.files(in: workspace.mailFolder).map { workspace.mailFolder.appendingPathComponent($0) }
        for message in messages {
            let bytes = try Data(contentsOf: message)
            #expect(
                !String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"),
                "CRLF only, as RFC 5322 requires")
        }
        let request = try #require(
            messages.first { (try? String(contentsOf: $0, encoding: .utf8))?.contains(".0.confirmation@supportcal") == true })
        let cancel = try #require(
            messages.first { (try? String(contentsOf: $0, encoding: .utf8))?.contains(".cancelled@supportcal") == true })
        let store = workspace.folder.appendingPathComponent("xandikos")
        func importIMIP(_ file: URL) throws {
            let result = try runProcess(
                try TestServers.python(), ["-m", "xandikos", "import-imip", "-d", store.path, "--principal", "/user/", "--autocreate"],
                stdin: try String(contentsOf: file, encoding: .utf8))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("Inbox auto-apply"), "\(result.stderr)")
        }
        func calendarEvent() throws -> String? {
            let folder = store.appendingPathComponent("user/calendars/calendar")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ics") }
                .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
                .first { $0.contains("UID:\(id)@supportcal") }
        }
        try importIMIP(request)
        let added = try #require(try calendarEvent(), "the REQUEST put the session in the calendar")
        #expect(!added.contains("STATUS:CANCELLED"))
        try importIMIP(cancel)
        #expect(try calendarEvent()?.contains("STATUS:CANCELLED") == true, "the CANCEL for the same UID cancels it")
    }

    @Test func mailWaitsWhileTheServerIsDownAndGoesOutOnceWhenItIsBack() throws {
        let down = "smtp_url = \"smtp://127.0.0.1:\(try ClosedPort.find())\""
        let (workspace, contact) = try workspace(mail: down)
        defer { workspace.remove() }
        let booked = try workspace.ok(
            ["book", "--contact", contact, "--kind", "live-session", "--start", "2026-12-02T15:00:00Z", "--code", "ORST-CODE-1", "--json"],
            now: "2026-12-01T12:00:00Z")
        struct Delivery: Decodable {
            var delivered: Int
            var retrying: Int
            var problems: [String]
        }
        struct Booked: Decodable { var delivery: Delivery }
        let first = try JSONDecoder().decode(Booked.self, from: Data(booked.utf8)).delivery
        #expect(first.retrying == 1 && first.problems.contains { $0.contains("could not connect") })
        #expect(try received(contact).isEmpty)

        // The server is back (the configuration now names the listening port).
        let text = try String(contentsOf: workspace.config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: down, with: "smtp_url = \"\(try TestServers.smtp())\"").utf8).write(to: workspace.config)
        try workspace.ok(["sweep"], now: "2026-12-01T12:00:30Z")
        #expect(try received(contact).isEmpty, "not before its backoff")
        try workspace.ok(["sweep"], now: "2026-12-01T12:02:00Z")
        try workspace.ok(["sweep"], now: "2026-12-01T12:30:00Z")
        let mail = try received(contact)
        #expect(mail.map(\.kind) == ["confirmation"], "sent once")
    }

    @Test func aNameWithALineBreakCannotAddARecipientOverSTARTTLSWithAuth() throws {
        let mail = """
            smtp_url = "\(try TestServers.smtpStartTLS())"
            smtp_security = "starttls"
            smtp_user = "\(TestServers.user)"
            smtp_password_file = "\(try TestServers.value("SUPPORTCAL_TEST_PASSWORD_FILE"))"
            smtp_ca_file = "\(try TestServers.smtpCA())"
            """
        let workspace = try CLIWorkspace(mail: mail)
        defer { workspace.remove() }
        let contact = "eve-\(UUID().uuidString.prefix(8).lowercased())@orsted.example"
        try workspace.ok(
            ["companies", "add", "--id", "acme", "--name", "Acme\r\nBcc: victim@example.com", "--plan", "none"], now: "2026-10-01T00:00:00Z"
        )
        try workspace.ok([
            "contacts", "add", "--company", "acme", "--email", contact, "--name", "Eve\r\nBcc: victim@example.com", "--tz", "UTC",
        ])
        _ = try workspace.book(contact: contact, start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let message = try #require(try received(contact).first)
        #expect(!message.header_names.contains("bcc"))
        #expect(message.envelope_to == contact)
        #expect(message.to == [contact])
        #expect(message.to_names == ["EveBcc: victim@example.com"])
        #expect(
            message.text.contains("Hello Eve\r\nBcc: victim@example.com,") || message.text.contains("Hello Eve\nBcc: victim@example.com,"),
            "the body says what the name is; only headers must not")
        let envelope = try spoolHeaders(for: contact)
        #expect(envelope.contains("X-Envelope-Auth: True"))
        #expect(envelope.contains("X-Envelope-TLS: True"))
    }

    /// The X-Envelope-* lines the test server wrote for the recipient's message.
    private func spoolHeaders(for recipient: String) throws -> String {
        let new = try TestServers.smtpSpool().appendingPathComponent("new")
        for file in try FileManager.default.contentsOfDirectory(atPath: new.path) {
            let text = try String(contentsOf: new.appendingPathComponent(file), encoding: .utf8)
            if text.contains("X-Envelope-To: \(recipient)") { return text.components(separatedBy: "\r\n\r\n")[0] }
        }
        return ""
    }
}

/// `mail preview` and `mail ingest` on the embedded defaults (a Maildir, the key file).
@Suite struct MailCommandTests {
    func workspace() throws -> (CLIWorkspace, String) {
        let workspace = try CLIWorkspace()
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme", "--plan", "none"], now: "2026-10-01T00:00:00Z")
        try workspace.ok(["contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Asia/Kolkata"])
        let id = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        return (workspace, id)
    }

    @Test func previewPrintsExactlyWhatWasSent() throws {
        let (workspace, id) = try workspace()
        defer { workspace.remove() }
        let sent = try #require(workspace.files(in: workspace.mailFolder).first)
        let delivered = try String(contentsOf: workspace.mailFolder.appendingPathComponent(sent), encoding: .utf8)
        let preview = try workspace.ok(["mail", "preview", id, "--kind", "confirmation"], now: "2026-12-01T12:00:00Z")
        // The same bytes but for the Message-ID (and the boundary derived from it).
        func normalized(_ text: String) -> [String] {
            text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("Message-ID:") && !$0.contains("=_supportcal.") }
        }
        #expect(normalized(preview) == normalized(delivered))
        #expect(
            try workspace.ok(["mail", "preview", id, "--kind", "reminder", "--lead-minutes", "120", "--part", "subject"])
                == "Reminder: your 60-minute live session starts in 2 hours, at 8:30 PM\n")
        let text = try workspace.ok(["mail", "preview", id, "--kind", "confirmation", "--part", "text"], now: "2026-12-01T12:00:00Z")
        #expect(text.contains("8:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026"))
        let noCalendar = try workspace.run(["mail", "preview", id, "--kind", "reminder", "--part", "calendar"])
        #expect(noCalendar.status == 1 && noCalendar.stderr.contains("carries no calendar object"))
        #expect(try workspace.run(["mail", "preview", "b-nosuchbooking", "--kind", "confirmation"]).status == 1)
    }

    @Test(arguments: [
        "", "Subject: hello\r\n\r\nNot a calendar reply.\r\n",
        "Content-Type: text/calendar; "
            + "method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x@elsewhere\r\n"
            + "ATTENDEE;PARTSTAT=DECLINED:mailto:eve@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ])
    func ingestRefusesWhatIsNotAReplyToOurBookingWithAReason(email: String) throws {
        let (workspace, id) = try workspace()
        defer { workspace.remove() }
        let file = workspace.folder.appendingPathComponent("in.eml")
        try Data(email.utf8).write(to: file)
        let result = try workspace.run(["mail", "ingest", file.path], now: "2026-12-01T13:00:00Z")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("supportcal: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try workspace.ok(["bookings", "show", id]).contains("confirmed"))
    }
}
