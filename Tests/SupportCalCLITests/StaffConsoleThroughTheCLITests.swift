import Foundation
import TestSupport
import Testing

/// The staff console through `supportcal serve` in headless Chromium: Dana asks for a
/// sign-in link, follows it from the email (aiosmtpd), sees Wednesday's session that a
/// customer booked, cancels it (the customer gets the cancellation), and signs out.
extension ServeThroughTheCLITests {
    static let staffScreenshots = RepositoryPaths.root.appendingPathComponent("test-screenshots/staff")

    @Test func aStaffMemberSignsInByEmailSeesTheDayAndCancelsASession() async throws {
        let (workspace, serve, email) = try await serving(contact: "uma")
        defer { workspace.remove() }
        defer { _ = serve.stop() }
        try? FileManager.default.removeItem(at: Self.staffScreenshots)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/browser.py").path
        let spool = try TestServers.smtpSpool()
        try workspace.ok(
            [
                "book", "--contact", email, "--kind", "live-session", "--length", "60", "--start", "2026-12-02T15:00:00Z", "--code",
                "ORST-CODE-1",
            ],
            now: "2026-12-01T12:00:00Z")

        let request = try runProcess(try TestServers.python(), [script, "staff-request", serve.url.absoluteString, "dana@vendor.example"])
        #expect(request.status == 0, "\(request.stdout)\(request.stderr)")
        var link: String?
        let linked = try await eventually {
            link = try SentMail.read(spool, to: "dana@vendor.example", zone: "America/Chicago").lazy.compactMap { mail in
                mail.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.hasPrefix(serve.url.absoluteString + "/staff/sign-in/") }
            }.first
            return link != nil
        }
        #expect(linked, "the staff sign-in email arrives")
        let run = try runProcess(try TestServers.python(), [script, "staff", try #require(link), "2026-12-02", Self.staffScreenshots.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let steps = try JSONDecoder().decode([String: AnyStep].self, from: Data(run.stdout.utf8))
        #expect(steps["today_url"]?.text?.hasSuffix("/staff") == true)
        #expect(steps["day_page"]?.text?.contains("Uma Ørsted") == true)
        #expect(steps["day_page"]?.text?.contains("(9:00 AM their time)") == true)
        #expect(steps["cancelled_page"]?.text?.contains("The session is cancelled") == true)
        #expect(steps["signed_out_page"]?.text?.contains("You are signed out") == true)
        let cancellation = try await eventually {
            try SentMail.read(spool, to: email, zone: "Europe/Copenhagen").contains { $0.calendar?.method == "CANCEL" }
        }
        #expect(cancellation, "the customer hears of it")
        Self.expectAuditClean(
            steps["pages"]?.pages ?? [:],
            names: [
                "staff-sign-in-link", "staff-today", "staff-day", "staff-day-cancelled", "staff-signed-out", "staff-sign-in",
                "staff-sign-in-sent",
            ])
        #expect(serve.stop() == 0)
    }
}
