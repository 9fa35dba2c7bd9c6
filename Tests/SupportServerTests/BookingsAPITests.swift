import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import SupportServer

@Suite struct BookingsAPITests {
    static let book =
        #"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z","code":"ORST-CODE-1"}"#

    @Test func healthAndMetricsAnswer() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, body) = try await client.call(.get, "/healthz")
            #expect(status == .ok && body["status"] as? String == "ok")
            _ = try await client.call(.post, "/api/bookings", json: Self.book)
            _ = try await client.call(.post, "/api/bookings", json: Self.book)
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                #expect(text.contains("supportcal_bookings{status=\"confirmed\"} 1"))
                #expect(text.contains("supportcal_refusals_total{rule=\"already-booked-then\"} 1"))
                #expect(text.contains("supportcal_outbox_items{kind=\"email\",status=\"pending\"}"))
            }
        }
    }

    @Test func slotsAreListedInTheContactsZone() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, body) = try await client.call(
                .get, "/api/slots?kind=live-session&length=60&from=2026-12-02T15:00:00Z&days=1&contact=eve@orsted.example")
            #expect(status == .ok)
            #expect(body["zone"] as? String == "Asia/Kolkata")
            let slots = try #require(body["slots"] as? [[String: Any]])
            #expect(slots.first?["start"] as? String == "2026-12-02T15:00:00Z", "09:00 Chicago is the first slot")
            #expect(slots.first?["local"] as? String == "8:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026")
            #expect(fixture.busyTime.refreshes == 1, "calendars re-read first")
        }
    }

    @Test(arguments: [
        ("/api/slots?kind=yoga", 400), ("/api/slots?kind=live-session&length=45", 400), ("/api/slots?kind=live-session&days=90", 400),
        ("/api/slots?kind=live-session&contact=nobody@example.com", 422), ("/api/slots?kind=live-session&from=next-tuesday", 400),
    ])
    func badSlotQueriesSayWhatIsWrong(uri: String, status: Int) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (answer, _, body) = try await client.call(.get, uri)
            #expect(answer.code == status)
            #expect((body["error"] as? String)?.isEmpty == false)
        }
    }

    @Test func aBookingIsCreatedWithTheCustomersLinks() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: Self.book)
            #expect(status == .created)
            #expect(
                body["charge"] as? String == "plan-free" && (body["amount"] as? [String: String]) == ["amount": "0.00", "currency": "USD"])
            #expect(body["local"] as? String == "8:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026")
            let links = try #require(body["links"] as? [String: String])
            #expect(Set(links.keys) == ["view", "cancel", "reschedule"])
            #expect(links["cancel"]?.hasPrefix("https://support.example/b/") == true)
        }
    }

    @Test(arguments: [
        (#"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-01T12:30:00Z"}"#, 422, "minimum-notice"),
        (
            #"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-02T03:00:00Z"}"#, 422,
            "outside-working-hours"
        ),
        (#"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-02T15:07:00Z"}"#, 422, "not-on-slot-grid"),
        (
            #"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z","code":"WRONG"}"#, 422,
            "wrong-code"
        ),
        (
            #"{"contact":"pat@pine.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z","code":"ANY"}"#, 422,
            "no-active-plan"
        ),
    ])
    func refusalsCarryTheRuleAndTheCustomersReason(json: String, status: Int, rule: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (answer, _, body) = try await client.call(.post, "/api/bookings", json: json)
            #expect(answer.code == status)
            #expect(body["refused"] as? Bool == true && body["rule"] as? String == rule, "\(body)")
            #expect((body["reason"] as? String)?.isEmpty == false)
        }
    }

    @Test func theSecondBookingOfASlotIsAConflict() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            #expect(try await client.call(.post, "/api/bookings", json: Self.book).0 == .created)
            // Another customer for Dana's one slot: taken.
            let other = #"{"contact":"pat@pine.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z"}"#
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: other)
            #expect(status == .conflict && body["rule"] as? String == "slot-taken")
            // The same customer again (a retry without an Idempotency-Key): already booked then.
            let (again, _, repeated) = try await client.call(.post, "/api/bookings", json: Self.book)
            #expect(again == .conflict && repeated["rule"] as? String == "already-booked-then")
            #expect(try fixture.bookingCount() == 1)
        }
    }

    @Test(arguments: [
        ("not json", 400), (#"{"contact":"eve@orsted.example"}"#, 400),
        (#"{"contact":"x@y.example","kind":"live-session","start":"2026-12-02T15:00:00Z"}"#, 422),
        (#"{"contact":"eve@orsted.example","kind":"live-session","start":"tomorrow"}"#, 400),
    ])
    func badBodiesAreClientErrors(json: String, status: Int) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (answer, _, _) = try await client.call(.post, "/api/bookings", json: json)
            #expect(answer.code == status)
        }
    }

    /// The fixture lists 60 minutes before 30: the menu, not the list's order, decides.
    @Test func withoutALengthTheShortestOfferedIsUsed() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (status, _, body) = try await client.call(.get, "/api/slots?kind=live-session&from=2026-12-02&days=1")
            #expect(status == .ok)
            #expect((body["sessionType"] as? String)?.hasPrefix("30-minute") == true, "got \(body["sessionType"] ?? "nothing")")
            let booked = #"{"contact":"pat@pine.example","kind":"live-session","start":"2026-12-02T16:00:00Z"}"#
            let (created, _, booking) = try await client.call(.post, "/api/bookings", json: booked)
            #expect(created == .created && booking["minutes"] as? Int == 30)
        }
    }

    @Test func anOversizedBodyIsRefusedUnread() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let huge = #"{"contact":""# + String(repeating: "x", count: 40_000) + #""}"#
            let (answer, _, _) = try await client.call(.post, "/api/bookings", json: huge)
            #expect(answer == .contentTooLarge)
        }
    }

    @Test func aRetriedRequestWithTheSameIdempotencyKeyGetsTheSameBooking() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let key: HTTPFields = [.idempotencyKey: "retry-1"]
            let first = try await client.call(.post, "/api/bookings", json: Self.book, headers: key)
            let again = try await client.call(.post, "/api/bookings", json: Self.book, headers: key)
            #expect(first.0 == .created && again.0 == .created)
            #expect(first.2["id"] as? String == again.2["id"] as? String)
            #expect(again.1[.idempotentReplayed] == "true")
            let other = Self.book.replacingOccurrences(of: "15:00:00Z", with: "16:00:00Z")
            #expect(try await client.call(.post, "/api/bookings", json: other, headers: key).0 == .unprocessableContent)
            #expect(try fixture.bookingCount() == 1)
        }
    }

    @Test func wrongCodesFromOneAddressAreLimitedAcrossCompanies() async throws {
        let fixture = try ServerFixture(codeAttemptsPerAddress: 2)
        try await fixture.test { client in
            let wrong = Self.book.replacingOccurrences(of: "ORST-CODE-1", with: "GUESS")
            let from: HTTPFields = [.xForwardedFor: "203.0.113.9"]
            for _ in 0..<2 {
                #expect(try await client.call(.post, "/api/bookings", json: wrong, headers: from).2["rule"] as? String == "wrong-code")
            }
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: Self.book, headers: from)
            #expect(status == .tooManyRequests && body["rule"] as? String == "code-rate-limited", "even the right code waits")
            // Another address is not affected.
            #expect(try await client.call(.post, "/api/bookings", json: Self.book, headers: [.xForwardedFor: "198.51.100.7"]).0 == .created)
        }
    }
}
