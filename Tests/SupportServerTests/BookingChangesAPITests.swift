import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import SupportServer

@Suite struct BookingChangesAPITests {
    /// Eve's booking for 2 December 15:00Z, made through the API; its id.
    func booked(_ client: any TestClientProtocol) async throws -> String {
        let (status, _, body) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
        #expect(status == .created)
        return try #require(body["id"] as? String)
    }

    @Test func aBookingIsShownToStaffAndToTheHolderOfItsLinkOnly() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            #expect(try await client.call(.get, "/api/bookings/\(id)", bearer: ServerFixture.staffToken).0 == .ok)
            #expect(
                try await client.call(.get, "/api/bookings/\(id)?token=\(fixture.token(id, .view, expires: ServerFixture.start))").2["id"]
                    as? String == id)
            #expect(try await client.call(.get, "/api/bookings/\(id)").0 == .unauthorized)
            #expect(try await client.call(.get, "/api/bookings/\(id)", bearer: "not-the-staff-token-at-all").0 == .forbidden)
            #expect(try await client.call(.get, "/api/bookings/\(id)?token=\(fixture.token("b-someoneelse", .view))").0 == .forbidden)
            var forged = Array(fixture.token(id, .view))
            forged[5] = forged[5] == "A" ? "B" : "A"
            #expect(try await client.call(.get, "/api/bookings/\(id)?token=\(String(forged))").0 == .forbidden)
        }
    }

    @Test(
        arguments: [("2026-12-02T13:54:00Z", 200, nil), ("2026-12-02T13:55:00Z", 403, nil), ("2026-12-02T13:56:00Z", 403, nil)]
            as [(String, Int, String?)])
    func theCustomersCancelLinkWorksUntilTheCutoff(now: String, status: Int, rule: String?) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            fixture.set(now: now)
            let (answer, _, body) = try await client.call(
                .post, "/api/bookings/\(id)/cancel", json: #"{"token":"\#(fixture.token(id, .cancel))"}"#)
            #expect(answer.code == status, "\(body)")
            #expect(try fixture.booking(id).status.isCancelled == (status == 200))
            if status == 403 { #expect((body["error"] as? String)?.contains("expired") == true) }
        }
    }

    @Test func theCutoffRuleAppliesEvenToAnUnexpiredToken() async throws {
        // A link minted with a later expiry (or a policy change) still cannot beat the policy.
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            fixture.set(now: "2026-12-02T14:00:00Z")
            let late = fixture.token(id, .cancel, expires: ServerFixture.start)
            let (status, _, body) = try await client.call(.post, "/api/bookings/\(id)/cancel", json: #"{"token":"\#(late)"}"#)
            #expect(status == .unprocessableContent && body["rule"] as? String == "cancel-cutoff")
            #expect((body["reason"] as? String)?.contains("7:25 PM UTC+5:30 (Asia/Kolkata)") == true, "the cutoff in Eve's zone")
        }
    }

    @Test func aLinkForOneActionDoesNotDoAnother() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            #expect(
                try await client.call(.post, "/api/bookings/\(id)/cancel", json: #"{"token":"\#(fixture.token(id, .reschedule))"}"#).0
                    == .forbidden)
            #expect(try await client.call(.post, "/api/bookings/\(id)/cancel").0 == .unauthorized)
            #expect(try fixture.booking(id).status == .confirmed)
        }
    }

    @Test func staffCancelAtAnyTimeAndASecondCancelIsAConflict() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            fixture.set(now: "2026-12-02T14:50:00Z")
            #expect(
                try await client.call(.post, "/api/bookings/\(id)/cancel", bearer: ServerFixture.staffToken).2["status"] as? String
                    == "cancelled-by-staff")
            let (status, _, body) = try await client.call(.post, "/api/bookings/\(id)/cancel", bearer: ServerFixture.staffToken)
            #expect(status == .conflict && body["rule"] as? String == "booking-not-active")
        }
    }

    @Test func rescheduleMovesTheSessionWithTheLink() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            let token = fixture.token(id, .reschedule)
            let (status, _, body) = try await client.call(
                .post, "/api/bookings/\(id)/reschedule", json: #"{"token":"\#(token)","start":"2026-12-02T17:00:00Z"}"#)
            #expect(status == .ok && body["start"] as? String == "2026-12-02T17:00:00Z" && body["sequence"] as? Int == 1)
            let taken = try await client.call(
                .post, "/api/bookings/\(id)/reschedule", json: #"{"token":"\#(token)","start":"2026-12-02T03:00:00Z"}"#)
            #expect(taken.0 == .unprocessableContent && taken.2["rule"] as? String == "outside-working-hours")
            #expect(try await client.call(.post, "/api/bookings/\(id)/reschedule", json: #"{"token":"\#(token)"}"#).0 == .badRequest)
        }
    }

    @Test func theConferenceWebhookRecordsAJoin() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let id = try await booked(client)
            fixture.set(now: "2026-12-02T15:03:00Z")
            #expect(try await client.call(.post, "/api/bookings/\(id)/join").0 == .unauthorized)
            #expect(try await client.call(.post, "/api/bookings/\(id)/join", bearer: "wrong-webhook-token-123456").0 == .forbidden)
            let (status, _, body) = try await client.call(.post, "/api/bookings/\(id)/join", bearer: ServerFixture.webhookToken)
            #expect(status == .ok && body["status"] as? String == "joined" && body["joinedAt"] as? String == "2026-12-02T15:03:00Z")
            #expect(try await client.call(.post, "/api/bookings/b-nosuchthing/join", bearer: ServerFixture.webhookToken).0 == .notFound)
        }
    }

    @Test func anEmergencyPlacementIsPlacedByStaffAndDeclinedWithTheLink() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T16:00:00Z")
        try await fixture.test { client in
            let (openings, _, list) = try await client.call(
                .get, "/api/emergencies/openings?contact=eve@orsted.example", bearer: ServerFixture.staffToken)
            #expect(openings == .ok)
            #expect((list["items"] as? [[String: Any]])?.first?["staff"] as? String == "dana")
            #expect(try await client.call(.get, "/api/emergencies/openings?contact=eve@orsted.example").0 == .unauthorized)
            let (noPlan, _, refusal) = try await client.call(
                .get, "/api/emergencies/openings?contact=pat@pine.example", bearer: ServerFixture.staffToken)
            #expect(noPlan == .unprocessableContent && refusal["rule"] as? String == "no-active-plan")

            let (placed, _, body) = try await client.call(
                .post, "/api/emergencies", json: #"{"contact":"eve@orsted.example","start":"2026-12-02T19:15:00Z","staff":"dana"}"#,
                bearer: ServerFixture.staffToken)
            #expect(placed == .created && body["emergency"] as? Bool == true)
            let id = try #require(body["id"] as? String)
            let decline = fixture.token(id, .decline, expires: SampleBooking.date("2026-12-02T19:15:00Z"))
            fixture.set(now: "2026-12-02T19:00:00Z")  // inside the 65-minute cutoff: declining still works
            let (declined, _, after) = try await client.call(.post, "/api/bookings/\(id)/decline", json: #"{"token":"\#(decline)"}"#)
            #expect(declined == .ok && after["status"] as? String == "cancelled-by-customer")
            #expect(try await client.call(.post, "/api/bookings/\(id)/decline", json: #"{"token":"\#(decline)"}"#).0 == .conflict)
        }
    }

    @Test func returnCallsAndReinstatementAreStaffOnlyAndRefuseWhatThePolicyRefuses() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T16:00:00Z")
        try await fixture.test { client in
            let staff = ServerFixture.staffToken
            #expect(try await client.call(.post, "/api/return-calls", json: #"{"contact":"eve@orsted.example"}"#).0 == .unauthorized)
            let (planned, _, call) = try await client.call(
                .post, "/api/return-calls", json: #"{"contact":"eve@orsted.example","note":"export fails"}"#, bearer: staff)
            #expect(planned == .created)
            let callID = try #require(call["id"] as? String)
            let (again, _, refusal) = try await client.call(
                .post, "/api/return-calls", json: #"{"contact":"eve@orsted.example"}"#, bearer: staff)
            // Not attempted yet: the refusal says the call is planned, not that we tried.
            #expect(again == .conflict && refusal["rule"] as? String == "return-call-already-planned")
            #expect(
                try await client.call(.post, "/api/return-calls/\(callID)/attempt", json: #"{"outcome":"maybe"}"#, bearer: staff).0
                    == .badRequest)
            #expect(
                try await client.call(.post, "/api/return-calls/rc-nosuch/attempt", json: #"{"outcome":"resolved"}"#, bearer: staff).0
                    == .notFound)
            #expect(
                try await client.call(.post, "/api/return-calls/\(callID)/attempt", json: #"{"outcome":"resolved"}"#, bearer: staff).2[
                    "outcome"] as? String == "resolved")
            let (afterAttempt, _, attempted) = try await client.call(
                .post, "/api/return-calls", json: #"{"contact":"eve@orsted.example"}"#, bearer: staff)
            #expect(afterAttempt == .conflict && attempted["rule"] as? String == "return-call-already-attempted")

            let (notSuspended, _, rule) = try await client.call(
                .post, "/api/companies/orsted/reinstatement", json: #"{"reference":"INV-1"}"#, bearer: staff)
            #expect(notSuspended == .unprocessableContent && rule["rule"] as? String == "not-suspended")
            #expect(
                try await client.call(
                    .post, "/api/companies/orsted/reinstatement", json: #"{"reference":"INV-1","amount":"lots"}"#, bearer: staff
                ).0 == .badRequest)
            #expect(try await client.call(.post, "/api/companies/orsted/reinstatement", json: #"{"reference":"INV-1"}"#).0 == .unauthorized)
        }
    }

    @Test func anUnexpectedFailureShowsNoInternalText() async throws {
        let fixture = try ServerFixture(failingBusyRefresh: true)
        try await fixture.test { client in
            try await client.execute(uri: "/api/slots?kind=live-session", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.status == .internalServerError)
                #expect(!text.contains("SQLITE") && !text.contains("/var/lib") && text.contains("reference"))
            }
            try await client.execute(uri: "/book?contact=eve@orsted.example&type=live-session/60", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(!String(buffer: response.body).contains("SQLITE"))
            }
        }
    }
}

/// What used to be internal errors are answers a client can act on.
@Suite struct ClientErrorTests {
    @Test func unknownThingsAreNotFoundAndImpossibleChangesConflicts() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let staff = ServerFixture.staffToken
            #expect(try await client.call(.post, "/api/bookings/b-nosuchbooking/cancel", bearer: staff).0 == .notFound)
            #expect(
                try await client.call(.post, "/api/companies/nosuch/reinstatement", json: #"{"reference":"INV-1"}"#, bearer: staff).0
                    == .notFound)
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            _ = try await client.call(.post, "/api/bookings/\(id)/cancel", bearer: staff)
            let (joined, _, body) = try await client.call(.post, "/api/bookings/\(id)/join", bearer: ServerFixture.webhookToken)
            #expect(joined == .conflict && (body["error"] as? String)?.isEmpty == false)
            #expect(try await client.call(.get, "/api/slots?kind=live-session&length=sixty").0 == .badRequest)
        }
    }

    @Test(arguments: ["2026-12-02T15:00Z", "2026-12-02T15:00:00Z", "2026-12-02T09:00-06:00", "2026-12-02T20:30"])
    func everyWayOfWritingTheStartMeansTheSameInstant(start: String) async throws {
        // The last form has no zone: it is read in Eve's zone, Asia/Kolkata (UTC+5:30).
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let json = BookingsAPITests.book.replacingOccurrences(of: "2026-12-02T15:00:00Z", with: start)
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: json)
            #expect(status == .created && body["start"] as? String == "2026-12-02T15:00:00Z", "\(body)")
        }
    }
}
