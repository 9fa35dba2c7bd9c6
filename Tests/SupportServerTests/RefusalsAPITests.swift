import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduling
import Store
import TestSupport
import Testing

@testable import SupportServer

/// The policy rules not met elsewhere in these suites, each once through the API.
@Suite struct RefusalsAPITests {
    /// Two free sessions of Ørsted closed as no-shows in November: suspended.
    func suspend(_ fixture: ServerFixture) throws {
        for (index, day) in ["2026-11-18", "2026-11-25"].enumerated() {
            let start = SampleBooking.date("\(day)T15:00:00Z")
            let booking = Booking(
                id: BookingID("b-noshow\(index)"), companyID: "orsted", contactID: "eve",
                sessionType: SessionType(.liveSession, minutes: 60),
                start: start, staff: "dana", charge: Charge(basis: .planFree, amount: .zero, planID: "orsted-2026"),
                bookedAt: start.addingTimeInterval(-86_400))
            let closed = try booking.closedAsNoShow(at: start.addingTimeInterval(600), grace: 600)
            try fixture.store.write { tx in
                try tx.insert(booking)
                try tx.update(closed)
            }
        }
    }

    @Test func aSuspendedCompanyIsRefusedFreeBookingsAndMustPayTheWholeFee() async throws {
        let fixture = try ServerFixture()
        try suspend(fixture)
        try await fixture.test { client in
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            #expect(status == .unprocessableContent && body["rule"] as? String == "suspended")
            #expect((body["reason"] as? String)?.contains("$100.00") == true)
            let short = try await client.call(
                .post, "/api/companies/orsted/reinstatement", json: #"{"reference":"INV-9","amount":"50.00"}"#,
                bearer: ServerFixture.staffToken)
            #expect(short.0 == .unprocessableContent && short.2["rule"] as? String == "reinstatement-fee-short")
            let paid = try await client.call(
                .post, "/api/companies/orsted/reinstatement", json: #"{"reference":"INV-9"}"#, bearer: ServerFixture.staffToken)
            #expect(paid.0 == .created && (paid.2["amount"] as? [String: String]) == ["amount": "100.00", "currency": "USD"])
            #expect(try await client.call(.post, "/api/bookings", json: BookingsAPITests.book).0 == .created)
        }
    }

    @Test func aPlanWithoutACodeOnFileCannotBookFree() async throws {
        let fixture = try ServerFixture()
        try addKistler(fixture)
        try await fixture.test { client in
            let json = BookingsAPITests.book.replacingOccurrences(of: "eve@orsted.example", with: "kai@kistler.example")
            let (status, _, body) = try await client.call(.post, "/api/bookings", json: json)
            #expect(status == .unprocessableContent && body["rule"] as? String == "no-code-on-file")
        }
    }

    /// A company with a free plan but no maintenance code stored.
    func addKistler(_ fixture: ServerFixture) throws {
        try fixture.store.write { tx in
            let plan = MaintenancePlan(
                id: "kistler-2026", tier: .free, validFrom: SampleBooking.date("2026-01-01T00:00:00Z"),
                validUntil: SampleBooking.date("2027-12-31T00:00:00Z"))
            try tx.insert(Company(id: "kistler", name: "Kistler", plans: [plan]))
            try tx.insert(
                Contact(id: "kai", companyID: "kistler", name: "Kai", email: "kai@kistler.example", timeZone: ServerFixture.chicago))
        }
    }

    @Test func theRescheduleRuleHoldsAtTheCutoffEvenForAnUnexpiredLink() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T13:56:00Z")
            let token = fixture.token(id, .reschedule, expires: ServerFixture.start)
            let (status, _, body) = try await client.call(
                .post, "/api/bookings/\(id)/reschedule", json: #"{"token":"\#(token)","start":"2026-12-02T17:00:00Z"}"#)
            #expect(status == .unprocessableContent && body["rule"] as? String == "reschedule-cutoff")
        }
    }

    @Test func anEmergencyCannotBeDeclinedOnceItStarted() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T16:00:00Z")
        try await fixture.test { client in
            let (_, _, placed) = try await client.call(
                .post, "/api/emergencies", json: #"{"contact":"eve@orsted.example","start":"2026-12-02T19:15:00Z","staff":"dana"}"#,
                bearer: ServerFixture.staffToken)
            let id = try #require(placed["id"] as? String)
            fixture.set(now: "2026-12-02T19:16:00Z")
            let late = fixture.token(id, .decline, expires: SampleBooking.date("2026-12-02T20:00:00Z"))
            let (status, _, body) = try await client.call(.post, "/api/bookings/\(id)/decline", json: #"{"token":"\#(late)"}"#)
            #expect(status == .unprocessableContent && body["rule"] as? String == "session-started")
        }
    }

    @Test func aStaffMemberWhoIsNotConfiguredCannotTakeASession() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            let (status, _, _) = try await client.call(
                .post, "/api/bookings/\(id)/reschedule", json: #"{"start":"2026-12-02T17:00:00Z","staff":"ghost"}"#,
                bearer: ServerFixture.staffToken)
            #expect(status == .badRequest)
        }
    }
}

@Suite struct ReturnCallGapTests {
    @Test func aFullDayLeavesNoGapForAReturnCall() async throws {
        let fixture = try ServerFixture(now: "2026-12-02T16:00:00Z")
        try fillDanasDay(fixture)
        try await fixture.test { client in
            let (status, _, body) = try await client.call(
                .post, "/api/return-calls", json: #"{"contact":"eve@orsted.example"}"#, bearer: ServerFixture.staffToken)
            #expect(status == .unprocessableContent && body["rule"] as? String == "no-return-call-gap", "\(body)")
        }
    }

    /// Dana's day (15:00–23:00Z) booked solid from 16:00Z on.
    func fillDanasDay(_ fixture: ServerFixture) throws {
        try fixture.store.write { tx in
            for hour in 16..<23 {
                let start = SampleBooking.date("2026-12-02T\(hour):00:00Z")
                try tx.insert(
                    Booking(
                        id: BookingID("b-full\(hour)"), companyID: "pine", contactID: "pat",
                        sessionType: SessionType(.liveSession, minutes: 60),
                        start: start, staff: "dana", charge: Charge(basis: .feeSchedule, amount: .usd(140)),
                        bookedAt: start.addingTimeInterval(-86_400)))
            }
        }
    }
}
