import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import SupportServer

/// What the route groups' middleware guarantees, whatever the handler behind it does.
@Suite struct MiddlewareTests {
    static let book = #"{"contact":"eve@orsted.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z"}"#

    /// The staff group refuses before the body is read: no 400 that would tell a stranger
    /// what the endpoint takes.
    @Test(arguments: ["/api/emergencies", "/api/return-calls", "/api/companies/orsted/reinstatement", "/api/return-calls/rc-1/attempt"])
    func staffRoutesRefuseStrangersBeforeReadingTheBody(path: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let stranger = try await client.call(.post, path, json: "not json").0
            let webhook = try await client.call(.post, path, json: "not json", bearer: ServerFixture.webhookToken).0
            let staff = try await client.call(.post, path, json: "not json", bearer: ServerFixture.staffToken).0
            #expect(stranger == .unauthorized)
            #expect(webhook == .forbidden)
            #expect(staff == .badRequest)
        }
    }

    @Test func theJoinWebhookTakesTheWebhookTokenOrStaffButNoOneElse() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let webhook = try await client.call(.post, "/api/bookings/b-none/join", bearer: ServerFixture.webhookToken).0
            let staff = try await client.call(.post, "/api/bookings/b-none/join", bearer: ServerFixture.staffToken).0
            let wrong = try await client.call(.post, "/api/bookings/b-none/join", bearer: "x" + ServerFixture.webhookToken).0
            #expect(webhook == .notFound && staff == .notFound, "let through, then the booking is not there")
            #expect(wrong == .forbidden)
        }
    }

    /// The recorded answer is the handler's whole body: a replayed refusal reads the same.
    @Test func aReplayedRefusalIsTheFirstAnswerByteForByte() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let taken = #"{"contact":"pat@pine.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z"}"#
            let booked = try await client.call(.post, "/api/bookings", json: Self.book).0
            #expect(booked == .created)
            let key: HTTPFields = [.idempotencyKey: "refused-once"]
            let first = try await client.execute(
                uri: "/api/bookings", method: .post, headers: key.merging([.contentType: "application/json"]), body: .init(string: taken)
            ) { $0 }
            let again = try await client.execute(
                uri: "/api/bookings", method: .post, headers: key.merging([.contentType: "application/json"]), body: .init(string: taken)
            ) { $0 }
            #expect(first.status == .conflict && again.status == .conflict)
            #expect(String(buffer: first.body).contains("slot-taken"))
            #expect(String(buffer: again.body) == String(buffer: first.body))
            #expect(again.headers[.idempotentReplayed] == "true" && first.headers[.idempotentReplayed] == nil)
        }
    }

    @Test func anOversizedBodyWithAKeyIsRefusedAndTheKeyStaysFree() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let key: HTTPFields = [.idempotencyKey: "big-then-right"]
            let huge = #"{"contact":""# + String(repeating: "x", count: 40_000) + #""}"#
            let refused = try await client.call(.post, "/api/bookings", json: huge, headers: key).0
            let booked = try await client.call(.post, "/api/bookings", json: Self.book, headers: key).0
            #expect(refused == .contentTooLarge)
            #expect(booked == .created)
        }
    }
}

extension HTTPFields {
    fileprivate func merging(_ other: HTTPFields) -> HTTPFields {
        var fields = self
        fields.append(contentsOf: other)
        return fields
    }
}
