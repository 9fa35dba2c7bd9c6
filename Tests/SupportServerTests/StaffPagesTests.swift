import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// The staff console's day page and its actions, and who may open it.
@Suite struct StaffPagesTests {
    @Test func staffSignInAnswersTheSameWordsAndEmailsOnlyStaff() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let visitor = AccountVisitor(client, fixture)
            let known = try await visitor.submit(on: "/staff/sign-in", to: "/staff/sign-in", [("email", "dana@vendor.example")])
            let contact = try await visitor.submit(on: "/staff/sign-in", to: "/staff/sign-in", [("email", "eve@orsted.example")])
            #expect(known.status == .ok && contact.status == .ok)
            #expect(known.html.replacingOccurrences(of: "dana@vendor", with: "eve@orsted") == contact.html)
            let mail = try await AccountVisitor.waitForMail(fixture, count: 1)
            #expect(mail.count == 1 && mail[0].contains("https://support.example/staff/sign-in/"))
            #expect(mail[0].contains("dana@vendor.example"))
        }
    }

    @Test func aContactsSessionNeverOpensTheConsole() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let eve = AccountVisitor(client, fixture)
            try await eve.signIn(as: "eve@orsted.example")
            let session = try #require(eve.session)
            let page = try await client.execute(uri: "/staff", method: .get, headers: [.cookie: "\(StaffPages.cookieName)=\(session)"]) {
                ($0.status, $0.headers[.location])
            }
            #expect(page.0 == .seeOther && page.1 == "/staff/sign-in")
            #expect(try await eve.get("/staff").location == "/staff/sign-in", "the customer's own cookie opens nothing either")
        }
    }

    @Test func theDayShowsEachStaffMembersSessionsInBothZonesWithCalendarStateAndOpenings() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            #expect(status == .created)
            let id = try #require(booked["id"] as? String)
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let page = try await dana.get("/staff/day/2026-12-02")
            #expect(page.status == .ok)
            #expect(page.html.contains("<strong>3:00 PM–4:00 PM</strong> (9:00 AM their time)"), "vendor's zone (UTC) and Dana's")
            #expect(page.html.contains("Ørsted Crating, Eve Ørsted") && page.html.contains("$0.00 (maintenance plan)"))
            #expect(page.html.contains("Confirmed · being written to their calendar"), "the outbox has not run")
            #expect(page.html.contains("Openings: 4:00 PM–11:00 PM (420 min)"), "the rest of Dana's 09:00–17:00 Chicago")
            #expect(page.html.contains("action=\"/staff/bookings/\(id)/cancel\""))
            #expect(!page.html.contains("http-equiv=\"refresh\""), "reloading is the viewer's choice")
            let live = try await dana.get("/staff/day/2026-12-02?live=1")
            #expect(live.html.contains("<meta http-equiv=\"refresh\" content=\"60\">"))
            #expect(live.html.contains("Stop reloading"))
            let today = try await dana.get("/staff")
            #expect(today.html.contains("Tuesday, 1 December 2026") && today.html.contains("No sessions."))
        }
    }

    @Test func staffCancelAfterTheCutoffAndMarkJoined() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T14:50:00Z")
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let day = try await dana.get("/staff")
            #expect(day.html.contains("Mark joined"), "15 minutes before the start")
            let csrf = day.field("csrf")
            #expect(try await dana.post("/staff/bookings/\(id)/join", csrf: nil).status == .forbidden, "CSRF")
            let joined = try await dana.post("/staff/bookings/\(id)/join", [("back", "/staff/day/2026-12-02")], csrf: csrf)
            #expect(joined.status == .seeOther && joined.location == "/staff/day/2026-12-02?done=joined")
            #expect(try fixture.booking(id).joinedAt != nil)

            fixture.set(now: "2026-12-01T12:00:00Z")
            let (_, _, other) = try await client.call(
                .post, "/api/bookings", json: BookingsAPITests.book.replacingOccurrences(of: "15:00:00Z", with: "16:00:00Z"))
            let second = try #require(other["id"] as? String)
            fixture.set(now: "2026-12-02T15:30:00Z")
            let cancelled = try await dana.post("/staff/bookings/\(second)/cancel", [("back", "//evil.example")], csrf: csrf)
            #expect(cancelled.status == .seeOther && cancelled.location == "/staff?done=cancelled", "only a /staff page to go back to")
            #expect(try fixture.booking(second).status == .cancelledByStaff, "staff override the 65-minute cutoff")
            let audit = try fixture.stored { tx in try tx.auditEntries(AuditQuery(bookingID: BookingID(second))) }.map(\.record.actor)
            #expect(audit.contains("staff:dana"))
        }
    }

    @Test func signedOutActionsChangeNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            let stranger = AccountVisitor(client, fixture)
            let page = try await stranger.submit(on: "/staff/sign-in", to: "/staff/bookings/\(id)/cancel")
            #expect(page.status == .seeOther && page.location == "/staff/sign-in")
            #expect(try fixture.booking(id).status == .confirmed)
        }
    }
}
