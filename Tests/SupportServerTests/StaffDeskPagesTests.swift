import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// The staff console's other pages: moving a session, return calls, bookings search and a
/// booking's history, companies and the admin-only actions on them.
@Suite struct StaffDeskPagesTests {
    func signedInDana(_ client: any TestClientProtocol, _ fixture: ServerFixture) async throws -> AccountVisitor {
        let dana = AccountVisitor(client, fixture)
        try await dana.signInStaff(as: "dana@vendor.example")
        return dana
    }

    @Test func staffMoveASessionPastTheCutoffAndTheDaySaysSo() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T14:30:00Z")
            let dana = try await signedInDana(client, fixture)
            let day = try await dana.get("/staff/day/2026-12-02")
            #expect(day.html.contains("name=\"start\" value=\"2026-12-02T15:00\""), "the field starts at the session's time")
            let moved = try await dana.post(
                "/staff/bookings/\(id)/move", [("start", "2026-12-02T17:00"), ("staff", "dana"), ("back", "/staff/day/2026-12-02")],
                csrf: day.field("csrf"))
            #expect(moved.status == .seeOther && moved.location == "/staff/day/2026-12-02?done=moved")
            #expect(try fixture.booking(id).start == SampleBooking.date("2026-12-02T17:00:00Z"), "staff override the cutoff")
            let bad = try await dana.post("/staff/bookings/\(id)/move", [("start", "soon")], csrf: day.field("csrf"))
            #expect(bad.status == .badRequest)
        }
    }

    @Test(arguments: [
        ("2026-03-08T02:30", "2026-03-08T08:30:00Z"), ("2026-03-08T03:30", "2026-03-08T08:30:00Z"),
        ("2026-11-01T01:30", "2026-11-01T06:30:00Z"), ("2026-12-02T09:00", "2026-12-02T15:00:00Z"),
    ])
    func aWallTimeIsReadThroughTheZonesRules(text: String, expected: String) {
        // Chicago: 02:30 on 8 March does not exist (read as 03:30 CDT); 01:30 on 1 November happens twice (the first).
        #expect(StaffPages.localInstant(text, zone: ServerFixture.chicago) == SampleBooking.date(expected))
    }

    @Test func returnCallsArePlannedForACallerAndTheirOneAttemptRecorded() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let dana = try await signedInDana(client, fixture)
            let page = try await dana.get("/staff/callbacks")
            #expect(page.status == .ok && page.html.contains("None planned.") && page.html.contains("Dana Whitfield: 3:00 PM–11:00 PM"))
            let planned = try await dana.post(
                "/staff/callbacks", [("contact", "eve@orsted.example"), ("note", "licence")], csrf: page.field("csrf"))
            #expect(planned.status == .ok && planned.html.contains("Planned for"), "\(planned.html.prefix(0))")
            #expect(planned.html.contains("calls Eve Ørsted of Ørsted Crating") && planned.html.contains("licence"))
            let call = try #require(try fixture.stored { tx in try tx.returnCalls(company: "orsted") }.first)
            let recorded = try await dana.post(
                "/staff/callbacks/\(call.id)/attempt", [("outcome", "needs-more-time")], csrf: page.field("csrf"))
            #expect(recorded.html.contains("Recorded. Ask them to book a session"))
            #expect(try fixture.stored { tx in try tx.returnCall(call.id) }?.outcome == .needsMoreTime)
            let noPlan = try await dana.post("/staff/callbacks", [("contact", "pat@pine.example")], csrf: page.field("csrf"))
            #expect(noPlan.status == .unprocessableContent)
        }
    }

    @Test func bookingsAreFoundByCompanyAndStatusAndShowTheirHistory() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            let dana = try await signedInDana(client, fixture)
            let found = try await dana.get("/staff/bookings?company=orsted&status=confirmed&from=2026-12-01&to=2026-12-31")
            #expect(found.html.contains("<h2>1 found</h2>") && found.html.contains("href=\"/staff/bookings/\(id)\""))
            let none = try await dana.get("/staff/bookings?company=pine")
            #expect(none.html.contains("<h2>0 found</h2>"))
            let unknownContact = try await dana.get("/staff/bookings?contact=nobody%40x.example")
            #expect(unknownContact.html.contains("<h2>0 found</h2>"))
            let page = try await dana.get("/staff/bookings/\(id)")
            #expect(page.html.contains("booking.created by eve@orsted.example"))
            #expect(page.html.contains("calendar.put") && page.html.contains("pending, 0 attempts"))
        }
    }

    @Test func onlyAdminsChangePlansCodesAndPayments() async throws {
        let fixture = try ServerFixture(staffAdmins: ["dana"])
        try fixture.storing { tx in
            try tx.upsertStaff(StaffProfile(key: "olaf", name: "Olaf", email: "olaf@vendor.example", timeZone: ServerFixture.chicago))
        }
        try await fixture.test { client in
            let olaf = AccountVisitor(client, fixture)
            try await olaf.signInStaff(as: "olaf@vendor.example")
            let page = try await olaf.get("/staff/companies/orsted")
            #expect(page.html.contains("Changes to plans, codes and payments are for admins.") && !page.html.contains("/code\""))
            let refused = try await olaf.post("/staff/companies/orsted/code", csrf: page.field("csrf"))
            #expect(refused.status == .forbidden)

            let dana = try await signedInDana(client, fixture)
            let list = try await dana.get("/staff/companies")
            #expect(list.html.contains("href=\"/staff/companies/orsted\">Ørsted Crating") && list.html.contains("Pine &amp; Co"))
            let admin = try await dana.get("/staff/companies/orsted")
            let rotated = try await dana.post("/staff/companies/orsted/code", csrf: admin.field("csrf"))
            let marker = "shown this once: <strong class=\"code\">"
            let start = try #require(rotated.html.range(of: marker)).upperBound
            let code = String(rotated.html[start...].prefix { $0 != "<" })
            let stored = try #require(try fixture.stored { tx in try tx.company("orsted") }?.maintenanceCode)
            #expect(try ServerFixture.sealer.open(stored, company: "orsted") == code)
            let plan = try await dana.post(
                "/staff/companies/pine/plan", [("tier", "discounted"), ("discount", "30"), ("until", "2027-06-30")],
                csrf: admin.field("csrf"))
            #expect(plan.html.contains("The plan is changed.") && plan.html.contains("30 % off every session"))
            let badPlan = try await dana.post(
                "/staff/companies/pine/plan", [("tier", "discounted"), ("discount", "0")], csrf: admin.field("csrf"))
            #expect(badPlan.status == .badRequest)
            let contact = try await dana.post(
                "/staff/companies/pine/contact", [("name", "Quinn"), ("email", "quinn@pine.example"), ("zone", "Europe/Oslo")],
                csrf: admin.field("csrf"))
            #expect(contact.html.contains("Quinn is added.") && contact.html.contains("quinn@pine.example, Europe/Oslo"))
            let again = try await dana.post(
                "/staff/companies/pine/contact", [("name", "Quinn"), ("email", "quinn@pine.example"), ("zone", "Europe/Oslo")],
                csrf: admin.field("csrf"))
            #expect(again.status == .conflict)
            let notSuspended = try await dana.post(
                "/staff/companies/orsted/reinstate", [("reference", "R-1"), ("amount", "100.00")], csrf: admin.field("csrf"))
            #expect(notSuspended.status == .unprocessableContent, "no suspension to lift")
            let actions = try fixture.stored { tx in try tx.auditEntries() }.map(\.record).filter { $0.actor == "staff:dana" }.map(\.action)
            #expect(
                actions.contains("company.code-rotated") && actions.contains("company.plan-changed") && actions.contains("contact.added"))
        }
    }
}
