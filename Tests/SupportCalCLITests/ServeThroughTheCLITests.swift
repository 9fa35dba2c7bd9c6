import Curl
import Foundation
import TestSupport
import Testing

/// `supportcal serve` as deployed: the real binary on a loopback port, staff calendars on
/// Radicale and in a vdir, mail through aiosmtpd, driven by Python threads and by headless
/// Chromium. Wednesday 2 December 2026; "now" is the day before.
@Suite(.serialized) struct ServeThroughTheCLITests {
    static let hours = #"{ wed = ["09:00-14:00"] }"#

    /// Dana (a vdir) and Jonas (a Radicale calendar), both 09:00–14:00 Chicago time on
    /// Wednesdays: five one-hour sessions each. Mail goes to aiosmtpd.
    func workspace(port: Int) async throws -> (CLIWorkspace, URL) {
        let calendar = try TestServers.radicale().appendingPathComponent("staff/serve-\(UUID().uuidString.prefix(8))/")
        let auth = HTTPAuthentication.basic(user: TestServers.user, password: try TestServers.password())
        let made = try await HTTPClient(logger: testLogger).send(
            HTTPRequest(method: "MKCALENDAR", url: calendar.absoluteString, authentication: auth))
        #expect(made.status == 201)
        var workspace = try CLIWorkspace(
            hours: Self.hours, mail: "smtp_url = \"\(try TestServers.smtp())\"",
            root: "public_base_url = \"http://127.0.0.1:\(port)\"",
            extra: """
                [[staff]]
                key = "jonas"
                name = "Jonas Brandt"
                email = "jonas@vendor.example"
                time_zone = "America/Chicago"
                hours = \(Self.hours)
                [staff.calendar]
                caldav_url = "\(calendar.absoluteString)"
                user = "\(TestServers.user)"
                password_env = "TEST_CALDAV_PASSWORD"
                """)
        workspace.environment["TEST_CALDAV_PASSWORD"] = try TestServers.password()
        workspace.environment["SUPPORTCAL_STAFF_TOKEN"] = "staff-token-serve-tests-0123456789"
        try workspace.ok(
            [
                "companies", "add", "--id", "orsted", "--name", "Ørsted Crating", "--plan", "free", "--code", "ORST-CODE-1",
                "--plan-until", "2027-12-31",
            ], now: "2026-10-01T00:00:00Z")
        return (workspace, calendar)
    }

    /// UIDs of the events in the Radicale calendar.
    func radicaleUIDs(_ calendar: URL) async throws -> [String] {
        let auth = HTTPAuthentication.basic(user: TestServers.user, password: try TestServers.password())
        let body =
            #"<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" "#
            + #"xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter "#
            + #"name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter></C:calendar-query>"#
        let response = try await HTTPClient(logger: testLogger).send(
            HTTPRequest(
                method: "REPORT", url: calendar.absoluteString,
                headers: [HTTPHeader("Depth", "1"), HTTPHeader("Content-Type", "application/xml")],
                body: Array(body.utf8), authentication: auth))
        // Lines end in CR LF (one Character in Swift), or "&#13;" LF when the XML escapes the CR.
        return response.bodyText.replacingOccurrences(of: "&#13;", with: "").split(whereSeparator: \.isNewline).compactMap { line in
            line.hasPrefix("UID:") ? String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces) : nil
        }.sorted()
    }

    func vdirUIDs(_ workspace: CLIWorkspace) throws -> [String] {
        try workspace.files(in: workspace.calendarFolder("dana")).map { file in
            let text = try String(contentsOf: workspace.calendarFolder("dana").appendingPathComponent(file), encoding: .utf8)
            return text.components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
        }.sorted()
    }

    /// The workspace with one Ørsted contact in Copenhagen (`<name>-<random>@orsted.example`)
    /// and `serve` running on it, by default the day before the sessions.
    func serving(contact name: String, now: String = "2026-12-01T12:00:00Z") async throws -> (CLIWorkspace, RunningServe, String) {
        let port = try ClosedPort.find()
        let (workspace, _) = try await workspace(port: port)
        let email = "\(name)-\(UUID().uuidString.prefix(8).lowercased())@orsted.example"
        try workspace.ok([
            "contacts", "add", "--company", "orsted", "--email", email, "--name", "\(name.capitalized) Ørsted", "--tz", "Europe/Copenhagen",
        ])
        return (workspace, try RunningServe(workspace, port: port, now: now), email)
    }

    /// Polls until `condition` holds (the service delivers its outbox every second).
    func eventually(_ seconds: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await condition()
    }

    @Test func fiftyConcurrentBookingsForTenSessionsBookExactlyTen() async throws {
        let port = try ClosedPort.find()
        let (workspace, calendar) = try await workspace(port: port)
        defer { workspace.remove() }
        var contacts: [String] = []
        for index in 0..<10 {
            let email = "c\(index)-\(UUID().uuidString.prefix(6).lowercased())@orsted.example"
            try workspace.ok([
                "contacts", "add", "--company", "orsted", "--email", email, "--name", "Customer \(index)", "--tz", "Europe/Berlin",
            ])
            contacts.append(email)
        }
        let serve = try RunningServe(workspace, port: port, now: "2026-12-01T12:00:00Z")
        defer { _ = serve.stop() }

        // Ten contacts each ask for each of the five hours: ten requests per hour, and with
        // two staff two may succeed per hour.
        let starts = (15...19).map { "2026-12-02T\($0):00:00Z" }
        let bodies: [[String: Any]] = starts.flatMap { start in
            contacts.map { ["contact": $0, "kind": "live-session", "length": 60, "start": start, "code": "ORST-CODE-1"] }
        }
        #expect(bodies.count == 50)
        let file = workspace.folder.appendingPathComponent("requests.json")
        try JSONSerialization.data(withJSONObject: bodies).write(to: file)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/concurrent_bookings.py").path
        let result = try runProcess(try TestServers.python(), [script, serve.url.absoluteString, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try JSONDecoder().decode([AnyAnswer].self, from: Data(result.stdout.utf8))
        #expect(answers.filter { $0.status == 201 }.count == 10)
        #expect(answers.filter { $0.status == 409 && $0.rule == "slot-taken" }.count == 40, "the rest are clear refusals")
        #expect(answers.filter { $0.status == 409 }.allSatisfy { $0.reason?.contains("no longer available") == true })
        let booked = answers.compactMap(\.id)
        #expect(Set(booked).count == 10)

        // Each calendar holds exactly its own five events once the outbox is delivered.
        let bookings = try workspace.ok(["bookings", "list", "--json"])
        struct Row: Decodable {
            var id: String
            var staff: String
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(bookings.utf8))
        let dana = rows.filter { $0.staff == "dana" }.map { "\($0.id)@supportcal" }.sorted()
        let jonas = rows.filter { $0.staff == "jonas" }.map { "\($0.id)@supportcal" }.sorted()
        #expect(dana.count == 5 && jonas.count == 5)
        let delivered = try await eventually {
            let remote = try await radicaleUIDs(calendar)
            return try vdirUIDs(workspace) == dana && remote == jonas
        }
        #expect(delivered)
        #expect(try vdirUIDs(workspace) == dana)
        let remote = try await radicaleUIDs(calendar)
        #expect(remote == jonas)
        #expect(serve.stop() == 0, "SIGTERM ends the service cleanly")
    }

    @Test func aCustomerBooksInChromiumGetsTheEmailAndCancelsThroughItsLink() async throws {
        let (workspace, serve, email) = try await serving(contact: "eve")
        defer { workspace.remove() }
        defer { _ = serve.stop() }
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/browser.py").path

        let booking = try runProcess(
            try TestServers.python(), [script, "book", serve.url.absoluteString, email, "live-session/60", "ORST-CODE-1"])
        #expect(booking.status == 0, "\(booking.stdout)\(booking.stderr)")
        let steps = try JSONDecoder().decode([String: String].self, from: Data(booking.stdout.utf8))
        #expect(steps["slots_page"]?.contains("Times are in your zone, Europe/Copenhagen") == true)
        #expect(
            steps["slots_page"]?.contains("Wednesday, 2 December 2026 UTC+1 (Europe/Copenhagen)") == true,
            "the day's heading names the zone")
        #expect(steps["slots_page"]?.contains("4:00 PM") == true, "09:00 Chicago shown as Eve's 4:00 PM")
        #expect(steps["review_page"]?.contains("$0.00 (maintenance plan)") == true, "the price before confirming")
        #expect(steps["booked_page"]?.contains("Your session is booked") == true)
        #expect(steps["booked_url"]?.contains("/b/") == true)

        var confirmation: SentMail?
        let arrived = try await eventually {
            confirmation = try SentMail.read(try TestServers.smtpSpool(), to: email, zone: "Europe/Copenhagen").first {
                $0.kind == "confirmation"
            }
            return confirmation != nil
        }
        #expect(arrived)
        let mail = try #require(confirmation)
        #expect(mail.calendar?.method == "REQUEST")
        let cancelLink = try #require(
            mail.text.components(separatedBy: "\n").first { $0.hasPrefix("Cancel: ") }.map { String($0.dropFirst(8)) })
        #expect(cancelLink.hasPrefix(serve.url.absoluteString + "/b/"))

        let cancelled = try runProcess(try TestServers.python(), [script, "cancel", cancelLink])
        #expect(cancelled.status == 0, "\(cancelled.stdout)\(cancelled.stderr)")
        let cancelSteps = try JSONDecoder().decode([String: String].self, from: Data(cancelled.stdout.utf8))
        #expect(cancelSteps["link_page"]?.contains("Cancel this session?") == true)
        #expect(cancelSteps["cancelled_page"]?.contains("Your session is cancelled") == true)
        let cancellationArrived = try await eventually {
            try SentMail.read(try TestServers.smtpSpool(), to: email, zone: "Europe/Copenhagen").contains {
                $0.calendar?.method == "CANCEL"
            }
        }
        #expect(cancellationArrived, "the CANCEL reaches the customer")
        #expect(serve.stop() == 0)
    }
}

extension ServeThroughTheCLITests {
    /// Where the page audit leaves its screenshots (README: "Pages, looked at").
    static let screenshots = RepositoryPaths.root.appendingPathComponent("test-screenshots/booking")

    /// Every state of the booking pages a customer meets, in headless Chromium at 1280 and
    /// 390 px wide: axe-core's WCAG 2.2 A/AA rules find nothing, and nothing is wider than
    /// a phone's screen. The screenshots stay for a person to look at.
    @Test func theBookingPagesPassAxeAtDesktopAndPhoneWidths() async throws {
        let (workspace, serve, email) = try await serving(contact: "ana")
        defer { workspace.remove() }
        defer { _ = serve.stop() }
        try? FileManager.default.removeItem(at: Self.screenshots)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/browser.py").path
        let run = try runProcess(
            try TestServers.python(),
            [script, "audit", serve.url.absoluteString, email, "live-session/60", "ORST-CODE-1", Self.screenshots.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")

        let pages = try JSONDecoder().decode([String: [String: AnyWidth]].self, from: Data(run.stdout.utf8))
        let names = [
            "book-form", "book-slots", "book-review-code-blank", "book-review-wrong-code", "book-review", "booking-page",
            "manage-reschedule", "manage-cancel", "link-not-valid", "fees",
        ]
        Self.expectAuditClean(pages, names: names)
    }
}

extension ServeThroughTheCLITests {
    /// Each of `names` was audited at 1280 and 390 px: no axe-core violation, nothing wider
    /// than the screen, a screenshot left to look at; and no page audited beyond them.
    static func expectAuditClean(_ pages: [String: [String: AnyWidth]], names: [String]) {
        #expect(Set(pages.keys) == Set(names))
        for name in names {
            for width in ["1280", "390"] {
                guard case .width(let result)? = pages[name]?[width] else {
                    Issue.record("\(name) at \(width) px: no result")
                    continue
                }
                #expect(result.violations.isEmpty, "\(name) at \(width) px: \(result.violations)")
                #expect(!result.overflows, "\(name) at \(width) px scrolls sideways")
                #expect(FileManager.default.fileExists(atPath: result.screenshot))
            }
        }
    }
}

/// One width's audit of a page, among the other fields (`title`, `url`, `axe`) of its entry.
enum AnyWidth: Decodable {
    struct Result: Decodable {
        struct Violation: Decodable, CustomStringConvertible {
            var id: String
            var help: String
            var nodes: [String]
            var description: String { "\(id): \(help) \(nodes.prefix(2))" }
        }
        var screenshot: String
        var violations: [Violation]
        var overflows: Bool
    }
    case width(Result)
    case other

    init(from decoder: any Decoder) throws {
        if let result = try? Result(from: decoder) { self = .width(result) } else { self = .other }
    }
}

/// One answer of concurrent_bookings.py, read loosely (201 bodies and refusals differ).
struct AnyAnswer: Decodable {
    var status: Int
    var id: String?
    var rule: String?
    var reason: String?

    enum Keys: String, CodingKey { case status, body }
    enum BodyKeys: String, CodingKey { case id, rule, reason }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        status = try container.decode(Int.self, forKey: .status)
        let body = try container.nestedContainer(keyedBy: BodyKeys.self, forKey: .body)
        id = try body.decodeIfPresent(String.self, forKey: .id)
        rule = try body.decodeIfPresent(String.self, forKey: .rule)
        reason = try body.decodeIfPresent(String.self, forKey: .reason)
    }
}
