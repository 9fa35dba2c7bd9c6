import Foundation
import ICal
import TestSupport
import Testing

@Suite struct StoreAndCalendarThroughTheCLITests {
    func workspace(hours: String? = nil, contacts: Int = 1) throws -> CLIWorkspace {
        let workspace = try hours.map { try CLIWorkspace(hours: $0) } ?? CLIWorkspace()
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme Crating"])
        for index in 0..<contacts {
            try workspace.ok([
                "contacts", "add", "--company", "acme", "--email", "c\(index)@acme.example", "--name", "Contact \(index)", "--tz",
                "America/New_York",
            ])
        }
        return workspace
    }

    @Test func twentyProcessesRacingForTheLastSlotMakeExactlyOneBooking() async throws {
        // Dana works one hour that Wednesday: one 60-minute slot in the whole day.
        let workspace = try workspace(hours: #"{ wed = ["09:00-10:00"] }"#, contacts: 20)
        defer { workspace.remove() }
        let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try workspace.run(
                        [
                            "book", "--contact", "c\(index)@acme.example", "--kind", "live-session", "--length", "60",
                            "--start", "2026-12-02T15:00:00Z",
                        ], now: "2026-12-01T12:00:00Z")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let accepted = results.filter { $0.status == 0 }
        let refused = results.filter { $0.status == 3 }
        #expect(accepted.count == 1, "\(results.map { "\($0.status): \($0.stdout)\($0.stderr)" })")
        #expect(refused.count == 19)
        #expect(refused.allSatisfy { $0.stdout.contains("refused (slot-taken)") })
        let listed = try workspace.ok(["bookings", "list", "--json"])
        #expect(listed.components(separatedBy: "\"id\"").count - 1 == 1)
        #expect(workspace.files(in: workspace.calendarFolder()).count == 1)
    }

    @Test func theEventFollowsTheBookingInTheStaffVdir() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "c0@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let file = workspace.calendarFolder().appendingPathComponent("\(id)@supportcal.ics")
        func event() throws -> ICalEvent {
            let document = try ICalDocument(parsing: try String(contentsOf: file, encoding: .utf8))
            #expect(document.method == nil)
            return try #require(document.events.first)
        }
        var current = try event()
        #expect(current.start?.instant == SampleBooking.date("2026-12-02T15:00:00Z"))
        #expect(current.end?.instant == SampleBooking.date("2026-12-02T16:00:00Z"))
        #expect(current.start?.form == .zoned(tzid: "America/Chicago"))
        #expect(current.start?.local == "20261202T090000")
        #expect(current.property("X-SUPPORTCAL-BOOKING-ID")?.value == id)
        #expect(current.properties.first { $0.name == "ATTENDEE" }?.parameter("SCHEDULE-AGENT") == "CLIENT")

        try workspace.ok(["reschedule", id, "--start", "2026-12-03T17:00:00Z"], now: "2026-12-01T13:00:00Z")
        current = try event()
        #expect(current.start?.instant == SampleBooking.date("2026-12-03T17:00:00Z"))
        #expect(current.sequence == 1)
        #expect(workspace.files(in: workspace.calendarFolder()).count == 1)

        try workspace.ok(["cancel", id], now: "2026-12-01T14:00:00Z")
        #expect(workspace.files(in: workspace.calendarFolder()).isEmpty)
    }

    @Test func anEventPlantedInTheVdirBlocksTheSlotsItCovers() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        try workspace.ok(["init"])
        func starts() throws -> [String] {
            struct Row: Decodable { var start: String }
            struct Answer: Decodable { var slots: [Row] }
            let output = try workspace.ok(
                ["slots", "--kind", "live-session", "--length", "60", "--from", "2026-12-02T15:00:00Z", "--days", "1", "--json"],
                now: "2026-12-01T12:00:00Z")
            return try JSONDecoder().decode(Answer.self, from: Data(output.utf8)).slots.map(\.start).filter { $0.hasPrefix("2026-12-02") }
        }
        let before = try starts()
        #expect(before.contains("2026-12-02T17:00:00Z"))
        // Staff's own dentist appointment, 11:00–12:00 in Chicago (17:00–18:00Z), written by their calendar app.
        let dentist =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//khal//EN\r\nBEGIN:VEVENT\r\nUID:dentist@dana\r\n"
            + "DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=America/Chicago:20261202T110000\r\n"
            + "DTEND;TZID=America/Chicago:20261202T120000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try Data(dentist.utf8).write(to: workspace.calendarFolder().appendingPathComponent("dentist.ics"))
        let after = try starts()
        for blocked in [
            "2026-12-02T16:15:00Z", "2026-12-02T16:30:00Z", "2026-12-02T16:45:00Z", "2026-12-02T17:00:00Z", "2026-12-02T17:45:00Z",
        ] {
            #expect(before.contains(blocked))
            #expect(!after.contains(blocked), "\(blocked) overlaps the dentist")
        }
        #expect(after.contains("2026-12-02T16:00:00Z"))
        #expect(after.contains("2026-12-02T18:00:00Z"))
        let refused = try workspace.run(
            ["book", "--contact", "c0@acme.example", "--kind", "live-session", "--start", "2026-12-02T17:00:00Z"],
            now: "2026-12-01T12:00:00Z")
        #expect(refused.status == 3)
    }

    @Test(arguments: [
        ("[policy]\ncancellation_cutoff = 65\n", "policy.cancellation_cutoff"),
        (
            "[[staff]]\nkey = \"x\"\nname = \"X\"\nemail = \"x@v.example\"\ntime_zone = \"Chicago\"\nhours = { mon = [\"09:00-17:00\"] }\n",
            "staff[1].time_zone"
        ),
    ])
    func aConfigurationWithAWrongKeyOrZoneIsRefusedWithTheKeyNamed(extra: String, key: String) throws {
        let workspace = try CLIWorkspace(extra: extra)
        defer { workspace.remove() }
        let result = try workspace.run(["bookings", "list"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(key), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aMissingConfigurationSaysWhereItLooked() throws {
        let result = try SupportCalBinary.run(["bookings", "list", "--config", "/nonexistent/supportcal.toml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/supportcal.toml"))
    }

    /// Reminders pile up in the outbox; sweeps are killed at several points and re-run.
    /// In the end every message is delivered once, and each calendar event exists once.
    @Test func anInterruptedSweepLosesNothingAndSendsNothingTwice() async throws {
        // Four reminders per booking make a backlog worth interrupting.
        let workspace = try CLIWorkspace(extra: "[policy]\nreminder_hours_before = [72, 48, 24, 2]\n")
        defer { workspace.remove() }
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme Crating"])
        try workspace.ok([
            "contacts", "add", "--company", "acme", "--email", "c0@acme.example", "--name", "Contact", "--tz", "America/New_York",
        ])
        var ids: [String] = []
        for day in 9...11 {
            for hour in 15...22 {
                ids.append(
                    try workspace.book(contact: "c0@acme.example", start: "2026-12-\(day)T\(hour):00:00Z", now: "2026-11-20T12:00:00Z"))
            }
        }
        #expect(workspace.files(in: workspace.mailFolder).count == ids.count, "one confirmation per booking, delivered by `book`")
        // At 14:50Z on 9 December, before any session starts, these reminders are due:
        // 72 h: all 24; 48 h: the 16 on the 9th and 10th; 24 h: the 8 on the 9th;
        // 2 h: the 15:00Z and 16:00Z sessions on the 9th. 50 in all.
        let sweepNow = "2026-12-09T14:50:00Z"
        for delay in [0.05, 0.15, 0.3, 0.6] {
            let process = Process()
            process.executableURL = SupportCalBinary.url
            process.arguments = ["sweep", "--config", workspace.config.path, "--now", sweepNow]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .seconds(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try workspace.run(["sweep", "--json"], now: sweepNow)
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        let again = try workspace.ok(["sweep", "--json"], now: sweepNow)
        #expect(again.contains("\"delivered\" : 0"), "a second full sweep has nothing left to do")

        let mails = workspace.files(in: workspace.mailFolder)
        #expect(mails.count == ids.count + 50, "\(mails.count) messages")
        var messageIDs: Set<String> = []
        for name in mails {
            let text = try String(contentsOf: workspace.mailFolder.appendingPathComponent(name), encoding: .utf8)
            if let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Message-ID:") }) { messageIDs.insert(String(line)) }
        }
        #expect(messageIDs.count == mails.count, "every message is distinct")
        #expect(workspace.files(in: workspace.calendarFolder()).count == ids.count)
    }
}
