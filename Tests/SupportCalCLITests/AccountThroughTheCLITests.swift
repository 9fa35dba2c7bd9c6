import Foundation
import TestSupport
import Testing

/// The customer account end to end, as issue 15 tells it: `supportcal serve` with mail
/// through aiosmtpd, driven by headless Chromium. Ida (Copenhagen) asks for a sign-in
/// link, follows it from the email, reads her company's code on the profile, moves to
/// Chicago, books with the code, asks for an emergency session and a return call; staff
/// rotate the code with the CLI and her profile shows the new one. The service starts 75
/// seconds before the 24-hour reminder of the first session (Wednesday 09:00 Chicago) is
/// due, so the reminder goes out after the zone changed and must say Chicago.
extension ServeThroughTheCLITests {
    /// Where the account's screenshots go (README: "Customers' support account").
    static let accountScreenshots = RepositoryPaths.root.appendingPathComponent("test-screenshots/account")

    @Test func aCustomerSignsInByEmailChangesZoneBooksWithTheProfileCodeAndAsksForAnEmergency() async throws {
        let (workspace, serve, email) = try await serving(contact: "ida", now: "2026-12-01T14:58:45Z")
        defer { workspace.remove() }
        defer { _ = serve.stop() }
        try? FileManager.default.removeItem(at: Self.accountScreenshots)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/browser.py").path
        let spool = try TestServers.smtpSpool()

        let request = try runProcess(try TestServers.python(), [script, "account-request", serve.url.absoluteString, email])
        #expect(request.status == 0, "\(request.stdout)\(request.stderr)")
        #expect(request.stdout.contains("a sign-in link is on its way"))
        var link: String?
        let linked = try await eventually {
            link = try SentMail.read(spool, to: email, zone: "Europe/Copenhagen").lazy.compactMap { mail in
                mail.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.hasPrefix(serve.url.absoluteString + "/account/sign-in/") }
            }.first
            return link != nil
        }
        #expect(linked, "the sign-in email arrives with its link")
        let signInLink = try #require(link)

        let run = try runProcess(
            try TestServers.python(), [script, "account", signInLink, "America/Chicago", "live-session/60", Self.accountScreenshots.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let steps = try JSONDecoder().decode([String: AnyStep].self, from: Data(run.stdout.utf8))
        #expect(steps["profile_url"]?.text?.hasSuffix("/account") == true)
        #expect(steps["code"]?.text == "ORST-CODE-1", "the company's code, on the profile")
        #expect(steps["zone_page"]?.text?.contains("Your time zone is now America/Chicago") == true)
        #expect(steps["slots_page"]?.text?.contains("Times are in your zone, America/Chicago") == true)
        #expect(steps["review_page"]?.text?.contains("$0.00 (maintenance plan)") == true, "the code from the profile works")
        #expect(steps["booked_page"]?.text?.contains("Your session is booked") == true)
        #expect(steps["sessions_page"]?.text?.contains("9:00 AM UTC-6 (America/Chicago) on Wednesday, 2 December 2026") == true)
        #expect(steps["emergency_page"]?.text?.contains("Your request is with our staff") == true)
        #expect(steps["emergency_page"]?.text?.contains("Crating line 2 stopped") == true)
        #expect(steps["callback_page"]?.text?.isEmpty == false)

        // The reminder, composed when it is due, is in the zone Ida chose after booking began.
        var reminder: SentMail?
        let reminded = try await eventually(150) {
            reminder = try SentMail.read(spool, to: email, zone: "America/Chicago").first { $0.kind.hasPrefix("reminder") }
            return reminder != nil
        }
        #expect(reminded, "the 24-hour reminder goes out")
        #expect(reminder?.text.contains("America/Chicago") == true, "\(reminder?.text ?? "")")
        #expect(reminder?.text.contains("Europe/Copenhagen") == false)
        let support = try SentMail.read(spool, to: "support@vendor.example", zone: "America/Chicago")
        #expect(support.contains { $0.subject.hasPrefix("Emergency request:") && $0.text.contains("Crating line 2 stopped") })

        struct Issued: Decodable { var code: String }
        let rotated = try JSONDecoder().decode(
            Issued.self, from: Data(try workspace.ok(["companies", "rotate-code", "orsted", "--json"]).utf8))
        let session = try #require(steps["session"]?.text)
        let again = try runProcess(
            try TestServers.python(), [script, "account-profile", serve.url.absoluteString, session, Self.accountScreenshots.path])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let profile = try JSONDecoder().decode([String: AnyStep].self, from: Data(again.stdout.utf8))
        #expect(profile["code"]?.text == rotated.code, "the profile shows the rotated code")
        #expect(profile["signed_out_page"]?.text?.contains("You are signed out") == true)
        #expect(profile["after_sign_out_url"]?.text?.hasSuffix("/account/sign-in") == true)

        let pages = (steps["pages"]?.pages ?? [:]).merging(profile["pages"]?.pages ?? [:]) { first, _ in first }
        let names = [
            "account-profile", "account-profile-zone-changed", "account-sessions", "account-emergency", "account-emergency-queued",
            "account-callback", "account-sign-in", "account-sign-in-sent", "account-sign-in-link", "account-sign-in-link-used",
            "account-signed-out",
        ]
        Self.expectAuditClean(pages, names: names)
        #expect(serve.stop() == 0)
    }
}

/// One value of browser.py's account answers: page text, or the audited pages.
enum AnyStep: Decodable {
    case text(String)
    case pages([String: [String: AnyWidth]])

    init(from decoder: any Decoder) throws {
        if let text = try? String(from: decoder) {
            self = .text(text)
        } else {
            self = .pages(try [String: [String: AnyWidth]](from: decoder))
        }
    }

    var text: String? { if case .text(let text) = self { text } else { nil } }
    var pages: [String: [String: AnyWidth]]? { if case .pages(let pages) = self { pages } else { nil } }
}
