import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// The company's sessions, emergency and return-call requests in the account, and the
/// same through `/api/account/…` with a bearer token.
@Suite struct AccountRequestsTests {
    /// A second Ørsted contact, in Chicago.
    func addOla(_ fixture: ServerFixture) throws {
        try fixture.storing { tx in
            try tx.insert(
                Contact(id: "ola", companyID: "orsted", name: "Ola Ørsted", email: "ola@orsted.example", timeZone: ServerFixture.chicago))
        }
    }

    @Test func theSessionsPageListsTheCompanysSessionsInTheReadersZoneWithTheirLinks() async throws {
        let fixture = try ServerFixture()
        try addOla(fixture)
        try await fixture.test { client in
            let (status, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            #expect(status == .created)
            let id = try #require(booked["id"] as? String)
            let ola = AccountVisitor(client, fixture)
            try await ola.signIn(as: "ola@orsted.example")
            let page = try await ola.get("/account/sessions")
            #expect(page.status == .ok)
            #expect(page.html.contains("9:00 AM UTC-6 (America/Chicago) on Wednesday, 2 December 2026"), "Ola's zone, not Eve's")
            #expect(page.html.contains("for Eve Ørsted"), "a booking is for the company")
            #expect(page.html.contains("$0.00 (maintenance plan)"))
            #expect(page.html.contains("href=\"/b/") && page.html.contains(">Move<") && page.html.contains(">Cancel<"))
            #expect(page.html.contains("href=\"/book?contact=ola%40orsted.example\">Book another session"))

            let pat = AccountVisitor(client, fixture)
            try await pat.signIn(as: "pat@pine.example")
            let other = try await pat.get("/account/sessions")
            #expect(!other.html.contains(id) && other.html.contains("No upcoming sessions"))

            // Within the cutoff the page says so instead of offering the change.
            fixture.set(now: "2026-12-02T14:30:00Z")
            let late = try await ola.get("/account/sessions")
            #expect(late.html.contains("Too close to the start to change online") && !late.html.contains(">Cancel<"))
        }
    }

    @Test func anEmergencyRequestIsQueuedEmailedAndWithdrawable() async throws {
        let fixture = try ServerFixture(support: SupportContact(email: "help@vendor.example", phone: "+1 555 0100"))
        try await fixture.test { client in
            let eve = AccountVisitor(client, fixture)
            try await eve.signIn(as: "eve@orsted.example")
            let form = try await eve.get("/account/emergency")
            #expect(form.html.contains("<label for=\"problem\">"))
            let empty = try await eve.post("/account/emergency", [("problem", "  ")], csrf: form.field("csrf"))
            #expect(empty.status == .badRequest)
            let asked = try await eve.post("/account/emergency", [("problem", "Crating line 2 is down")], csrf: form.field("csrf"))
            #expect(asked.status == .seeOther && asked.location == "/account/emergency?done=queued")
            let twice = try await eve.post("/account/emergency", [("problem", "Crating line 2 is down")], csrf: form.field("csrf"))
            #expect(twice.status == .seeOther)
            let open = try fixture.stored { tx in try tx.emergencyRequests(state: .open) }
            #expect(open.count == 1, "a form sent twice queues once")
            let request = try #require(open.first)
            #expect(request.contactID == "eve" && request.problem == "Crating line 2 is down")
            let page = try await eve.get("/account/emergency?done=queued")
            #expect(page.html.contains("Your request is with our staff") && page.html.contains("With our staff"))

            let mail = try await AccountVisitor.waitForMail(fixture, count: 1)
            let email = try #require(mail.first { $0.contains("To: <help@vendor.example>") })
            #expect(email.contains("Crating line 2 is down") && email.contains("Reply-To:") && email.contains("eve@orsted.example"))

            let pat = AccountVisitor(client, fixture)
            try await pat.signIn(as: "pat@pine.example")
            let refusedPage = try await pat.get("/account/emergency")
            #expect(refusedPage.html.contains("Emergency sessions are for companies with active maintenance"))
            #expect(!refusedPage.html.contains("<textarea"))
            let refused = try await pat.post("/account/emergency", [("problem", "help")], csrf: refusedPage.field("csrf"))
            #expect(refused.status == .unprocessableContent)
            let foreign = try await pat.post("/account/emergency/\(request.id)/withdraw", csrf: refusedPage.field("csrf"))
            #expect(foreign.status == .notFound, "another company's request is not there for Pat")

            let withdrawn = try await eve.post("/account/emergency/\(request.id)/withdraw", csrf: page.field("csrf"))
            #expect(withdrawn.status == .seeOther)
            #expect(try fixture.stored { tx in try tx.emergencyRequest(request.id) }?.state == .withdrawn)
        }
    }

    @Test func aReturnCallIsPlannedOnceAndShownInTheContactsZone() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let eve = AccountVisitor(client, fixture)
            try await eve.signIn(as: "eve@orsted.example")
            let planned = try await eve.submit(on: "/account/callback", to: "/account/callback", [("note", "licence question")])
            #expect(planned.status == .ok && planned.html.contains("We will call you back at"), "\(planned.html)")
            #expect(planned.html.contains("(Asia/Kolkata)") && planned.html.contains("licence question"))
            #expect(try fixture.stored { tx in try tx.returnCalls(company: "orsted") }.count == 1)
            let second = try await eve.post("/account/callback", [("note", "again")], csrf: planned.field("csrf"))
            #expect(second.status == .conflict, "one attempt")

            let pat = AccountVisitor(client, fixture)
            try await pat.signIn(as: "pat@pine.example")
            let refused = try await pat.submit(on: "/account/callback", to: "/account/callback")
            #expect(refused.status == .unprocessableContent && refused.html.contains("class=\"problem\""))
        }
    }

    @Test func theAPIServesTheSameWithABearerTokenFromTheProfile() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, _) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            #expect(status == .created)
            #expect(try await client.call(.get, "/api/account/sessions").0 == .unauthorized)
            #expect(try await client.call(.get, "/api/account", bearer: String(repeating: "x", count: 43)).0 == .unauthorized)

            let eve = AccountVisitor(client, fixture)
            try await eve.signIn(as: "eve@orsted.example")
            let issued = try await eve.submit(on: "/account", to: "/account/api-token")
            let marker = "shown this once: <strong class=\"code\">"
            let start = try #require(issued.html.range(of: marker)).upperBound
            let token = String(issued.html[start...].prefix { $0 != "<" })
            #expect(token.count == 43)
            #expect(issued.html.contains("Live tokens: 1"))

            let (profileStatus, _, profile) = try await client.call(.get, "/api/account", bearer: token)
            #expect(profileStatus == .ok && profile["maintenanceCode"] as? String == "ORST-CODE-1")
            #expect(profile["timeZone"] as? String == "Asia/Kolkata" && profile["suspended"] as? Bool == false)
            let (_, _, sessions) = try await client.call(.get, "/api/account/sessions", bearer: token)
            let upcoming = try #require(sessions["upcoming"] as? [[String: Any]])
            #expect(upcoming.count == 1 && (upcoming.first?["local"] as? String)?.contains("Asia/Kolkata") == true)
            #expect((upcoming.first?["links"] as? [String: String])?["cancel"] != nil)

            let (zoneStatus, _, changed) = try await client.call(
                .put, "/api/account/time-zone", json: #"{"timeZone":"America/Chicago"}"#, bearer: token)
            #expect(zoneStatus == .ok && changed["timeZone"] as? String == "America/Chicago")
            #expect(try await client.call(.put, "/api/account/time-zone", json: #"{"timeZone":"Nowhere"}"#, bearer: token).0 == .badRequest)
            let (askStatus, _, asked) = try await client.call(
                .post, "/api/account/emergencies", json: #"{"problem":"line down"}"#, bearer: token)
            #expect(askStatus == .created && asked["state"] as? String == "open")
            let (_, _, listed) = try await client.call(.get, "/api/account/emergencies", bearer: token)
            #expect((listed["requests"] as? [Any])?.count == 1)

            _ = try await eve.submit(on: "/account", to: "/account/api-tokens/revoke")
            #expect(try await client.call(.get, "/api/account", bearer: token).0 == .unauthorized, "revoked")
            #expect(try await eve.get("/account").status == .ok, "the browser session is not a token")
        }
    }
}
