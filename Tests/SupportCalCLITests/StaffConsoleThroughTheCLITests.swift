import Foundation
import TestSupport
import Testing

/// The staff console through `supportcal serve` in headless Chromium, on Wednesday morning
/// (08:30 in Chicago): a customer asks for an emergency from their account; Dana asks for
/// a sign-in link and follows it from the email (aiosmtpd), sees the session the customer
/// booked, cancels it (the customer gets the CANCEL), adds another emergency from a phone
/// call, and places the customer's in today's first opening (it lands on her calendar); the
/// customer gets the placement, declines it from the email, and the queue shows that.
extension ServeThroughTheCLITests {
    static let staffScreenshots = RepositoryPaths.root.appendingPathComponent("test-screenshots/staff")

    @Test func aStaffMemberSignsInSeesTheDayCancelsAndPlacesAnEmergencyTheCustomerDeclines() async throws {
        let (workspace, serve, email) = try await serving(contact: "uma", now: "2026-12-02T14:30:00Z")
        defer { workspace.remove() }
        defer { _ = serve.stop() }
        try? FileManager.default.removeItem(at: Self.staffScreenshots)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/browser.py").path
        let spool = try TestServers.smtpSpool()
        try workspace.ok(
            [
                "book", "--contact", email, "--kind", "live-session", "--length", "60", "--start", "2026-12-02T18:00:00Z", "--code",
                "ORST-CODE-1",
            ],
            now: "2026-12-01T12:00:00Z")

        let caller = "vic-\(UUID().uuidString.prefix(8).lowercased())@orsted.example"
        try workspace.ok(["contacts", "add", "--company", "orsted", "--email", caller, "--name", "Vic Ørsted", "--tz", "Europe/Oslo"])

        // The customer asks for an emergency from their account.
        let asked = try runProcess(try TestServers.python(), [script, "account-request", serve.url.absoluteString, email])
        #expect(asked.status == 0, "\(asked.stdout)\(asked.stderr)")
        let accountLink = try #require(
            try await firstLine(in: spool, to: email, startingWith: serve.url.absoluteString + "/account/sign-in/"))
        let emergency = try runProcess(try TestServers.python(), [script, "account-emergency", accountLink, "Our crating line 2 is down"])
        #expect(emergency.status == 0, "\(emergency.stdout)\(emergency.stderr)")
        #expect(emergency.stdout.contains("Your request is with our staff"))

        let request = try runProcess(try TestServers.python(), [script, "staff-request", serve.url.absoluteString, "dana@vendor.example"])
        #expect(request.status == 0, "\(request.stdout)\(request.stderr)")
        let link = try #require(
            try await firstLine(in: spool, to: "dana@vendor.example", startingWith: serve.url.absoluteString + "/staff/sign-in/"))
        let run = try runProcess(
            try TestServers.python(), [script, "staff", link, "2026-12-02", caller, Self.staffScreenshots.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let steps = try JSONDecoder().decode([String: AnyStep].self, from: Data(run.stdout.utf8))
        #expect(steps["today_url"]?.text?.hasSuffix("/staff") == true)
        #expect(steps["day_page"]?.text?.contains("Uma Ørsted") == true)
        #expect(steps["day_page"]?.text?.contains("(12:00 PM their time)") == true)
        #expect(steps["cancelled_page"]?.text?.contains("The session is cancelled") == true)
        #expect(steps["queue_page"]?.text?.contains("Phoned in: the label printer stopped") == true)
        #expect(steps["queue_page"]?.text?.contains("Today's earliest openings") == true)
        #expect(steps["queue_page"]?.text?.contains("Our crating line 2 is down") == true, "the customer's request, oldest first")
        #expect(steps["placed_page"]?.text?.contains("Placed.") == true)
        struct Row: Decodable {
            var id: String
            var staff: String
            var emergency: Bool
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(try workspace.ok(["bookings", "list", "--json"]).utf8))
        let placed = try #require(rows.first { $0.emergency })
        #expect(placed.staff == "dana", "the earliest opening, ties to the smaller key")
        let onCalendar = try await eventually { try vdirUIDs(workspace).contains("\(placed.id)@supportcal") }
        #expect(onCalendar, "the placed session is on Dana's calendar")
        #expect(steps["booking_page"]?.text?.contains("History") == true)
        #expect(steps["company_page"]?.text?.contains("Issue a new code") == true, "Dana is an admin")
        let cancellation = try await eventually {
            try SentMail.read(spool, to: email, zone: "Europe/Copenhagen").contains { $0.calendar?.method == "CANCEL" }
        }
        #expect(cancellation, "the customer hears of the cancellation")

        // The placement email, and the customer's "I cannot make it" from it.
        let decline = try #require(
            try await firstLine(in: spool, to: email, startingWith: "Cannot make it? Tell us at once: ").map {
                String($0.dropFirst("Cannot make it? Tell us at once: ".count))
            })
        let declined = try runProcess(try TestServers.python(), [script, "decline", decline])
        #expect(declined.status == 0, "\(declined.stdout)\(declined.stderr)")
        let again = try runProcess(
            try TestServers.python(),
            [script, "queue", serve.url.absoluteString, try #require(steps["session"]?.text), Self.staffScreenshots.path])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let queue = try JSONDecoder().decode([String: AnyStep].self, from: Data(again.stdout.utf8))
        #expect(queue["queue_page"]?.text?.contains("Placed, then declined by the customer") == true)
        #expect(queue["signed_out_page"]?.text?.contains("You are signed out") == true)

        let pages = (steps["pages"]?.pages ?? [:]).merging(queue["pages"]?.pages ?? [:]) { first, _ in first }
        Self.expectAuditClean(
            pages,
            names: [
                "staff-sign-in-link", "staff-today", "staff-day", "staff-day-cancelled", "staff-emergencies-first", "staff-emergencies",
                "staff-emergencies-placed", "staff-emergencies-declined", "staff-callbacks", "staff-bookings", "staff-booking",
                "staff-companies", "staff-company", "staff-signed-out", "staff-sign-in", "staff-sign-in-sent",
            ])
        #expect(serve.stop() == 0)
    }

    /// The first line of a message to `recipient` that starts with `prefix`, waiting for it.
    func firstLine(in spool: URL, to recipient: String, startingWith prefix: String) async throws -> String? {
        var found: String?
        _ = try await eventually {
            found = try SentMail.read(spool, to: recipient, zone: "UTC").lazy.compactMap { mail in
                mail.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
            }.first
            return found != nil
        }
        return found
    }
}
