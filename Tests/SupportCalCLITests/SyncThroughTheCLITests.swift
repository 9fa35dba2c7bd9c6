import Curl
import Foundation
import ICal
import Store
import TestSupport
import Testing

/// Two-way sync with real CalDAV servers, driven through the `supportcal` binary, with a
/// staff member's calendar app played by plain HTTP requests.
@Suite struct SyncThroughTheCLITests {
    /// Every CalDAV server the test command starts; on SabreDAV, which has no
    /// sync-collection, `supportcal sync` goes through the ETag listing it falls back to.
    typealias Server = CalDAVTestServer

    /// A fresh calendar collection on `server` and a workspace whose staff member Dana uses it.
    struct Setup {
        var server: Server
        var workspace: CLIWorkspace
        var calendar: URL
        let http = HTTPClient(logger: testLogger)

        init(_ server: Server, calendarURL: URL? = nil) async throws {
            self.server = server
            calendar = try server.calendarHome.appendingPathComponent("sync-\(UUID().uuidString.prefix(8))/")
            let auth = try server.authentication
            let made = try await HTTPClient(logger: testLogger).send(
                HTTPRequest(method: "MKCALENDAR", url: calendar.absoluteString, authentication: auth))
            guard made.status == 201 else { throw CLIWorkspace.Failure(description: "MKCALENDAR \(made.status)") }
            let url = calendarURL ?? calendar
            workspace = try CLIWorkspace(
                calendar: """
                    [staff.calendar]
                    caldav_url = "\(url.absoluteString)"
                    user = "\(TestServers.user)"
                    password_env = "TEST_CALDAV_PASSWORD"
                    """)
            workspace.environment["TEST_CALDAV_PASSWORD"] = try TestServers.password()
            try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme Crating"])
            try workspace.ok([
                "contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Europe/Berlin",
            ])
        }

        var auth: HTTPAuthentication? {
            get throws { try server.authentication }
        }

        func objectURL(_ id: String) -> String { calendar.absoluteString + "\(id)%40supportcal.ics" }

        func get(_ id: String) async throws -> (text: String, status: Int) {
            let response = try await http.send(HTTPRequest(method: "GET", url: objectURL(id), authentication: try auth))
            return (response.bodyText, response.status)
        }

        /// What a calendar app does: PUT without If-Match.
        func put(_ id: String, _ text: String) async throws -> Int {
            try await put(named: "\(id)%40supportcal.ics", text)
        }

        func put(named name: String, _ text: String) async throws -> Int {
            try await http.send(
                HTTPRequest(
                    method: "PUT", url: calendar.absoluteString + name,
                    headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8")],
                    body: Array(text.utf8), authentication: try auth)
            ).status
        }

        func delete(_ id: String) async throws -> Int {
            try await http.send(HTTPRequest(method: "DELETE", url: objectURL(id), authentication: try auth)).status
        }

        /// The object names in the collection.
        func listing() async throws -> [String] {
            let response = try await http.send(
                HTTPRequest(method: "PROPFIND", url: calendar.absoluteString, headers: [HTTPHeader("Depth", "1")], authentication: try auth)
            )
            let hrefs = response.bodyText.components(separatedBy: "href>").filter {
                $0.hasSuffix(".ics</ns0:") || $0.hasSuffix(".ics</") || $0.hasSuffix(".ics</D:") || $0.contains(".ics<")
            }
            return hrefs.map { String($0.prefix { $0 != "<" }) }.map {
                ($0.removingPercentEncoding ?? $0).split(separator: "/").last.map(String.init) ?? $0
            }
        }

        func status(_ id: String) throws -> String {
            struct Detail: Decodable { var booking: View }
            struct View: Decodable {
                var status: String
                var start: String
            }
            return try JSONDecoder().decode(Detail.self, from: Data(try workspace.ok(["bookings", "show", id, "--json"]).utf8)).booking
                .status
        }

        func start(_ id: String) throws -> String {
            struct Detail: Decodable { var booking: View }
            struct View: Decodable { var start: String }
            return try JSONDecoder().decode(Detail.self, from: Data(try workspace.ok(["bookings", "show", id, "--json"]).utf8)).booking
                .start
        }
    }

    struct SyncSummary: Decodable {
        struct Calendar: Decodable {
            var staffReschedules: [String]
            var staffCancellations: [String]
            var skipped: [String]
            var anomaly: String?
            var changedObjects: Int
        }
        struct Outbox: Decodable {
            var delivered: Int
            var failed: Int
        }
        var calendars: [Calendar]
        var failures: [String]
        var outbox: Outbox
    }

    /// Eve's session on 2 December at 15:00Z (09:00 in Dana's Chicago), synced once.
    func bookedAndSynced(_ setup: Setup) throws -> String {
        let id = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        _ = try sync(setup, now: "2026-12-01T12:01:00Z")
        return id
    }

    func sync(_ setup: Setup, now: String) throws -> (SyncSummary, Int32) {
        let result = try setup.workspace.run(["sync", "--json"], now: now)
        let summary = try JSONDecoder().decode(SyncSummary.self, from: Data(result.stdout.utf8))
        return (summary, result.status)
    }

    @Test(arguments: Server.allCases)
    func aBookingIsOnTheStaffCalendarAndASecondSyncChangesNothing(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let (text, status) = try await setup.get(id)
        #expect(status == 200)
        let document = try ICalDocument(parsing: text)
        #expect(document.method == nil)
        let event = try #require(document.events.first)
        #expect(event.start?.instant == SampleBooking.date("2026-12-02T15:00:00Z"))
        #expect(event.end?.instant == SampleBooking.date("2026-12-02T16:00:00Z"))
        #expect(event.properties.first { $0.name == "ATTENDEE" }?.parameter("SCHEDULE-AGENT") == "CLIENT")

        let (first, firstStatus) = try sync(setup, now: "2026-12-01T12:05:00Z")
        #expect(firstStatus == 0)
        #expect(first.calendars.first?.staffReschedules.isEmpty == true)
        let (second, secondStatus) = try sync(setup, now: "2026-12-01T12:06:00Z")
        #expect(secondStatus == 0)
        #expect(second.calendars.first?.changedObjects == 0)
        #expect(second.outbox.delivered == 0)
        #expect(try setup.status(id) == "confirmed")
        #expect(try await setup.listing().count == 1)
    }

    @Test(arguments: Server.allCases)
    func aStaffMoveBecomesARescheduleAndTheirAlarmSurvivesOurNextWrite(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try bookedAndSynced(setup)
        let (text, _) = try await setup.get(id)
        let moved =
            text
            .replacingOccurrences(of: "DTSTART;TZID=America/Chicago:20261202T090000", with: "DTSTART;TZID=America/Chicago:20261202T110000")
            .replacingOccurrences(of: "DTEND;TZID=America/Chicago:20261202T100000", with: "DTEND;TZID=America/Chicago:20261202T120000")
            .replacingOccurrences(
                of: "END:VEVENT",
                with: "X-MOZ-LASTACK:20261201T120500Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Session soon\r\n"
                    + "TRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT")
        #expect(moved != text)
        #expect([200, 201, 204].contains(try await setup.put(id, moved)))

        let (summary, status) = try sync(setup, now: "2026-12-01T12:10:00Z")
        #expect(status == 0, "\(summary)")
        #expect(summary.calendars.first?.staffReschedules == [id])
        #expect(try setup.start(id) == "2026-12-02T17:00:00Z")
        #expect(try setup.status(id) == "rescheduled")
        let mails = setup.workspace.files(in: setup.workspace.mailFolder).map {
            (try? String(contentsOf: setup.workspace.mailFolder.appendingPathComponent($0), encoding: .utf8)) ?? ""
        }
        #expect(mails.contains { $0.contains("Subject: Moved:") }, "the customer is told")

        try setup.workspace.ok(["reschedule", id, "--start", "2026-12-03T16:00:00Z", "--by", "staff"], now: "2026-12-01T12:20:00Z")
        let after = try ICalDocument(parsing: try await setup.get(id).text)
        let event = try #require(after.events.first)
        #expect(event.start?.instant == SampleBooking.date("2026-12-03T16:00:00Z"))
        #expect(event.componentNames == ["VALARM"], "the alarm the staff member added is kept")
        #expect(event.property("X-MOZ-LASTACK")?.value == "20261201T120500Z", "so is their app's own property")
        #expect(try await setup.listing().count == 1)
    }

    @Test(arguments: Server.allCases)
    func aStaffDeletionBecomesAStaffCancellation(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let keep = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T17:00:00Z", now: "2026-12-01T12:00:00Z")
        _ = try sync(setup, now: "2026-12-01T12:01:00Z")
        #expect([200, 204].contains(try await setup.delete(id)))
        let (summary, status) = try sync(setup, now: "2026-12-01T12:10:00Z")
        #expect(status == 0, "\(summary)")
        #expect(summary.calendars.first?.staffCancellations == [id])
        #expect(try setup.status(id) == "cancelled-by-staff")
        #expect(try setup.status(keep) == "confirmed")
    }

    @Test(arguments: Server.allCases)
    func anEmptiedCalendarTripsTheSafetyStop(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        var ids: [String] = []
        for hour in [15, 17, 19, 21] {
            ids.append(
                try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T\(hour):00:00Z", now: "2026-12-01T12:00:00Z"))
        }
        _ = try sync(setup, now: "2026-12-01T12:01:00Z")
        for id in ids { _ = try await setup.delete(id) }
        let (summary, status) = try sync(setup, now: "2026-12-01T12:10:00Z")
        #expect(status == 1)
        #expect(summary.calendars.first?.anomaly?.contains("4 of 4 upcoming bookings") == true)
        #expect(summary.calendars.first?.staffCancellations.isEmpty == true)
        for id in ids { #expect(try setup.status(id) == "confirmed") }
    }

    @Test(arguments: Server.allCases)
    func aBookingMadeWhileTheServerIsDownIsDeliveredOnceItIsBack(server: Server) async throws {
        // Dana's calendar first points at a closed port: the server is "down".
        let down = URL(string: "http://127.0.0.1:\(try ClosedPort.find())/staff/cal/")!
        var setup = try await Setup(server, calendarURL: down)
        defer { setup.workspace.remove() }
        let result = try setup.workspace.run(
            [
                "book", "--contact", "eve@acme.example", "--kind", "live-session", "--length", "60",
                "--start", "2026-12-02T15:00:00Z", "--json",
            ], now: "2026-12-01T12:00:00Z")
        #expect(result.status == 0, "the booking stands: \(result.stderr)")
        struct Booked: Decodable { var id: String }
        let id = try JSONDecoder().decode(Booked.self, from: Data(result.stdout.utf8)).id
        let (failing, failingStatus) = try sync(setup, now: "2026-12-01T12:05:00Z")
        #expect(failingStatus == 1)
        #expect(!failing.failures.isEmpty)
        #expect(try setup.status(id) == "confirmed", "a failing server never cancels")

        // The server is back: the same configuration, pointing at the real collection.
        let text = try String(contentsOf: setup.workspace.config, encoding: .utf8).replacingOccurrences(
            of: down.absoluteString, with: setup.calendar.absoluteString)
        try Data(text.utf8).write(to: setup.workspace.config)
        setup.workspace.environment["TEST_CALDAV_PASSWORD"] = try TestServers.password()
        // The retry is due after the outbox backoff.
        let (recovered, status) = try sync(setup, now: "2026-12-01T14:00:00Z")
        #expect(status == 0, "\(recovered)")
        _ = try sync(setup, now: "2026-12-01T15:00:00Z")
        #expect(try await setup.listing() == ["\(id)@supportcal.ics"])
        #expect(try await setup.get(id).status == 200)
    }

    @Test(arguments: Server.allCases)
    func syncKilledAtSeveralPointsLeavesEveryBookingOnceOnTheServer(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        // Book with the calendar unreachable so the writes wait in the outbox for `sync`.
        var ids: [String] = []
        let text = try String(contentsOf: setup.workspace.config, encoding: .utf8)
        let down = "http://127.0.0.1:\(try ClosedPort.find())/staff/cal/"
        try Data(text.replacingOccurrences(of: setup.calendar.absoluteString, with: down).utf8).write(to: setup.workspace.config)
        for day in [2, 3] {
            for hour in [15, 16, 17, 18, 19, 20] {
                ids.append(
                    try setup.workspace.book(
                        contact: "eve@acme.example", start: "2026-12-0\(day)T\(hour):00:00Z", now: "2026-11-30T12:00:00Z"))
            }
        }
        try Data(text.utf8).write(to: setup.workspace.config)
        for delay in [0.1, 0.25, 0.5, 0.8] {
            let process = Process()
            process.executableURL = SupportCalBinary.url
            process.arguments = ["sync", "--config", setup.workspace.config.path, "--now", "2026-11-30T14:00:00Z"]
            var environment = ProcessInfo.processInfo.environment
            environment.merge(setup.workspace.environment) { $1 }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .seconds(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let (summary, status) = try sync(setup, now: "2026-11-30T14:00:00Z")
        #expect(status == 0, "\(summary)")
        _ = try sync(setup, now: "2026-11-30T15:00:00Z")
        let listing = try await setup.listing().sorted()
        #expect(listing == ids.map { "\($0)@supportcal.ics" }.sorted())
        for id in ids { #expect(try setup.status(id) == "confirmed") }
    }
}
