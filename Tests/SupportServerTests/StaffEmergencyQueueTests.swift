import Foundation
import HTTPTypes
import HummingbirdTesting
import Operations
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// `/staff/emergencies`: the queue from the customer account, placed or declined by staff.
/// Wednesday 2 December 2026, 15:00Z (9:00 AM in Chicago, where Dana works until 17:00).
@Suite struct StaffEmergencyQueueTests {
    func queued(_ fixture: ServerFixture, _ client: any TestClientProtocol) async throws -> String {
        let eve = AccountVisitor(client, fixture)
        try await eve.signIn(as: "eve@orsted.example")
        let asked = try await eve.submit(on: "/account/emergency", to: "/account/emergency", [("problem", "Crating line 2 is down")])
        #expect(asked.status == .seeOther)
        return try #require(try fixture.stored { tx in try tx.emergencyRequests(state: .open) }.first).id
    }

    @Test func anOpenRequestIsShownWithOpeningsAndPlacedWithThePlacementEmail() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let id = try await queued(fixture, client)
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let page = try await dana.get("/staff/emergencies")
            #expect(page.status == .ok && page.html.contains("Ørsted Crating: Eve Ørsted"))
            #expect(page.html.contains("Crating line 2 is down"))
            #expect(page.html.contains("Plan: Free sessions"))
            #expect(page.html.contains("value=\"dana|2026-12-02T15:00:00Z\" checked> Dana Whitfield: 3:00 PM–11:00 PM (480 min)"))
            let placed = try await dana.post(
                "/staff/emergencies/\(id)/place", [("opening", "dana|2026-12-02T15:30:00Z"), ("type", "live-session/30")],
                csrf: page.field("csrf"))
            #expect(placed.status == .seeOther && placed.location == "/staff/emergencies?done=placed")
            let request = try #require(try fixture.stored { tx in try tx.emergencyRequest(id) })
            #expect(request.state == .placed)
            let booking = try fixture.booking(try #require(request.bookingID).rawValue)
            #expect(booking.start == SampleBooking.date("2026-12-02T15:30:00Z") && booking.sessionType.minutes == 30)
            let emails = try fixture.stored { tx in try tx.outboxItems(bookingID: booking.id) }.filter { $0.kind == .email }
            #expect(emails.contains { $0.dedupeKey.contains("emergency-placement") }, "\(emails.map(\.dedupeKey))")
            let after = try await dana.get("/staff/emergencies?done=placed")
            #expect(
                after.html.contains("<h2>Open requests</h2>\n<p>None.</p>") || after.html.contains("<h2>Open requests</h2><p>None.</p>"))

            // The customer declines the placement before it starts: the queue says so.
            let released = try await fixture.desk.declineEmergency(
                booking.id, actor: BookingDesk.Actor("test", via: "test"), now: fixture.clock.now)
            guard case .accepted = released else {
                Issue.record("\(released)")
                return
            }
            let declined = try await dana.get("/staff/emergencies")
            #expect(declined.html.contains("Placed, then declined by the customer"))
        }
    }

    @Test func twoStaffPlacingOneRequestAtOnceBookItOnce() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try fixture.storing { tx in
            try tx.upsertStaff(StaffProfile(key: "olaf", name: "Olaf", email: "olaf@vendor.example", timeZone: ServerFixture.chicago))
        }
        try await fixture.test { client in
            let id = try await queued(fixture, client)
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let olaf = AccountVisitor(client, fixture)
            try await olaf.signInStaff(as: "olaf@vendor.example")
            let (danaPage, olafPage) = (try await dana.get("/staff/emergencies"), try await olaf.get("/staff/emergencies"))
            let form = [("opening", "dana|2026-12-02T15:00:00Z"), ("type", "live-session/30")]
            async let first = dana.post("/staff/emergencies/\(id)/place", form, csrf: danaPage.field("csrf"))
            async let second = olaf.post(
                "/staff/emergencies/\(id)/place", [("opening", "dana|2026-12-02T16:00:00Z"), ("type", "live-session/30")],
                csrf: olafPage.field("csrf"))
            let answers = try await [first, second]
            #expect(answers.filter { $0.status == .seeOther }.count == 1, "exactly one wins")
            let loser = try #require(answers.first { $0.status != .seeOther })
            #expect(loser.status == .conflict && loser.html.contains("already placed"))
            #expect(try fixture.stored { tx in try tx.bookings() }.filter(\.status.isActive).count == 1)
        }
    }

    @Test func aDeclineNeedsAReasonEmailsItAndHappensOnce() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let id = try await queued(fixture, client)
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let page = try await dana.get("/staff/emergencies")
            #expect(
                try await dana.post("/staff/emergencies/\(id)/decline", [("reason", " ")], csrf: page.field("csrf")).status == .badRequest)
            let declined = try await dana.post(
                "/staff/emergencies/\(id)/decline", [("reason", "Everyone is on site today")], csrf: page.field("csrf"))
            #expect(declined.status == .seeOther)
            #expect(try fixture.stored { tx in try tx.emergencyRequest(id) }?.state == .declined)
            let again = try await dana.post("/staff/emergencies/\(id)/decline", [("reason", "x")], csrf: page.field("csrf"))
            #expect(again.status == .conflict)
            let mail = try await AccountVisitor.waitForMail(fixture, count: 1)
            #expect(mail.contains { $0.contains("To: ") && $0.contains("eve@orsted.example") && $0.contains("Everyone is on site today") })
            let eve = AccountVisitor(client, fixture)
            try await eve.signIn(as: "eve@orsted.example")
            #expect(try await eve.get("/account/emergency").html.contains("Declined: Everyone is on site today"))
        }
    }

    @Test func staffAddARequestFromAPhoneCallWithThePlanChecked() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let dana = AccountVisitor(client, fixture)
            try await dana.signInStaff(as: "dana@vendor.example")
            let noPlan = try await dana.submit(
                on: "/staff/emergencies", to: "/staff/emergencies", [("contact", "pat@pine.example"), ("problem", "help")])
            #expect(noPlan.status == .unprocessableContent && noPlan.html.contains("active maintenance"))
            let unknown = try await dana.submit(
                on: "/staff/emergencies", to: "/staff/emergencies", [("contact", "who@nowhere.example"), ("problem", "help")])
            #expect(unknown.status == .unprocessableContent)
            let added = try await dana.submit(
                on: "/staff/emergencies", to: "/staff/emergencies", [("contact", "eve@orsted.example"), ("problem", "phoned in")])
            #expect(added.status == .seeOther)
            let audit = try fixture.stored { tx in try tx.auditEntries(AuditQuery(companyID: "orsted")) }.map(\.record)
            #expect(audit.contains { $0.action == "emergency.requested" && $0.actor == "staff:dana" })
        }
    }
}
