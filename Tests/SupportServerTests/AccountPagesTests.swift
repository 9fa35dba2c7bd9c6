import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// The customer account's pages: sign-in by emailed link, the profile with zone, plan,
/// standing and code, and who may see what.
@Suite struct AccountPagesTests {
    @Test func theSignInFormAnswersTheSameWordsForKnownAndUnknownAddresses() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            let known = try await visitor.submit(on: "/account/sign-in", to: "/account/sign-in", [("email", "eve@orsted.example")])
            let unknown = try await visitor.submit(on: "/account/sign-in", to: "/account/sign-in", [("email", "nobody@orsted.example")])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.html.replacingOccurrences(of: "eve@", with: "nobody@") == unknown.html, "no word tells them apart")
            #expect(known.html.contains("a sign-in link is on its way"))
            let count = try fixture.stored { tx in try tx.signInLinkCount(for: .contact("eve"), since: .distantPast) }
            #expect(count == 1)

            let mail = try await AccountVisitor.waitForMail(fixture, count: 1)
            #expect(mail.count == 1, "one email, to the known address only")
            let email = try #require(mail.first)
            #expect(email.contains("To: Eve =?UTF-8?") || email.contains("eve@orsted.example"))
            #expect(email.contains("https://support.example/account/sign-in/"))
            #expect(!email.contains("ORST-CODE-1"), "the code is never emailed")
        }
    }

    @Test func theEmailedLinkAsksFirstSignsInOnceAndSetsAStrictCookie() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            let link = try #require(
                try await fixture.environment.signIn.requestLink(email: "eve@orsted.example", via: "t", now: fixture.clock.now))
            let asking = try await visitor.get("/account/sign-in/\(link.token)")
            #expect(asking.status == .ok && asking.html.contains(">Sign in</button>"))
            #expect(visitor.session == nil, "opening the link (a mail scanner does) signs nobody in")
            let signedIn = try await visitor.post("/account/sign-in/\(link.token)", csrf: asking.field("csrf"))
            #expect(signedIn.status == .seeOther && signedIn.location == "/account")
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix("supportcal_account=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), "\(cookie)")
            #expect(cookie.contains("Max-Age=2592000"), "30 days, renewed on each visit")
            #expect(try await visitor.get("/account").status == .ok)

            let again = try await AccountVisitor(client, fixture).submit(
                on: "/account/sign-in/\(link.token)", to: "/account/sign-in/\(link.token)")
            #expect(again.status == .gone && again.html.contains("expired or was already used"), "single use")
        }
    }

    @Test(arguments: [(14, HTTPResponse.Status.seeOther), (15, .gone), (16, .gone)])
    func aLinkWorksForFifteenMinutes(minutes: Int, status: HTTPResponse.Status) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let link = try #require(
                try await fixture.environment.signIn.requestLink(email: "eve@orsted.example", via: "t", now: fixture.clock.now))
            fixture.clock.set(fixture.clock.now.addingTimeInterval(TimeInterval(minutes * 60)))
            let page = try await AccountVisitor(client, fixture).submit(
                on: "/account/sign-in/\(link.token)", to: "/account/sign-in/\(link.token)")
            #expect(page.status == status)
        }
    }

    @Test(arguments: ["/account", "/account/sessions", "/account/emergency", "/account/callback"])
    func signedOutVisitorsAndForgedCookiesAreSentToSignIn(path: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await client.execute(uri: path, method: .get) { ($0.status, $0.headers[.location]) }
            #expect(page.0 == .seeOther && page.1 == "/account/sign-in")
            let forged = String(repeating: "A", count: 43)
            let withForged = try await client.execute(uri: path, method: .get, headers: [.cookie: "supportcal_account=\(forged)"]) {
                ($0.status, $0.headers[.location])
            }
            #expect(withForged.0 == .seeOther && withForged.1 == "/account/sign-in")
        }
    }

    @Test func theProfileShowsPlanStandingZoneAndTheReadableCode() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            try await visitor.signIn(as: "eve@orsted.example")
            let page = try await visitor.get("/account")
            #expect(page.status == .ok)
            #expect(page.html.contains("Eve Ørsted") && page.html.contains("eve@orsted.example"))
            #expect(page.html.contains("<strong class=\"code\">ORST-CODE-1</strong>"))
            #expect(page.html.contains("Free sessions, until the end of Thursday, 30 December 2027"), "ends 31 Dec 00:00 UTC")
            #expect(page.html.contains("In good standing: no no-shows"))
            #expect(page.html.contains("<optgroup label=\"America\">"))
            #expect(page.html.contains("<option value=\"Asia/Kolkata\" selected>Kolkata (UTC+5:30)</option>"))
            #expect(page.html.contains("<option value=\"America/Chicago\">Chicago (UTC-6)</option>"), "December: standard time")
            #expect(page.headers[.cacheControl] == "no-store")

            let pat = AccountVisitor(client, fixture)
            try await pat.signIn(as: "pat@pine.example")
            let other = try await pat.get("/account")
            #expect(!other.html.contains("ORST-CODE-1"), "another company's contact never sees it")
            #expect(other.html.contains("None at present") && other.html.contains("has no maintenance code"))
        }
    }

    @Test func changingTheZoneIsStoredAuditedAndSaidSo() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            try await visitor.signIn(as: "eve@orsted.example")
            let bad = try await visitor.submit(on: "/account", to: "/account/zone", [("zone", "Mars/Olympus")])
            #expect(bad.status == .badRequest)
            let done = try await visitor.submit(on: "/account", to: "/account/zone", [("zone", "America/Chicago")])
            #expect(done.status == .seeOther && done.location == "/account?done=zone")
            #expect(try fixture.stored { tx in try tx.requireContact("eve") }.timeZone.identifier == "America/Chicago")
            let page = try await visitor.get("/account?done=zone")
            #expect(page.html.contains("Your time zone is now America/Chicago. Every page and email from now on shows times there."))
            #expect(page.html.contains("<option value=\"America/Chicago\" selected>"))
            let audit = try fixture.stored { tx in try tx.auditEntries(AuditQuery(companyID: "orsted")) }.map(\.record)
            #expect(audit.contains { $0.action == "contact.changed" && $0.details["zone"] == "America/Chicago" })
        }
    }

    @Test func signOutEndsTheSessionAndBothAreAudited() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            try await visitor.signIn(as: "eve@orsted.example")
            let session = try #require(visitor.session)
            let out = try await visitor.submit(on: "/account", to: "/account/sign-out")
            #expect(out.status == .ok && out.html.contains("You are signed out"))
            #expect(visitor.session == nil, "the cookie is cleared")
            let reused = try await client.execute(uri: "/account", method: .get, headers: [.cookie: "supportcal_account=\(session)"]) {
                $0.status
            }
            #expect(reused == .seeOther, "the old session id opens nothing")
            let actions = try fixture.stored { tx in try tx.auditEntries(AuditQuery(companyID: "orsted")) }.map(\.record.action)
            #expect(actions.contains("account.signed-in") && actions.contains("account.signed-out"))
        }
    }

    @Test func aContactRemovedWhileSignedInIsSignedOut() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            try await visitor.signIn(as: "pat@pine.example")
            #expect(try await visitor.get("/account").status == .ok)
            try fixture.storing { tx in try tx.removeContact("pat", at: fixture.clock.now) }
            let after = try await visitor.get("/account")
            #expect(after.status == .seeOther && after.location == "/account/sign-in")
        }
    }

    @Test func tooManyLinkRequestsFromOneAddressAreRefusedWithAWhen() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            for index in 0..<10 {
                let page = try await visitor.submit(
                    on: "/account/sign-in", to: "/account/sign-in", [("email", "x\(index)@nowhere.example")])
                #expect(page.status == .ok)
            }
            let refused = try await visitor.submit(on: "/account/sign-in", to: "/account/sign-in", [("email", "eve@orsted.example")])
            #expect(refused.status == .tooManyRequests && refused.html.contains("Try again after"))
            let count = try fixture.stored { tx in try tx.signInLinkCount(for: .contact("eve"), since: .distantPast) }
            #expect(count == 0, "nothing was sent")
        }
    }

    @Test func aFormWithoutItsCSRFFieldIsRefused() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            try await visitor.signIn(as: "eve@orsted.example")
            let page = try await visitor.post("/account/zone", [("zone", "America/Chicago")], csrf: nil)
            #expect(page.status == .forbidden)
            #expect(try fixture.stored { tx in try tx.requireContact("eve") }.timeZone.identifier == "Asia/Kolkata")
        }
    }
}
