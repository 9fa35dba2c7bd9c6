import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import SupportServer

/// Issue 12 for the API: money as an object, one day limit with the CLI, a join time after
/// now and an unknown staff key are the caller's mistakes (400), not a state or a policy.
@Suite struct MachineFriendlyAPITests {
    @Test func moneyIsAnAmountAndACurrency() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let body = #"{"contact":"pat@pine.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z"}"#
            let (status, _, booking) = try await client.call(.post, "/api/bookings", json: body)
            #expect(status == .created)
            let amount = try #require(booking["amount"] as? [String: Any])
            #expect(amount["amount"] as? String == "140.00")
            #expect(amount["currency"] as? String == "USD")
            #expect(booking["zone"] as? String == "America/Chicago")
            #expect(booking["local"] as? String == "9:00 AM UTC-6 (America/Chicago) on Wednesday, 2 December 2026")
        }
    }

    @Test(arguments: [(31, 200), (32, 400), (0, 400)])
    func slotsCoverAtMost31DaysAsOnTheCommandLine(days: Int, status: Int) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (answer, _, body) = try await client.call(.get, "/api/slots?kind=live-session&days=\(days)")
            #expect(answer.code == status)
            if status == 400 { #expect(body["error"] as? String == "days must be between 1 and 31") }
        }
    }

    @Test func aJoinTimeAfterNowIsRefusedAndNothingIsRecorded() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T15:02:00Z")
            let (status, _, body) = try await client.call(
                .post, "/api/bookings/\(id)/join", json: #"{"at":"2026-12-02T15:05:00Z"}"#,
                bearer: ServerFixture.webhookToken)
            #expect(status == .badRequest)
            #expect((body["error"] as? String)?.contains("after now") == true)
            #expect(try fixture.booking(id).joinedAt == nil)
        }
    }

    @Test func anEmergencyForAnUnknownStaffMemberNamesTheStaff() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T15:00:00Z")
        try await fixture.test { client in
            let (status, _, body) = try await client.call(
                .post, "/api/emergencies", json: #"{"contact":"eve@orsted.example","start":"2026-12-02T19:15:00Z","staff":"bob"}"#,
                bearer: ServerFixture.staffToken)
            #expect(status == .badRequest)
            #expect(body["error"] as? String == "there is no staff member bob in the configuration; the staff are dana")
        }
    }
}
